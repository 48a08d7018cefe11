"""A meeting as a calendar file (iCalendar, RFC 5545, made with `icalendar` as the events' files are): the
document's title, the meeting's start and end (its length, or the items' minutes when it has none; a whole
day when it has no start time), its place and the agenda's items with their minutes. Only the document's
readers get it (meetings/views.py asks meetings/selectors.py)."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..documents.workflows.meeting import AGENDA, MINUTES, NAME, agenda_minutes, meeting_start, minutes_of
from ..models import ToolDocument

PRODUCT_ID = "-//Grundlag//Moedeplanlaegning//DA"


def _agenda_text(rows: list[dict]) -> str:
    lines = []
    for number, row in enumerate(rows, start=1):
        name = str(row.get(NAME) or "").strip() or _("Item %(number)s") % {"number": number}
        minutes = minutes_of(row.get(MINUTES))
        values = {"number": number, "name": name, "minutes": minutes}
        lines.append(
            _("%(number)s. %(name)s (%(minutes)s min.)") % values if minutes else f"{number}. {name}"
        )
    return "\n".join(lines)


def _times(
    day: datetime.date, start: datetime.time | None, length: int
) -> tuple[datetime.date | datetime.datetime, datetime.date | datetime.datetime | None]:
    """The meeting's start and end as the file gives them: a whole day without a start time, else in UTC."""
    if start is None:
        return day, day + datetime.timedelta(days=1)
    local = datetime.datetime.combine(day, start, tzinfo=timezone.get_default_timezone())
    begins = local.astimezone(datetime.UTC)
    return begins, begins + datetime.timedelta(minutes=length) if length else None


def meeting_ics(*, document: ToolDocument) -> bytes | None:
    """The meeting of a document as a calendar file; None when the meeting has no date yet (or one at the very
    edge of the calendar, whose end no calendar can hold)."""
    day, start = meeting_start(document.data)
    if day is None:
        return None
    rows = document.data.get(AGENDA) or []
    length = minutes_of(document.data.get("length")) or agenda_minutes(rows)
    try:
        begins, ends = _times(day, start, length)
    except OverflowError:
        return None
    component = CalendarEvent()
    component.add("uid", f"tool-document-{document.pk}@grundlag")
    component.add("sequence", document.revision)
    component.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    component.add("dtstart", begins)
    if ends is not None:
        component.add("dtend", ends)
    component.add("summary", document.title)
    if place := str(document.data.get("place") or "").strip():
        component.add("location", place)
    if rows:
        component.add("description", _agenda_text(rows))
    component.add("url", settings.SITE_URL.rstrip("/") + reverse("tools:document", args=[document.pk]))
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(component)
    return calendar.to_ical()
