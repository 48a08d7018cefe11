"""Writing a development plan: one own plan a leader, goals tied to the foundation at the leader's level,
actions with dates, team plans with the leaders one leads or leads beside; bad input is refused clearly and
nothing is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.development.dialogues.services import dialogue_schedule
from grundlag.development.models import Action, Goal, GoalStatus, Plan
from grundlag.development.plans.services import (
    action_add,
    action_update,
    goal_create,
    goal_update,
    plan_own_get,
    team_plan_create,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def test_a_leader_has_one_own_plan_kept_from_year_to_year(people):
    first = plan_own_get(leader=people["lis"])

    assert plan_own_get(leader=people["lis"]) == first
    assert first.team_name == "" and Plan.objects.filter(leader=people["lis"]).count() == 1
    assert AuditEvent.objects.filter(action="development.plan_create", object_id=str(first.pk)).count() == 1


def test_a_goal_is_tied_to_an_expectation_of_the_leaders_level_and_private_by_default(
    people, lis_plan, expectation
):
    goal = goal_create(
        plan=lis_plan,
        title="Tydelig retning",
        description="Sammen med teamet",
        expectation=expectation,
        report_statement="Jeg giver feedback",
        by=people["lis"].user,
    )

    assert goal.section_id == expectation.section_id and goal.expectation == expectation
    assert not goal.shared and goal.status == GoalStatus.OPEN
    event = AuditEvent.objects.get(action="development.goal_create")
    assert (event.object_type, event.object_id) == ("development.plan", str(lis_plan.pk))
    assert "Tydelig retning" not in event.detail  # the audit names the plan, never the goal


def test_a_goal_may_be_tied_to_a_section_as_a_whole(people, lis_plan, expectation):
    goal = goal_create(
        plan=lis_plan, title="Hele afsnittet", section_id=expectation.section_id, by=people["lis"].user
    )

    assert goal.section_id == expectation.section_id and goal.expectation is None


def test_an_expectation_of_another_level_is_refused_and_nothing_is_written(
    people, lis_plan, foreign_expectation
):
    with pytest.raises(ValidationError, match="expectation of the leader's own level") as refused:
        goal_create(
            plan=lis_plan, title="Direktørens mål", expectation=foreign_expectation, by=people["lis"].user
        )

    assert refused.value.code == "expectation"
    assert not Goal.objects.exists()
    assert not AuditEvent.objects.filter(action="development.goal_create").exists()


def test_a_section_of_another_level_is_refused(people, lis_plan, foreign_expectation):
    with pytest.raises(ValidationError, match="section of the leadership foundation"):
        goal_create(
            plan=lis_plan,
            title="x",
            section_id=foreign_expectation.section_id + 10_000,
            by=people["lis"].user,
        )
    assert not Goal.objects.exists()


def test_no_one_but_the_plans_people_changes_it(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Mit eget mål", by=people["lis"].user)

    for someone in ("carl", "dorte", "bo", "tom"):  # her superiors, a peer, her employee
        with pytest.raises(ValidationError, match="yours or your leadership team's") as refused:
            goal_create(plan=lis_plan, title="Fremmed mål", by=people[someone].user)
        assert refused.value.code == "not_yours"
        with pytest.raises(ValidationError, match="yours or your leadership team's"):
            action_add(goal=goal, text="Fremmed handling", by=people[someone].user)
        with pytest.raises(ValidationError, match="yours or your leadership team's"):
            goal_update(
                goal=goal, title="Ændret", description="", status="open", shared=True, by=people[someone].user
            )
    with pytest.raises(ValidationError, match="yours or your leadership team's"):
        goal_create(plan=lis_plan, title="Uden konto", by=None)

    assert list(Goal.objects.values_list("title", "shared")) == [("Mit eget mål", False)]
    assert not Action.objects.exists()


def test_an_action_has_who_and_when_and_a_new_one_is_not_dated_in_the_past(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)

    action = action_add(
        goal=goal, text="Observere to lektioner", owner="Lis og Tom", due=NEXT_MONTH, by=people["lis"].user
    )
    assert (action.text, action.owner, action.due, action.done_on) == (
        "Observere to lektioner",
        "Lis og Tom",
        NEXT_MONTH,
        None,
    )

    with pytest.raises(ValidationError, match="new action cannot be in the past") as refused:
        action_add(goal=goal, text="For sent", due=TODAY - datetime.timedelta(days=1), by=people["lis"].user)
    assert refused.value.code == "past"
    assert Action.objects.count() == 1


def test_an_action_is_recorded_done_with_evidence_and_reflection(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)
    action = action_add(goal=goal, text="Observere", due=NEXT_MONTH, by=people["lis"].user)
    Action.objects.filter(pk=action.pk).update(reminded_on=TODAY)
    action.refresh_from_db()

    done = action_update(
        action=action,
        text="Observere to lektioner",
        owner="",
        due=NEXT_MONTH + datetime.timedelta(days=1),
        done=True,
        evidence="Noter fra to besøg",
        reflection="Jeg lærte at spørge før jeg råder",
        by=people["lis"].user,
    )

    assert done.done_on == TODAY and done.evidence == "Noter fra to besøg"
    assert done.reminded_on is None  # a new date is reminded again
    undone = action_update(
        action=done,
        text=done.text,
        owner="",
        due=done.due,
        done=False,
        evidence="",
        reflection="",
        by=people["lis"].user,
    )
    assert undone.done_on is None


def test_an_action_cannot_be_moved_into_the_past_but_an_old_date_may_stay(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Feedback", by=people["lis"].user)
    action = action_add(goal=goal, text="Observere", due=TODAY, by=people["lis"].user)
    Action.objects.filter(pk=action.pk).update(due=TODAY - datetime.timedelta(days=3))
    action.refresh_from_db()

    kept = dict(text="Observere", owner="", done=False, evidence="", reflection="", by=people["lis"].user)
    assert action_update(action=action, due=action.due, **kept).due == TODAY - datetime.timedelta(days=3)
    with pytest.raises(ValidationError, match="moved to a date in the past"):
        action_update(action=action, due=TODAY - datetime.timedelta(days=5), **kept)


def test_the_leader_shares_a_goal_and_makes_it_private_again(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Delt senere", by=people["lis"].user)

    shared = goal_update(
        goal=goal,
        title="Delt nu",
        description="",
        status=GoalStatus.ACTIVE,
        shared=True,
        by=people["lis"].user,
    )
    assert shared.shared and shared.status == GoalStatus.ACTIVE and shared.title == "Delt nu"
    assert not goal_update(
        goal=goal,
        title="Delt nu",
        description="",
        status=GoalStatus.ACTIVE,
        shared=False,
        by=people["lis"].user,
    ).shared


def test_a_goal_agreed_in_a_dialogue_stays_shared(people, lis_plan):
    goal = goal_create(plan=lis_plan, title="Aftalt", shared=True, by=people["lis"].user)
    Goal.objects.filter(pk=goal.pk).update(dialogue=_a_dialogue(people))
    goal.refresh_from_db()

    with pytest.raises(ValidationError, match="stays shared"):
        goal_update(
            goal=goal, title="Aftalt", description="", status="open", shared=False, by=people["lis"].user
        )
    assert Goal.objects.get(pk=goal.pk).shared


def _a_dialogue(people):
    return dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )


def test_a_team_plan_is_kept_with_leaders_one_leads_or_leads_beside(people):
    carl, lis, bo = people["carl"], people["lis"], people["bo"]

    led = team_plan_create(leader=carl, team_name="Skoleledelsen", members=[lis, bo], by=carl.user)
    beside = team_plan_create(leader=lis, team_name="Skolelederne", members=[bo], by=lis.user)

    assert set(led.members.all()) == {lis, bo} and led.team_name == "Skoleledelsen"
    assert list(beside.members.all()) == [bo]
    event = AuditEvent.objects.get(action="development.plan_team_create", object_id=str(led.pk))
    assert event.detail == "members=2"


def test_a_team_plan_with_someone_else_or_without_a_name_is_refused(people):
    lis = people["lis"]
    for members, name, message in [
        ([people["dorte"]], "Opad", "leaders you lead or leaders beside you"),  # above her
        ([people["tom"]], "Med lærer", "leaders you lead or leaders beside you"),  # not a leader
        ([people["bo"]], "  ", "Give the leadership team a name"),
    ]:
        with pytest.raises(ValidationError, match=message):
            team_plan_create(leader=lis, team_name=name, members=members, by=lis.user)
    with pytest.raises(ValidationError, match="that you lead yourself"):
        team_plan_create(leader=lis, team_name="For hende", members=[], by=people["carl"].user)
    assert not Plan.objects.exclude(team_name="").exists()


def test_a_team_plans_members_work_on_it_as_its_leader(people):
    plan = team_plan_create(
        leader=people["lis"], team_name="Skolelederne", members=[people["bo"]], by=people["lis"].user
    )

    goal = goal_create(plan=plan, title="Fælles mål", by=people["bo"].user)
    action = action_add(goal=goal, text="Fælles møde", due=NEXT_MONTH, by=people["bo"].user)

    assert action.goal.plan == plan
    with pytest.raises(ValidationError, match="yours or your leadership team's"):
        goal_create(plan=plan, title="Ulla er ikke med", by=people["ulla"].user)
