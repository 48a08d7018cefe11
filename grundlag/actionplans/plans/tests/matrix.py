"""The action plans' rows of the access matrix (joined through grundlag/actionplans/tests/matrix.py), and the
plans they need: two of Lis's plans for her school, one private and one shared with her superiors, each with
an action, a follow-up and an indicator with its baseline. The private plan is hers alone: Ulla, Bo (a
leader beside her), Dorte (above her) and the administrator all get 404. The shared one Dorte reads, and
may not change (403). Nothing here names Tom."""

import datetime

from grundlag.actionplans.tests.factories import wellbeing_figures, wellbeing_indicator
from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in

from ...models import ActionPlan
from ..services import plan_action_add, plan_create, plan_follow_up_add, plan_indicator_attach, plan_share

PRIVATE, SHARED = "Matrix privat plan", "Matrix delt plan"


def plans_world(o: dict) -> dict:
    """Lis's private plan and her shared plan, each with an action, a follow-up and a baseline."""
    lis = o["people"]["lis"]
    indicator = wellbeing_indicator(key="matrix-trivsel")
    wellbeing_figures(indicator, o["units"])
    made = {}
    for title in (PRIVATE, SHARED):
        plan = plan_create(unit=o["units"]["ahorn"], owner=lis, title=title, by=lis.user)
        plan_action_add(plan=plan, what="Matrix tiltag", by=lis.user)
        plan_follow_up_add(
            plan=plan, held_on=datetime.date(2025, 1, 10), signs_seen="Matrix tegn", by=lis.user
        )
        plan_indicator_attach(plan=plan, indicator=indicator, by=lis.user)
        made[title] = plan
    plan_share(plan=made[SHARED], team_members=[], shared_with_superior=True, by=lis.user)
    return {"private": made[PRIVATE], "shared": made[SHARED], "indicator": indicator}


def _plan(title: str) -> ActionPlan:
    return ActionPlan.objects.get(title=title)


def private(o: dict) -> dict:
    return {"pk": _plan(PRIVATE).pk}


def shared(o: dict) -> dict:
    return {"pk": _plan(SHARED).pk}


def private_action(o: dict) -> dict:
    return {**private(o), "action_pk": _plan(PRIVATE).actions.get().pk}


def shared_action(o: dict) -> dict:
    return {**shared(o), "action_pk": _plan(SHARED).actions.get().pk}


def private_indicator(o: dict) -> dict:
    return {**private(o), "indicator_pk": _plan(PRIVATE).indicators.get().pk}


# "My action plans": everyone who is a person (the administrator is no one: 404). A plan is started by a
# leader of a unit for a unit they lead or one below it. Lis's private plan is hers alone; her shared plan
# Dorte, above her, reads and may not change.
PEOPLE = signed_in(LOGIN, OK, administrator=HIDDEN)
STARTERS = signed_in(LOGIN, OK, respondent=DENIED, administrator=DENIED)
LIS_ONLY = signed_in(LOGIN, HIDDEN, leader=OK)
SHARED_READ = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK)
SHARED_WRITE = signed_in(LOGIN, HIDDEN, leader=OK, manager=DENIED)
FOLLOW_UP = {"held_on": "2025-02-01", "signs_seen": "Matrix"}

ROUTES = [
    Route("actionplans:plans", None, PEOPLE),
    Route("actionplans:plan_create", None, STARTERS),
    Route("actionplans:plan_create", None, STARTERS, "post"),
    Route("actionplans:plan", private, LIS_ONLY),
    Route("actionplans:plan", shared, SHARED_READ),
    Route("actionplans:plan_history", private, LIS_ONLY),
    Route("actionplans:plan_history", shared, SHARED_READ),
    Route("actionplans:plan_pdf", private, LIS_ONLY),
    Route("actionplans:plan_docx", private, LIS_ONLY),
    Route("actionplans:plan_docx", shared, SHARED_READ),
    Route("actionplans:plan_edit", private, LIS_ONLY),
    Route("actionplans:plan_edit", shared, SHARED_WRITE),
    Route("actionplans:plan_edit", private, LIS_ONLY, "post", {"title": "Matrix", "revision": "1"}),
    Route("actionplans:plan_edit", shared, SHARED_WRITE, "post", {"title": "Matrix", "revision": "1"}),
    Route("actionplans:plan_status", private, LIS_ONLY, "post", {"status": "active", "revision": "1"}),
    Route("actionplans:plan_status", shared, SHARED_WRITE, "post", {"status": "active", "revision": "1"}),
    Route("actionplans:plan_share", private, LIS_ONLY),
    Route("actionplans:plan_share", shared, SHARED_WRITE),
    Route("actionplans:plan_share", private, LIS_ONLY, "post", {"shared_with_superior": "on"}),
    Route("actionplans:action_add", private, LIS_ONLY, "post", {"what": "Matrix"}),
    Route("actionplans:action_add", shared, SHARED_WRITE, "post", {"what": "Matrix"}),
    Route("actionplans:action_edit", private_action, LIS_ONLY),
    Route("actionplans:action_edit", shared_action, SHARED_WRITE),
    Route("actionplans:action_edit", private_action, LIS_ONLY, "post", {"what": "Matrix"}),
    Route("actionplans:action_done", private_action, LIS_ONLY, "post", {"done": "1"}),
    Route("actionplans:action_done", shared_action, SHARED_WRITE, "post", {"done": "1"}),
    Route("actionplans:follow_up_add", private, LIS_ONLY, "post", FOLLOW_UP),
    Route("actionplans:follow_up_add", shared, SHARED_WRITE, "post", FOLLOW_UP),
    Route("actionplans:plan_expectations", private, LIS_ONLY, "post"),
    Route("actionplans:indicator_attach", private, LIS_ONLY, "post"),
    Route("actionplans:indicator_detach", private_indicator, LIS_ONLY, "post"),
]
