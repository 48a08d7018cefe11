"""Writes of the knowledge-sharing library: putting a knowledge-sharing document in the library for the
leaders of one's unit or of the whole organisation, taking it out again, and keeping its search entry in step
with the document (on every placing and every save). A document outside the library has no entry, so a private
document is never searched. The audit rows name the owner and the audience, never what a document says."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import person_for_user

from ..documents.forms import document_sections
from ..documents.workflows.base import Table
from ..models import LibraryAudience, LibraryEntry, ToolDocument
from .audience import LIBRARY_TOOL, units_led

_By = User | AnonymousUser | None


def _entry_text(document: ToolDocument) -> str:
    """What the document holds, as one text to search: each field's text and each table's cells, without
    the tool's own labels (which every entry would share)."""
    texts: list[str] = []
    for section in document_sections(document=document):
        if isinstance(section, Table):
            texts += [cell for row in section.rows for cell in row if cell]
        elif section.text:
            texts.append(section.text)
    return "\n\n".join(texts)


@transaction.atomic
def library_entry_refresh(*, document: ToolDocument) -> LibraryEntry | None:
    """Make the document's search entry say what the document says now, or remove it when the document is not
    in the library. Derived data: the services that change the document call it and write the audit row."""
    if not document.library_audience:
        LibraryEntry.objects.filter(document=document).delete()
        return None
    entry = LibraryEntry.objects.filter(document=document).first() or LibraryEntry(document=document)
    entry.title = document.title
    entry.text = _entry_text(document)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def library_place(*, document: ToolDocument, audience: str, unit: Unit | None, by: _By) -> ToolDocument:
    """Put a knowledge-sharing document in the library for the leaders of a unit its owner leads (and the
    units below it) or for every leader in the organisation, or take it out (`audience` ""). Only the owner
    does; taking it out is at once."""
    person = person_for_user(user=by) if by is not None else None
    if person is None or person.pk != document.owner_id:
        raise ValidationError(_("Only the owner puts the document in the library."), code="not_owner")
    if document.tool.workflow_key != LIBRARY_TOOL:
        raise ValidationError(_("Only a knowledge-sharing document goes in the library."), code="not_library")
    if audience not in LibraryAudience.values:
        raise ValidationError(_("Choose who reads the document in the library."), code="audience")
    if audience == LibraryAudience.UNIT:
        if unit is None or unit.pk not in {led.pk for led in units_led(person=person)}:
            raise ValidationError(_("Choose one of the units you lead."), code="unit")
    else:
        unit = None
    document.library_audience = audience
    document.library_unit = unit
    document.full_clean()
    document.save(update_fields=["library_audience", "library_unit"])
    library_entry_refresh(document=document)
    action = "tools.library_place" if audience else "tools.library_remove"
    audit_record(user=by, action=action, obj=document, detail=f"audience={audience or 'none'}")
    return document
