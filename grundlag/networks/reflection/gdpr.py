"""Reflection questions' part of a person's GDPR export (the notes they wrote, with the question each is on)
and of their erasure (those notes are deleted)."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter
from grundlag.organisation.models import Person

from .selectors import reflection_notes_of
from .services import reflection_person_erase


@register_exporter
def networks_reflection_notes(person: Person) -> dict[str, Any]:
    return {
        "networks_reflection_notes": [
            {
                "forum": note.question.set.forum.theme,
                "set": note.question.set.title,
                "question": note.question.text,
                "note": note.text,
                "written_at": note.created_at.isoformat(),
            }
            for note in reflection_notes_of(person=person).order_by("pk")
        ]
    }


@register_eraser
def networks_reflection_erase(person: Person) -> None:
    """The notes the person wrote are deleted (a service: `reflection_person_erase`)."""
    reflection_person_erase(person=person)
