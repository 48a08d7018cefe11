"""Leader forums and their events (for intranets and calendars), and for the caller: signing up, taking
one's name off, answering an offered place, and the personal calendar. The same selectors and services as
the pages, under the same rules: a forum not open to the caller is not found. Requests for confidential
advice are never in the API."""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from grundlag.networks.events import selectors, services
from grundlag.networks.events.calendar import feed_ics
from grundlag.networks.models import Event, Forum, Place

from .common import NOT_FOUND_ERRORS, READ_ERRORS, ErrorOut, Pagination, api_user, id_path

router = Router(tags=["networks"])

CHANGE_ERRORS = {**NOT_FOUND_ERRORS, 409: ErrorOut}


class ForumOut(Schema):
    id: int
    slug: str = Field(description="The forum's short name, as in its page's address.")
    theme: str
    description: str
    audience: str = Field(description="everyone, leaders, leaders_of_leaders or named.")
    member: bool = Field(description="Whether the caller is a member.")
    organiser: bool = Field(description="Whether the caller organises it (administrators organise all).")

    @staticmethod
    def resolve_member(forum: Forum) -> bool:
        return forum.access.member  # type: ignore[attr-defined]

    @staticmethod
    def resolve_organiser(forum: Forum) -> bool:
        return forum.access.organiser  # type: ignore[attr-defined]


class EventOut(Schema):
    id: int
    forum: str = Field(description="The forum's slug.")
    title: str
    description: str
    starts: datetime.datetime
    ends: datetime.datetime
    town: str
    address: str
    video_url: str
    capacity: int
    signup_deadline: datetime.datetime
    cancelled: bool
    uid: str = Field(description="The event's UID in calendar files.")

    @staticmethod
    def resolve_forum(event: Event) -> str:
        return event.forum.slug

    @staticmethod
    def resolve_uid(event: Event) -> str:
        return f"{event.uid}@grundlag"


class PlaceOut(Schema):
    status: str | None = Field(
        description="The caller's place: signed_up, offered, waiting, or null when they hold none."
    )
    position: int | None = Field(description="The caller's number on the waiting list, if waiting.")
    offer_expires_at: datetime.datetime | None = Field(description="Until when an offered place is held.")
    free: int = Field(description="Places free.")
    waiting: int = Field(description="People on the waiting list.")


class EventDetailOut(EventOut):
    place: PlaceOut


def _place(request: HttpRequest, event: Event) -> dict:
    state = selectors.event_state_for_user(user=api_user(request), event=event)
    return {
        "status": state.place.status if state.place else None,
        "position": state.position,
        "offer_expires_at": state.place.offer_expires_at if state.place else None,
        "free": state.free,
        "waiting": state.waiting,
    }


@router.get(
    "/forums", response={200: list[ForumOut], **READ_ERRORS}, url_name="forum_list", operation_id="forum_list"
)
@paginate(Pagination)
def forum_list(request: HttpRequest):
    """The forums open to the caller (its audience, a member, an organiser, or invited)."""
    forums = []
    for forum, access in selectors.forums_for_user(user=api_user(request)):
        forum.access = access  # type: ignore[attr-defined]
        forums.append(forum)
    return forums


@router.get(
    "/events", response={200: list[EventOut], **READ_ERRORS}, url_name="event_list", operation_id="event_list"
)
@paginate(Pagination)
def event_list(request: HttpRequest):
    """The events to come (and running) of every forum open to the caller, soonest first."""
    return selectors.events_for_user(user=api_user(request))


@router.get(
    "/events/{event_id}",
    response={200: EventDetailOut, **NOT_FOUND_ERRORS},
    url_name="event_detail",
    operation_id="event_detail",
)
def event_detail(request: HttpRequest, event_id: int = id_path("The event's id.")):
    """One event, with the caller's place on it."""
    event, _access, _manages = selectors.event_get_for_user(user=api_user(request), pk=event_id)
    event.place = _place(request, event)  # type: ignore[attr-defined]
    return event


def _conflict(error: ValidationError) -> Status:
    return Status(409, {"detail": " ".join(error.messages)})


@router.post(
    "/events/{event_id}/place",
    response={200: PlaceOut, **CHANGE_ERRORS},
    url_name="event_place_take",
    operation_id="event_place_take",
)
def event_place_take(request: HttpRequest, event_id: int = id_path("The event's id.")):
    """Sign up: a place while there is one, else the end of the waiting list. 409 after the sign-up
    deadline, for a cancelled event, or when the caller is already on the list."""
    user = api_user(request)
    event = selectors.event_open_for_user(user=user, pk=event_id)
    person = selectors.own_person_for_user(user=user)
    try:
        services.place_signup(event=event, person=person, by=user)
    except ValidationError as error:
        return _conflict(error)
    return Status(200, _place(request, event))


@router.api_operation(
    ["DELETE"],
    "/events/{event_id}/place",
    response={200: PlaceOut, **CHANGE_ERRORS},
    url_name="event_place_cancel",
    operation_id="event_place_cancel",
)
def event_place_cancel(request: HttpRequest, event_id: int = id_path("The event's id.")):
    """Take one's name off the event (a place, an offer or the waiting list); 404 when the caller holds
    none. A freed place is offered to the next on the waiting list."""
    user = api_user(request)
    event, _access, _manages = selectors.event_get_for_user(user=user, pk=event_id)
    place: Place = selectors.own_place_for_user(user=user, event=event)
    try:
        services.place_cancel(place=place, by=user)
    except ValidationError as error:
        return _conflict(error)
    return Status(200, _place(request, event))


def _answer(request: HttpRequest, event_id: int, *, accept: bool):
    user = api_user(request)
    event, _access, _manages = selectors.event_get_for_user(user=user, pk=event_id)
    place = selectors.own_place_for_user(user=user, event=event)
    try:
        outcome = services.offer_answer(place=place, accept=accept, by=user)
    except ValidationError as error:
        return _conflict(error)
    if outcome == services.OfferOutcome.EXPIRED:
        return 409, {
            "detail": _("The offer has expired, and the place has passed on to the next on the list.")
        }
    return Status(200, _place(request, event))


@router.post(
    "/events/{event_id}/offer",
    response={200: PlaceOut, **CHANGE_ERRORS},
    url_name="event_offer_accept",
    operation_id="event_offer_accept",
)
def event_offer_accept(request: HttpRequest, event_id: int = id_path("The event's id.")):
    """Accept the place offered to the caller; 409 when there is no offer or it has expired."""
    return _answer(request, event_id, accept=True)


@router.api_operation(
    ["DELETE"],
    "/events/{event_id}/offer",
    response={200: PlaceOut, **CHANGE_ERRORS},
    url_name="event_offer_decline",
    operation_id="event_offer_decline",
)
def event_offer_decline(request: HttpRequest, event_id: int = id_path("The event's id.")):
    """Decline the place offered to the caller: it passes to the next on the waiting list."""
    return _answer(request, event_id, accept=False)


@router.get(
    "/calendar",
    response={200: str, **NOT_FOUND_ERRORS},
    url_name="calendar",
    operation_id="calendar",
    openapi_extra={
        "responses": {
            "200": {
                "description": "An iCalendar file (RFC 5545) of the caller's events.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def calendar(request: HttpRequest):
    """The caller's personal calendar: the events they are signed up for, from a month back, cancelled ones
    marked so. 404 for an account that is no person."""
    person = selectors.own_person_for_user(user=api_user(request))
    body = feed_ics(events=selectors.feed_events(person=person), person=person, name=_("Grundlag: my events"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
