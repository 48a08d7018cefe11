"""What the indicators put on the start page: for a leader, the latest key figures of the units they lead
(each through the publication gate's kept decisions) and a link to each unit's indicators. Nothing for anyone
leading no unit with figures."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections
from grundlag.organisation.models import Unit

from .figures import Change, Estimate, change
from .models import Indicator, Observation
from .publication_cache import publications_cached
from .rules import units_led_ids
from .selectors import Period, Point, data_type_order, figure_point

KEY_FIGURES = 6  # per unit: the first indicators in the order of the broad data concept, then by name


@dataclass(frozen=True)
class KeyFigure:
    indicator: Indicator
    period: Period
    point: Point
    previous: Period | None
    change: Change | None


@dataclass(frozen=True)
class UnitKeyFigures:
    unit: Unit
    figures: list[KeyFigure]


def key_figures_for_user(*, user: User | AnonymousUser) -> list[UnitKeyFigures]:
    """The units the user leads that have figures of their own, each with its latest key figures."""
    return key_figures(unit_ids=units_led_ids(user=user))


def key_figures(*, unit_ids: Iterable[int]) -> list[UnitKeyFigures]:
    """The latest key figures of these units (those with figures of their own), through the gate; the caller
    has decided that whoever reads them may see these units' figures."""
    led = set(unit_ids)
    if not led:
        return []
    periods: dict[tuple[int, int], list[Period]] = {}
    for unit_id, indicator_id, kind, start, label in (
        Observation.objects.filter(unit_id__in=led)
        .order_by("period_start")
        .values_list("unit_id", "indicator_id", "period_kind", "period_start", "period")
    ):
        periods.setdefault((unit_id, indicator_id), []).append(Period(start, kind, label))
    if not periods:
        return []
    indicators = Indicator.objects.in_bulk({indicator_id for _unit, indicator_id in periods})
    units = Unit.objects.in_bulk({unit_id for unit_id, _indicator in periods})
    latest = {pair: _latest_two(found) for pair, found in periods.items()}
    decided = publications_cached(
        wanted={
            (indicators[indicator_id], period.kind, period.start)
            for (_unit, indicator_id), pair in latest.items()
            for period in pair
            if period is not None
        }
    )
    found: dict[int, list[KeyFigure]] = {}
    for (unit_id, indicator_id), (period, previous) in latest.items():
        before = None
        if previous is not None:
            before = decided[(indicator_id, previous.kind, previous.start)].figures.get(unit_id)
        now = figure_point(figure=decided[(indicator_id, period.kind, period.start)].figures.get(unit_id))
        step = _change(figure_point(figure=before) if before is not None else None, now)
        found.setdefault(unit_id, []).append(KeyFigure(indicators[indicator_id], period, now, previous, step))
    order = {data_type: place for place, data_type in enumerate(data_type_order())}
    for figures in found.values():
        figures.sort(
            key=lambda f: (order.get(f.indicator.data_type, len(order)), f.indicator.name.casefold())
        )
    return [
        UnitKeyFigures(units[pk], found[pk][:KEY_FIGURES])
        for pk in sorted(found, key=lambda pk: (units[pk].name, pk))
    ]


def _latest_two(periods: list[Period]) -> tuple[Period, Period | None]:
    latest = max(periods)
    earlier = [p for p in periods if p < latest and p.kind == latest.kind]
    return latest, max(earlier) if earlier else None


def _change(before: Point | None, after: Point) -> Change | None:
    if before is None or before.value is None or after.value is None:
        return None
    return change(
        before=Estimate(before.value, before.n, before.sd), after=Estimate(after.value, after.n, after.sd)
    )


@start_sections
def indicators_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    units = key_figures_for_user(user=user)
    if not units:
        return []
    return [StartSection(template="indicators/_start_figures.html", context={"units": units}, order=33)]
