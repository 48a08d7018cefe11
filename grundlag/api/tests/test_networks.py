import pytest
from django.test import Client
from icalendar import Calendar

from grundlag.networks.models import Audience, Place, PlaceStatus
from grundlag.networks.tests.factories import EventFactory, ForumFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(org):
    forum = ForumFactory(slug="data", audience=Audience.LEADERS)
    return EventFactory(forum=forum, capacity=1)


def send(client, tokens, method, path, persona):
    return getattr(client, method)(f"/api/v1{path}", headers={"Authorization": f"Bearer {tokens[persona]}"})


def test_forums_and_events_open_to_the_caller_are_listed_and_no_others(call, event, org):
    hidden = ForumFactory(audience=Audience.NAMED)
    EventFactory(forum=hidden)
    forums = call("/forums", "lis").json()["items"]
    assert [forum["slug"] for forum in forums] == ["data"]
    events = call("/events", "lis").json()["items"]
    assert [item["id"] for item in events] == [event.pk]
    assert call("/events", "ulla").json()["items"] == []  # a teacher: no forum open to her
    assert call(f"/events/{event.pk}", "ulla").status_code == 404
    assert call(f"/events/{event.pk}", "lis").json()["place"] == {
        "status": None,
        "position": None,
        "offer_expires_at": None,
        "free": 1,
        "waiting": 0,
    }


def test_sign_up_wait_and_accept_an_offer_through_the_api(client, tokens, event, org):
    taken = send(client, tokens, "post", f"/events/{event.pk}/place", "lis")
    assert taken.status_code == 200 and taken.json()["status"] == "signed_up"
    again = send(client, tokens, "post", f"/events/{event.pk}/place", "lis")
    assert again.status_code == 409 and "allerede" in again.json()["detail"]
    waiting = send(client, tokens, "post", f"/events/{event.pk}/place", "dorte")
    assert waiting.json()["status"] == "waiting" and waiting.json()["position"] == 1
    assert send(client, tokens, "delete", f"/events/{event.pk}/place", "lis").json()["status"] is None
    dorte = org["people"]["dorte"]
    assert Place.objects.get(event=event, person=dorte).status == PlaceStatus.OFFERED
    accepted = send(client, tokens, "post", f"/events/{event.pk}/offer", "dorte")
    assert accepted.status_code == 200 and accepted.json()["status"] == "signed_up"
    assert send(client, tokens, "post", f"/events/{event.pk}/offer", "dorte").status_code == 409
    calendar = send(client, tokens, "get", "/calendar", "dorte")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert [str(c["UID"]) for c in Calendar.from_ical(calendar.content).walk("VEVENT")] == [
        f"{event.uid}@grundlag"
    ]


def test_a_session_caller_needs_the_csrf_token_to_sign_up(event, org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org["people"]["lis"].user)
    response = client.post(f"/api/v1/events/{event.pk}/place")
    assert response.status_code in (401, 403)
    assert not Place.objects.exists()


def test_a_caller_outside_the_audience_cannot_sign_up(client, tokens, event):
    assert send(client, tokens, "post", f"/events/{event.pk}/place", "ulla").status_code == 404
    assert not Place.objects.exists()
