"""Reads of the audit log: the administrators' page with its filters."""

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.utils import timezone

from grundlag.core.rules import require

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
    events = AuditEvent.objects.select_related("user").order_by("-at", "-id")
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
