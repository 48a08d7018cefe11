"""The agreement of a development dialogue and its follow-ups: goals go into the leader's plan, both parties
approve, an approved version is read-only and a change opens a new one; follow-ups are dated and reminded."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from grundlag.development.dialogues.selectors import agreement_content, agreement_digest
from grundlag.development.dialogues.services import (
    agreement_approve,
    agreement_goal_add,
    agreement_goal_remove,
    agreement_revise,
    agreement_summary_save,
    dialogue_hold,
    dialogue_open,
    dialogue_schedule,
    follow_up_record,
    follow_up_reminders_send,
    follow_ups_set,
)
from grundlag.development.models import Agreement, Dialogue, DialogueStatus, FollowUp, Goal
from grundlag.development.plans.services import goal_update
from grundlag.frameworks.models import Expectation
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def held(small_organisation):
    """Lis's dialogue with Carl, prepared and held."""
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    dialogue = dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )
    dialogue = dialogue_open(dialogue=dialogue, by=people["carl"].user)
    dialogue_hold(dialogue=dialogue, by=people["carl"].user)
    return Dialogue.objects.get(pk=dialogue.pk), people["lis"].user, people["carl"].user


def an_expectation(dialogue):
    first = dialogue.pack.content["sections"][0]["id"]
    return Expectation.objects.filter(section_id=first).first()


def test_agreed_goals_go_into_the_leaders_plan_and_both_approve(held):
    dialogue, lis, carl = held
    expectation = an_expectation(dialogue)
    agreement_summary_save(dialogue=dialogue, summary="Vi aftalte at styrke opfølgningen.", by=carl)
    goal = agreement_goal_add(dialogue=dialogue, title="Fast opfølgning", expectation=expectation, by=lis)

    assert goal.plan.leader == dialogue.leader and goal.shared and goal.section_id == expectation.section_id
    first = agreement_approve(dialogue=dialogue, by=lis)
    assert not first.approved and Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.HELD
    agreement = agreement_approve(dialogue=dialogue, by=carl)

    assert agreement.approved
    assert agreement.content["summary"] == "Vi aftalte at styrke opfølgningen."
    assert agreement.content["goals"][0]["title"] == "Fast opfølgning"
    assert agreement.content["goals"][0]["expectation"] == expectation.text
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.AGREED


def test_a_change_resets_the_approvals_and_an_approved_agreement_is_read_only(held):
    dialogue, lis, carl = held
    agreement_summary_save(dialogue=dialogue, summary="Første udkast", by=carl)
    agreement_approve(dialogue=dialogue, by=lis)
    agreement_summary_save(dialogue=dialogue, summary="Andet udkast", by=carl)
    assert Agreement.objects.get().leader_approved_at is None  # Lis approved another text

    agreement_approve(dialogue=dialogue, by=lis)
    agreement_approve(dialogue=dialogue, by=carl)

    for change in (
        lambda: agreement_summary_save(dialogue=dialogue, summary="Ændret bagefter", by=carl),
        lambda: agreement_goal_add(dialogue=dialogue, title="Nyt mål", by=lis),
    ):
        with pytest.raises(ValidationError, match="open a new version"):
            change()
    assert Agreement.objects.get().summary == "Andet udkast" and not Goal.objects.exists()


def test_a_new_version_is_approved_again_and_the_old_one_stays(held):
    dialogue, lis, carl = held
    agreement_summary_save(dialogue=dialogue, summary="Version et", by=carl)
    agreement_approve(dialogue=dialogue, by=lis)
    agreement_approve(dialogue=dialogue, by=carl)

    revised = agreement_revise(dialogue=dialogue, by=lis)
    agreement_summary_save(dialogue=dialogue, summary="Version to", by=lis)

    assert revised.version == 2 and Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.HELD
    assert Agreement.objects.get(version=1).content["summary"] == "Version et"
    agreement_approve(dialogue=dialogue, by=lis)
    agreement_approve(dialogue=dialogue, by=carl)
    assert Agreement.objects.get(version=2).content["summary"] == "Version to"
    with pytest.raises(ValidationError, match="not been approved by both"):
        agreement_revise(dialogue=dialogue, by=lis) and agreement_revise(dialogue=dialogue, by=lis)


def test_it_is_approved_only_after_the_conversation_and_with_content(small_organisation, held):
    dialogue, lis, carl = held
    with pytest.raises(ValidationError, match="summary or add a goal"):
        agreement_approve(dialogue=dialogue, by=lis)
    Dialogue.objects.filter(pk=dialogue.pk).update(status=DialogueStatus.PREPARED)
    agreement_summary_save(dialogue=dialogue, summary="Tidligt udkast", by=carl)
    with pytest.raises(ValidationError, match="after the conversation has been held"):
        agreement_approve(dialogue=dialogue, by=lis)
    with pytest.raises(ValidationError, match="Only the leader and the superior"):
        agreement_summary_save(dialogue=dialogue, summary="x", by=small_organisation["people"]["dorte"].user)


