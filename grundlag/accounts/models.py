"""Accounts keep no models of their own: a login is Django's user, linked from the organisation's person."""

from grundlag.audit.models import AuditEvent  # noqa: F401  temporary re-export, removed after the merge
