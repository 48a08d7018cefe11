"""Writes to forums, events and places: joining, signing up, the waiting list and its offers, calendars.

Every write that changes a place locks the event's row first (SELECT … FOR UPDATE), so that people
signing up for the last places at once are served one after the other: the event is never overfilled and
the waiting list keeps the order people came in. An offered place is held for the person offered until
the offer expires (settings.NETWORKS_OFFER_HOURS, never past the event's start); every write on an event
first lets its expired offers pass on, and `networks_offers_expire` does so for every event.
"""

import datetime
import enum
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.development.models import Goal
from grundlag.development.plans.services import action_add, action_update
from grundlag.organisation.models import Person, Unit

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
from .calendar import event_ics, event_link

# The first number on a waiting list; moving someone to the top takes the number before the lowest.
QUEUE_START = 1_000_000_000


# --- Forums ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumInput:
    slug: str
    theme: str
    description: str = ""
    audience: str = Audience.LEADERS_OF_LEADERS
    unit: Unit | None = None
    source_section_id: int | None = None


@transaction.atomic
def forum_save(
    *,
    data: ForumInput,
    organisers: list[Person],
    invited: list[Person],
    by: User,
    forum: Forum | None = None,
) -> Forum:
    """Make a forum, or change one: its theme, description, audience and organisers."""
    forum = forum or Forum()
    forum.slug, forum.theme = data.slug, data.theme.strip()
    forum.description, forum.audience = data.description.strip(), data.audience
    forum.unit, forum.source_section_id = data.unit, data.source_section_id
    forum.full_clean()
    forum.save()
    forum.organisers.set(organisers)
    forum.invited.set(invited)
    audit_record(user=by, action="networks.forum_save", obj=forum)
    return forum


@transaction.atomic
def forum_join(*, forum: Forum, person: Person, by: User) -> Membership:
    """Join a forum (open to the person: the views ask the forum's selector); joining twice is one
    membership."""
    membership, created = Membership.objects.get_or_create(forum=forum, person=person)
    if created:
        audit_record(user=by, action="networks.forum_join", obj=forum)
    return membership


@transaction.atomic
def forum_leave(*, forum: Forum, person: Person, by: User) -> None:
    """Leave a forum. The person's places on its events are kept: they signed up for those."""
    if Membership.objects.filter(forum=forum, person=person).delete()[0]:
        audit_record(user=by, action="networks.forum_leave", obj=forum)


@transaction.atomic
def membership_newsletters_set(*, forum: Forum, person: Person, receive: bool, by: User) -> Membership:
    """Receive a forum's newsletters, or not (unsubscribe); a member only."""
    membership = Membership.objects.filter(forum=forum, person=person).first()
    if membership is None:
        raise ValidationError(_("Only a member of the forum receives its newsletter."), code="member")
    membership.newsletters = receive
    membership.save(update_fields=["newsletters"])
    audit_record(user=by, action="networks.newsletters_set", obj=forum)
    return membership


# --- Events ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventInput:
    title: str
    starts: datetime.datetime
    ends: datetime.datetime
    capacity: int
    signup_deadline: datetime.datetime
    description: str = ""
    town: str = ""
    address: str = ""
    video_url: str = ""


def _event_checks(data: EventInput) -> None:
    errors: dict[str, str] = {}
    if data.ends <= data.starts:
        errors["ends"] = _("The event must end after it starts.")
    if data.signup_deadline > data.starts:
        errors["signup_deadline"] = _("Sign-up must close before the event starts.")
    if not (data.town.strip() or data.video_url.strip()):
        errors["town"] = _("Say where the event is: a town (and an address), or a video link.")
    if data.capacity < 1:
        errors["capacity"] = _("An event needs at least one place.")
    if errors:
        raise ValidationError(errors)


def _fill(event: Event, data: EventInput) -> None:
    event.title, event.description = data.title.strip(), data.description.strip()
    event.starts, event.ends, event.signup_deadline = data.starts, data.ends, data.signup_deadline
    event.town, event.address, event.video_url = (
        data.town.strip(),
        data.address.strip(),
        data.video_url.strip(),
    )
    event.capacity = data.capacity


@transaction.atomic
def event_create(*, forum: Forum, data: EventInput, organisers: list[Person], by: User) -> Event:
    """Add a dated event to a forum."""
    _event_checks(data)
    event = Event(forum=forum)
    _fill(event, data)
    event.full_clean()
    event.save()
    event.organisers.set(organisers)
    audit_record(user=by, action="networks.event_create", obj=event)
    return event


