"""Reads of the knowledge-sharing library: what a leader finds in it (full-text search, or the latest entries)
and the owner's page for placing a document in it. Who reads an entry is decided in audience.py; the
administrator and respondents read none (403), and a document is opened through the documents' selector,
which lets a library reader read it and never edit it."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.safestring import SafeString

from grundlag.core.rules import require
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user

from ..documents.selectors import tool_document_owned_for_user
from ..models import ToolDocument
from . import search
from .audience import LIBRARY_TOOL, is_library_reader, library_documents_readable, units_led

Viewer = User | AnonymousUser

QUERY_MAX_LENGTH = 200
HITS_MAX = 50


@dataclass(frozen=True)
class LibraryHit:
    """A document found in the library, with a snippet of it in which the searched words are marked."""

    document: ToolDocument
    highlighted: SafeString | str


def library_reader_for_user(*, user: Viewer) -> Person:
    """The signed-in leader who reads the library; 403 for anyone who is not a leader and for the
    administrator, 404 for a user who is no one in the organisation."""
    require(user, "tools.use_tools")
    person = person_for_user(user=user)
    if person is None:
        raise Http404
    if not is_library_reader(user=user, person=person):
        raise PermissionDenied
    return person


def library_search_for_user(*, user: Viewer, query: str, limit: int = HITS_MAX) -> list[LibraryHit]:
    """The library's documents the signed-in leader reads that match the query, the best first."""
    person = library_reader_for_user(user=user)
    query = query.strip()[:QUERY_MAX_LENGTH]
    if not query:
        return []
    readable = library_documents_readable(user=user, person=person)
    rows = search.run(query=query, documents=readable, limit=limit)
    documents = readable.select_related("owner", "tool").in_bulk([row.document_id for row in rows])
    return [
        LibraryHit(document=documents[row.document_id], highlighted=row.highlighted)
        for row in rows
        if row.document_id in documents
    ]


def library_latest_for_user(*, user: Viewer, limit: int = HITS_MAX) -> list[ToolDocument]:
    """The library's documents the signed-in leader reads, the latest changed first."""
    person = library_reader_for_user(user=user)
    readable = library_documents_readable(user=user, person=person)
    return list(readable.select_related("owner", "tool").order_by("-updated_at", "-pk")[:limit])


def library_document_owned_for_user(*, user: Viewer, pk: int) -> tuple[ToolDocument, list[Unit]]:
    """A knowledge-sharing document for its owner to place in the library, with the units they lead; 404 for
    anyone who may not read it and for a document of another tool, 403 for those who read it only."""
    document = tool_document_owned_for_user(user=user, pk=pk)
    if document.tool.workflow_key != LIBRARY_TOOL:
        raise Http404
    return document, units_led(person=document.owner)
