"""Reads of the indicators app: what is stored, in the shape the importer reads back."""

import csv
import io
import json
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from grundlag.core.rules import is_administrator, require
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import Viewer, unit_ancestors, unit_subtree_q, units_below, units_search
from grundlag.tools.definitions import BUILTIN_DIR, read_file

from .figures import (
    Change,
    Estimate,
    Interval,
    change,
    changes_between,
    interval95,
    median,
    mostly_within_noise,
)
from .imports.mapping import NATIONAL, period_parse
from .models import DataType, Indicator, Observation
from .publication import Figure, Publication, Withheld
from .publication_cache import PeriodKey, publications_cached
from .rules import units_led_ids

EXPORT_COLUMNS = ["indicator", "unit", "period", "value", "n", "sd"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def indicator_definitions(*, indicator_key: str | None = None) -> list[dict[str, Any]]:
    """The stored indicators as a mapping file defines them."""
    indicators = Indicator.objects.all()
    if indicator_key:
        indicators = indicators.filter(key=indicator_key)
    return [
        {
            "key": i.key,
            "name": i.name,
            "description": i.description,
            "data_type": i.data_type,
            "direction": i.direction,
            "unit_of_measure": i.unit_of_measure,
            "scale": [_number(i.scale_min), _number(i.scale_max)],
            "decimals": i.decimals,
            "source": i.source,
            "credit": i.credit,
            "min_n": i.min_n,
            "lowest_level": i.lowest_level,
        }
        for i in indicators
    ]


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def observation_rows(*, indicator_key: str | None = None) -> list[dict[str, str]]:
    """The stored observations (long format), the unit by its key and the national figure's as "national";
    a blank value stays blank."""
    observations = Observation.objects.all()
    if indicator_key:
        observations = observations.filter(indicator__key=indicator_key)
    order = ("indicator__key", "period_start", F("unit__key").asc(nulls_first=True))
    columns = ("indicator__key", "unit__key", "period", "value", "n", "sd")
    return [
        {
            "indicator": indicator,
            "unit": NATIONAL if unit is None else unit,
            "period": period,
            "value": _text(value),
            "n": _text(n),
            "sd": _text(sd),
        }
        for indicator, unit, period, value, n, sd in observations.order_by(*order).values_list(*columns)
    ]


def indicators_export(*, format: str = "csv", indicator_key: str | None = None) -> str:
    """What is stored: CSV in the long format (observations only; their definitions are
    `indicators_export_mapping`), or JSON with the indicators too."""
    rows = observation_rows(indicator_key=indicator_key)
    if format == "json":
        document = {"indicators": indicator_definitions(indicator_key=indicator_key), "observations": rows}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def indicators_export_mapping(*, indicator_key: str | None = None) -> str:
    """The mapping file (YAML) a CSV export is imported with: the long format, a point as the decimal mark,
    and the stored indicators' definitions, so that the CSV and its mapping give an empty database the same
    indicators and observations."""
    document = {
        "format": "long",
        "decimal_mark": ".",
        "indicators": indicator_definitions(indicator_key=indicator_key),
    }
    header = (
        "# Indicator definitions for a CSV of indicators_export: indicators_import FILE --mapping THIS_FILE\n"
    )
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=110)


# --- For the API: the definitions, a unit's figures one by one, the right to write them ---------------------


def indicators_for_user(*, user: Any) -> QuerySet[Indicator]:
    """Every indicator's definition, by name, for administrators and leaders; 403 for anyone else."""
    require(user, "indicators.view_indicators")
    return Indicator.objects.order_by("name", "key")


def indicators_manage_for_user(*, user: Any) -> None:
    """Refuses (403) anyone who may not write indicators and observations: everyone but an administrator."""
    require(user, "indicators.manage")


@dataclass(frozen=True)
class UnitFigure:
    """One of a unit's figures as the publication gate decided it (a withheld one holds only its reason)."""

    indicator: Indicator
    period: str
    period_kind: str
    period_start: date
    figure: Figure


