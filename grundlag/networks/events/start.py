"""What forums and events put on the start page: an offered place waiting for my answer, and my next
events."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from ..models import PlaceStatus
from .selectors import my_places_for_user

EVENTS_SHOWN = 3


@start_sections
def events_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """An offer first (it passes on if not answered), then the next events the person is on the list of."""
    places = my_places_for_user(user=user)
    if not places:
        return []
    offers = [place for place in places if place.status == PlaceStatus.OFFERED]
    others = [place for place in places if place.status != PlaceStatus.OFFERED][:EVENTS_SHOWN]
    return [
        StartSection(
            template="networks/_start_events.html",
            context={"offers": offers, "places": others, "more": len(places) - len(offers) - len(others)},
            order=8 if offers else 36,
        )
    ]