def test_a_goal_out_of_the_dialogues_sections_is_refused(held, builtin_frameworks):
    dialogue, lis, _carl = held
    elsewhere = Expectation.objects.exclude(
        section_id__in=[s["id"] for s in dialogue.pack.content["sections"]]
    ).first()
    with pytest.raises(ValidationError, match="in a section the dialogue is about"):
        agreement_goal_add(dialogue=dialogue, title="Forkert", expectation=elsewhere, by=lis)
    goal = agreement_goal_add(dialogue=dialogue, title="Rigtigt", by=lis)
    agreement_goal_remove(goal=goal, by=lis)
    assert not Goal.objects.exists()


def approved(held):
    dialogue, lis, carl = held
    agreement_summary_save(dialogue=dialogue, summary="Aftalt", by=carl)
    agreement_approve(dialogue=dialogue, by=lis)
    agreement_approve(dialogue=dialogue, by=carl)
    return dialogue


def test_follow_ups_are_one_or_two_never_in_the_past_and_close_the_dialogue(held):
    dialogue, lis, carl = held
    with pytest.raises(ValidationError, match="once the agreement is approved"):
        follow_ups_set(dialogue=dialogue, dates=[timezone.localdate()], by=carl)
    dialogue = approved(held)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="in the past"):
        follow_ups_set(dialogue=dialogue, dates=[today - datetime.timedelta(days=1)], by=carl)
    with pytest.raises(ValidationError, match="one or two"):
        follow_ups_set(dialogue=dialogue, dates=[today, today, today], by=carl)
    assert not FollowUp.objects.exists()

    first, second = follow_ups_set(
        dialogue=dialogue, dates=[today + datetime.timedelta(days=90), today], by=carl
    )

    assert first.due == today
    with pytest.raises(ValidationError, match="on or after its date"):
        follow_up_record(follow_up=second, notes="for tidligt", by=lis)
    follow_up_record(follow_up=first, notes="Godt i gang", by=lis)
    with pytest.raises(ValidationError, match="already been recorded"):
        follow_up_record(follow_up=first, notes="igen", by=lis)
    FollowUp.objects.filter(pk=second.pk).update(due=today)
    follow_up_record(follow_up=FollowUp.objects.get(pk=second.pk), notes="Nået", by=carl)
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.FOLLOWED_UP


def test_both_parties_are_reminded_once_before_and_once_when_overdue(held):
    dialogue = approved(held)
    today = timezone.localdate()
    follow_ups_set(dialogue=dialogue, dates=[today + datetime.timedelta(days=5)], by=held[2])

    assert follow_up_reminders_send(today=today) == 2
    assert follow_up_reminders_send(today=today) == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        "carl@fiktiv.example.dk",
        "lis@fiktiv.example.dk",
    ]
    assert "/development/" in mail.outbox[0].body and "Lis Leder" in mail.outbox[0].subject

    assert follow_up_reminders_send(today=today + datetime.timedelta(days=6)) == 2
    assert "er ikke registreret endnu" in mail.outbox[-1].body  # in the recipient's language, Danish here
    assert follow_up_reminders_send(today=today + datetime.timedelta(days=7)) == 0


def test_an_approval_is_refused_when_the_agreement_changed_while_it_was_read(held):
    dialogue, lis, carl = held
    agreement_summary_save(dialogue=dialogue, summary="Som Lis læste den", by=carl)
    read = agreement_digest(content=agreement_content(agreement=Agreement.objects.get()))
    agreement_summary_save(dialogue=dialogue, summary="Ændret af Carl imens", by=carl)

    with pytest.raises(ValidationError, match="changed while you read it"):
        agreement_approve(dialogue=dialogue, seen=read, by=lis)
    assert Agreement.objects.get().leader_approved_at is None


def test_an_agreed_goal_changed_in_the_plan_must_be_approved_again_and_not_after_both_did(held):
    dialogue, lis, carl = held
    goal = agreement_goal_add(dialogue=dialogue, title="Fast opfølgning", by=lis)
    agreement_approve(dialogue=dialogue, by=carl)

    goal_update(goal=goal, title="Noget helt andet", description="", status=goal.status, shared=True, by=lis)

    assert Agreement.objects.get().superior_approved_at is None  # Carl approved another text
    agreement_approve(dialogue=dialogue, by=carl)
    agreement_approve(dialogue=dialogue, by=lis)
    assert Agreement.objects.get().content["goals"][0]["title"] == "Noget helt andet"
    with pytest.raises(ValidationError, match="open a new version"):
        goal_update(
            goal=Goal.objects.get(), title="Igen", description="", status=goal.status, shared=True, by=lis
        )
    goal_update(
        goal=Goal.objects.get(),
        title="Noget helt andet",
        description="",
        status="reached",
        shared=True,
        by=lis,
    )


def test_a_revised_agreement_of_a_followed_up_dialogue_is_followed_up_again_once_approved(held):
    dialogue = approved(held)
    _dialogue, lis, carl = held
    (follow_up,) = follow_ups_set(dialogue=dialogue, dates=[timezone.localdate()], by=carl)
    follow_up_record(follow_up=follow_up, notes="Godt", by=lis)
    agreement_revise(dialogue=dialogue, by=lis)
    with pytest.raises(ValidationError, match="both have approved"):
        follow_up_record(follow_up=follow_up, notes="igen", by=lis)

    agreement_approve(dialogue=dialogue, by=lis)
    agreement_approve(dialogue=dialogue, by=carl)

    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.FOLLOWED_UP
