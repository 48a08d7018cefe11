"""Writes of the tool documents: starting one, saving it (refused when someone saved after it was opened),
sharing it, linking it to sections of the foundation, writing it out as a PDF or Word file, and deleting it.
The audit rows name the owner and the action, never what a document says."""

import io
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from grundlag.accounts.gdpr import erased_label
from grundlag.audit.services import audit_record
from grundlag.frameworks.models import FrameworkVersion, Section
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import person_for_user

from ..library.services import library_entry_refresh
from ..models import Tool, ToolDocument, ToolDocumentRevision, ToolStatus
from .exports import document_docx, document_pdf
from .workflows.relations import RELATIONS_TOOL, relations_person_forget

_By = User | AnonymousUser | None


def _person(by: _By) -> Person | None:
    return person_for_user(user=by) if by is not None else None


def _revision_write(*, document: ToolDocument, by: Person | None) -> ToolDocumentRevision:
    revision = ToolDocumentRevision(
        document=document, number=document.revision, title=document.title, data=document.data, by=by
    )
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def document_create(*, tool: Tool, owner: Person, title: str, by: _By) -> ToolDocument:
    """Start a document of a tool on its latest published version, private to its owner."""
    person = _person(by)
    if person is None or person.pk != owner.pk:
        raise ValidationError(_("A document is started by the person who owns it."), code="not_owner")
    version = tool.versions.filter(status=ToolStatus.PUBLISHED).order_by("-number").first()
    if version is None:
        raise ValidationError(_("This tool has no published version yet."), code="unpublished")
    document = ToolDocument(tool=tool, version=version, owner=owner, title=title.strip() or version.name)
    document.full_clean()
    document.save()
    _revision_write(document=document, by=person)
    audit_record(user=by, action="tools.document_create", obj=document)
    return document


@transaction.atomic
def document_save(
    *, document: ToolDocument, data: dict[str, Any], expected_revision: int, by: _By, title: str | None = None
) -> ToolDocument:
    """Save what was filled in, if the document is still at the revision it was opened at; otherwise refuse
    (the caller keeps what was typed and shows the other version beside it). Writes a revision row."""
    person = _person(by)
    current = ToolDocument.objects.select_for_update().get(pk=document.pk)
    may_edit = person is not None and (
        current.owner_id == person.pk or current.team_members.filter(pk=person.pk).exists()
    )
    if not may_edit:
        raise ValidationError(_("Only the owner and the team members edit this document."), code="not_editor")
    if current.revision != expected_revision:
        raise ValidationError(
            _(
                "Someone saved this document after you opened it. Your text is kept below, beside the "
                "version they saved: compare the two and save again to keep yours."
            ),
            code="conflict",
        )
    current.data = data
    if title is not None and title.strip():
        current.title = title.strip()
    current.revision += 1
    current.full_clean()
    current.save()
    _revision_write(document=current, by=person)
    library_entry_refresh(document=current)
    audit_record(user=by, action="tools.document_save", obj=current, detail=f"revision={current.revision}")
    return current


@transaction.atomic
def document_share(
    *, document: ToolDocument, team_members: list[Person], shared_with_superior: bool, by: _By
) -> ToolDocument:
    """Choose who the document is shared with: team members (read and edit) and the owner's superiors (read
    only). Only the owner shares; the owner is never their own team member."""
    person = _person(by)
    if person is None or person.pk != document.owner_id:
        raise ValidationError(_("Only the owner shares the document."), code="not_owner")
    document.shared_with_superior = shared_with_superior
    document.full_clean()
    document.save(update_fields=["shared_with_superior"])
    document.team_members.set([member for member in team_members if member.pk != document.owner_id])
    audit_record(
        user=by,
        action="tools.document_share",
        obj=document,
        detail=f"team={document.team_members.count()} superior={shared_with_superior}",
    )
    return document


@transaction.atomic
def document_delete(*, document: ToolDocument, by: _By) -> None:
    """Delete a document with its history; only the owner does."""
    person = _person(by)
    if person is None or person.pk != document.owner_id:
        raise ValidationError(_("Only the owner deletes the document."), code="not_owner")
    audit_record(user=by, action="tools.document_delete", obj=document.owner)
    document.delete()


def documents_person_erase(*, person: Person) -> None:
    """The person's part of tool documents at their erasure: the documents they own go (with their history);
    they leave the teams of others' documents, the history rows they wrote keep no name, and the relations
    that picked them keep their erased label instead of their name."""
    ToolDocument.objects.filter(owner=person).delete()
    for document in ToolDocument.objects.filter(team_members=person):
        document.team_members.remove(person)
    ToolDocumentRevision.objects.filter(by=person).update(by=None)
    _relations_person_forget(person=person)


def _relations_person_forget(*, person: Person) -> None:
    label = erased_label(person)
    relations = Q(tool__key=RELATIONS_TOOL) | Q(tool__variant_of__key=RELATIONS_TOOL)
    documents = ToolDocument.objects.filter(relations)
    for model, rows in (
        (ToolDocument, documents),
        (ToolDocumentRevision, ToolDocumentRevision.objects.filter(document__in=documents)),
    ):
        for pk, data in rows.values_list("pk", "data").iterator():
            forgotten = relations_person_forget(data or {}, person_pk=person.pk, name=label)
            if forgotten is not None:
                model.objects.filter(pk=pk).update(data=forgotten)


# At most this many sections of the foundation per document: a link says where it fits, not everywhere.
SECTIONS_MAX = 20


def _is_editor(document: ToolDocument, person: Person | None) -> bool:
    return person is not None and (
        document.owner_id == person.pk or document.team_members.filter(pk=person.pk).exists()
    )


@transaction.atomic
def document_sections_link(*, document: ToolDocument, sections: list[Section], by: _By) -> ToolDocument:
    """Set the sections of the foundation a document links to (sections of published foundations, at most
    SECTIONS_MAX); the owner and the team members do, a superior who reads does not."""
    if not _is_editor(document, _person(by)):
        raise ValidationError(_("Only the owner and the team members edit this document."), code="not_editor")
    chosen = list({section.pk: section for section in sections}.values())
    if len(chosen) > SECTIONS_MAX:
        raise ValidationError(
            _("A document links to at most %(count)s sections of the foundation.") % {"count": SECTIONS_MAX},
            code="too_many",
        )
    if any(section.version.status != FrameworkVersion.Status.PUBLISHED for section in chosen):
        raise ValidationError(_("Only sections of a published foundation can be linked."), code="unpublished")
    document.sections.set(chosen)
    audit_record(
        user=by, action="tools.document_sections_link", obj=document, detail=f"sections={len(chosen)}"
    )
    return document


@transaction.atomic
def document_export(*, document: ToolDocument, kind: str, by: _By) -> bytes:
    """A document written out as a PDF ("pdf") or a Word file ("docx") for someone the selector let read it;
    the audit row names the format, never the text."""
    if kind == "pdf":
        body = document_pdf(document=document)
    elif kind == "docx":
        buffer = io.BytesIO()
        document_docx(document=document).save(buffer)
        body = buffer.getvalue()
    else:
        raise ValueError(f"no export as {kind}")
    audit_record(user=by, action="tools.document_export", obj=document, detail=f"format={kind}")
    return body
