"""Action plans (handleplaner), read-only, under the plan pages' rules: a plan is read by its owner, its
leadership team's members and, when the owner shares it, the leaders above the owner; anyone else, an
administrator included, does not find it. Its baseline figures are as the plan keeps them: only what the
publication gate showed was copied, so a withheld figure is `null` with its reason."""

import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from grundlag.actionplans.models import Action, ActionPlan, BaselineFigure, FollowUp
from grundlag.actionplans.plans.figures import withheld_label
from grundlag.actionplans.plans.selectors import (
    MEMBER,
    OWNER,
    SUPERIOR,
    plan_baseline,
    plan_follow_ups,
    plan_get_for_user,
    plan_lists_for_user,
)

from .common import NOT_FOUND_ERRORS, READ_ERRORS, Pagination, api_audit, api_user, id_path

router = Router(tags=["action plans"])


class PlanPersonOut(Schema):
    id: int = Field(description="The person's id.")
    name: str


class PlanUnitOut(Schema):
    id: int = Field(description="The unit's id.")
    name: str


class ActionPlanOut(Schema):
    id: int
    role: str = Field(description="The caller's part: owner, member (of its leadership team) or superior.")
    title: str = Field(description="The area of effort.")
    status: str = Field(description="draft, active, evaluated or dropped.")
    unit: PlanUnitOut
    owner: PlanPersonOut
    shared_with_superior: bool
    evaluate_on: datetime.date | None = Field(description="When the plan is to be evaluated.")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_role(plan: ActionPlan) -> str:
        return plan.api_role  # type: ignore[attr-defined]


class PlanActionOut(Schema):
    id: int
    what: str = Field(description="What we will try (Tiltag).")
    who: str = Field(description="Who does what.")
    when: str
    due: datetime.date | None
    episode: str = Field(description="The episode or situation it is tied to.")
    signs: str = Field(description="The signs of success (Tegn).")
    done_on: datetime.date | None


class FollowUpOut(Schema):
    held_on: datetime.date
    signs_seen: str
    note: str = Field(description="What was learned and is adjusted.")
    next_on: datetime.date | None = Field(description="The next follow-up.")
    by: str | None = Field(description="Who recorded it; null where that person was erased.")

    @staticmethod
    def resolve_by(follow_up: FollowUp) -> str | None:
        return follow_up.author.name if follow_up.author else None


class BaselineFigureOut(Schema):
    indicator: str = Field(description="The indicator's key.")
    unit: int | None = Field(description="The unit's id; null for the national figure.")
    period: str
    value: float | None = Field(description="As the gate showed it when attached; null when withheld.")
    n: int | None
    sd: float | None
    reason: str | None = Field(description="Why it was withheld (level, too_few, …); null when shown.")
    reason_text: str | None

    @staticmethod
    def resolve_indicator(figure: BaselineFigure) -> str:
        return figure.indicator.key

    @staticmethod
    def resolve_unit(figure: BaselineFigure) -> int | None:
        return figure.unit_id

    @staticmethod
    def resolve_value(figure: BaselineFigure) -> float | None:
        return None if figure.withheld or figure.value is None else float(figure.value)

    @staticmethod
    def resolve_n(figure: BaselineFigure) -> int | None:
        return None if figure.withheld else figure.n

    @staticmethod
    def resolve_sd(figure: BaselineFigure) -> float | None:
        return None if figure.withheld or figure.sd is None else float(figure.sd)

    @staticmethod
    def resolve_reason(figure: BaselineFigure) -> str | None:
        return figure.withheld or None

    @staticmethod
    def resolve_reason_text(figure: BaselineFigure) -> str | None:
        return withheld_label(figure.withheld) or None


class ActionPlanDetailOut(ActionPlanOut):
    goal: str = Field(description="Mål.")
    baseline: str = Field(description="Ståsted, as written.")
    evaluation: str = Field(description="Evaluering: how and when.")
    team_members: list[PlanPersonOut] = Field(description="The leadership team that writes in it.")
    expectations: list[str] = Field(
        description="The expectations of the foundation it is tied to (their text)."
    )
    indicators: list[str] = Field(description="The keys of the indicators it is tied to.")
    baseline_figures: list[BaselineFigureOut]
    actions: list[PlanActionOut]
    follow_ups: list[FollowUpOut] = Field(description="Oldest first.")

    @staticmethod
    def resolve_team_members(plan: ActionPlan) -> list:
        return list(plan.team_members.all())

    @staticmethod
    def resolve_expectations(plan: ActionPlan) -> list[str]:
        return [expectation.text for expectation in plan.expectations.all()]

    @staticmethod
    def resolve_indicators(plan: ActionPlan) -> list[str]:
        return [indicator.key for indicator in plan.indicators.all()]

    @staticmethod
    def resolve_baseline_figures(plan: ActionPlan, context) -> list[BaselineFigure]:
        """As the token's user may see them (none where they may not see the unit's figures)."""
        return plan_baseline(plan=plan, user=api_user(context["request"]))

    @staticmethod
    def resolve_actions(plan: ActionPlan) -> list[Action]:
        return list(plan.actions.all())

    @staticmethod
    def resolve_follow_ups(plan: ActionPlan) -> list[FollowUp]:
        return plan_follow_ups(plan=plan)


@router.get(
    "/action-plans",
    response={200: list[ActionPlanOut], **READ_ERRORS},
    url_name="action_plan_list",
    operation_id="action_plan_list",
)
@paginate(Pagination)
def action_plan_list(request: HttpRequest):
    """The action plans the caller reads: their own, their leadership teams', and those the leaders below them
    share with them (an empty list for anyone else)."""
    try:
        lists = plan_lists_for_user(user=api_user(request))
    except Http404:  # someone who is no person has no plans
        return []
    plans = []
    for role, found in ((OWNER, lists.own), (MEMBER, lists.team), (SUPERIOR, lists.shared)):
        for plan in found:
            plan.api_role = role  # type: ignore[attr-defined]
            plans.append(plan)
    return plans


@router.get(
    "/action-plans/{plan_id}",
    response={200: ActionPlanDetailOut, **NOT_FOUND_ERRORS},
    url_name="action_plan_detail",
    operation_id="action_plan_detail",
)
def action_plan_detail(request: HttpRequest, plan_id: int = id_path("The action plan's id.")):
    """One action plan in the template's parts, with its baseline figures, actions and follow-ups, for those
    who may read it; anyone else's is not found."""
    access = plan_get_for_user(user=api_user(request), pk=plan_id)
    api_audit(request, action="api.actionplan.view")
    plan = access.plan
    plan.api_role = access.role  # type: ignore[attr-defined]
    return plan
