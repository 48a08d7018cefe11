"""Reads of the tool documents. A document is read by its owner, its team members (who also edit) and, when
the owner shares it so, the leaders above the owner in the chain (who only read). Everyone else gets 404,
an administrator included: there is no bypass."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.frameworks.models import FrameworkVersion, Section
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import is_above_in_chain, people_below, person_for_user

from ..library.audience import library_reads
from ..models import Tool, ToolDocument, ToolDocumentRevision, ToolVersion
from ..selectors import tool_versions_published
from .workflows import workflow_for

Viewer = User | AnonymousUser


@dataclass(frozen=True)
class Access:
    """What the signed-in person may do with one document."""

    document: ToolDocument
    person: Person
    can_edit: bool
    is_owner: bool
    # Read only because it is in the knowledge-sharing library: the document as it is now, not its history.
    library_only: bool = False


def _person(user: Viewer) -> Person:
    person = person_for_user(user=user) if user.is_authenticated else None
    if person is None:
        raise Http404
    return person


def tool_documents_for_user(*, user: Viewer) -> QuerySet[ToolDocument]:
    """The signed-in person's documents and those shared with them (as team member, or as a superior of the
    owner), the latest changed first; 404 for a user who is no one in the organisation."""
    person = _person(user)
    below = people_below(person=person)
    return (
        ToolDocument.objects.filter(
            Q(owner=person) | Q(team_members=person) | Q(shared_with_superior=True, owner_id__in=below)
        )
        .distinct()
        .select_related("tool", "owner")
    )


def tool_document_get_for_user(*, user: Viewer, pk: int, edit: bool = False) -> Access:
    """One document the signed-in person may read (404 for any other, whoever asks), and what they may do;
    asked for editing, 403 for a superior, who only reads."""
    person = _person(user)
    document = (
        ToolDocument.objects.filter(pk=pk)
        .select_related("tool", "tool__variant_of", "version", "owner")
        .first()
    )
    if document is None:
        raise Http404
    is_owner = document.owner_id == person.pk
    can_edit = is_owner or document.team_members.filter(pk=person.pk).exists()
    shared = can_edit or (
        document.shared_with_superior and is_above_in_chain(manager=person, person=document.owner)
    )
    library_only = not shared and library_reads(user=user, person=person, document=document)
    if not (shared or library_only):
        raise Http404
    if edit and not can_edit:
        raise PermissionDenied
    return Access(
        document=document, person=person, can_edit=can_edit, is_owner=is_owner, library_only=library_only
    )


def tool_document_owned_for_user(*, user: Viewer, pk: int) -> ToolDocument:
    """One document for its owner's own actions (sharing, deleting); 404 for anyone who may not read it, 403
    for those who read it but do not own it."""
    access = tool_document_get_for_user(user=user, pk=pk)
    if not access.is_owner:
        raise PermissionDenied
    return access.document


def tool_document_revisions_for_user(*, user: Viewer, pk: int) -> list[ToolDocumentRevision]:
    """The history of a document the person may read, the latest first; 404 for a reader through the library,
    who reads what the owner placed there, never what the document held before."""
    access = tool_document_get_for_user(user=user, pk=pk)
    if access.library_only:
        raise Http404
    document = access.document
    return list(ToolDocumentRevision.objects.filter(document=document).select_related("by"))


def toolbox_for_user(*, user: Viewer) -> list[ToolVersion]:
    """Every published tool, by key; 403 for anyone but a leader or the administrator."""
    require(user, "tools.view_toolbox")
    return list(tool_versions_published())


def tool_version_for_user(*, user: Viewer, key: str) -> ToolVersion:
    """The latest published version of one tool; 404 for an unknown tool, 403 as for the toolbox."""
    require(user, "tools.view_toolbox")
    version = tool_versions_published().filter(tool__key=key).first()
    if version is None:
        raise Http404
    return version


def tool_to_start_for_user(*, user: Viewer, key: str) -> tuple[Tool, Person]:
    """A tool with a workflow that the signed-in leader starts a document of, and the leader; 403 for anyone
    who is not a leader, 404 for a tool without a workflow."""
    require(user, "tools.use_tools")
    version = tool_version_for_user(user=user, key=key)
    if workflow_for(tool=version.tool) is None:
        raise Http404
    return version.tool, _person(user)


def tool_quadrants(*, version: ToolVersion) -> list[tuple[list[str], list[str]]]:
    """A tool's quadrants, each named by its two poles' labels, with its values."""
    labels = {
        pole["key"]: pole["label"] for axis in version.content.get("axes", []) for pole in axis["poles"]
    }
    return [
        ([labels.get(pole, pole) for pole in quadrant["poles"]], quadrant["values"])
        for quadrant in version.content.get("quadrants", [])
    ]


def tool_documents_at_start_for_user(*, user: Viewer, limit: int = 3) -> list[ToolDocument]:
    """The few documents the signed-in person owns or that are shared with them, the latest changed first,
    for the start page; none for someone who is no one in the organisation."""
    if not user.is_authenticated or person_for_user(user=user) is None:
        return []
    return list(tool_documents_for_user(user=user)[:limit])


def tool_document_linked_sections(*, document: ToolDocument) -> list[Section]:
    """The sections of the foundation a document links to, by foundation and the foundation's order."""
    return list(
        document.sections.select_related("version__framework").order_by(
            "version__framework__name", "version__number", "position", "pk"
        )
    )


def foundation_sections_to_link() -> list[Section]:
    """The sections a document may link to: those of the newest published version of each foundation, by
    foundation and the foundation's order."""
    newest: dict[int, int] = {}
    published = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
    for framework_id, version_id in published.order_by("framework_id", "-number").values_list(
        "framework_id", "pk"
    ):
        newest.setdefault(framework_id, version_id)
    return list(
        Section.objects.filter(version_id__in=newest.values())
        .select_related("version__framework")
        .order_by("version__framework__name", "position", "pk")
    )
