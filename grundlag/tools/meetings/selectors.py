"""Reads of the meeting planner's documents: a meeting document is read and edited as any tool document
(documents/selectors.py), and a document of another tool is not a meeting (404)."""

from django.http import Http404

from ..documents.selectors import Access, Viewer, tool_document_get_for_user

MEETING_TOOL = "moedeplanlaegning"


def meeting_get_for_user(*, user: Viewer, pk: int, edit: bool = False) -> Access:
    """A meeting planner document the signed-in person may read (404 for any other, the administrator
    included, and for a document of another tool); asked for editing, 403 for a reader who may not edit."""
    access = tool_document_get_for_user(user=user, pk=pk, edit=edit)
    if access.document.tool.workflow_key != MEETING_TOOL:
        raise Http404
    return access