def unit_figures_for_user(
    *, user: Any, unit: Unit, indicator_key: str | None = None, period: str | None = None
) -> list[UnitFigure]:
    """The unit's figures by indicator (by name) and period, each through the publication gate (the kept
    decision); 404 for a unit whose figures the user may not see. A period that is not one has no figures."""
    _unit_allowed(user=user, unit=unit)
    observed = Observation.objects.filter(unit=unit)
    if indicator_key is not None:
        observed = observed.filter(indicator__key=indicator_key)
    if period is not None:
        try:
            kind, start = period_parse(period)
        except ValueError:
            return []
        observed = observed.filter(period_kind=kind, period_start=start)
    keys = list(
        observed.order_by("indicator__name", "indicator__key", "period_start", "period_kind")
        .values_list("indicator_id", "period_kind", "period_start", "period")
        .distinct()
    )
    indicators = Indicator.objects.in_bulk({key[0] for key in keys})
    decided = publications_cached(wanted=[(indicators[pk], kind, start) for pk, kind, start, _text in keys])
    return [
        UnitFigure(indicators[pk], text, kind, start, decided[(pk, kind, start)].figures[unit.pk])
        for pk, kind, start, text in keys
    ]


# The indicator pages (issue 17): the units a user may see figures of, a unit's figures, one indicator over
# time. Every figure comes from the publication gate's kept decisions (publication_cache); a withheld figure
# becomes a Point with its reason and no value, so no page can show what the gate withheld.

INDEX_LIMIT = 500  # units listed below a leader's own on the index


@dataclass(frozen=True, order=True)
class Period:
    """A period figures are given for, as people write it ("2023/24"); ordered by its first day."""

    start: date
    kind: str
    label: str = field(compare=False)


@dataclass(frozen=True)
class Point:
    """One figure as the pages show it: the value with n, sd and its 95% interval where known, or (no value)
    only why it is not shown."""

    value: Decimal | None = None
    n: int | None = None
    sd: Decimal | None = None
    interval: Interval | None = None
    reason: str = ""

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class UnitIndex:
    """The index: the units the user leads and those below them that have figures, or (the administrator)
    the units found by a search, the top units without one."""

    led: list[Unit]
    below: list[Unit]
    found: list[Unit]
    query: str = ""
    searching: bool = False


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator on a unit's page: the latest period's figure, the change since the period before, and
    the same period's figures of the units above (aligned with the group's columns) and the country."""

    indicator: Indicator
    period: Period
    point: Point
    previous: Period | None
    change: Change | None
    above: tuple[Point | None, ...]
    national: Point | None


@dataclass(frozen=True)
class DataTypeGroup:
    data_type: str
    label: str
    columns: tuple[Unit, ...]  # the units above with a figure shown in the group, nearest first
    rows: tuple[IndicatorRow, ...]
    national: bool  # a national figure is shown in the group
    credits: tuple[str, ...]


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    ancestors: list[Unit]  # top first
    groups: tuple[DataTypeGroup, ...]


@dataclass(frozen=True)
class Series:
    """One line of an indicator's page: the unit's, a unit's above it, or the country's (unit None)."""

    unit: Unit | None
    name: str
    points: tuple[Point, ...]  # one per period of the page
    own: bool = False


@dataclass(frozen=True)
class YearChange:
    """The unit's change from one period to the next, both shown."""

    before: Period
    after: Period
    change: Change


@dataclass(frozen=True)
class BelowRow:
    unit_id: int
    name: str
    point: Point


@dataclass(frozen=True)
class Distribution:
    """The latest period's shown figures of the nearest units below with figures, highest first."""

    period: Period
    rows: tuple[BelowRow, ...]
    withheld: int  # units below with a figure that is not shown
    median: float | None


@dataclass(frozen=True)
class PeriodRow:
    """One period of an indicator's table: each series' point, and the unit's change into the period."""

    period: Period
    points: tuple[Point, ...]
    change: Change | None


