"""Reads for accounts: the audit log with its filters, the users list."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


def audit_events_filter(
    *,
    action: str = "",
    user=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, narrowed by action, user and an inclusive local date range."""
    events = AuditEvent.objects.select_related("user").order_by("-at", "-id")
    if action:
        events = events.filter(action=action)
    if user is not None:
        events = events.filter(user=user)
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


def audit_users() -> QuerySet:
    """The accounts that occur in the log, for the filter."""
    ids = AuditEvent.objects.filter(user__isnull=False).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def users_list() -> QuerySet:
    """Every account with the person it belongs to, administrators first."""
    return get_user_model().objects.select_related("person").order_by("-is_staff", "username")
