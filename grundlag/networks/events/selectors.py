"""Who sees which forum and event, and what they see of it.

A forum is open to its audience (`Audience`: everyone, leaders, leaders of leaders, or only the people
named), narrowed to a unit's subtree where it names one, and always to the people it invites besides; its
members, organisers and the administrators see it too (a member stays a member when they move). Whoever
sees a forum sees its events; an organiser of the forum or of an event (or an administrator) manages them.
Where a forum is not open to someone, it is not there (404): its existence tells nothing.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ExpressionWrapper, F, IntegerField, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grundlag.core.rules import is_administrator, require
from grundlag.frameworks.models import Section
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import is_leader, leads_leaders, person_for_user, today, unit_subtree_q

from ..models import (
    ACTIVE_PLACES,
    HELD_PLACES,
    Audience,
    CalendarFeed,
    Event,
    Forum,
    Membership,
    Place,
    PlaceChange,
    PlaceStatus,
)

Viewer = User | AnonymousUser


@dataclass(frozen=True)
class ForumAccess:
    """What a person is to a forum: open to them (may see and join), a member, an organiser."""

    open: bool
    member: bool
    organiser: bool


def _works_within(*, person: Person, unit: Unit) -> bool:
    """Whether the person holds a post today in the unit or below it."""
    posts = Post.objects.active_on(today()).filter(person=person)
    return posts.filter(unit_subtree_q(unit=unit, prefix="unit__")).exists()


def _in_audience(*, forum: Forum, person: Person) -> bool:
    if forum.invited.filter(pk=person.pk).exists():
        return True
    if forum.audience == Audience.NAMED:
        return False
    if forum.unit is not None and not _works_within(person=person, unit=forum.unit):
        return False
    if forum.audience == Audience.LEADERS:
        return is_leader(person=person)
    if forum.audience == Audience.LEADERS_OF_LEADERS:
        return leads_leaders(person=person)
    return True


def forum_access(*, user: Viewer, forum: Forum) -> ForumAccess:
    """What the user is to the forum (an administrator organises every forum)."""
    if not user.is_authenticated or not user.is_active:
        return ForumAccess(open=False, member=False, organiser=False)
    person = person_for_user(user=user)
    organiser = is_administrator(user) or (
        person is not None and forum.organisers.filter(pk=person.pk).exists()
    )
    member = person is not None and Membership.objects.filter(forum=forum, person=person).exists()
    open_ = organiser or member or (person is not None and _in_audience(forum=forum, person=person))
    return ForumAccess(open=open_, member=member, organiser=organiser)


def forum_get_for_user(*, user: Viewer, slug: str) -> tuple[Forum, ForumAccess]:
    """A forum the user may see, and what they are to it; 404 for one not there or not open to them."""
    forum = Forum.objects.filter(slug=slug).select_related("unit", "source_section").first()
    if forum is None:
        raise Http404
    access = forum_access(user=user, forum=forum)
    if not access.open:
        raise Http404
    return forum, access


def forums_for_user(*, user: Viewer) -> list[tuple[Forum, ForumAccess]]:
    """Every forum open to the user, with what they are to it: the person's memberships, organised and
    invited forums read once, and whether they lead (leaders) asked once, whatever the number of forums."""
    if not user.is_authenticated or not user.is_active:
        return []
    admin = is_administrator(user)
    person = person_for_user(user=user)
    forums = list(Forum.objects.select_related("unit"))
    if person is None:
        return [(forum, ForumAccess(open=True, member=False, organiser=True)) for forum in forums if admin]
    member = set(Membership.objects.filter(person=person).values_list("forum_id", flat=True))
    organiser = set(Forum.organisers.through.objects.filter(person=person).values_list("forum_id", flat=True))
    invited = set(Forum.invited.through.objects.filter(person=person).values_list("forum_id", flat=True))
    leads: dict[str, bool] = {}

    def in_audience(forum: Forum) -> bool:
        if forum.pk in invited:
            return True
        if forum.audience == Audience.NAMED:
            return False
        if forum.unit is not None and not _works_within(person=person, unit=forum.unit):
            return False
        if forum.audience == Audience.LEADERS:
            leads.setdefault("leaders", is_leader(person=person))
            return leads["leaders"]
        if forum.audience == Audience.LEADERS_OF_LEADERS:
            leads.setdefault("leaders_of_leaders", leads_leaders(person=person))
            return leads["leaders_of_leaders"]
        return True

    shown = []
    for forum in forums:
        access = ForumAccess(
            open=admin or forum.pk in member or forum.pk in organiser or in_audience(forum),
            member=forum.pk in member,
            organiser=admin or forum.pk in organiser,
        )
        if access.open:
            shown.append((forum, access))
    return shown


def event_organises(*, user: Viewer, event: Event, forum_access_: ForumAccess | None = None) -> bool:
    """Whether the user manages the event: an organiser of it or of its forum, or an administrator."""
    if forum_access_ is not None and forum_access_.organiser:
        return True
    if is_administrator(user):
        return True
    person = person_for_user(user=user)
    if person is None:
        return False
    return (
        event.organisers.filter(pk=person.pk).exists() or event.forum.organisers.filter(pk=person.pk).exists()
    )


def event_get_for_user(*, user: Viewer, pk: int) -> tuple[Event, ForumAccess, bool]:
    """An event the user may see (its forum is open to them, or they hold a place on it), what they are to
    its forum, and whether they manage it; 404 otherwise."""
    event = Event.objects.select_related("forum").filter(pk=pk).first()
    if event is None:
        raise Http404
    access = forum_access(user=user, forum=event.forum)
    person = person_for_user(user=user)
    # Someone on its list (signed up, offered, waiting) may still open an event of a forum no longer open to
    # them; a place that ended (cancelled, removed …) opens nothing.
    holds = person is not None and (
        Place.objects.filter(event=event, person=person, status__in=ACTIVE_PLACES).exists()
    )
    if not access.open and not holds:
        raise Http404
    return event, access, event_organises(user=user, event=event, forum_access_=access)


def event_open_for_user(*, user: Viewer, pk: int) -> Event:
    """An event whose forum is open to the user, for signing up (holding an old place is not enough); 404
    otherwise."""
    event, access, _manages = event_get_for_user(user=user, pk=pk)
    if not access.open:
        raise Http404
    return event


def event_managed_for_user(*, user: Viewer, pk: int) -> Event:
    """An event the user manages; 404 for one they may not see, 403 for one they only see."""
    event, _access, manages = event_get_for_user(user=user, pk=pk)
    if not manages:
        raise PermissionDenied
    return event


def forum_managed_for_user(*, user: Viewer, slug: str) -> Forum:
    """A forum the user organises (or an administrator); 404 / 403 as for an event."""
    forum, access = forum_get_for_user(user=user, slug=slug)
    if not access.organiser:
        raise PermissionDenied
    return forum


def forum_events(*, forum: Forum) -> tuple[list[Event], list[Event]]:
    """The forum's events to come (and running) and those past, each with its places held counted."""
    now = timezone.now()
    events = (
        Event.objects.filter(forum=forum)
        .annotate(
            held=Count("places", filter=Q(places__status__in=HELD_PLACES)),
            waiting=Count("places", filter=Q(places__status=PlaceStatus.WAITING)),
        )
        .annotate(free=ExpressionWrapper(F("capacity") - F("held"), output_field=IntegerField()))
    )
    return list(events.filter(ends__gte=now)), list(events.filter(ends__lt=now).order_by("-starts")[:20])


