"""Forums' and events' part of a person's GDPR export: the forums they are a member of (and whether they
receive the newsletter), their places on events with each place's history, and whether they have a calendar
feed (never its secret, which is not kept)."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter
from grundlag.organisation.models import Person

from ..models import CalendarFeed, Membership, Place
from .services import events_person_erase


@register_exporter
def networks_events(person: Person) -> dict[str, Any]:
    places = Place.objects.filter(person=person).select_related("event").prefetch_related("changes")
    return {
        "forum_memberships": [
            {
                "forum": membership.forum.theme,
                "joined": membership.joined_at.isoformat(),
                "newsletter": membership.newsletters,
            }
            for membership in Membership.objects.filter(person=person).select_related("forum")
        ],
        "event_places": [
            {
                "event": place.event.title,
                "starts": place.event.starts.isoformat(),
                "status": place.status,
                "history": [
                    {"at": change.at.isoformat(), "status": change.status, "reason": change.reason}
                    for change in place.changes.all()
                ],
            }
            for place in places
        ],
        "calendar_feed": CalendarFeed.objects.filter(person=person).exists(),
    }


@register_eraser
def networks_events_erase(person: Person) -> None:
    """Forums' and events' part of the person's erasure (a service: `events_person_erase`)."""
    events_person_erase(person=person)
