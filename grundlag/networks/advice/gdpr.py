"""The confidential advice's part of a person's GDPR export and erasure.

The export an administrator can make of anyone (`accounts:person_export`) holds only how many messages the
person wrote as a leader consultant: the messages themselves would name whoever asked, and even a count of
requests would tell who asked for advice. A requester's own requests with their whole threads are in the
person's own export only (`register_own_exporter`), and on their advice page (`networks:advice_export`).

Erasing a person deletes their requests with their whole threads; messages they wrote as a consultant stay
in the requesters' threads under their erased name.
"""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter, register_own_exporter
from grundlag.organisation.models import Person

from .selectors import advice_messages_written_count, advice_requests_document
from .services import advice_person_erase


@register_exporter
def advice_consultant_part(person: Person) -> dict[str, Any]:
    """As a consultant: the number of messages they wrote on others' requests, never the messages."""
    return {"advice_messages_written_as_consultant": advice_messages_written_count(person=person)}


@register_own_exporter
def advice_own_requests(person: Person) -> dict[str, Any]:
    """As a requester, in their own export only: their requests with the whole threads."""
    return advice_requests_document(person=person)


@register_eraser
def advice_erase(person: Person) -> None:
    """The advice's part of the person's erasure (a service: `advice_person_erase`)."""
    advice_person_erase(person=person)