def _lock(event: Event) -> Event:
    """The event's row, locked until the transaction ends; its expired offers passed on."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _offers_expire(locked)
    return locked


def _held(event: Event) -> int:
    return Place.objects.filter(event=event, status__in=HELD_PLACES).count()


@transaction.atomic
def event_update(*, event: Event, data: EventInput, organisers: list[Person], by: User) -> Event:
    """Change an event. Its capacity cannot go below the places held (signed up or offered); a larger
    capacity offers the freed places to the waiting list; a new time or place raises the calendar's sequence
    and tells everyone signed up."""
    _event_checks(data)
    event = _lock(event)
    if event.cancelled:
        raise ValidationError(_("The event is cancelled and can no longer be changed."), code="cancelled")
    held = _held(event)
    if data.capacity < held:
        raise ValidationError(
            {
                "capacity": _(
                    "%(held)d places are taken (signed up or offered): the number of places cannot be "
                    "below that. Move people to the waiting list or remove them first."
                )
                % {"held": held}
            }
        )
    moved = (data.starts, data.ends, data.town.strip(), data.address.strip(), data.video_url.strip()) != (
        event.starts,
        event.ends,
        event.town,
        event.address,
        event.video_url,
    )
    _fill(event, data)
    if moved:
        event.sequence += 1
    event.full_clean()
    event.save()
    event.organisers.set(organisers)
    _offer_next(event)
    audit_record(user=by, action="networks.event_update", obj=event)
    if moved:
        _notify(event, "changed", Place.objects.filter(event=event, status=PlaceStatus.SIGNED_UP))
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by: User) -> Event:
    """Cancel an event: everyone signed up, offered a place or on the waiting list is told by e-mail, with a
    cancellation for their calendar (the same UID, a higher sequence)."""
    event = _lock(event)
    if event.cancelled:
        raise ValidationError(_("The event is already cancelled."), code="cancelled")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is cancelled: everyone signed up is told.")})
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence"])
    audit_record(user=by, action="networks.event_cancel", obj=event)
    _notify(event, "cancelled", Place.objects.filter(event=event, status__in=ACTIVE_PLACES), reason=reason)
    return event


# --- Places ---------------------------------------------------------------------------------------------


def _change(place: Place, status: str, *, by: User | None, reason: str = "") -> Place:
    place.status = status
    place.save()
    PlaceChange.objects.create(place=place, status=status, by=by, reason=reason.strip()[:500])
    return place


def _offers_expire(event: Event) -> int:
    expired = list(
        Place.objects.filter(event=event, status=PlaceStatus.OFFERED, offer_expires_at__lte=timezone.now())
    )
    for place in expired:
        _change(place, PlaceStatus.EXPIRED, by=None)
    if expired:
        _offer_next(event)
    return len(expired)


def _offer_next(event: Event) -> list[Place]:
    """Offer each free place to the next on the waiting list, holding it until the offer expires."""
    if event.cancelled or event.starts <= timezone.now():
        return []
    free = event.capacity - _held(event)
    if free <= 0:
        return []
    expires = min(timezone.now() + datetime.timedelta(hours=settings.NETWORKS_OFFER_HOURS), event.starts)
    offered = []
    for place in Place.objects.filter(event=event, status=PlaceStatus.WAITING).order_by("queued", "pk")[
        :free
    ]:
        place.offer_expires_at = expires
        offered.append(_change(place, PlaceStatus.OFFERED, by=None))
    if offered:
        _notify(event, "offered", offered)
    return offered


def _open_for_signup(event: Event) -> None:
    if event.cancelled:
        raise ValidationError(_("The event is cancelled."), code="cancelled")
    if timezone.now() > event.signup_deadline:
        deadline = formats.date_format(timezone.localtime(event.signup_deadline), "DATETIME_FORMAT")
        raise ValidationError(_("Sign-up closed on %(deadline)s.") % {"deadline": deadline}, code="deadline")


@transaction.atomic
def place_signup(*, event: Event, person: Person, by: User) -> Place:
    """Sign up for an event: a place while there is one, else the end of the waiting list. Signing up makes
    the person a member of the forum (it is open to them: the views ask the forum's selector)."""
    event = _lock(event)
    _open_for_signup(event)
    current = Place.objects.filter(event=event, person=person, status__in=ACTIVE_PLACES).first()
    if current is not None:
        raise ValidationError(
            _("You are already on the list of this event: %(status)s.")
            % {"status": current.get_status_display().lower()},
            code="twice",
        )
    Membership.objects.get_or_create(forum_id=event.forum_id, person=person)
    place = Place(event=event, person=person)
    if _held(event) < event.capacity:
        _change(place, PlaceStatus.SIGNED_UP, by=by)
        _notify(event, "signed_up", [place])
    else:
        last = Place.objects.filter(event=event).aggregate(last=Max("queued"))["last"]
        place.queued = (last or QUEUE_START - 1) + 1
        _change(place, PlaceStatus.WAITING, by=by)
    audit_record(user=by, action="networks.place_signup", obj=event)
    return place


def _active(place: Place, event: Event) -> Place:
    """The place read again under the event's lock."""
    place = Place.objects.select_related("person").get(pk=place.pk)
    if place.status not in ACTIVE_PLACES:
        raise ValidationError(_("This place is no longer on the event's list."), code="gone")
    return place


@transaction.atomic
def place_cancel(*, place: Place, by: User) -> Place:
    """Take one's name off an event (a place, an offer or the waiting list); a freed place is offered to
    the next on the waiting list."""
    event = _lock(place.event)
    place = _active(place, event)
    _change(place, PlaceStatus.CANCELLED, by=by)
    _offer_next(event)
    audit_record(user=by, action="networks.place_cancel", obj=event)
    return place


class OfferOutcome(enum.Enum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


@transaction.atomic
def offer_answer(*, place: Place, accept: bool, by: User) -> OfferOutcome:
    """Accept or decline an offered place. An offer that has expired has passed on: the answer is then
    EXPIRED (and the expiry is kept), never an error that undoes it."""
    event = _lock(place.event)
    place = Place.objects.select_related("person").get(pk=place.pk)
    if event.cancelled:
        raise ValidationError(_("The event is cancelled."), code="cancelled")
    if place.status == PlaceStatus.EXPIRED:
        return OfferOutcome.EXPIRED
    if place.status != PlaceStatus.OFFERED:
        raise ValidationError(_("There is no offer of a place waiting for an answer."), code="no_offer")
    place.offer_expires_at = None
    if accept:
        _change(place, PlaceStatus.SIGNED_UP, by=by)
        _notify(event, "signed_up", [place])
    else:
        _change(place, PlaceStatus.DECLINED, by=by)
        _offer_next(event)
    audit_record(user=by, action="networks.offer_answer", obj=event)
    return OfferOutcome.ACCEPTED if accept else OfferOutcome.DECLINED


class Move(enum.StrEnum):
    """Where an organiser moves a person on an event's list."""

    SIGN_UP = "sign_up"  # from the waiting list (or an offer) to a place: there must be one free
    TOP = "top"  # to the top of the waiting list: offered the next place that frees up
    REMOVE = "remove"  # off the event; a place freed is offered to the next


@transaction.atomic
def place_move(*, place: Place, to: Move, reason: str, by: User) -> Place:
    """An organiser moves a person on the event's list, with the reason recorded in the place's history."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for the move: it is kept in the list's history.")}
        )
    event = _lock(place.event)
    if event.cancelled:
        raise ValidationError(_("The event is cancelled and can no longer be changed."), code="cancelled")
    place = _active(place, event)
    if to == Move.SIGN_UP:
        if place.status == PlaceStatus.SIGNED_UP:
            raise ValidationError(_("%(name)s is already signed up.") % {"name": place.person.name})
        own_hold = 1 if place.status == PlaceStatus.OFFERED else 0
        if _held(event) - own_hold >= event.capacity:
            raise ValidationError(
                _("Every place is taken. Raise the number of places, or move someone else off first."),
                code="full",
            )
        place.offer_expires_at = None
        _change(place, PlaceStatus.SIGNED_UP, by=by, reason=reason)
        _notify(event, "signed_up", [place])
    elif to == Move.TOP:
        if place.status != PlaceStatus.WAITING:
            raise ValidationError(_("Only someone on the waiting list can be moved to its top."), code="top")
        first = Place.objects.filter(event=event, status=PlaceStatus.WAITING).aggregate(first=Min("queued"))
        place.queued = min(first["first"] or QUEUE_START, place.queued or QUEUE_START) - 1
        _change(place, PlaceStatus.WAITING, by=by, reason=reason)
    else:
        _change(place, PlaceStatus.REMOVED, by=by, reason=reason)
        _notify(event, "removed", [place])
        _offer_next(event)
    audit_record(user=by, action="networks.place_move", obj=event)
    return place


def offers_expire() -> int:
    """Let every expired offer pass on to the next on its waiting list; returns how many expired. Run often
    (`networks_offers_expire`, e.g. every quarter of an hour); every write on an event does it for that
    event too."""
    expired = 0
    due = Place.objects.filter(status=PlaceStatus.OFFERED, offer_expires_at__lte=timezone.now())
    for event_id in set(due.values_list("event_id", flat=True)):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            expired += _offers_expire(event)
    return expired


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail everyone signed up for an event that starts within settings.NETWORKS_REMINDER_DAYS, once
    (marked before sending, so a second run sends nothing). Returns how many were sent. Run daily
    (`networks_reminders_send`)."""
    now = now or timezone.now()
    due = Place.objects.filter(
        status=PlaceStatus.SIGNED_UP,
        reminded_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts__gt=now,
        event__starts__lte=now + datetime.timedelta(days=settings.NETWORKS_REMINDER_DAYS),
    ).select_related("event", "person")
    places = list(due)
    Place.objects.filter(pk__in=[place.pk for place in places]).update(reminded_at=now)
    sent = 0
    for place in places:
        message = _email(place.event, "reminder", place.person)
        if message is not None:
            sent += message.send()
    return sent


# --- The personal calendar feed ---------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, person: Person, by: User) -> str:
    """A new secret address for the person's calendar feed; the old one stops working. Returns the secret,
    shown once: only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(person=person, defaults={"token_hash": _token_hash(token)})
    audit_record(user=by, action="networks.calendar_feed_renew", obj=person)
    return token


@transaction.atomic
def calendar_feed_revoke(*, person: Person, by: User) -> None:
    if CalendarFeed.objects.filter(person=person).delete()[0]:
        audit_record(user=by, action="networks.calendar_feed_revoke", obj=person)


# --- An attended event in the development plan --------------------------------------------------------------


@transaction.atomic
def attendance_to_plan(*, place: Place, goal: Goal, by: User) -> None:
    """Add an event the person attended to a goal of their development plan, as an action done on the
    event's day."""
    event = place.event
    if place.status != PlaceStatus.SIGNED_UP or event.cancelled or event.ends > timezone.now():
        raise ValidationError(_("Only an event you took part in, and that has ended, can be added."))
    text = _("Took part in “%(title)s”") % {"title": event.title}
    action = action_add(goal=goal, text=text[:500], by=by)
    action_update(
        action=action,
        text=action.text,
        owner="",
        due=None,
        done=True,
        evidence=event_link(event),
        reflection="",
        by=by,
    )
    action.done_on = timezone.localdate(event.starts)
    action.save(update_fields=["done_on"])


# --- E-mails ------------------------------------------------------------------------------------------------


def _email(event: Event, kind: str, person: Person, reason: str = "") -> EmailMultiAlternatives | None:
    """One e-mail about an event to one person, in their language, with the event's calendar file."""
    if not person.email or person.erased_at is not None:
        return None
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        place = Place.objects.filter(event=event, person=person).order_by("-pk").first()
        context = {
            "kind": kind,
            "event": event,
            "recipient_name": person.name,
            "reason": reason,
            "expires": place.offer_expires_at if place is not None else None,
            "link": event_link(event),
        }
        subject = "".join(render_to_string("networks/email/event_subject.txt", context).splitlines())
        body = render_to_string("networks/email/event_body.txt", context)
    message = EmailMultiAlternatives(
        subject, body, None, [person.email], headers={"Content-Language": language}
    )
    if kind in ("signed_up", "changed", "cancelled", "reminder"):
        organisers = list(event.organisers.all()) or list(event.forum.organisers.all())
        ics = event_ics(event=event, attendees=[person], organisers=organisers)
        message.attach(
            "event.ics", ics, "text/calendar; method=" + ("CANCEL" if event.cancelled else "PUBLISH")
        )
    return message


def _notify(event: Event, kind: str, places: Iterable[Place], reason: str = "") -> None:
    """Send the e-mails once the transaction has committed (a rolled-back change tells no one)."""
    people = [place.person for place in places]

    def send() -> None:
        for person in people:
            message = _email(event, kind, person, reason)
            if message is not None:
                message.send()

    transaction.on_commit(send)


def events_person_erase(*, person: Person) -> None:
    """The person's part of forums and events at their erasure: memberships, calendar feed and places go
    (a held place freed is offered to the next on the waiting list); they leave every organiser list."""
    Membership.objects.filter(person=person).delete()
    CalendarFeed.objects.filter(person=person).delete()
    for event_id in set(
        Place.objects.filter(person=person, status__in=HELD_PLACES).values_list("event_id", flat=True)
    ):
        event = _lock(Event(pk=event_id))
        Place.objects.filter(event=event, person=person).delete()
        _offer_next(event)
    Place.objects.filter(person=person).delete()
    for forum in Forum.objects.filter(organisers=person):
        forum.organisers.remove(person)
    for event in Event.objects.filter(organisers=person):
        event.organisers.remove(person)
