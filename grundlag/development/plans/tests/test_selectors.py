"""Who sees what of a development plan: its people everything, a superior above the leader the shared goals
read-only, nobody else anything; a private goal reaches no one but the plan's people, by no road."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from grundlag.accounts.gdpr import person_document
from grundlag.audit.models import AuditEvent
from grundlag.development.models import Action
from grundlag.development.plans.selectors import (
    LEADER,
    MEMBER,
    SUPERIOR,
    next_actions_for_user,
    plan_get_for_user,
    plan_leader_for_user,
    plan_writable_get_for_user,
    plans_for_user,
    plans_shared_with_user,
    team_member_choices_for_user,
)
from grundlag.development.plans.services import action_add, goal_create, team_plan_create

pytestmark = pytest.mark.django_db

PRIVATE = "Min hemmelige udfordring"


@pytest.fixture
def goals(people, lis_plan):
    lis = people["lis"].user
    shared = goal_create(plan=lis_plan, title="Tydelig retning", shared=True, by=lis)
    private = goal_create(plan=lis_plan, title=PRIVATE, by=lis)
    action_add(goal=shared, text="Fælles møde", due=timezone.localdate(), by=lis)
    action_add(goal=private, text="Skjult handling", by=lis)
    return shared, private


def test_the_leader_sees_every_goal_of_her_plan(people, lis_plan, goals):
    view = plan_get_for_user(user=people["lis"].user, pk=lis_plan.pk)

    assert view.role == LEADER and view.writable
    assert [goal.title for goal in view.goals] == ["Tydelig retning", PRIVATE]


def test_a_superior_above_her_sees_the_shared_goals_only_and_read_only(people, lis_plan, goals):
    for superior in ("carl", "dorte"):  # her school chief, and the director above him
        view = plan_get_for_user(user=people[superior].user, pk=lis_plan.pk)

        assert view.role == SUPERIOR and not view.writable
        assert [goal.title for goal in view.goals] == ["Tydelig retning"]
        assert [action.text for action in view.goals[0].actions.all()] == ["Fælles møde"]
        with pytest.raises(Http404):
            plan_writable_get_for_user(user=people[superior].user, pk=lis_plan.pk)


def test_nobody_else_finds_the_plan_not_even_an_administrator(people, lis_plan, goals, administrator):
    for user in (people["bo"].user, people["tom"].user, people["ulla"].user, administrator, AnonymousUser()):
        with pytest.raises(Http404):
            plan_get_for_user(user=user, pk=lis_plan.pk)
        assert lis_plan not in plans_for_user(user=user)
    with pytest.raises(Http404):
        plan_get_for_user(user=people["lis"].user, pk=lis_plan.pk + 1000)


def test_the_superior_finds_the_plan_among_those_shared_with_them_once_a_goal_is_shared(people, lis_plan):
    goal_create(plan=lis_plan, title=PRIVATE, by=people["lis"].user)
    assert list(plans_shared_with_user(user=people["dorte"].user)) == []

    goal_create(plan=lis_plan, title="Delt", shared=True, by=people["lis"].user)

    assert list(plans_shared_with_user(user=people["dorte"].user)) == [lis_plan]
    assert list(plans_shared_with_user(user=people["bo"].user)) == []
    assert list(plans_for_user(user=people["carl"].user)) == [lis_plan]


def test_team_members_see_and_work_on_the_team_plan(people):
    plan = team_plan_create(
        leader=people["lis"], team_name="Skolelederne", members=[people["bo"]], by=people["lis"].user
    )
    goal_create(plan=plan, title="Teamets private mål", by=people["lis"].user)

    view = plan_get_for_user(user=people["bo"].user, pk=plan.pk)
    assert view.role == MEMBER and view.writable and [g.title for g in view.goals] == ["Teamets private mål"]
    assert plan_writable_get_for_user(user=people["bo"].user, pk=plan.pk) == plan
    assert plan in plans_for_user(user=people["bo"].user)
    # The superior of the team's leader sees no private goal of it.
    assert plan_get_for_user(user=people["carl"].user, pk=plan.pk).goals == []


def test_a_private_goal_is_in_no_one_elses_export_nor_in_the_audit(people, lis_plan, goals, administrator):
    for someone in ("dorte", "carl", "bo", "tom"):
        document = json.dumps(person_document(people[someone]), ensure_ascii=False)
        assert PRIVATE not in document and "Tydelig retning" not in document
    own = person_document(people["lis"], own=True)
    assert [goal["title"] for goal in own["development_plans_with_goals"][0]["goals"]] == ["Tydelig retning"]
    assert [goal["title"] for goal in own["development_plans_private_goals"][0]["goals"]] == [PRIVATE]
    assert own["development_plans_with_goals"][0]["goals"][0]["actions"][0]["text"] == "Fælles møde"
    # An export an administrator makes for Lis holds her plan, never a goal of it, shared or private.
    made_for_her = person_document(people["lis"])
    assert [plan["leader"] for plan in made_for_her["development_plan_memberships"]] == ["Lis Leder"]
    made_for_her_text = json.dumps(made_for_her, ensure_ascii=False)
    assert "Tydelig retning" not in made_for_her_text and PRIVATE not in made_for_her_text
    audit = json.dumps(list(AuditEvent.objects.values()), default=str, ensure_ascii=False)
    assert PRIVATE not in audit and "Skjult handling" not in audit


def test_a_team_plan_is_in_the_export_of_each_of_its_people(people):
    plan = team_plan_create(
        leader=people["lis"], team_name="Skolelederne", members=[people["bo"]], by=people["lis"].user
    )
    goal_create(plan=plan, title="Teamets mål", by=people["bo"].user)

    for person in ("lis", "bo"):
        plans = person_document(people[person], own=True)["development_plans_private_goals"]
        assert [(p["team_name"], p["members"], [g["title"] for g in p["goals"]]) for p in plans] == [
            ("Skolelederne", ["Bo Leder"], ["Teamets mål"])
        ]
    assert person_document(people["carl"], own=True)["development_plans_private_goals"] == []


def test_only_a_leader_on_a_leadership_level_has_a_plan_of_their_own(people, administrator):
    assert plan_leader_for_user(user=people["lis"].user) == people["lis"]
    for user in (people["tom"].user, administrator, AnonymousUser()):
        with pytest.raises(Http404):
            plan_leader_for_user(user=user)


def test_the_team_members_to_pick_are_the_leaders_one_leads_or_leads_beside(people):
    assert list(team_member_choices_for_user(user=people["carl"].user)) == [people["bo"], people["lis"]]
    assert list(team_member_choices_for_user(user=people["lis"].user)) == [people["bo"]]
    with pytest.raises(Http404):
        team_member_choices_for_user(user=people["tom"].user)


def test_the_next_actions_are_the_undone_dated_ones_earliest_first_the_overdue_marked(people, lis_plan):
    lis = people["lis"].user
    goal = goal_create(plan=lis_plan, title="Feedback", by=lis)
    today = timezone.localdate()
    for days, text in [(20, "Senere"), (3, "Snart"), (9, "Om lidt"), (1, "Straks")]:
        action_add(goal=goal, text=text, due=today + datetime.timedelta(days=days), by=lis)
    action_add(goal=goal, text="Uden dato", by=lis)
    Action.objects.filter(text="Straks").update(due=today - datetime.timedelta(days=2))
    Action.objects.filter(text="Snart").update(done_on=today)

    shown = next_actions_for_user(user=lis)

    assert [(n.action.text, n.overdue) for n in shown] == [
        ("Straks", True),
        ("Om lidt", False),
        ("Senere", False),
    ]
    assert next_actions_for_user(user=people["dorte"].user) == []
