"""Writes to the audit log: one row per action, written by each domain's services in their transaction."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model

from .models import AuditEvent


def audit_record(
    *,
    user: User | AnonymousUser | None,
    action: str,
    obj: Model | None = None,
    detail: str = "",
) -> AuditEvent:
    """Record who did what to which object; the object by type and id only, never its text."""
    known = user if isinstance(user, User) else None  # not anonymous: a known account
    return AuditEvent.objects.create(
        user=known,
        user_label=known.get_username() if known else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:500],
    )


def audit_events_relabel(*, user: User, label: str) -> int:
    """Name the user's events by a neutral label (their account is about to be erased); the count changed."""
    return AuditEvent.objects.filter(user=user).update(user_label=label)
