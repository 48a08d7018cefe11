"""Development plans in the API: the plan's people and the superiors above its leader read it, with its shared
goals only; a private goal never appears, not even to the plan's own leader; nobody else finds it."""

import datetime

import pytest
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.development.plans.services import action_add, goal_create, plan_own_get

pytestmark = pytest.mark.django_db

PRIVATE = "Min hemmelige udfordring"


@pytest.fixture
def plan(org, users):
    plan = plan_own_get(leader=org["people"]["lis"])
    shared = goal_create(plan=plan, title="Tydelig retning", shared=True, by=users["lis"])
    private = goal_create(plan=plan, title=PRIVATE, by=users["lis"])
    due = timezone.localdate() + datetime.timedelta(days=10)
    action_add(goal=shared, text="Fælles møde", owner="Lis og Tom", due=due, by=users["lis"])
    action_add(goal=private, text="Skjult handling", by=users["lis"])
    return plan


def test_the_leader_reads_her_plan_with_its_shared_goals_only(call, plan):
    [listed] = call("/development-plans", "lis").json()["items"]
    assert (listed["id"], listed["role"], listed["leader"]["name"], listed["team_name"]) == (
        plan.pk,
        "leader",
        "Lis Leder",
        "",
    )

    response = call(f"/development-plans/{plan.pk}", "lis")
    body = response.json()
    assert response.status_code == 200 and [goal["title"] for goal in body["goals"]] == ["Tydelig retning"]
    assert body["goals"][0]["actions"][0]["who"] == "Lis og Tom"
    assert PRIVATE not in response.content.decode() and "Skjult handling" not in response.content.decode()
    assert AuditEvent.objects.filter(action="api.plan.view", object_id=str(plan.pk)).exists()


def test_the_director_above_her_reads_the_shared_goals(call, plan):
    assert [(p["id"], p["role"]) for p in call("/development-plans", "dorte").json()["items"]] == [
        (plan.pk, "superior")
    ]
    response = call(f"/development-plans/{plan.pk}", "dorte")
    assert response.status_code == 200 and response.json()["role"] == "superior"
    assert [goal["title"] for goal in response.json()["goals"]] == ["Tydelig retning"]
    assert PRIVATE not in response.content.decode()


def test_nobody_else_finds_the_plan_not_even_an_administrator(call, plan):
    for persona in ("ulla", "admin"):
        assert call(f"/development-plans/{plan.pk}", persona).status_code == 404
        assert call("/development-plans", persona).json()["items"] == []
    assert call(f"/development-plans/{plan.pk}").status_code == 401
    assert call(f"/development-plans/{plan.pk + 1000}", "lis").status_code == 404
