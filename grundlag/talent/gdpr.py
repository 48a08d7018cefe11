"""The talent pipeline's part of a person's GDPR export and erasure. An export an administrator makes
holds what the administrator may see anyway (stage, people, programme, outcomes); the person's own export
holds every word too (the nomination's reason, the self-reflection, the conversation's notes, the decision,
the assessments' notes), the nominations they made and the assessments they gave. A declined nomination is
in neither: nothing of it is kept."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_exporter, register_own_exporter
from grundlag.organisation.models import Person

from .models import Assessment, Stage, Talent
from .services import talent_person_erase


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _way(talent: Talent) -> dict[str, Any]:
    """What the administrator may see of a talent too: the stage, the people, the programme, the outcomes."""
    return {
        "id": talent.pk,
        "stage": talent.stage,
        "nominated_by": talent.nominated_by.name if talent.nominated_by else None,
        "nearest_leader": talent.leader.name if talent.leader else None,
        "level": talent.level.name,
        "created_at": _date(talent.created_at),
        "consented_at": _date(talent.consented_at),
        "conversation_held_on": _date(talent.conversation_held_on),
        "programme": talent.cohort.programme.name if talent.cohort else None,
        "cohort": talent.cohort.name if talent.cohort else None,
        "mentor": talent.mentor.name if talent.mentor else None,
        "assessments": [
            {"assignment": a.assignment.title, "by": a.role, "outcome": a.outcome}
            for a in talent.assessments.select_related("assignment")
        ],
    }


def _words(talent: Talent) -> dict[str, Any]:
    """What the talent and their leaders wrote: the person's own export only."""
    return {
        "id": talent.pk,
        "stage": talent.stage,
        "reason": talent.reason,
        "reflection": [
            {"expectation": answer.expectation.text, "interest": answer.interest}
            for answer in talent.reflection_answers.select_related("expectation")
        ],
        "reflection_text": talent.reflection,
        "conversation_notes": talent.conversation_notes,
        "decision": talent.decision,
        "decision_note": talent.decision_note,
        "assessment_notes": [
            {"assignment": a.assignment.title, "by": a.role, "note": a.note}
            for a in talent.assessments.select_related("assignment")
        ],
    }


def _own_talents(person: Person):
    return (
        Talent.objects.filter(person=person)
        .select_related("nominated_by", "leader", "level", "mentor", "cohort__programme")
        .order_by("pk")
    )


@register_exporter
def talent_records(person: Person) -> dict[str, Any]:
    """The person's ways through the pipeline as an administrator sees them (a nomination not yet consented to
    is not among them: until then it is the nominee's and the nominating leader's alone)."""
    return {
        "talent_pipeline": [_way(talent) for talent in _own_talents(person).exclude(stage=Stage.NOMINATED)]
    }


@register_own_exporter
def talent_own_words(person: Person) -> dict[str, Any]:
    """In the person's own export: their ways through the pipeline as they see them, with every word written
    in them, the nominations they made and the assessments they gave."""
    nominated = Talent.objects.filter(nominated_by=person).exclude(person=person).select_related("person")
    given = Assessment.objects.filter(assessor=person).exclude(talent__person=person)
    return {
        "talent_pipeline_as_i_see_it": [
            {**_way(talent), **_words(talent)} for talent in _own_talents(person)
        ],
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
