"""The confidential advice's part of a person's GDPR export and erasure.

The export registered here holds only how many messages the person wrote as a leader consultant: the
messages themselves would name whoever asked. A requester's own requests are NOT in it, because an
administrator can run any person's export (`accounts:person_export`), and even a count of requests would
tell them who asked for advice. The requester downloads their requests with their whole threads themself,
from their advice page (`networks:advice_export`, `advice_requests_document`).

Erasing a person deletes their requests with their whole threads; messages they wrote as a consultant stay
in the requesters' threads under their erased name.
"""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter
from grundlag.organisation.models import Person

from .selectors import advice_messages_written_count
from .services import advice_person_erase


@register_exporter
def advice_consultant_part(person: Person) -> dict[str, Any]:
    """As a consultant: the number of messages they wrote on others' requests, never the messages."""
    return {"advice_messages_written_as_consultant": advice_messages_written_count(person=person)}


@register_eraser
def advice_erase(person: Person) -> None:
    """The advice's part of the person's erasure (a service: `advice_person_erase`)."""
    advice_person_erase(person=person)
