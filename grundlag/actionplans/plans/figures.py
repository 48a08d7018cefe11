"""An action plan's figures, always read through the indicators' publication gate: the baseline (Ståsted)
copied when an indicator is attached, and the trend since then for the follow-ups.

The baseline is the latest period in which the indicator has a figure for the plan's unit, as the gate shows
it then: the unit's figure, its parent units' and the national one. A figure the gate withholds is copied as
its reason, never as a value. The copy is kept: a later import changes the trend, never the baseline.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from grundlag.indicators import publication as gate
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.publication_cache import publication_cached, publications_cached
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import unit_ancestors

from ..models import BaselineFigure


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    label: str


def _periods(*, indicator: Indicator, unit_ids: list[int | None], after: date | None = None) -> list[Period]:
    """The periods in which the indicator has a figure for one of the units (None: national), oldest first."""
    whose = Q(unit_id__in=[pk for pk in unit_ids if pk is not None])
    if None in unit_ids:
        whose |= Q(unit__isnull=True)
    rows = Observation.objects.filter(whose, indicator=indicator)
    if after is not None:
        rows = rows.filter(period_start__gt=after)
    found = rows.order_by("period_start", "period_kind").values_list("period_kind", "period_start", "period")
    periods: dict[tuple[str, date], Period] = {}
    for kind, start, label in found:
        periods.setdefault((kind, start), Period(kind=kind, start=start, label=label))
    return list(periods.values())


def periods_of(*, indicator: Indicator, unit: Unit) -> list[Period]:
    """The periods in which the indicator has a figure for the unit, oldest first."""
    return _periods(indicator=indicator, unit_ids=[unit.pk])


def latest_period(*, indicator: Indicator, unit: Unit) -> Period | None:
    """The latest period in which the indicator has a figure for the unit; else for a unit above it or the
    country (None: no figure at all)."""
    own: list[int | None] = [unit.pk]
    for ids in (own, [*(above.pk for above in unit_ancestors(unit=unit)), None]):
        periods = _periods(indicator=indicator, unit_ids=ids)
        if periods:
            return periods[-1]
    return None


def baseline_figures_make(
    *, plan_id: int, indicator: Indicator, unit: Unit, period_start: date | None = None
) -> list[BaselineFigure]:
    """The baseline figures (unsaved) of an indicator for the plan's unit, its parent units and the country,
    in the latest period (or the one starting on `period_start`), as the gate shows them; none when the
    indicator has no figure there."""
    if period_start is None:
        period = latest_period(indicator=indicator, unit=unit)
    else:
        period = next(
            (p for p in periods_of(indicator=indicator, unit=unit) if p.start == period_start), None
        )
    if period is None:
        return []
    decided = publication_cached(indicator=indicator, period_kind=period.kind, period_start=period.start)
    units: list[Unit | None] = [unit, *reversed(unit_ancestors(unit=unit)), None]
    made = []
    for each in units:
        figure = decided.national if each is None else decided.figure(each.pk)
        if figure is None:
            continue
        made.append(
            BaselineFigure(
                plan_id=plan_id,
                indicator=indicator,
                unit=each,
                period_kind=period.kind,
                period_start=period.start,
                period=period.label,
                value=figure.value if isinstance(figure, gate.Shown) else None,
                n=figure.n if isinstance(figure, gate.Shown) else None,
                sd=figure.sd if isinstance(figure, gate.Shown) else None,
                withheld="" if isinstance(figure, gate.Shown) else figure.reason.value,
            )
        )
    return made


@dataclass(frozen=True)
class TrendPoint:
    """The unit's figure in a period after the baseline, and its change since the baseline (None where
    either is withheld)."""

    period: str
    period_start: date
    value: Decimal | None
    n: int | None
    withheld: str  # the reason's label when no value may be shown
    change: Decimal | None


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    baseline: BaselineFigure
    points: list[TrendPoint]


def withheld_label(reason: str) -> str:
    """A withholding reason in words ("" for none)."""
    return str(gate.Withholding(reason).label) if reason else ""


def trend_since(*, baseline: BaselineFigure, unit: Unit) -> Trend:
    """The unit's figures of the baseline's indicator in the periods after the baseline's, by the gate (its
    decisions for all those periods read at once)."""
    indicator = baseline.indicator
    periods = [
        period
        for period in _periods(indicator=indicator, unit_ids=[unit.pk], after=baseline.period_start)
        if period.kind == baseline.period_kind
    ]
    decided = publications_cached(wanted=[(indicator, period.kind, period.start) for period in periods])
    points = []
    for period in periods:
        figure = decided[(indicator.pk, period.kind, period.start)].figure(unit.pk)
        if figure is None:
            continue
        if isinstance(figure, gate.Shown):
            value, n, withheld = figure.value, figure.n, ""
        else:
            value, n, withheld = None, None, str(figure.reason.label)
        change = value - baseline.value if value is not None and baseline.value is not None else None
        points.append(TrendPoint(period.label, period.start, value, n, withheld, change))
    return Trend(indicator=indicator, baseline=baseline, points=points)