@dataclass(frozen=True)
class IndicatorSeries:
    unit: Unit
    indicator: Indicator
    periods: tuple[Period, ...]
    series: tuple[Series, ...]  # the unit's first, then the units above nearest first, then the country
    changes: tuple[YearChange, ...]
    mostly_noise: bool  # most of the unit's year-to-year changes that can be judged lie within the noise
    distribution: Distribution | None

    @property
    def rows(self) -> list[PeriodRow]:
        into = {step.after: step.change for step in self.changes}
        return [
            PeriodRow(period, tuple(line.points[i] for line in self.series), into.get(period))
            for i, period in enumerate(self.periods)
        ]


@dataclass
class _Where:
    """Where an indicator has figures in one period, seen from a unit: the unit or a unit above it, below
    it, the country."""

    here: int
    below: int
    national: int


def _no_figure() -> Point:
    return Point(reason=gettext("No figure"))


def _point(figure: Figure | None) -> Point:
    """What a page may show of a figure: a withheld one's reason only; None (no observation): "No figure"."""
    if figure is None:
        return _no_figure()
    if isinstance(figure, Withheld):
        return Point(reason=figure.label)
    estimate = Estimate(figure.value, figure.n, figure.sd)
    return Point(value=figure.value, n=figure.n, sd=figure.sd, interval=interval95(estimate))


def figure_point(*, figure: Figure | None) -> Point:
    """What a page may show of a figure the gate decided (see `_point`)."""
    return _point(figure)


def _shown(point: Point | None) -> bool:
    return point is not None and point.shown


def _estimate(point: Point) -> Estimate | None:
    return None if point.value is None else Estimate(point.value, point.n, point.sd)


def _unit_allowed(*, user: Viewer, unit: Unit) -> None:
    """404 unless the user may see the unit's figures (asked once per unit object, that is once a request)."""
    if getattr(unit, "_grundlag_figures_for", None) == user.pk and user.is_authenticated:
        return
    try:
        require(user, "indicators.view_unit_figures", unit)
    except PermissionDenied:
        raise Http404("No such unit.") from None
    setattr(unit, "_grundlag_figures_for", user.pk)  # noqa: B010 (a mark on this object, not a field)


