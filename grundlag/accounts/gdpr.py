"""GDPR for a person: everything about them as one JSON document, and what erasure leaves of them.

Other apps add their part of the export with `register_exporter`: a function that takes the person and
returns a dict of top-level keys (e.g. {"development_plans": [...]}), plain JSON values only. What a person
keeps to themself (a private note, a private goal, a sparring log, a request for confidential advice, what
they wrote in the talent pipeline) is a part registered with `register_own_exporter`: it is in the person's
own export only, never in one an administrator makes for them. The export
and the erasure themselves are services: `grundlag.accounts.services.person_export` and `person_erase`.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.models import AuditEvent
from grundlag.organisation.imports.planning import erased_key
from grundlag.organisation.models import Person, Post

Exporter = Callable[[Person], dict[str, Any]]
_exporters: list[Exporter] = []
_own_exporters: list[Exporter] = []
# Other apps erase what they hold of a person that no one else needs (a private note, a private plan) with
# `register_eraser`: a service that takes the person, called in the erasure's transaction.
Eraser = Callable[[Person], None]
_erasers: list[Eraser] = []


def register_eraser(fn: Eraser) -> Eraser:
    """Add a part to every person's erasure; registering twice is harmless."""
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def erasers() -> list[Eraser]:
    return list(_erasers)


def register_exporter(fn: Exporter) -> Exporter:
    """Add a part to every person export (usable as a decorator); registering twice is harmless."""
    if fn not in _exporters:
        _exporters.append(fn)
    return fn


def register_own_exporter(fn: Exporter) -> Exporter:
    """Add a part that only the person themself receives, in their own export (usable as a decorator)."""
    if fn not in _own_exporters:
        _own_exporters.append(fn)
    return fn


def person_document(person: Person, *, own: bool = False) -> dict[str, Any]:
    """What Grundlag holds about the person, from every registered exporter; with `own` (the person exports
    their own data) also what they keep to themself (the export service audits it)."""
    document: dict[str, Any] = {
        "format": "grundlag-person-export",
        "exported_at": timezone.now().isoformat(),
        "private_parts": "included" if own else "only in the person's own export",
    }
    for exporter in [*_exporters, *(_own_exporters if own else [])]:
        part = exporter(person)
        clash = document.keys() & part.keys()
        if clash:
            raise ValueError(f"Two exporters write the same keys: {sorted(clash)}")
        document.update(part)
    return document


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _person_name(person: Person | None) -> str | None:
    return person.name if person else None


@register_exporter
def _person_record(person: Person) -> dict[str, Any]:
    return {
        "person": {
            "id": person.pk,
            "source": person.source,
            "identifier": person.key,
            "name": person.name,
            "email": person.email,
            "language": person.language,
            "erased_at": _date(person.erased_at),
        }
    }


@register_exporter
def _posts(person: Person) -> dict[str, Any]:
    posts = Post.objects.filter(person=person).select_related("unit", "level", "manager")
    managed = Post.objects.filter(manager=person).select_related("person", "unit")
    return {
        "posts": [
            {
                "id": post.pk,
                "unit": post.unit.name,
                "unit_id": post.unit_id,
                "title": post.title,
                "level": post.level.name if post.level else None,
                "manager": _person_name(post.manager),
                "start_date": _date(post.start_date),
                "end_date": _date(post.end_date),
                "source": post.source,
            }
            for post in posts.order_by("start_date", "id")
        ],
        "manages": [
            {
                "name": post.person.name,
                "unit": post.unit.name,
                "title": post.title,
                "start_date": _date(post.start_date),
                "end_date": _date(post.end_date),
            }
            for post in managed.order_by("start_date", "id")
        ],
    }


@register_exporter
def _account(person: Person) -> dict[str, Any]:
    user = person.user
    if user is None:
        return {"user_account": None}
    return {
        # Never the password hash: not even whether a password is set says anything useful to them.
        "user_account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": user.is_active,
            "is_administrator": user.is_staff,
            "last_login": _date(user.last_login),
            "date_joined": _date(user.date_joined),
        }
    }


@register_exporter
def _audit(person: Person) -> dict[str, Any]:
    about = Q(object_type=Person._meta.label_lower, object_id=str(person.pk))
    if person.user_id:
        about |= Q(object_type=get_user_model()._meta.label_lower, object_id=str(person.user_id))
    by = AuditEvent.objects.filter(user_id=person.user_id) if person.user_id else AuditEvent.objects.none()

    def rows(events):
        return [
            {
                "at": event.at.isoformat(),
                "action": event.action,
                "user": event.user_label,
                "object_type": event.object_type,
                "object_id": event.object_id,
                "detail": event.detail,
            }
            for event in events.order_by("at", "id")
        ]

    return {"audit_events": {"about_them": rows(AuditEvent.objects.filter(about)), "by_them": rows(by)}}


def erased_label(person: Person) -> str:
    """The neutral name an erased person keeps, in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased person %(id)s") % {"id": person.pk}


def erased_person_key(person: Person) -> str:
    """What an erased person keeps of their identifier: a digest an import recognises, not the identifier."""
    return erased_key(person.source, person.key)
