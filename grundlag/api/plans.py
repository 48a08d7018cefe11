"""Development plans, read-only, under the pages' access rules; only the goals shared with the superior ever
appear here, whoever asks (a private goal stays on its plan's own page)."""

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from grundlag.development.models import Action, Goal, Plan
from grundlag.development.plans.selectors import LEADER, MEMBER, SUPERIOR, plan_get_for_user, plans_for_user
from grundlag.organisation.selectors import person_for_user

from .common import NOT_FOUND_ERRORS, READ_ERRORS, Pagination, api_audit, api_user, id_path

router = Router(tags=["development"])


class PlanPersonOut(Schema):
    id: int = Field(description="The person's id.")
    name: str


class PlanActionOut(Schema):
    id: int
    text: str
    who: str = Field(description="Who does it, as the plan's people wrote it.")
    due: datetime.date | None
    done_on: datetime.date | None
    evidence: str
    reflection: str

    @staticmethod
    def resolve_who(action: Action) -> str:
        return action.owner


class PlanGoalOut(Schema):
    id: int
    title: str
    description: str
    section: str | None = Field(description="The title of the section of the foundation it is tied to.")
    expectation: str | None = Field(description="The text of the expectation it is tied to.")
    report_statement: str
    status: str = Field(description="open, active, reached or dropped.")
    dialogue: int | None = Field(description="The development dialogue it was agreed in, if any.")
    actions: list[PlanActionOut]

    @staticmethod
    def resolve_section(goal: Goal) -> str | None:
        return goal.section.title if goal.section else None

    @staticmethod
    def resolve_expectation(goal: Goal) -> str | None:
        return goal.expectation.text if goal.expectation else None

    @staticmethod
    def resolve_dialogue(goal: Goal) -> int | None:
        return goal.dialogue_id

    @staticmethod
    def resolve_actions(goal: Goal) -> list[Action]:
        return list(goal.actions.all())


class PlanOut(Schema):
    id: int
    role: str = Field(
        description="The caller's part: leader, member (of a team plan) or superior (above the leader)."
    )
    leader: PlanPersonOut
    team_name: str = Field(description="Empty for a leader's own plan; the team's name for a team plan.")
    members: list[PlanPersonOut] = Field(description="A team plan's other leaders.")

    @staticmethod
    def resolve_members(plan: Plan) -> list:
        return list(plan.members.all())

    @staticmethod
    def resolve_role(plan: Plan, context: dict) -> str:
        # The plan came from a selector that let the caller read it: the leader, a member, else a superior.
        person = person_for_user(user=api_user(context["request"]))
        if person is not None and plan.leader_id == person.pk:
            return LEADER
        if person is not None and any(member.pk == person.pk for member in plan.members.all()):
            return MEMBER
        return SUPERIOR


class PlanDetailOut(PlanOut):
    goals: list[PlanGoalOut] = Field(
        description="The goals shared with the superior and their actions; private goals are never here."
    )

    @staticmethod
    def resolve_goals(plan: Plan) -> list[Goal]:
        # Never `plan.goals`, which holds the private goals too: only what the selector gave as shared.
        return list(plan.shared_goals)  # type: ignore[attr-defined]


@router.get(
    "/development-plans",
    response={200: list[PlanOut], **READ_ERRORS},
    url_name="plan_list",
    operation_id="plan_list",
)
@paginate(Pagination)
def plan_list(request: HttpRequest):
    """The development plans the caller works on (their own, their team plans) and those of the leaders
    below them that share goals with their superiors."""
    return plans_for_user(user=api_user(request)).prefetch_related("members")


@router.get(
    "/development-plans/{plan_id}",
    response={200: PlanDetailOut, **NOT_FOUND_ERRORS},
    url_name="plan_detail",
    operation_id="plan_detail",
)
def plan_detail(request: HttpRequest, plan_id: int = id_path("The plan's id.")):
    """One development plan with its shared goals and their actions, for its people and the superiors of its
    leader; anyone else's is not found."""
    user = api_user(request)
    view = plan_get_for_user(user=user, pk=plan_id, shared_only=True)
    api_audit(request, action="api.plan.view", obj=view.plan)
    plan = view.plan
    plan.shared_goals = [goal for goal in view.goals if goal.shared]  # type: ignore[attr-defined]
    return plan
