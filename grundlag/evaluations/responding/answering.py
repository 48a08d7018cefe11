"""Answering an evaluation by link: the questionnaire, answers saved as drafts, and the detaching submit.

On submit the drafts become a `Response` that names only the leader and the rater group; the drafts
are deleted in the same transaction and the invitation only records that it was completed, never when.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    SCALE_VALUES,
    Answer,
    Comment,
    Cycle,
    DraftAnswer,
    Invitation,
    Question,
    QuestionKind,
    RaterGroup,
    Response,
)

OPEN_ANSWER_MAX_LENGTH = 4000
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
    if cycle.status == Cycle.Status.CLOSED or timezone.localdate() > cycle.deadline:
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


def _refuse_unless_open(invitation: Invitation) -> None:
    state = answering_state(invitation)
    if state is not None:
        raise ValidationError(state_message(invitation, state), code=state)


def _locked(invitation: Invitation) -> Invitation:
    # The lock orders a save against a concurrent submit, so no draft outlives the response.
    return Invitation.objects.select_for_update().select_related("evaluee__cycle").get(pk=invitation.pk)


def questionnaire_for(invitation: Invitation) -> list[Question]:
    """The cycle's frozen questions for the evaluee's level, numbered, with `.text` as this rater sees it."""
    evaluee = invitation.evaluee
    questions = list(
        Question.objects.filter(cycle_id=evaluee.cycle_id, level_key__in=["", evaluee.level_key]).order_by(
            "position", "id"
        )
    )
    for number, question in enumerate(questions, start=1):
        question.number = number
        question.text = question.self_text if invitation.group == RaterGroup.SELF else question.rater_text
    return questions


def drafts_for(invitation: Invitation) -> dict[int, DraftAnswer]:
    """The answers saved so far, by question id."""
    return {draft.question_id: draft for draft in invitation.drafts.all()}


def is_answered(question: Question, draft: DraftAnswer | None) -> bool:
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


def _draft_fields(question: Question, raw: str | None) -> dict | None:
    """The draft's fields for a raw posted value, None for an empty one; refuses what is not on the scale."""
    if question.kind == QuestionKind.OPEN:
        text = (raw or "").strip()
        if len(text) > OPEN_ANSWER_MAX_LENGTH:
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
        value = int(raw)  # None (nothing chosen) is refused below
    except (TypeError, ValueError):
        value = None
    if value not in SCALE_VALUES:
        raise ValidationError(_("Choose one of the answers on the scale, or “Don't know”."), code="scale")
    return {"value": value, "dont_know": False, "text": ""}


@transaction.atomic
def draft_answers_save(*, invitation: Invitation, posted: dict[int, str]) -> int:
    """Save answers in progress (question id → raw value: 1–5, DONT_KNOW or text), all or none.

    Saving again replaces an answer, so a retried autosave never duplicates one. An emptied open
    answer is removed; an empty scale answer leaves what was saved. Returns how many were posted.
    """
    invitation = _locked(invitation)
    _refuse_unless_open(invitation)
    questions = {q.pk: q for q in questionnaire_for(invitation)}
    fields = {}
    for question_id, raw in posted.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(_("That question is not part of this evaluation."), code="foreign_question")
        fields[question_id] = _draft_fields(question, raw)
    existing = {d.question_id: d for d in invitation.drafts.filter(question_id__in=fields)}
    emptied = [
        existing[qid].pk
        for qid, f in fields.items()
        if f is None and qid in existing and questions[qid].kind == QuestionKind.OPEN
    ]
    changed, new = [], []
    for question_id, values in fields.items():
        if values is None:
            continue
        draft = existing.get(question_id) or DraftAnswer(invitation=invitation, question_id=question_id)
        for name, value in values.items():
            setattr(draft, name, value)
        (changed if draft.pk else new).append(draft)
    DraftAnswer.objects.filter(pk__in=emptied).delete()
    DraftAnswer.objects.bulk_update(changed, ["value", "dont_know", "text"])
    DraftAnswer.objects.bulk_create(new)
    return len(posted)


def draft_answer_save(
    *,
    invitation: Invitation,
    question_id: int,
    value: int | None = None,
    dont_know: bool = False,
    text: str = "",
) -> DraftAnswer | None:
    """Save one answer in progress (an autosave); see `draft_answers_save`."""
    # None is "no value at all": refused for a statement, an emptied answer for an open question.
    raw = DONT_KNOW if dont_know else (text or None if value is None else str(value))
    draft_answers_save(invitation=invitation, posted={question_id: raw})
    return invitation.drafts.filter(question_id=question_id).first()


@transaction.atomic
def response_submit(*, invitation: Invitation) -> None:
    """Turn the drafts into an anonymous response, delete them and mark the invitation completed."""
    invitation = _locked(invitation)
    _refuse_unless_open(invitation)
    questions = questionnaire_for(invitation)
    drafts = drafts_for(invitation)
    missing = [
        q.number for q in questions if q.kind == QuestionKind.SCALE and not is_answered(q, drafts.get(q.pk))
    ]
    if missing:
        numbers = ", ".join(str(number) for number in missing)
        raise ValidationError(
            ngettext(
                "Please answer statement %(numbers)s before you send your answers.",
                "Please answer statements %(numbers)s before you send your answers.",
                len(missing),
            )
            % {"numbers": numbers},
            code="incomplete",
            params={"missing": missing},
        )
    response = Response.objects.create(evaluee=invitation.evaluee, group=invitation.group)
    Answer.objects.bulk_create(
        Answer(response=response, question=q, value=drafts[q.pk].value)
        for q in questions
        if q.kind == QuestionKind.SCALE
    )
    Comment.objects.bulk_create(
        Comment(response=response, question=q, text=drafts[q.pk].text.strip())
        for q in questions
        if q.kind == QuestionKind.OPEN and is_answered(q, drafts.get(q.pk))
    )
    invitation.drafts.all().delete()
    invitation.status = Invitation.Status.COMPLETED
    invitation.save(update_fields=["status"])