@dataclass(frozen=True)
class EventState:
    """The event as one person sees it: places taken and free, and their own place (or none)."""

    held: int
    free: int
    waiting: int
    place: Place | None
    position: int | None  # their number on the waiting list
    signup_open: bool


def event_state_for_user(*, user: Viewer, event: Event) -> EventState:
    counts = Place.objects.filter(event=event).aggregate(
        held=Count("pk", filter=Q(status__in=HELD_PLACES)),
        waiting=Count("pk", filter=Q(status=PlaceStatus.WAITING)),
    )
    person = person_for_user(user=user)
    place = None
    position = None
    if person is not None:
        place = Place.objects.filter(event=event, person=person, status__in=ACTIVE_PLACES).first()
        if place is not None and place.status == PlaceStatus.WAITING:
            position = (
                1
                + Place.objects.filter(
                    event=event, status=PlaceStatus.WAITING, queued__lt=place.queued
                ).count()
            )
    now = timezone.now()
    return EventState(
        held=counts["held"],
        free=max(event.capacity - counts["held"], 0),
        waiting=counts["waiting"],
        place=place,
        position=position,
        signup_open=not event.cancelled and now <= event.signup_deadline,
    )


def own_place_for_user(*, user: Viewer, event: Event) -> Place:
    """The user's own active place on the event; 404 if they hold none."""
    person = person_for_user(user=user)
    place = (
        Place.objects.filter(event=event, person=person, status__in=ACTIVE_PLACES)
        .select_related("event")
        .first()
        if person is not None
        else None
    )
    if place is None:
        raise Http404
    return place


def own_person_for_user(*, user: Viewer) -> Person:
    """The person the user is; 404 for an account that is no one (it cannot sign up or join)."""
    person = person_for_user(user=user)
    if person is None:
        raise Http404
    return person


def event_list_for_user(*, user: Viewer, event: Event) -> dict[str, list[Place]]:
    """An organiser's view of the event's list: signed up, offered, waiting (in order) and the rest, each
    with its history (organisers only: the selector refuses everyone else)."""
    if not event_organises(user=user, event=event):
        raise PermissionDenied
    places = (
        Place.objects.filter(event=event)
        .select_related("person")
        .prefetch_related(Prefetch("changes", queryset=PlaceChange.objects.select_related("by__person")))
        .order_by("queued", "created_at", "pk")
    )
    grouped: dict[str, list[Place]] = {"signed_up": [], "offered": [], "waiting": [], "ended": []}
    for place in places:
        key = place.status if place.status in ACTIVE_PLACES else "ended"
        grouped[key].append(place)
    return grouped


