"""The sparring log: a leader logs sessions on the themes of their level, a next step goes into the plan with
one action, and no one but the leader reads or writes the log."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone, translation

from grundlag.accounts.gdpr import person_document
from grundlag.audit.models import AuditEvent
from grundlag.development.models import Action, Goal, SparringKind, SparringSession, SparringStep
from grundlag.development.plans.selectors import goal_choices
from grundlag.development.plans.services import goal_create, plan_own_get
from grundlag.development.sparring.selectors import (
    sparring_session_get_for_user,
    sparring_sessions_for_user,
    sparring_themes_for_user,
)
from grundlag.development.sparring.services import (
    sparring_session_delete,
    sparring_session_log,
    sparring_step_to_plan,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def theme(lis_plan):
    return goal_choices(plan=lis_plan)[1].section


@pytest.fixture
def session(people, theme):
    return sparring_session_log(
        leader=people["lis"],
        kind=SparringKind.PEER,
        partner="Bo",
        held_on=TODAY - datetime.timedelta(days=1),
        section_ids=[theme.pk],
        notes="Hemmelige sparringsnoter",
        steps=["Spørge teamet om feedback", "", "  Læse om relationel koordinering  "],
        by=people["lis"].user,
    )


def test_a_leader_logs_a_session_with_themes_of_her_level_and_next_steps(people, session, theme):
    assert (session.kind, session.partner, session.notes) == (
        SparringKind.PEER,
        "Bo",
        "Hemmelige sparringsnoter",
    )
    assert list(session.sections.all()) == [theme]
    assert [step.text for step in session.steps.all()] == [
        "Spørge teamet om feedback",
        "Læse om relationel koordinering",
    ]
    event = AuditEvent.objects.get(action="development.sparring_log")
    assert event.detail == "steps=2" and "Hemmelige" not in event.detail


def test_a_session_in_the_future_or_on_another_levels_theme_is_refused_and_nothing_is_written(
    people, foreign_expectation
):
    lis = people["lis"]
    log = dict(leader=lis, kind=SparringKind.MENTOR, partner="", notes="", steps=["x"], by=lis.user)
    with pytest.raises(ValidationError, match="on or after the day it was held"):
        sparring_session_log(held_on=TODAY + datetime.timedelta(days=1), section_ids=[], **log)
    with pytest.raises(ValidationError, match="section of the leadership foundation at your own level"):
        sparring_session_log(held_on=TODAY, section_ids=[foreign_expectation.section_id + 10_000], **log)
    with pytest.raises(ValidationError, match="at most 500 characters"):
        sparring_session_log(held_on=TODAY, section_ids=[], **{**log, "steps": ["x" * 501]})
    with pytest.raises(ValidationError, match="Only the leader"):
        sparring_session_log(held_on=TODAY, section_ids=[], **{**log, "by": people["carl"].user})
    assert not SparringSession.objects.exists() and not SparringStep.objects.exists()


def test_a_next_step_goes_into_the_plan_with_one_action_under_a_new_goal_named_after_the_session(
    people, session
):
    first, second = session.steps.all()

    action = sparring_step_to_plan(step=first, by=people["lis"].user)
    again = sparring_step_to_plan(step=second, by=people["lis"].user)

    assert action.text == "Spørge teamet om feedback" and action.sparring_step == first
    assert action.goal.plan.leader == people["lis"] and action.goal.plan.team_name == ""
    assert action.goal.title.startswith("From sparring: with a peer,")
    assert action.goal.section_id == session.sections.get().pk and not action.goal.shared
    assert again.goal == action.goal  # the session's steps share its goal
    with pytest.raises(ValidationError, match="already in your development plan"):
        sparring_step_to_plan(step=first, by=people["lis"].user)
    assert Action.objects.count() == 2


def test_a_next_step_goes_under_the_goal_the_leader_picks_but_not_someone_elses(people, session, lis_plan):
    goal = goal_create(plan=lis_plan, title="Feedbackkultur", by=people["lis"].user)
    bos_goal = goal_create(plan=plan_own_get(leader=people["bo"]), title="Bos", by=people["bo"].user)
    step = session.steps.first()

    with pytest.raises(ValidationError, match="yours or your leadership team's"):
        sparring_step_to_plan(step=step, goal=bos_goal, by=people["lis"].user)
    with pytest.raises(ValidationError, match="Only the leader"):
        sparring_step_to_plan(step=step, goal=goal, by=people["carl"].user)
    assert not Action.objects.exists()

    assert sparring_step_to_plan(step=step, goal=goal, by=people["lis"].user).goal == goal
    assert Goal.objects.filter(plan=lis_plan).count() == 1


def test_only_the_leader_reads_the_log(people, session, administrator):
    assert list(sparring_sessions_for_user(user=people["lis"].user)) == [session]
    assert sparring_session_get_for_user(user=people["lis"].user, pk=session.pk) == session
    for user in (
        people["carl"].user,
        people["dorte"].user,
        people["bo"].user,
        administrator,
        AnonymousUser(),
    ):
        with pytest.raises(Http404):
            sparring_session_get_for_user(user=user, pk=session.pk)
    assert list(sparring_sessions_for_user(user=people["bo"].user)) == []
    with pytest.raises(Http404):
        sparring_themes_for_user(user=people["tom"].user)
    for someone in ("carl", "dorte", "bo", "lis"):  # Lis's too, as an administrator makes it for her
        assert "Hemmelige sparringsnoter" not in json.dumps(
            person_document(people[someone]), ensure_ascii=False
        )
    own = person_document(people["lis"], own=True)["sparring_sessions"]
    assert own[0]["notes"] == "Hemmelige sparringsnoter" and len(own[0]["next_steps"]) == 2


def test_deleting_a_session_keeps_the_actions_it_gave(people, session):
    action = sparring_step_to_plan(step=session.steps.first(), by=people["lis"].user)
    with pytest.raises(ValidationError, match="Only the leader"):
        sparring_session_delete(session=session, by=people["dorte"].user)

    sparring_session_delete(session=session, by=people["lis"].user)

    assert not SparringSession.objects.exists()
    assert Action.objects.get(pk=action.pk).sparring_step is None
    event = AuditEvent.objects.get(action="development.sparring_delete")
    assert (event.object_type, event.object_id) == ("organisation.person", str(people["lis"].pk))
