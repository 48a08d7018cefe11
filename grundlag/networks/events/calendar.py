"""Calendar files (iCalendar, RFC 5545) for events, made with the `icalendar` library.

An event keeps one UID for its whole life; every change a calendar should show (time, place, cancellation)
raises its SEQUENCE, so a client that imported the first file updates the same entry. A file sent to one
person names that person as the attendee; only an organiser's file lists everyone signed up.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from grundlag.organisation.models import Person

from ..models import Event

PRODUCT_ID = "-//Grundlag//Lederfora//DA"


def event_uid(event: Event) -> str:
    return f"{event.uid}@grundlag"


def event_link(event: Event) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("networks:event", args=[event.pk])


def _address(person: Person, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}" if person.email else f"urn:grundlag:person:{person.pk}")
    address.params["cn"] = vText(person.name)
    address.params["role"] = vText(role)
    return address


def _location(event: Event) -> str:
    place = ", ".join(part for part in (event.address, event.town) if part)
    return place or event.video_url


def _component(event: Event, *, attendees: Iterable[Person], organisers: list[Person]) -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", event_uid(event))
    component.add("sequence", event.sequence)
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("dtstart", event.starts.astimezone(datetime.UTC))
    component.add("dtend", event.ends.astimezone(datetime.UTC))
    component.add("summary", event.title)
    if event.description:
        component.add("description", event.description)
    if location := _location(event):
        component.add("location", location)
    component.add("url", event_link(event))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if organisers:
        component.add("organizer", _address(organisers[0], "CHAIR"))
    for person in attendees:
        component.add("attendee", _address(person, "REQ-PARTICIPANT"), encode=False)
    return component


def _calendar(method: str, name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def event_ics(*, event: Event, attendees: Iterable[Person], organisers: list[Person]) -> bytes:
    """One event as a calendar file: a cancelled event as a cancellation (METHOD:CANCEL) of the same UID."""
    calendar = _calendar("CANCEL" if event.cancelled else "PUBLISH")
    calendar.add_component(_component(event, attendees=attendees, organisers=organisers))
    return calendar.to_ical()


def feed_ics(*, events: Iterable[Event], person: Person, name: str) -> bytes:
    """A person's calendar feed: the events they hold a place on, each naming them as its attendee (a
    cancelled event stays in the feed as cancelled, so that the calendar removes it)."""
    calendar = _calendar("PUBLISH", name)
    for event in events:
        organisers = list(event.organisers.all()) or list(event.forum.organisers.all())
        calendar.add_component(_component(event, attendees=[person], organisers=organisers))
    return calendar.to_ical()
