"""Writes of the meeting planner: adding a template's items to the agenda and planning the next meeting.
Both save through documents/services.py (its revision check and history); the audit rows name the meeting
type or the previous document's number, never what a document says."""

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.selectors import person_for_user

from ..documents.services import document_create, document_save, document_share
from ..documents.workflows.base import ROWS_MAX
from ..documents.workflows.meeting import AGENDA, CARRIED_FROM, meeting_start
from ..models import ToolDocument
from .agenda_templates import agenda_template

_By = User | AnonymousUser | None
MINUTES_KEYS = ("decision", "actions", "finished")
# What the next meeting keeps of this one besides the items not finished: its frame and who does what.
KEPT_FOR_NEXT = ("start", "length", "place", "deltagere", "roller", "spilleregler")


@transaction.atomic
def meeting_template_apply(
    *, document: ToolDocument, template_key: str, expected_revision: int, by: _By
) -> ToolDocument:
    """Add an agenda template's items after the items the agenda already has (nothing is replaced), as a new
    revision; refused, like any save, when someone saved after the page was opened."""
    template = agenda_template(template_key)
    if template is None:
        raise ValidationError(_("Choose one of the meeting types."), code="unknown_template")
    rows = list(document.data.get(AGENDA) or [])
    if len(rows) + len(template.items) > ROWS_MAX:
        raise ValidationError(
            _("The agenda has room for %(max)s items: remove some before adding a template.")
            % {"max": ROWS_MAX},
            code="too_many",
        )
    added = [
        {**item, CARRIED_FROM: "", "decision": "", "actions": "", "finished": False}
        for item in template.items
    ]
    saved = document_save(
        document=document,
        data={**document.data, AGENDA: rows + added},
        expected_revision=expected_revision,
        by=by,
    )
    audit_record(user=by, action="tools.meeting_template_apply", obj=saved, detail=f"template={template.key}")
    return saved


def _next_meeting_data(*, document: ToolDocument, held_on: datetime.date) -> dict[str, Any]:
    """The next meeting as planned from this one: its frame, participants, roles and rules, the items not
    finished (their minutes left behind, marked with the date they are carried from) and a link back."""
    data = document.data
    carried = [
        {
            **{key: value for key, value in row.items() if key not in MINUTES_KEYS},
            CARRIED_FROM: held_on.isoformat(),
            "finished": False,
        }
        for row in data.get(AGENDA) or []
        if not row.get("finished")
    ]
    return {
        **{key: data[key] for key in KEPT_FOR_NEXT if key in data},
        AGENDA: carried,
        "previous": document.pk,
    }


@transaction.atomic
def meeting_next_plan(*, document: ToolDocument, by: _By) -> ToolDocument:
    """Plan the next meeting: a new meeting document owned by the person who plans it (the owner or a team
    member), shared with the same team (the previous owner included), with the items not finished carried
    over. The meeting must have a date, which the carried items are marked with."""
    person = person_for_user(user=by) if by is not None else None
    editors = {document.owner_id, *document.team_members.values_list("pk", flat=True)}
    if person is None or person.pk not in editors:
        raise ValidationError(_("Only the owner and the team members edit this document."), code="not_editor")
    held_on, _start = meeting_start(document.data)
    if held_on is None:
        raise ValidationError(
            _(
                "Give this meeting a date and save it before you plan the next one: the items carried over "
                "are marked with it."
            ),
            code="no_date",
        )
    planned = document_create(tool=document.tool, owner=person, title=document.title, by=by)
    planned = document_save(
        document=planned,
        data=_next_meeting_data(document=document, held_on=held_on),
        expected_revision=planned.revision,
        by=by,
    )
    team = [member for member in [document.owner, *document.team_members.all()] if member.pk != person.pk]
    if team:
        document_share(document=planned, team_members=team, shared_with_superior=False, by=by)
    audit_record(user=by, action="tools.meeting_next_plan", obj=planned, detail=f"previous={document.pk}")
    return planned
