"""Units named in a file, matched to the organisation: by key, or by name, with the municipality in
parentheses as the national school files write it ("Aabybro Skole (Jammerbugt)"). A unit that has ended
(its end date is before today) is never matched: its figures would belong to a unit that is no more."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from grundlag.organisation.models import Unit

IN_PARENTHESES = re.compile(r"^(?P<name>.*\S)\s*\((?P<place>[^()]+)\)$")
MUNICIPALITY_SUFFIXES = (" regionskommune", " kommune")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def municipality_name(name: str) -> str:
    """ "Københavns Kommune" → "københavn", "Bornholms Regionskommune" → "bornholm", "Jammerbugt Kommune"
    → "jammerbugt": the register's name of a municipality as school files write it (the genitive s
    dropped). The result is compared with the name in parentheses with and without a final s."""
    folded = _fold(name)
    for suffix in MUNICIPALITY_SUFFIXES:
        if folded.endswith(suffix):
            return folded.removesuffix(suffix)
    return folded


class UnmatchedUnit(ValueError):
    """No unit, or more than one, has the name or key; the message says which."""


@dataclass
class UnitIndex:
    """The organisation's units, looked up by key and by name, read once per import."""

    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[int, int | None] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    ended: dict[int, datetime.date] = field(default_factory=dict)  # units whose end date is before today
    # What each text in the file matched (a unit's id, or why not): a file names its units again and again.
    _found: dict[str, int | str] = field(default_factory=dict)

    @classmethod
    def load(cls, *, today: datetime.date | None = None) -> "UnitIndex":
        index = cls()
        today = today or timezone.localdate()
        units = Unit.objects.values_list("pk", "key", "name", "parent_id", "end_date")
        for pk, key, name, parent, end_date in units:
            index.by_key[key].append(pk)
            index.by_name[_fold(name)].append(pk)
            index.parents[pk], index.names[pk], index.keys[pk] = parent, name, key
            if end_date is not None and end_date < today:
                index.ended[pk] = end_date
        return index

    def _places(self, pk: int) -> set[str]:
        """The names of the units above a unit, as municipality names."""
        places: set[str] = set()
        parent = self.parents.get(pk)
        while parent is not None and len(places) < 100:
            places.add(municipality_name(self.names[parent]))
            parent = self.parents.get(parent)
        return places

    def match(self, text: str) -> int:
        """The unit's id: by key first, then by name (with its municipality in parentheses); UnmatchedUnit
        says why not. A text is looked up once; its answer is kept for the rows that repeat it."""
        found = self._found.get(text)
        if found is None:
            try:
                found = self._match(text.strip())
            except UnmatchedUnit as error:
                found = str(error)
            self._found[text] = found
        if isinstance(found, str):
            raise UnmatchedUnit(found)
        return found

    def _match(self, text: str) -> int:
        keyed = self.by_key.get(text, [])
        live_keyed = [pk for pk in keyed if pk not in self.ended]
        if len(live_keyed) == 1:
            return live_keyed[0]
        named = self._named(text)
        live = [pk for pk in named if pk not in self.ended]
        if len(live) == 1:
            return live[0]
        if live or live_keyed:
            raise UnmatchedUnit(
                _("More than one unit is named %(name)s; use the unit's key.") % {"name": text}
            )
        if ended := keyed + named:
            last = max(ended, key=lambda pk: self.ended[pk])
            raise UnmatchedUnit(
                _("The unit %(name)s ended on %(date)s; figures are not imported for a unit that has ended.")
                % {
                    "name": self.names[last],
                    "date": formats.date_format(self.ended[last], "SHORT_DATE_FORMAT"),
                }
            )
        raise UnmatchedUnit(_("No unit has the key or name %(name)s.") % {"name": text})

    def _named(self, text: str) -> list[int]:
        """The units with the name, or with the name in the municipality in parentheses."""
        candidates = self.by_name.get(_fold(text), [])
        if not candidates and (parts := IN_PARENTHESES.match(text)):
            place = _fold(parts["place"])
            found = self.by_name.get(_fold(parts["name"]), [])
            candidates = [pk for pk in found if place in self._places(pk) or place + "s" in self._places(pk)]
            if not candidates and found:
                raise UnmatchedUnit(
                    _("A unit is named %(name)s, but not under the municipality %(place)s.")
                    % {"name": parts["name"], "place": parts["place"]}
                )
        return candidates