def unit_get_for_user(*, user: Viewer, pk: int) -> Unit:
    """A unit whose figures the user may see; 404 for any other, so that existence is not revealed."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404("No such unit.")
    _unit_allowed(user=user, unit=unit)
    return unit


def indicator_get(*, key: str) -> Indicator:
    """An indicator by its key, or 404 (its definition is no secret; its figures go through the gate)."""
    indicator = Indicator.objects.filter(key=key).first()
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


def units_for_user(*, user: Viewer, query: str = "") -> UnitIndex:
    """The index of the indicator pages: 403 for anyone who leads no unit and is not the administrator."""
    require(user, "indicators.view_indicators")
    query = query.strip()
    if is_administrator(user):
        found = (
            units_search(query=query)
            if query
            else list(Unit.objects.filter(parent__isnull=True).order_by("name", "pk")[:INDEX_LIMIT])
        )
        return UnitIndex(led=[], below=[], found=found, query=query, searching=True)
    led_ids = units_led_ids(user=user)
    led = list(Unit.objects.filter(pk__in=led_ids).order_by("depth", "name", "pk"))
    subtrees = Q(pk__in=[])
    for unit in led:
        subtrees |= unit_subtree_q(unit=unit)
    below = list(
        Unit.objects.filter(subtrees)
        .exclude(pk__in=led_ids)
        .filter(Exists(Observation.objects.filter(unit_id=OuterRef("pk"))))
        .order_by("depth", "name", "pk")[:INDEX_LIMIT]
    )
    return UnitIndex(led=led, below=below, found=[])


def _periods(*, unit: Unit, above_ids: list[int], indicator: Indicator | None = None) -> dict[int, dict]:
    """For each indicator (or the one given): its periods, and where it has figures in each seen from the
    unit. Two queries that each use an index (one with an OR over the unit and its subtree would use none)."""
    mine = [unit.pk, *above_ids]
    observations = Observation.objects.order_by()
    if indicator is not None:
        observations = observations.filter(indicator=indicator)
    grouped = ("indicator_id", "period_kind", "period_start")
    here = (
        observations.filter(Q(unit_id__in=mine) | Q(unit__isnull=True))
        .values(*grouped)
        .annotate(
            label=Max("period"),
            here=Count("pk", filter=Q(unit__isnull=False)),
            national=Count("pk", filter=Q(unit__isnull=True)),
        )
    )
    # The units below as a list of ids: with a subquery the planner reads every figure of the indicator.
    below_ids = list(units_below(unit=unit).exclude(pk=unit.pk).values_list("pk", flat=True))
    below = (
        observations.filter(unit_id__in=below_ids)
        .values(*grouped)
        .annotate(label=Max("period"), below=Count("pk"))
    )
    periods: dict[int, dict[Period, _Where]] = {}
    for rows in (here, below):
        for row in rows:
            period = Period(row["period_start"], row["period_kind"], row["label"])
            where = periods.setdefault(row["indicator_id"], {}).setdefault(period, _Where(0, 0, 0))
            where.here += row.get("here", 0)
            where.national += row.get("national", 0)
            where.below += row.get("below", 0)
    return periods


def _latest_two(where: dict[Period, _Where]) -> tuple[Period, Period | None]:
    """The latest period with figures of the unit, above or below it (else the country's), and the one before
    it of the same kind."""
    candidates = sorted(p for p, w in where.items() if w.here or w.below) or sorted(where)
    latest = candidates[-1]
    previous = next((p for p in reversed(candidates[:-1]) if p.kind == latest.kind), None)
    return latest, previous


@cache
def data_type_order() -> tuple[str, ...]:
    """The four data types in the source's order (the toolbox's shipped tool of the broad data concept)."""
    content = read_file(BUILTIN_DIR / "det-brede-databegreb.yaml")["content"]
    return tuple(item["key"] for item in content["data_types"])


def unit_indicators_for_user(*, user: Viewer, unit: Unit) -> UnitFigures:
    """Every indicator with figures for the unit, a unit above it or below it: the latest period's figure
    with the change since the period before, beside the units above and the country, by data type."""
    _unit_allowed(user=user, unit=unit)
    ancestors = unit_ancestors(unit=unit)
    periods = _periods(unit=unit, above_ids=[a.pk for a in ancestors])
    indicators = Indicator.objects.in_bulk(list(periods))
    chosen = {pk: _latest_two(where) for pk, where in periods.items()}
    decided = publications_cached(
        wanted=[
            (indicators[pk], period.kind, period.start)
            for pk, pair in chosen.items()
            for period in pair
            if period is not None
        ]
    )
    nearest_first = ancestors[::-1]
    rows = [
        _indicator_row(indicators[pk], latest, previous, decided=decided, unit=unit, above=nearest_first)
        for pk, (latest, previous) in chosen.items()
    ]
    groups = [
        _group(data_type, [row for row in rows if row.indicator.data_type == data_type], above=nearest_first)
        for data_type in data_type_order()
    ]
    return UnitFigures(unit=unit, ancestors=ancestors, groups=tuple(group for group in groups if group.rows))


def _indicator_row(
    indicator: Indicator,
    latest: Period,
    previous: Period | None,
    *,
    decided: dict[PeriodKey, Publication],
    unit: Unit,
    above: list[Unit],
) -> IndicatorRow:
    publication = decided[(indicator.pk, latest.kind, latest.start)]
    point = _point(publication.figures.get(unit.pk))
    found: Change | None = None
    if previous is not None:
        before = _point(decided[(indicator.pk, previous.kind, previous.start)].figures.get(unit.pk))
        first, second = _estimate(before), _estimate(point)
        found = change(before=first, after=second) if first and second else None
    return IndicatorRow(
        indicator=indicator,
        period=latest,
        point=point,
        previous=previous,
        change=found,
        above=tuple(
            _point(publication.figures[a.pk]) if a.pk in publication.figures else None for a in above
        ),
        national=None if publication.national is None else _point(publication.national),
    )


def _group(data_type: str, rows: list[IndicatorRow], *, above: list[Unit]) -> DataTypeGroup:
    """One data type's indicators (by name), with a column for each unit above that has a figure shown."""
    rows.sort(key=lambda row: (row.indicator.name.casefold(), row.indicator.key))
    keep = [i for i in range(len(above)) if any(_shown(row.above[i]) for row in rows)]
    rows = [replace(row, above=tuple(row.above[i] for i in keep)) for row in rows]
    return DataTypeGroup(
        data_type=data_type,
        label=str(DataType(data_type).label),
        columns=tuple(above[i] for i in keep),
        rows=tuple(rows),
        national=any(_shown(row.national) for row in rows),
        credits=tuple(dict.fromkeys(row.indicator.credit for row in rows if row.indicator.credit)),
    )


