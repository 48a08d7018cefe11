"""Scheduling a development dialogue and opening an LUS round: who may, with whom, and when it falls due."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.accounts.gdpr import person_document
from grundlag.audit.models import AuditEvent
from grundlag.development.dialogues.services import dialogue_schedule, round_open
from grundlag.development.models import Dialogue, DialogueStatus
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEXT_WEEK = timezone.now() + datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def carl_signs_in(small_organisation):
    """Carl, the school chief who leads both school leaders, with an account of his own."""
    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])


def test_a_superior_schedules_a_dialogue_on_the_leaders_level(small_organisation):
    people = small_organisation["people"]

    dialogue = dialogue_schedule(
        leader=people["lis"], when=NEXT_WEEK, place="Mødelokale 2", by=people["carl"].user
    )

    assert (dialogue.leader, dialogue.superior) == (people["lis"], people["carl"])
    assert dialogue.level.key == "dagtilbuds-skole-og-fu-leder"
    assert dialogue.level.version.framework.slug == "aarhus-boern-og-unge"
    assert dialogue.status == DialogueStatus.PLANNED and dialogue.unit == small_organisation["units"]["ahorn"]
    assert AuditEvent.objects.filter(
        action="development.dialogue_schedule", object_id=str(dialogue.pk)
    ).exists()


def test_the_superiors_superior_may_schedule_too_but_no_one_else(small_organisation):
    people = small_organisation["people"]
    assert (
        dialogue_schedule(leader=people["lis"], when=NEXT_WEEK, by=people["dorte"].user).superior
        == people["dorte"]
    )

    for outsider in ("bo", "tom", "lis"):  # a peer, an employee, the leader herself
        with pytest.raises(ValidationError) as refused:
            dialogue_schedule(leader=people["lis"], when=NEXT_WEEK, by=people[outsider].user)
        assert refused.value.code == "not_led"
    assert Dialogue.objects.filter(leader=people["lis"]).count() == 1


def test_a_dialogue_in_the_past_or_with_someone_without_a_level_is_refused(small_organisation):
    people = small_organisation["people"]
    with pytest.raises(ValidationError) as past:
        dialogue_schedule(
            leader=people["lis"], when=timezone.now() - datetime.timedelta(hours=1), by=people["carl"].user
        )
    assert "fortiden" in " ".join(past.value.messages)

    with pytest.raises(ValidationError) as no_level:
        dialogue_schedule(leader=people["tom"], when=NEXT_WEEK, by=people["lis"].user)
    assert no_level.value.code == "no_level"
    assert not Dialogue.objects.exists()


def test_a_round_plans_every_leader_below_the_unit_due_down_the_chain(small_organisation, administrator):
    people, units = small_organisation["people"], small_organisation["units"]
    today = timezone.localdate()

    opened = round_open(
        name="LUS 2027",
        unit=units["municipality"],
        starts=today,
        ends=today + datetime.timedelta(days=90),
        by=administrator,
    )

    dialogues = {d.leader.name: d for d in opened.round.dialogues.select_related("leader", "superior")}
    assert set(dialogues) == {people["carl"].name, people["lis"].name, people["bo"].name}
    assert opened.without_superior == [people["dorte"]]  # the top of the chain has no one above her here
    carl, lis, bo = (dialogues[people[key].name] for key in ("carl", "lis", "bo"))
    assert carl.superior == people["dorte"] and lis.superior == people["carl"]
    assert carl.due < lis.due == bo.due <= today + datetime.timedelta(days=90)
    assert opened.planned == 3


def test_a_round_scheduled_later_keeps_its_dialogue(small_organisation, administrator):
    people, units = small_organisation["people"], small_organisation["units"]
    today = timezone.localdate()
    opened = round_open(
        name="LUS",
        unit=units["ahorn"],
        starts=today,
        ends=today + datetime.timedelta(days=30),
        by=administrator,
    )

    scheduled = dialogue_schedule(leader=people["lis"], when=NEXT_WEEK, by=people["carl"].user)

    assert scheduled.round == opened.round and Dialogue.objects.filter(leader=people["lis"]).count() == 1
    assert scheduled.scheduled_for == NEXT_WEEK


def test_a_round_with_its_end_before_its_start_is_refused_and_nothing_is_planned(
    small_organisation, administrator
):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        round_open(
            name="LUS",
            unit=small_organisation["units"]["municipality"],
            starts=today,
            ends=today - datetime.timedelta(days=1),
            by=administrator,
        )
    assert not Dialogue.objects.exists()


def test_both_parties_find_the_dialogue_in_their_gdpr_export(small_organisation):
    people = small_organisation["people"]
    dialogue_schedule(leader=people["lis"], when=NEXT_WEEK, place="Mødelokale 2", by=people["carl"].user)

    lis, carl = person_document(people["lis"]), person_document(people["carl"])

    assert [(d["with"], d["place"]) for d in lis["development_dialogues"]] == [("Carl Chef", "Mødelokale 2")]
    assert [d["with"] for d in carl["development_dialogues_held"]] == ["Lis Leder"]
    assert person_document(people["ulla"])["development_dialogues"] == []
