"""Tool documents in a person's GDPR export and erasure. A document is its owner's own: it is in the owner's
own export only (`register_own_exporter`), never in one an administrator makes, as it is invisible to them on
every page. Documents of others the person may edit (as a team member) or read (as a superior) are theirs to
read on the pages, not to export."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_own_exporter
from grundlag.organisation.models import Person

from .documents.services import documents_person_erase
from .models import ToolDocument


@register_own_exporter
def tool_documents(person: Person) -> dict[str, Any]:
    documents = (
        ToolDocument.objects.filter(owner=person).select_related("tool", "library_unit").order_by("pk")
    )
    return {
        "tool_documents": [
            {
                "tool": document.tool.key,
                "title": document.title,
                "content": document.data,
                "team_members": [member.name for member in document.team_members.all()],
                "shared_with_superior": document.shared_with_superior,
                "in_the_library_for": (
                    {
                        "audience": document.library_audience,
                        "unit": document.library_unit.name if document.library_unit else None,
                    }
                    if document.library_audience
                    else None
                ),
                "sections_of_the_foundation": [section.title for section in document.sections.all()],
                "created_at": document.created_at.isoformat(),
                "updated_at": document.updated_at.isoformat(),
            }
            for document in documents
        ]
    }


@register_eraser
def tool_documents_erase(person: Person) -> None:
    """Tool documents' part of the person's erasure (a service: `documents_person_erase`)."""
    documents_person_erase(person=person)
