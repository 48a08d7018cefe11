"""The talent's part of their own development plan: the programme they are in and their practice
assignments with the trio's assessments (through development's `plan_extras`). Only the talent reads it on
their plan; a superior reading the plan's shared goals does not. A talent who holds no leadership post has no
development plan: their talent page shows the same."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.development.models import Plan
from grundlag.development.plans.extras import PlanExtra, plan_extras

from .selectors import talent_in_programme_for_user


@plan_extras
def talent_plan_extras(*, plan: Plan, user: User | AnonymousUser) -> list[PlanExtra]:
    """The programme and assessed assignments of the plan's leader, when they are a talent reading their own
    plan."""
    if plan.team_name:
        return []
    view = talent_in_programme_for_user(user=user, leader_id=plan.leader_id)
    if view is None:
        return []
    return [PlanExtra(template="talent/_plan_extra.html", context={"view": view})]
