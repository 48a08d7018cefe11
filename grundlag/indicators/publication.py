"""What of an indicator's figures may be shown: the one module every page, export and API endpoint reads
indicator figures through.

It decides for one indicator and one period, over the whole organisation at once, so that a figure has the
same fate on every page that shows it (a unit's page, its parent's, the distribution below a municipality).
What it returns holds the shown figures and, for every other one, only the reason it is withheld: a
withheld figure's value, n and standard deviation are never in the result (not in a field, not in a repr).

The rules, in order (the first that applies gives the reason):

1. LEVEL. A figure is withheld when its unit lies below the indicator's lowest level. The levels, highest
   first: the national figure (no unit) is national; a unit of kind "Kommune" (the kind the institution
   register import gives a municipality; any letter case), and any unit above one (an ancestor of a
   municipality), is municipality level; a unit directly below a municipality is institution level (the
   register import puts the schools there, their departments below them); every other unit is unit level
   (the departments of an institution, a unit further down, and every unit of a tree with no municipality
   in it, including units not given). `PublicationLevel.UNIT` allows every unit.
2. NOT PUBLISHED. A figure whose value is None was not published by the source (a blank, never 0).
3. TOO FEW. A figure with a known n below the indicator's min_n is withheld. Where n is not known, the
   figure is shown when the source published it (its value is not None): the source's publication is
   then the only rule that can be applied, and no n is invented.
4. SECONDARY. Every unit with a figure makes a TABLE with its nearest descendants that have figures (its
   children, or further down through units without a figure). Assume the worst: that these make up the
   unit exactly. Then the table is an equation: for sums and counts, parent = the sum of the children; for
   means with known n, which are weighted sums, parent × n = the sum of child × n. A reader who knows the
   shown figures can solve an equation with exactly one unknown. So in every table, the figures WE
   withheld (rules 1, 3 and 4; a figure the source did not publish is counted as known, since we cannot tell
   whether the source counted it in the parent) must be none, or at least two; and while the parent is
   shown, the withheld children, where every one of their n is known, must together hold at least min_n
   (the difference is then over as many as a figure of its own needs). A figure with n 0 weighs nothing in
   a weighted mean, so it needs protecting (a sum) but gives none: the withheld figures with an n other
   than 0 must also be none or at least two. One exception: a shown parent none of whose children is shown,
   and whose children are withheld for level only, may stand (the children together are then the parent
   itself, at a level where it may be shown; everything below a unit withheld for level is withheld for
   level too). So a municipality with one unit below it is not hidden for that unit's sake.
   While a table breaks this, the shown child with the smallest n (an unknown n counts as smallest; ties by
   unit id) is withheld too, and when no child is left to withhold, the parent. This is repeated over all
   tables until none changes.
   Because the tables form a tree (a unit is the parent of one table and a child in at most one other),
   every combination of equations keeps at least two unknowns of ours: no withheld figure can be computed
   from the shown ones, however many pages a reader combines (save figures withheld for level that are,
   by the exception, the shown parent itself). The property tests attack exactly this, by linear algebra.

The national figure is public at its source, and the organisation's units are not taken to make up the
country: it has rules 2 and 3 only and is in no table. Differences between periods are not guarded: each
period is decided on its own.
"""

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import ClassVar, Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from grundlag.organisation.imports.readers.register import MUNICIPALITY_KIND
from grundlag.organisation.models import Unit

from .models import Indicator, Observation, PublicationLevel

# Lowest first: a unit at level L may be shown when the indicator's lowest level ranks at or below L.
LEVEL_RANK = {
    PublicationLevel.UNIT: 0,
    PublicationLevel.INSTITUTION: 1,
    PublicationLevel.MUNICIPALITY: 2,
    PublicationLevel.NATIONAL: 3,
}


class Withholding(models.TextChoices):
    """Why a figure is not shown."""

    LEVEL = "level", _("Suppressed: below the level at which this indicator may be shown")
    NOT_PUBLISHED = "not_published", _("Not published")
    TOO_FEW = "too_few", _("Suppressed: too few")
    SECONDARY = "secondary", _("Suppressed: would let a suppressed figure be computed")


class RuleLike(Protocol):
    @property
    def min_n(self) -> int: ...
    @property
    def lowest_level(self) -> str: ...


class UnitLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...


class ObservationLike(Protocol):
    @property
    def unit_id(self) -> int | None: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def n(self) -> int | None: ...
    @property
    def sd(self) -> Decimal | None: ...


@dataclass(frozen=True)
class Shown:
    """A figure that may be shown, as the source gave it."""

    unit_id: int | None
    value: Decimal
    n: int | None
    sd: Decimal | None
    shown: ClassVar[bool] = True


@dataclass(frozen=True)
class Withheld:
    """A figure that may not be shown: only whose it is and why (its value and n are not kept)."""

    unit_id: int | None
    reason: Withholding
    shown: ClassVar[bool] = False

    @property
    def label(self) -> str:
        return str(self.reason.label)


Figure = Shown | Withheld


@dataclass(frozen=True)
class Publication:
    """One indicator's figures for one period: the national figure (None: no observation), each unit's, and
    each table (a unit with a figure and its nearest descendants with figures, by unit id)."""

    national: Figure | None
    figures: Mapping[int, Figure]
    tables: Mapping[int, tuple[int, ...]]

    def figure(self, unit_id: int) -> Figure | None:
        return self.figures.get(unit_id)

    def below(self, unit_id: int) -> tuple[Figure, ...]:
        """The figures of the table below the unit, in the order of their unit ids."""
        return tuple(self.figures[pk] for pk in self.tables.get(unit_id, ()))


def unit_levels(units: Iterable[UnitLike]) -> dict[int, PublicationLevel]:
    """Each unit's level, by the rule in the module's docstring, from the unit tree."""
    by_id = {unit.id: unit for unit in units}
    municipal = {
        pk for pk, unit in by_id.items() if unit.kind.strip().casefold() == MUNICIPALITY_KIND.casefold()
    }
    above: set[int] = set()
    for pk in municipal:
        seen, parent = {pk}, by_id[pk].parent_id
        while parent is not None and parent in by_id and parent not in seen:  # a loop ends the walk
            above.add(parent)
            seen.add(parent)
            parent = by_id[parent].parent_id
    levels = {}
    for pk, unit in by_id.items():
        if pk in municipal or pk in above:
            levels[pk] = PublicationLevel.MUNICIPALITY
        elif unit.parent_id in municipal:
            levels[pk] = PublicationLevel.INSTITUTION
        else:
            levels[pk] = PublicationLevel.UNIT
    return levels


def _primary(observation: ObservationLike, *, rule: RuleLike, level: PublicationLevel) -> Figure:
    """Rules 1–3 for one figure."""
    unit_id, value = observation.unit_id, observation.value
    if LEVEL_RANK[level] < LEVEL_RANK[PublicationLevel(rule.lowest_level)]:
        return Withheld(unit_id, Withholding.LEVEL)
    if value is None:
        return Withheld(unit_id, Withholding.NOT_PUBLISHED)
    if observation.n is not None and observation.n < rule.min_n:
        return Withheld(unit_id, Withholding.TOO_FEW)
    return Shown(unit_id, value, observation.n, observation.sd)


def _reason(figure: Figure) -> Withholding | None:
    return figure.reason if isinstance(figure, Withheld) else None


def _ours(figure: Figure) -> bool:
    """Withheld by these rules (not merely not published by the source)."""
    return isinstance(figure, Withheld) and figure.reason != Withholding.NOT_PUBLISHED


