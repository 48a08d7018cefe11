"""“Download my data” for a person with something in every app that adds a part to the export: the person
themself and the administrator both get a JSON file, never a 500 (a date or a datetime in a part was one)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.accounts import gdpr
from grundlag.actionplans.plans.services import plan_create
from grundlag.development.dialogues.services import dialogue_schedule
from grundlag.development.models import Action, Goal, Plan
from grundlag.indicators.models import DataType, NoteKind
from grundlag.indicators.notes.services import unit_note_create
from grundlag.networks.models import (
    AdviceRequest,
    Membership,
    Newsletter,
    NewsletterDelivery,
    Place,
    PlaceChange,
    ReflectionNote,
    ReflectionQuestion,
    ReflectionSet,
)
from grundlag.networks.tests.factories import EventFactory, ForumFactory
from grundlag.organisation.tests.factories import UserFactory
from grundlag.talent.services import talent_nominate
from grundlag.tools.documents.services import document_create
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

pytestmark = pytest.mark.django_db


def _networks(lis) -> None:
    event = EventFactory(forum=ForumFactory())
    Membership.objects.create(forum=event.forum, person=lis)
    place = Place.objects.create(event=event, person=lis, status="signed_up")
    PlaceChange.objects.create(place=place, status="signed_up")
    newsletter = Newsletter.objects.create(forum=event.forum, subject="Nyt fra forum", body="Tekst")
    NewsletterDelivery.objects.create(newsletter=newsletter, person=lis, sent_at=timezone.now())
    question = ReflectionQuestion.objects.create(
        set=ReflectionSet.objects.create(forum=event.forum, title="Efterår"), text="Hvad lærte du?"
    )
    ReflectionNote.objects.create(question=question, author=lis, text="At lytte")
    AdviceRequest.objects.create(requester=lis, subject="Et svært forløb")


def _development(people) -> None:
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    dialogue_schedule(
        leader=people["lis"], when=timezone.now() + datetime.timedelta(days=7), by=people["carl"].user
    )
    goal = Goal.objects.create(plan=Plan.objects.create(leader=people["lis"]), title="Delt mål", shared=True)
    Action.objects.create(goal=goal, text="Gøre noget", due=timezone.localdate())


@pytest.fixture
def lis_everywhere(small_organisation):
    """Lis with a forum membership, an event place, a newsletter, a reflection note, an advice request, a
    dialogue, a development plan, an action plan, a unit note, a nomination and a tool document."""
    people, lis = small_organisation["people"], small_organisation["people"]["lis"]
    _networks(lis)
    _development(people)
    ahorn = small_organisation["units"]["ahorn"]
    plan_create(unit=ahorn, owner=lis, title="Læsning", by=lis.user)
    unit_note_create(
        unit=ahorn,
        data_type=DataType.PERCEPTION,
        kind=NoteKind.INTERVIEW,
        observed_on=timezone.localdate(),
        title="Interview",
        text="Om frikvartererne",
        private=False,
        by=lis.user,
    )
    talent_nominate(nominee=people["tom"], reason="Tager ansvar", by=lis.user)
    tools_builtin_load()
    document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Noter", by=lis.user)
    return lis


def _export(client, person) -> dict:
    response = client.get(reverse("accounts:person_export", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_every_apps_part_is_in_a_json_export_for_the_person_themself(client, lis_everywhere):
    client.force_login(lis_everywhere.user)

    document = _export(client, lis_everywhere)

    for key in [
        "forum_memberships",
        "event_places",
        "networks_newsletters_received",
        "networks_reflection_notes",
        "development_dialogues",
        "development_plans_with_goals",
        "indicators_unit_notes",
        "talent_nominations_made",
    ]:
        assert document[key], key
    assert document["event_places"][0]["history"][0]["at"]
    assert datetime.datetime.fromisoformat(document["forum_memberships"][0]["joined"])
    assert "Et svært forløb" in json.dumps(document, ensure_ascii=False)  # the advice request
    assert "Læsning" in json.dumps(document, ensure_ascii=False)  # the action plan
    assert "Noter" in json.dumps(document, ensure_ascii=False)  # the tool document


def test_every_apps_part_is_in_a_json_export_the_administrator_makes(admin_client, lis_everywhere):
    document = _export(admin_client, lis_everywhere)

    assert document["forum_memberships"] and document["event_places"] and document["development_dialogues"]
    assert "Et svært forløb" not in json.dumps(document, ensure_ascii=False)


def test_a_part_with_a_date_or_a_datetime_is_still_json(client, lis_everywhere):
    def dated(person):
        return {"a_later_part": {"day": timezone.localdate(), "moment": timezone.now()}}

    gdpr.register_exporter(dated)
    client.force_login(lis_everywhere.user)
    try:
        document = _export(client, lis_everywhere)
    finally:
        gdpr._exporters.remove(dated)

    assert document["a_later_part"]["day"] == timezone.localdate().isoformat()
