"""Development dialogues in the API: the two parties see theirs, with their part in it; nobody else does."""

import datetime

import pytest
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.development.dialogues.services import (
    RatingInput,
    agreement_approve,
    agreement_goal_add,
    dialogue_hold,
    dialogue_open,
    dialogue_schedule,
    private_note_save,
    ratings_save,
    round_open,
)
from grundlag.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(org, users):
    people = org["people"]
    today = timezone.localdate()
    round_open(name="LUS 2027", unit=org["units"]["schools"], starts=today, ends=today, by=users["admin"])
    return dialogue_schedule(
        leader=people["carl"],
        when=timezone.now() + datetime.timedelta(days=3),
        place="Rådhuset",
        by=users["dorte"],
    )


def test_the_superior_and_the_leader_see_the_dialogue_with_their_part(call, scheduled, org):
    held = call("/development-dialogues", "dorte").json()["items"]
    assert [(d["id"], d["role"], d["leader"]["name"], d["place"]) for d in held] == [
        (scheduled.pk, "superior", "Carl Chef", "Rådhuset")
    ]
    assert held[0]["framework"] == "aarhus-boern-og-unge" and held[0]["level"] == "forvaltningschef"

    lis = call("/development-dialogues", "lis").json()["items"]
    assert [(d["role"], d["superior"]["name"], d["scheduled_for"]) for d in lis] == [
        ("leader", "Carl Chef", None)
    ]

    detail = call(f"/development-dialogues/{scheduled.pk}", "dorte")
    assert detail.status_code == 200 and detail.json()["status"] == "planned"
    assert AuditEvent.objects.filter(action="api.dialogue.view", object_id=str(scheduled.pk)).exists()


def test_nobody_else_finds_a_dialogue_not_even_an_administrator(call, scheduled):
    for persona in ("ulla", "lis", "admin"):
        assert call(f"/development-dialogues/{scheduled.pk}", persona).status_code == 404
    assert call("/development-dialogues", "ulla").json()["items"] == []
    assert call("/development-dialogues", "admin").json()["items"] == []
    assert call("/development-dialogues").status_code == 401


def test_no_note_or_rating_of_a_dialogue_reaches_the_api(call, scheduled, users):
    dialogue = dialogue_open(dialogue=scheduled, by=users["dorte"])
    private_note_save(item=dialogue.agenda.first(), text="Hemmelig tanke", by=users["dorte"])
    first = dialogue.pack.content["sections"][0]["id"]
    ratings_save(dialogue=dialogue, ratings={first: RatingInput(2, reason="Min grund")}, by=users["dorte"])

    for user in ("dorte", "admin"):
        for path in ("/development-dialogues", f"/development-dialogues/{dialogue.pk}"):
            body = call(path, user).content.decode()
            assert "Hemmelig tanke" not in body and "Min grund" not in body
    assert call(f"/development-dialogues/{dialogue.pk}", "dorte").json()["opened_at"] is not None


def test_the_agreed_goals_of_the_approved_version_are_in_the_api(call, scheduled, users, org):
    carl = org["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    dialogue = dialogue_open(dialogue=scheduled, by=users["dorte"])
    dialogue_hold(dialogue=dialogue, by=users["dorte"])
    agreement_goal_add(dialogue=dialogue, title="Tydelig retning", by=users["dorte"])
    agreement_approve(dialogue=dialogue, by=users["dorte"])
    assert call(f"/development-dialogues/{dialogue.pk}", "dorte").json()["agreed_goals"] == []  # one approval

    agreement_approve(dialogue=dialogue, by=carl.user)

    body = call(f"/development-dialogues/{dialogue.pk}", "dorte").json()
    assert body["agreement_version"] == 1 and body["status"] == "agreed"
    assert [goal["title"] for goal in body["agreed_goals"]] == ["Tydelig retning"]
    assert [
        d["agreed_goals"][0]["title"] for d in call("/development-dialogues", "dorte").json()["items"]
    ] == ["Tydelig retning"]