@dataclass
class _Decision:
    """The figures being decided, the tables, and each unit's n (None: unknown)."""

    rule: RuleLike
    figures: dict[int, Figure]
    tables: dict[int, tuple[int, ...]]
    n_of: dict[int, int | None]

    def exposed(self, parent_id: int) -> bool:
        """Whether the table breaks rule 4."""
        parent, children = self.figures[parent_id], self.tables[parent_id]
        ours = [pk for pk in (parent_id, *children) if _ours(self.figures[pk])]
        if not ours:
            return False
        if not any(self.figures[pk].shown for pk in children):
            if not parent.shown:
                return False  # nothing known to subtract from or with
            if all(_reason(self.figures[pk]) == Withholding.LEVEL for pk in ours):
                return False  # the hidden children together are the parent itself
        weighed = [pk for pk in ours if self.n_of[pk] != 0]  # n 0 weighs nothing in a weighted mean
        if len(ours) == 1 or len(weighed) == 1:
            return True
        hidden = [self.n_of[pk] for pk in children if _ours(self.figures[pk])]
        known = [n for n in hidden if n is not None]
        return parent.shown and len(known) == len(hidden) and sum(known) < self.rule.min_n

    def settle(self, parent_id: int) -> list[int]:
        """Withhold the smallest shown children, then the parent, until the table holds; returns them."""
        withheld = []
        candidates = sorted(
            (pk for pk in self.tables[parent_id] if self.figures[pk].shown),
            key=lambda pk: (self.n_of[pk] is not None, self.n_of[pk] or 0, pk),
        )
        while self.exposed(parent_id):
            pk = candidates.pop(0) if candidates else parent_id
            self.figures[pk] = Withheld(pk, Withholding.SECONDARY)
            withheld.append(pk)
        return withheld

    def run(self) -> None:
        """Settle every table, and again every table a newly withheld figure is in, until nothing changes."""
        table_of = {child: parent for parent, children in self.tables.items() for child in children}
        pending = sorted(self.tables)  # a heap, smallest unit id first
        waiting = set(pending)
        while pending:
            parent_id = heapq.heappop(pending)
            waiting.discard(parent_id)
            for pk in self.settle(parent_id):
                for table in (pk, table_of.get(pk)):
                    if table in self.tables and table not in waiting:
                        heapq.heappush(pending, table)
                        waiting.add(table)


def _nearest_observed(unit_id: int, *, parents: Mapping[int, int | None], observed: set[int]) -> int | None:
    """The nearest unit above `unit_id` that has a figure (None: none, or a loop in the tree)."""
    seen, parent = {unit_id}, parents.get(unit_id)
    while parent is not None and parent not in seen:
        if parent in observed:
            return parent
        seen.add(parent)
        parent = parents.get(parent)
    return None


def publication(
    *, rule: RuleLike, observations: Iterable[ObservationLike], units: Iterable[UnitLike]
) -> Publication:
    """What may be shown of one indicator's figures for one period (`rule` is the indicator, or anything with
    its min_n and lowest_level): the national figure (unit None) and every unit's, by the rules above.

    `units` is the organisation's unit tree (at least every unit with a figure, their ancestors, and every
    municipality with the units between). Raises ValueError for two figures of one unit (give one period).
    """
    units = list(units)
    levels = unit_levels(units)
    national: Figure | None = None
    figures: dict[int, Figure] = {}
    n_of: dict[int, int | None] = {}
    for observation in observations:
        unit_id = observation.unit_id
        if national is not None if unit_id is None else unit_id in figures:
            raise ValueError(f"two figures for unit {unit_id}: give one period")
        if unit_id is None:
            national = _primary(observation, rule=rule, level=PublicationLevel.NATIONAL)
            continue
        figures[unit_id] = _primary(observation, rule=rule, level=levels.get(unit_id, PublicationLevel.UNIT))
        n_of[unit_id] = observation.n
    parents = {unit.id: unit.parent_id for unit in units}
    observed = set(figures)
    grouped: dict[int, list[int]] = {}
    for pk in sorted(figures):
        above = _nearest_observed(pk, parents=parents, observed=observed)
        if above is not None:
            grouped.setdefault(above, []).append(pk)
    tables = {parent: tuple(children) for parent, children in grouped.items()}
    _Decision(rule=rule, figures=figures, tables=tables, n_of=n_of).run()
    return Publication(national=national, figures=MappingProxyType(figures), tables=MappingProxyType(tables))


@dataclass(frozen=True)
class _UnitRow:
    id: int
    parent_id: int | None
    kind: str


def publication_load(*, indicator: Indicator, period_kind: str, period_start: date) -> Publication:
    """The indicator's figures for one period, from the database, decided over the whole organisation."""
    observations = Observation.objects.filter(
        indicator=indicator, period_kind=period_kind, period_start=period_start
    ).only("unit_id", "value", "n", "sd")
    units = [_UnitRow(*row) for row in Unit.objects.order_by().values_list("id", "parent_id", "kind")]
    return publication(rule=indicator, observations=observations, units=units)