def place_on_event_for_user(*, user: Viewer, event: Event, pk: int) -> Place:
    """A place on an event the user manages."""
    if not event_organises(user=user, event=event):
        raise PermissionDenied
    place = Place.objects.filter(event=event, pk=pk).select_related("person", "event").first()
    if place is None:
        raise Http404
    return place


def event_attendees_for_user(*, user: Viewer, event: Event) -> list[Person]:
    """Who a calendar file names as attendees: everyone signed up for an organiser, else the user alone if
    they hold a place."""
    if event_organises(user=user, event=event):
        return [
            place.person
            for place in Place.objects.filter(event=event, status=PlaceStatus.SIGNED_UP).select_related(
                "person"
            )
        ]
    person = person_for_user(user=user)
    if (
        person is not None
        and Place.objects.filter(event=event, person=person, status=PlaceStatus.SIGNED_UP).exists()
    ):
        return [person]
    return []


def event_organisers(*, event: Event) -> list[Person]:
    return list(event.organisers.all()) or list(event.forum.organisers.all())


def my_places_for_user(*, user: Viewer) -> list[Place]:
    """The user's places on events to come: signed up, offered or waiting, soonest first."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return list(
        Place.objects.filter(person=person, status__in=ACTIVE_PLACES, event__ends__gte=timezone.now())
        .select_related("event", "event__forum")
        .order_by("event__starts")
    )


def attended_places_for_user(*, user: Viewer) -> list[Place]:
    """Events the user took part in (signed up, not cancelled, ended), latest first."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return list(
        Place.objects.filter(
            person=person,
            status=PlaceStatus.SIGNED_UP,
            event__cancelled_at__isnull=True,
            event__ends__lt=timezone.now(),
        )
        .select_related("event", "event__forum")
        .order_by("-event__starts")[:20]
    )


def feed_person(*, token: str) -> Person:
    """The person whose calendar feed the secret opens; 404 for a secret that opens none (revoked)."""
    feed = CalendarFeed.objects.filter(token_hash=hashlib.sha256(token.encode()).hexdigest()).first()
    if feed is None:
        raise Http404
    return feed.person


def feed_events(*, person: Person) -> list[Event]:
    """The events a person holds a place on (cancelled ones too, so a calendar removes them), from a month
    back on."""
    since = timezone.now() - datetime.timedelta(days=31)
    return list(
        Event.objects.filter(places__person=person, places__status=PlaceStatus.SIGNED_UP, ends__gte=since)
        .select_related("forum")
        .prefetch_related("organisers", "forum__organisers")
        .order_by("starts")
        .distinct()
    )


def calendar_feed_exists(*, person: Person) -> bool:
    return CalendarFeed.objects.filter(person=person).exists()


# Units a forum may be narrowed to: the top of the tree, a few levels down (a select, not a search).
FORUM_UNIT_DEPTH = 3


def forum_new_for_user(*, user: Viewer) -> None:
    """Making a forum: administrators only (403 for everyone else)."""
    require(user, "networks.manage_forums")


def forum_units() -> QuerySet[Unit]:
    return Unit.objects.active_on(today()).filter(depth__lt=FORUM_UNIT_DEPTH).order_by("depth", "name")


def may_create_forums_for_user(*, user: Viewer) -> bool:
    return user.has_perm("networks.manage_forums")


def membership_for_user(*, user: Viewer, forum: Forum) -> Membership | None:
    person = person_for_user(user=user)
    if person is None:
        return None
    return Membership.objects.filter(forum=forum, person=person).first()


def forum_source(*, forum: Forum) -> Section | None:
    """The foundation's section a forum was made from (its texts shown on the forum's page), if any."""
    if forum.source_section_id is None:
        return None
    return (
        Section.objects.filter(pk=forum.source_section_id)
        .select_related("version__framework")
        .prefetch_related("texts", "expectations")
        .first()
    )


def attended_place_for_user(*, user: Viewer, event: Event) -> Place | None:
    """The user's place on an event they took part in (signed up, ended, not cancelled), or None."""
    person = person_for_user(user=user)
    if person is None or event.cancelled or event.ends > timezone.now():
        return None
    return Place.objects.filter(event=event, person=person, status=PlaceStatus.SIGNED_UP).first()


def is_person_for_user(*, user: Viewer) -> bool:
    """Whether the account is a person of the organisation (only a person can join or sign up)."""
    return person_for_user(user=user) is not None


def events_for_user(*, user: Viewer) -> QuerySet[Event]:
    """The events to come (and running) of every forum open to the user, soonest first."""
    forum_ids = [forum.pk for forum, _access in forums_for_user(user=user)]
    return (
        Event.objects.filter(forum_id__in=forum_ids, ends__gte=timezone.now())
        .select_related("forum")
        .order_by("starts", "pk")
    )
