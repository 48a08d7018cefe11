"""Reminders of a plan's actions: a week before the date of an action not done, once, to the plan's leader
and a team plan's members, each in their own language; nothing of the plan's content in the e-mail."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.development.models import Action, GoalStatus
from grundlag.development.plans.services import (
    REMINDER_DAYS_BEFORE,
    action_add,
    action_reminders_send,
    goal_create,
    goal_update,
    team_plan_create,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_leader_is_reminded_once_a_week_before_an_action_is_due(people, lis_plan):
    lis = people["lis"].user
    goal = goal_create(plan=lis_plan, title="Min hemmelige udfordring", by=lis)
    soon = action_add(goal=goal, text="Skjult handling", due=TODAY + datetime.timedelta(days=5), by=lis)
    action_add(
        goal=goal, text="Senere", due=TODAY + datetime.timedelta(days=REMINDER_DAYS_BEFORE + 1), by=lis
    )
    action_add(goal=goal, text="Uden dato", by=lis)
    done = action_add(goal=goal, text="Klaret", due=TODAY + datetime.timedelta(days=2), by=lis)
    Action.objects.filter(pk=done.pk).update(done_on=TODAY)

    assert action_reminders_send(today=TODAY) == 1
    assert action_reminders_send(today=TODAY) == 0  # once

    [email] = mail.outbox
    assert email.to == ["lis@fiktiv.example.dk"] and email.extra_headers["Content-Language"] == "da"
    assert email.subject.startswith("En handling i din udviklingsplan skal være udført den")
    assert "Kære Lis Leder" in email.body and f"/development/plan/#action-{soon.pk}" in email.body
    assert "Skjult handling" not in email.body + email.subject and "hemmelige" not in email.body
    assert Action.objects.get(pk=soon.pk).reminded_on == TODAY
    assert AuditEvent.objects.filter(action="development.action_reminders_sent", detail="sent=1").exists()


def test_a_team_plans_people_are_reminded_each_in_their_language(people):
    people["bo"].language = "en"
    people["bo"].save(update_fields=["language"])
    plan = team_plan_create(
        leader=people["lis"], team_name="Skolelederne", members=[people["bo"]], by=people["lis"].user
    )
    goal = goal_create(plan=plan, title="Fælles mål", by=people["bo"].user)
    action_add(goal=goal, text="Fælles møde", due=TODAY + datetime.timedelta(days=7), by=people["bo"].user)

    assert action_reminders_send(today=TODAY) == 2

    by_recipient = {email.to[0]: email for email in mail.outbox}
    assert "falls due on" in by_recipient["bo@fiktiv.example.dk"].subject
    assert "Skolelederne" in by_recipient["bo@fiktiv.example.dk"].subject
    assert by_recipient["lis@fiktiv.example.dk"].extra_headers["Content-Language"] == "da"
    assert f"/development/plans/{plan.pk}/" in by_recipient["bo@fiktiv.example.dk"].body


def test_a_goal_reached_or_dropped_is_not_reminded_and_the_command_prints_both_counts(
    people, lis_plan, capsys
):
    lis = people["lis"].user
    goal = goal_create(plan=lis_plan, title="Nået", by=lis)
    action_add(goal=goal, text="Sidste skridt", due=TODAY + datetime.timedelta(days=1), by=lis)
    goal_update(goal=goal, title="Nået", description="", status=GoalStatus.REACHED, shared=False, by=lis)

    call_command("development_reminders_send")

    assert "Sent 0 follow-up reminder(s)." in capsys.readouterr().out
    assert mail.outbox == []
    call_command("development_reminders_send")
    assert "Sent 0 action reminder(s)." in capsys.readouterr().out