def indicator_series_for_user(*, user: Viewer, unit: Unit, indicator: Indicator) -> IndicatorSeries:
    """One indicator over every period: the unit, each unit above it with figures and the country, each
    point shown (with its 95% interval where n and sd are known) or withheld with the reason; the unit's
    year-to-year changes judged against the noise; the latest period's figures of the units below."""
    _unit_allowed(user=user, unit=unit)
    ancestors = unit_ancestors(unit=unit)
    found = _periods(unit=unit, above_ids=[a.pk for a in ancestors], indicator=indicator)
    where = found.get(indicator.pk, {})
    periods = tuple(sorted(where))
    decided = publications_cached(wanted=[(indicator, p.kind, p.start) for p in periods])
    publications = [decided[(indicator.pk, p.kind, p.start)] for p in periods]
    own = Series(unit, unit.name, tuple(_point(pub.figures.get(unit.pk)) for pub in publications), own=True)
    series = [own]
    for above in ancestors[::-1]:
        if any(above.pk in pub.figures for pub in publications):
            points = tuple(_point(pub.figures.get(above.pk)) for pub in publications)
            series.append(Series(above, above.name, points))
    if any(pub.national is not None for pub in publications):
        points = tuple(_point(pub.national) for pub in publications)
        series.append(Series(None, gettext("The whole country"), points))
    steps = changes_between([_estimate(point) for point in own.points])
    changes = tuple(
        YearChange(periods[i], periods[i + 1], step) for i, step in enumerate(steps) if step is not None
    )
    below = [p for p in periods if where[p].below]
    latest = below[-1] if below else None
    distribution = (
        None
        if latest is None
        else _distribution(unit, latest, decided[(indicator.pk, latest.kind, latest.start)])
    )
    return IndicatorSeries(
        unit=unit,
        indicator=indicator,
        periods=periods,
        series=tuple(series),
        changes=changes,
        mostly_noise=mostly_within_noise(c.change for c in changes),
        distribution=distribution,
    )


def _below_ids(unit: Unit, publication: Publication) -> list[int]:
    """The nearest units below the unit that have a figure in the period: the unit's table in the gate, or,
    where the unit has no figure itself, found by walking up from each unit below with one."""
    if unit.pk in publication.figures:
        return list(publication.tables.get(unit.pk, ()))
    parents: dict[int, int | None] = dict(units_below(unit=unit).values_list("pk", "parent_id"))
    found = []
    for pk in parents:
        if pk == unit.pk or pk not in publication.figures:
            continue
        up = parents.get(pk)
        while up is not None and up != unit.pk and up not in publication.figures:
            up = parents.get(up)
        if up == unit.pk:
            found.append(pk)
    return sorted(found)


def _distribution(unit: Unit, period: Period, publication: Publication) -> Distribution:
    ids = _below_ids(unit, publication)
    points = {pk: _point(publication.figures[pk]) for pk in ids}
    shown = [pk for pk, point in points.items() if point.shown]
    names = dict(Unit.objects.filter(pk__in=shown).values_list("pk", "name"))
    rows = sorted(
        (BelowRow(pk, names.get(pk, ""), points[pk]) for pk in shown),
        key=lambda row: (-(row.point.value or 0), row.name, row.unit_id),
    )
    return Distribution(
        period=period,
        rows=tuple(rows),
        withheld=len(ids) - len(shown),
        median=median(row.point.value for row in rows if row.point.value is not None),
    )
