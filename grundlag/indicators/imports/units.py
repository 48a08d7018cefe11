"""Units named in a file, matched to the organisation: by key, or by name, with the municipality in
parentheses as the national school files write it ("Aabybro Skole (Jammerbugt)")."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

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

    @classmethod
    def load(cls) -> "UnitIndex":
        index = cls()
        for pk, key, name, parent in Unit.objects.values_list("pk", "key", "name", "parent_id"):
            index.by_key[key].append(pk)
            index.by_name[_fold(name)].append(pk)
            index.parents[pk], index.names[pk], index.keys[pk] = parent, name, key
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
        """The unit's id: by key first, then by name (with its municipality in parentheses)."""
        text = text.strip()
        if len(keyed := self.by_key.get(text, [])) == 1:
            return keyed[0]
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
        if len(candidates) == 1:
            return candidates[0]
        if candidates or len(keyed) > 1:
            raise UnmatchedUnit(
                _("More than one unit is named %(name)s; use the unit's key.") % {"name": text}
            )
        raise UnmatchedUnit(_("No unit has the key or name %(name)s.") % {"name": text})
