"""A person's notes on units and comments on figures in their GDPR export and erasure.

The notes they shared and the comments they wrote are in every export of them (the administrator reads
those on the units' pages too); their private notes are in their own export only (`register_own_exporter`):
only they ever read them. Another person's notes are never in it. At the erasure their private notes are
deleted and the shared notes and comments stay as the unit's knowledge without an author
(`notes_person_erase`)."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter, register_own_exporter
from grundlag.organisation.models import Person

from ..models import FigureComment, UnitNote
from .services import notes_person_erase


def _note_row(note: UnitNote) -> dict[str, Any]:
    return {
        "unit": note.unit.name,
        "data_type": note.data_type,
        "kind": note.kind,
        "date": note.observed_on.isoformat(),
        "title": note.title,
        "text": note.text,
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
    }


@register_exporter
def indicators_notes(person: Person) -> dict[str, Any]:
    notes = UnitNote.objects.filter(author=person, private=False).select_related("unit").order_by("pk")
    comments = FigureComment.objects.filter(author=person).select_related("unit", "indicator").order_by("pk")
    return {
        "indicators_unit_notes": [_note_row(note) for note in notes],
        "indicators_figure_comments": [
            {
                "unit": comment.unit.name,
                "indicator": comment.indicator.key,
                "period": comment.period or None,
                "text": comment.text,
                "created_at": comment.created_at.isoformat(),
                "updated_at": comment.updated_at.isoformat(),
            }
            for comment in comments
        ],
    }


@register_own_exporter
def indicators_private_notes(person: Person) -> dict[str, Any]:
    """The person's private notes: in their own export only."""
    notes = UnitNote.objects.filter(author=person, private=True).select_related("unit").order_by("pk")
    return {"indicators_private_unit_notes": [_note_row(note) for note in notes]}


@register_eraser
def indicators_notes_erase(person: Person) -> None:
    """Notes' part of the person's erasure (a service: `notes_person_erase`)."""
    notes_person_erase(person=person)
