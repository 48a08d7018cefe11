"""The access matrix's rows for forums, events and calendars (wired into
grundlag/core/tests/test_access_matrix.py), and the objects they need.

The forum is open to leaders and organised by Dorte (the matrix's manager); Lis holds a place on its event.
Ulla (the respondent) is a teacher: the forum is not there for her. The administrator organises every forum
but is no person of the organisation, so what only a person can do (join, sign up, a calendar feed) is not
found for them.
"""

from django.urls import reverse

from grundlag.core.tests.access import (
    DENIED,
    HIDDEN,
    LOGIN,
    OK,
    REFUSED,
    UNAUTHENTICATED,
    Route,
    every,
    signed_in,
)
from grundlag.networks.events.services import calendar_feed_renew, place_signup
from grundlag.networks.models import Audience
from grundlag.networks.tests.factories import EventFactory, ForumFactory

FORUM = signed_in(LOGIN, OK, respondent=HIDDEN)  # open to leaders; the administrator organises all
ORGANISERS = signed_in(LOGIN, DENIED, respondent=HIDDEN, manager=OK, administrator=OK)
A_PERSON_IN_THE_AUDIENCE = signed_in(LOGIN, OK, respondent=HIDDEN, administrator=HIDDEN)
LIS_PLACE = signed_in(LOGIN, HIDDEN, leader=OK)
A_PERSON = signed_in(LOGIN, OK, administrator=HIDDEN)
API_FORUM = signed_in(UNAUTHENTICATED, OK, respondent=HIDDEN)
API_PERSON_IN_THE_AUDIENCE = signed_in(UNAUTHENTICATED, OK, respondent=HIDDEN, administrator=HIDDEN)
API_PERSON = signed_in(UNAUTHENTICATED, OK, administrator=HIDDEN)


def events_world(o: dict) -> dict:
    """A forum open to leaders, organised by Dorte, with an event Lis is signed up for, an event no one is
    on (for the API's sign-up rows), and Lis's calendar feed."""
    people = o["people"]
    forum = ForumFactory(slug="matrix-forum", theme="Matrixforum", audience=Audience.LEADERS)
    forum.organisers.set([people["dorte"]])
    event = EventFactory(forum=forum, capacity=5)
    empty = EventFactory(forum=forum, capacity=5)
    place_signup(event=event, person=people["lis"], by=people["lis"].user)
    token = calendar_feed_renew(person=people["lis"], by=people["lis"].user)
    return {"forum": forum, "event": event, "empty_event": empty, "feed_token": token}


def _forum(o):
    return {"slug": o["networks"]["forum"].slug}


def _event(o):
    return {"pk": o["networks"]["event"].pk}


def _place(o):
    event = o["networks"]["event"]
    return {"pk": event.pk, "place_pk": event.places.get().pk}


def _api_event(o):
    return {"event_id": o["networks"]["empty_event"].pk}


def _taking_the_place_first(client, o):
    client.post(reverse("api-v1:event_place_take", kwargs=_api_event(o)))


EVENT_FORM = {
    "title": "Matrix",
    "starts": "2031-11-05T09:00",
    "ends": "2031-11-05T15:00",
    "town": "Kolding",
    "capacity": "10",
    "signup_deadline": "2031-11-01T12:00",
}

ROUTES = [
    Route("networks:forums", None, signed_in(LOGIN, OK)),
    Route("networks:forum_create", None, signed_in(REFUSED, DENIED, administrator=OK)),
    Route(
        "networks:forum_create",
        None,
        signed_in(REFUSED, DENIED, administrator=OK),
        "post",
        {"theme": "Nyt", "slug": "nyt", "audience": "leaders"},
    ),
    Route("networks:forum", _forum, FORUM),
    Route("networks:forum_edit", _forum, ORGANISERS),
    Route(
        "networks:forum_edit",
        _forum,
        ORGANISERS,
        "post",
        {"theme": "Matrixforum", "slug": "matrix-forum", "audience": "leaders"},
    ),
    Route("networks:forum_join", _forum, A_PERSON_IN_THE_AUDIENCE, "post"),
    Route("networks:forum_leave", _forum, A_PERSON_IN_THE_AUDIENCE, "post"),
    Route("networks:forum_newsletters", _forum, A_PERSON_IN_THE_AUDIENCE, "post", {"receive": "0"}),
    Route("networks:event_create", _forum, ORGANISERS),
    Route("networks:event_create", _forum, ORGANISERS, "post", EVENT_FORM),
    Route("networks:event", _event, FORUM),
    Route("networks:event_edit", _event, ORGANISERS),
    Route("networks:event_edit", _event, ORGANISERS, "post", EVENT_FORM),
    Route("networks:event_cancel", _event, ORGANISERS),
    Route("networks:event_cancel", _event, ORGANISERS, "post", {"reason": "Matrix"}),
    Route("networks:event_signup", _event, A_PERSON_IN_THE_AUDIENCE, "post"),
    Route("networks:place_cancel", _event, LIS_PLACE, "post"),
    Route("networks:offer_answer", _event, LIS_PLACE, "post", {"accept": "1"}),
    Route("networks:event_to_plan", _event, FORUM, "post"),
    Route("networks:event_places", _event, ORGANISERS),
    Route("networks:place_move", _place, ORGANISERS, "post", {"to": "top", "reason": "Matrix"}),
    Route("networks:event_ics", _event, FORUM),
    Route("networks:calendar", None, A_PERSON),
    Route("networks:calendar", None, A_PERSON, "post", {"action": "renew"}),
    # The feed's secret is the credential: whoever holds it reads Lis's events, and a wrong one nothing.
    Route("networks:calendar_feed", lambda o: {"token": o["networks"]["feed_token"]}, every(OK)),
    Route("networks:calendar_feed", lambda o: {"token": "wrong-secret"}, every(HIDDEN)),
    Route("api-v1:forum_list", None, signed_in(UNAUTHENTICATED, OK)),
    Route("api-v1:event_list", None, signed_in(UNAUTHENTICATED, OK)),
    Route("api-v1:event_detail", _api_event, API_FORUM),
    Route("api-v1:event_place_take", _api_event, API_PERSON_IN_THE_AUDIENCE, "post"),
    Route(
        "api-v1:event_place_cancel",
        _api_event,
        API_PERSON_IN_THE_AUDIENCE,
        "delete",
        before=_taking_the_place_first,
    ),
    # Holding a place but no offer: let in, and told there is no offer (409).
    Route(
        "api-v1:event_offer_accept",
        _api_event,
        API_PERSON_IN_THE_AUDIENCE,
        "post",
        before=_taking_the_place_first,
    ),
    Route(
        "api-v1:event_offer_decline",
        _api_event,
        API_PERSON_IN_THE_AUDIENCE,
        "delete",
        before=_taking_the_place_first,
    ),
    Route("api-v1:calendar", None, API_PERSON),
]
