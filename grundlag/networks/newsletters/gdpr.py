"""Newsletters' part of a person's GDPR export (the newsletters sent to them, and those they wrote) and of
their erasure (the record of what was sent to them is deleted; a newsletter they wrote stays in the forum's
archive: it was written to the forum's members)."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter
from grundlag.organisation.models import Person

from .selectors import newsletters_received_by, newsletters_written_by
from .services import newsletters_person_erase


@register_exporter
def networks_newsletters(person: Person) -> dict[str, Any]:
    return {
        "networks_newsletters_received": [
            {
                "forum": delivery.newsletter.forum.theme,
                "subject": delivery.newsletter.subject,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in newsletters_received_by(person=person)
        ],
        "networks_newsletters_written": [
            {
                "forum": newsletter.forum.theme,
                "subject": newsletter.subject,
                "text": newsletter.body,
                "written_at": newsletter.created_at.isoformat(),
                "sent_at": newsletter.sent_at.isoformat() if newsletter.sent_at else None,
            }
            for newsletter in newsletters_written_by(person=person)
        ],
    }


@register_eraser
def networks_newsletters_erase(person: Person) -> None:
    """The record of the newsletters sent to the person is deleted (a service: `newsletters_person_erase`)."""
    newsletters_person_erase(person=person)
