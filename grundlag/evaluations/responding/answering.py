"""Answering an evaluation by link: whether it can be answered now, the questionnaire as the rater sees
it, the answers saved so far and what a posted answer means. The writes are in `services.py`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from ..models import (
    SCALE_VALUES,
    Cycle,
    Invitation,
    Question,
    QuestionKind,
    RaterGroup,
    SealedDraft,
)
from ..sealing import unseal
from .sealed import OPEN_ANSWER_MAX_LENGTH

DONT_KNOW = "dont_know"

# Why a link cannot be answered now; None means it can.
ANSWERED, CLOSED, NOT_OPEN, UNAVAILABLE = "answered", "closed", "not_open", "unavailable"


def answering_state(invitation: Invitation) -> str | None:
    """Why the invitation cannot be answered now (ANSWERED, CLOSED, …), or None when it can."""
    cycle = invitation.evaluee.cycle
    if invitation.status == Invitation.Status.COMPLETED:
        return ANSWERED
    if invitation.status != Invitation.Status.PENDING:
        return UNAVAILABLE
    if cycle.status == Cycle.Status.CLOSED or cycle.is_past_deadline:
        return CLOSED
    if cycle.status != Cycle.Status.LAUNCHED:
        return NOT_OPEN
    return None


def state_message(invitation: Invitation, state: str) -> str:
    """The plain words for why the invitation cannot be answered now."""
    cycle = invitation.evaluee.cycle
    messages = {
        ANSWERED: _("Your answers were received already."),
        CLOSED: _("The evaluation closed on %(date)s.") % {"date": formats.date_format(cycle.deadline)},
        NOT_OPEN: _("The evaluation is not open for answers."),
        UNAVAILABLE: _("This link cannot be used to answer."),
    }
    return messages[state]


def refuse_unless_open(invitation: Invitation) -> None:
    """Raise the plain reason as a ValidationError when the invitation cannot be answered now."""
    state = answering_state(invitation)
    if state is not None:
        raise ValidationError(state_message(invitation, state), code=state)


def _level_questions(invitation: Invitation) -> list[Question]:
    evaluee = invitation.evaluee
    return list(
        Question.objects.filter(cycle_id=evaluee.cycle_id, level_key__in=["", evaluee.level_key]).order_by(
            "position", "id"
        )
    )


def questionnaire_for(invitation: Invitation) -> list[Question]:
    """The cycle's frozen questions for the evaluee's level that the rater's group is asked, numbered, with
    `.text` as this rater sees it."""
    questions = [q for q in _level_questions(invitation) if q.is_asked_of(invitation.group)]
    for number, question in enumerate(questions, start=1):
        question.number = number
        question.text = question.self_text if invitation.group == RaterGroup.SELF else question.rater_text
    return questions


def sealing_kinds(invitation: Invitation) -> list[str]:
    """The kinds of every question of the level, whichever group is asked them: what a sealed draft or
    response is padded to, so that its size does not tell which rater group (questionnaire) it is from."""
    return [q.kind for q in _level_questions(invitation)]


@dataclass
class Draft:
    """One answer in progress, as opened from the invitation's sealed draft."""

    question_id: int
    value: int | None = None
    dont_know: bool = False
    text: str = ""

    def sealable(self) -> list:
        return [self.value, self.dont_know, self.text]


def draft_context(invitation_pk: int) -> str:
    """What a sealed draft is bound to: its invitation, so that sealed bytes moved to another do not open."""
    return f"evaluations.draft:{invitation_pk}"


def drafts_for(invitation: Invitation) -> dict[int, Draft]:
    """The answers saved so far, by question id, opened from the sealed draft."""
    row = SealedDraft.objects.filter(invitation_id=invitation.pk).first()
    if row is None:
        return {}
    opened = unseal(sealed=row.sealed, context=draft_context(invitation.pk))
    assert isinstance(opened, dict)
    return {int(qid): Draft(int(qid), *fields) for qid, fields in opened.items()}


def is_answered(question: Question, draft: Draft | None) -> bool:
    if draft is None:
        return False
    if question.kind == QuestionKind.SCALE:
        return draft.value is not None or draft.dont_know
    return bool(draft.text.strip())


def progress_for(invitation: Invitation) -> dict:
    """How many of the statements on the scale are answered (open questions are optional)."""
    statements = [q for q in questionnaire_for(invitation) if q.kind == QuestionKind.SCALE]
    drafts = drafts_for(invitation)
    answered = sum(1 for question in statements if is_answered(question, drafts.get(question.pk)))
    return {"answered": answered, "total": len(statements)}


# Control characters other than tab and newline: nothing a person types, and JSON spells each in 6 bytes.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def open_answer_cleaned(raw: str) -> str:
    """An open answer as kept: one kind of line break, no control characters or unpaired surrogates."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)
    return text.encode("utf-8", "replace").decode("utf-8").strip()


def draft_fields(question: Question, raw: str | None) -> dict | None:
    """The draft's fields for a raw posted value, None for an empty one; refuses what is not on the scale."""
    if question.kind == QuestionKind.OPEN:
        text = open_answer_cleaned(raw or "")
        if len(text.encode("utf-16-le")) // 2 > OPEN_ANSWER_MAX_LENGTH:
            raise ValidationError(
                _("Please keep your answer within %(max)d characters.") % {"max": OPEN_ANSWER_MAX_LENGTH},
                code="too_long",
            )
        return {"value": None, "dont_know": False, "text": text} if text else None
    if raw == DONT_KNOW:
        return {"value": None, "dont_know": True, "text": ""}
    if raw == "":
        return None
    try:
        value = int(raw) if raw is not None else None  # None (nothing chosen) is refused below
    except (TypeError, ValueError):
        value = None
    if value not in SCALE_VALUES:
        raise ValidationError(_("Choose one of the answers on the scale, or “Don't know”."), code="scale")
    return {"value": value, "dont_know": False, "text": ""}
