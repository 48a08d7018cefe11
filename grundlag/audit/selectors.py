"""Reads of the audit log: the administrators' page with its filters."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from grundlag.core.rules import require

from . import sentences
from .models import AuditEvent


def audit_events_for_user(
    *,
    user: User | AnonymousUser,
    action: str = "",
    by: User | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The log for an administrator (403 for anyone else), newest first, narrowed by action, user and dates.

    `by` is the user who acted; the date range is inclusive and in local time.
    """
    require(user, "audit.view_log")
    events = AuditEvent.objects.select_related("user__person").order_by("-at", "-id")
    if action:
        events = events.filter(action=action)
    if by is not None:
        events = events.filter(user=by)
    if date_from:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to:
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_actions() -> list[str]:
    """The actions that occur in the log, for the filter."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_users() -> QuerySet[User]:
    """The accounts that occur in the log, for the filter."""
    ids = AuditEvent.objects.filter(user__isnull=False).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("username")


@dataclass(frozen=True)
class DescribedEvent:
    """An event as the log page shows it: its sentence (safe HTML, a link where one exists) and its codes."""

    event: AuditEvent
    sentence: SafeString


def audit_events_described(*, events: Iterable[AuditEvent]) -> list[DescribedEvent]:
    """Each event in words, in the active language; the records it names are read in one query per type."""
    events = list(events)
    found = _objects_named(events)
    return [DescribedEvent(event=event, sentence=_sentence(event, found)) for event in events]


def _objects_named(events: list[AuditEvent]) -> dict[tuple[str, str], Model]:
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_type in sentences.KINDS and event.object_id.isdigit():
            wanted.setdefault(event.object_type, set()).add(int(event.object_id))
    found: dict[tuple[str, str], Model] = {}
    for object_type, ids in wanted.items():
        try:
            model = apps.get_model(object_type)
        except LookupError:
            continue
        kind = sentences.KINDS[object_type]
        for pk, obj in model._default_manager.select_related(*kind.related).in_bulk(ids).items():
            found[(object_type, str(pk))] = obj
    return found


def _sentence(event: AuditEvent, found: dict[tuple[str, str], Model]) -> SafeString:
    unattended = event.user is None and not event.user_label  # a command or a scheduled job, no account
    template = (unattended and sentences.SENTENCES.get(f"{event.action}:unattended")) or (
        sentences.sentence_for(event.action, event.detail)
    )
    obj = _object_html(event, found)
    who = _who(event)
    if template is None:
        template = sentences.GENERIC if event.object_type else sentences.GENERIC_WITHOUT_OBJECT
    return format_html(str(template), who=who, object=obj, action=event.action)


def _who(event: AuditEvent) -> str:
    person = getattr(event.user, "person", None) if event.user is not None else None
    if person is not None and person.name:
        return person.name
    return event.user_label or str(sentences.UNKNOWN_PERSON)


def _object_html(event: AuditEvent, found: dict[tuple[str, str], Model]) -> SafeString | str:
    kind = sentences.KINDS.get(event.object_type)
    obj = found.get((event.object_type, event.object_id))
    if kind is None or obj is None:
        if not event.object_type:
            return ""
        return str(sentences.GONE).format(id=event.object_id)
    name = str(_attribute(obj, kind.label) or obj)
    if kind.quoted:
        name = str(sentences.QUOTED).format(name=name)
    if not kind.url_name:
        return name
    args = [_attribute(obj, kind.url_field)] if kind.url_field else []
    return format_html('<a href="{}">{}</a>', reverse(kind.url_name, args=args), name)


def _attribute(obj: object, path: str) -> object:
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj
