"""The talent pipeline's part of a person's GDPR export and erasure: their own ways through the pipeline (the
nomination's reason, the self-reflection, the conversation's notes, the decision, the programme, mentor and
every assessment of their practice assignments), the nominations they made, and the assessments they gave as
a leader or mentor. A declined nomination is not in it: nothing of it is kept."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter
from grundlag.organisation.models import Person

from .models import Assessment, Talent
from .services import talent_person_erase


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _own(talent: Talent) -> dict[str, Any]:
    return {
        "id": talent.pk,
        "stage": talent.stage,
        "nominated_by": talent.nominated_by.name if talent.nominated_by else None,
        "reason": talent.reason,
        "nearest_leader": talent.leader.name if talent.leader else None,
        "level": talent.level.name,
        "created_at": _date(talent.created_at),
        "consented_at": _date(talent.consented_at),
        "reflection": [
            {"expectation": answer.expectation.text, "interest": answer.interest}
            for answer in talent.reflection_answers.select_related("expectation")
        ],
        "reflection_text": talent.reflection,
        "conversation_held_on": _date(talent.conversation_held_on),
        "conversation_notes": talent.conversation_notes,
        "decision": talent.decision,
        "decision_note": talent.decision_note,
        "programme": talent.cohort.programme.name if talent.cohort else None,
        "cohort": talent.cohort.name if talent.cohort else None,
        "mentor": talent.mentor.name if talent.mentor else None,
        "assessments": [
            {"assignment": a.assignment.title, "by": a.role, "outcome": a.outcome, "note": a.note}
            for a in talent.assessments.select_related("assignment")
        ],
    }


@register_exporter
def talent_records(person: Person) -> dict[str, Any]:
    own = Talent.objects.filter(person=person).select_related(
        "nominated_by", "leader", "level", "mentor", "cohort__programme"
    )
    nominated = Talent.objects.filter(nominated_by=person).exclude(person=person).select_related("person")
    given = Assessment.objects.filter(assessor=person).exclude(talent__person=person)
    return {
        "talent_pipeline": [_own(talent) for talent in own.order_by("pk")],
        "talent_nominations_made": [
            {"talent": t.person.name, "reason": t.reason, "stage": t.stage} for t in nominated.order_by("pk")
        ],
        "talent_assessments_given": [
            {
                "talent": a.talent.person.name,
                "assignment": a.assignment.title,
                "as": a.role,
                "outcome": a.outcome,
                "note": a.note,
            }
            for a in given.select_related("talent__person", "assignment").order_by("pk")
        ],
    }


@register_eraser
def talent_erase(person: Person) -> None:
    """The talent pipeline's part of the person's erasure (a service: `talent_person_erase`)."""
    talent_person_erase(person=person)
