"""What a plan's page shows, gathered for someone the selector let read it: the template's parts in the
toolbox's order with what the plan holds in each, the baseline figures by indicator with the trend since then
(through the gate), the follow-ups, and the expectations it is tied to."""

from dataclasses import dataclass, field
from typing import Any

from grundlag.frameworks.models import Expectation
from grundlag.indicators.models import Indicator

from ..models import Action, ActionPlan, BaselineFigure, FollowUp
from .charts import trend_spec
from .exports import baseline_value
from .figures import Trend, trend_since
from .selectors import Viewer, plan_baseline, plan_follow_ups
from .template import Part, Template, plan_template


@dataclass(frozen=True)
class BaselineRow:
    figure: BaselineFigure
    text: str


@dataclass
class IndicatorView:
    """An indicator tied to the plan: its baseline figures, and the unit's trend since the baseline."""

    indicator: Indicator
    baseline: list[BaselineRow] = field(default_factory=list)
    trend: Trend | None = None
    spec: dict[str, Any] | None = None


@dataclass(frozen=True)
class PlanPage:
    plan: ActionPlan
    template: Template
    parts: list[Part]
    indicators: list[IndicatorView]
    actions: list[Action]
    follow_ups: list[FollowUp]
    expectations: list[Expectation]
    figures_hidden: bool = False  # the reader may not see the plan unit's figures


def _indicator_views(plan: ActionPlan, *, user: Viewer) -> list[IndicatorView]:
    views: dict[int, IndicatorView] = {
        indicator.pk: IndicatorView(indicator=indicator) for indicator in plan.indicators.order_by("name")
    }
    for figure in plan_baseline(plan=plan, user=user):
        view = views.get(figure.indicator_id)
        if view is None:
            continue
        view.baseline.append(BaselineRow(figure=figure, text=baseline_value(figure)))
        if figure.unit_id == plan.unit_id:
            view.trend = trend_since(baseline=figure, unit=plan.unit)
            view.spec = trend_spec(view.trend) if view.trend.points else None
    return list(views.values())


def plan_page(*, plan: ActionPlan, user: Viewer) -> PlanPage:
    """The page as this reader sees it (the figures only for someone who may see the unit's figures)."""
    template = plan_template()
    return PlanPage(
        plan=plan,
        template=template,
        parts=template.parts,
        indicators=_indicator_views(plan, user=user),
        actions=list(plan.actions.all()),
        follow_ups=plan_follow_ups(plan=plan),
        expectations=list(plan.expectations.select_related("section").order_by("section__position", "pk")),
        figures_hidden=not user.has_perm("indicators.view_unit_figures", plan.unit),
    )
