"""Answering by link, the writes: the link's token, the e-mail that carries it, drafts and the submit.

On submit the drafts become a `SealedResponse` that names only the cycle (`sealed.py`); the draft is
deleted in the same transaction and the invitation only records that it was completed, never when. The
response is opened, and written as rows a report can count, only when the cycle closes.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template import loader
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grundlag.audit.services import audit_record

from ..models import Cycle, Evaluee, Invitation, Question, QuestionKind, SealedDraft, SealedResponse
from ..sealing import reseal, seal
from .answering import (
    DONT_KNOW,
    Draft,
    draft_context,
    draft_fields,
    drafts_for,
    is_answered,
    questionnaire_for,
    refuse_unless_open,
    sealing_kinds,
)
from .sealed import response_context, response_seal, sealed_size
from .tokens import answer_link, token_digest, token_for


def invitation_token_issue(*, invitation: Invitation) -> str:
    """The invitation's link token; records its digest so the link can be found again."""
    token = token_for(invitation)
    digest = token_digest(token)
    if invitation.token_digest != digest:
        invitation.token_digest = digest
        invitation.save(update_fields=["token_digest"])
    return token


def _invitation_email(invitation: Invitation, *, cycle: Cycle, reminder: bool) -> EmailMultiAlternatives:
    """The invitation or reminder with its single-use link, in the rater's language."""
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "invitation": invitation,
            "leader_name": invitation.evaluee.person.name,
            "unit_name": invitation.evaluee.unit.name,
            "is_self": invitation.group == "self",
            "cycle": cycle,
            "deadline": cycle.deadline,
            "link": answer_link(invitation_token_issue(invitation=invitation)),
            "reminder": reminder,
        }
        subject = "".join(
            loader.render_to_string("evaluations/email/invitation_subject.txt", context).splitlines()
        )
        body = loader.render_to_string("evaluations/email/invitation_body.txt", context)
    return EmailMultiAlternatives(
        subject, body, None, [invitation.email], headers={"Content-Language": language}
    )


def invitation_emails_send(
    *, invitation_ids: list[int], reminder: bool, reminder_number: int | None = None
) -> int:
    """E-mail each still-pending invitation its single-use link, in the rater's language.

    The token is made here and exists only in the e-mail. The audit record says how many were sent,
    never to whom. Returns how many were sent.

    Each invitation is sent in its own transaction that locks its row (PostgreSQL's FOR UPDATE; SQLite's
    write lock) and is marked sent in it as soon as the mail server has accepted the e-mail; a marked one is
    skipped. So a run again (its worker killed half-way, the task queued again) sends only the rest, and two
    runs at once (a second click while the first is sending) wait for each other per invitation instead of
    both sending: an invitation already sent, or a reminder whose number (`reminder_number`) it has already
    had, is not sent again. Only a worker killed between the server's acceptance and the commit can send one
    twice.
    """
    pending = (
        Invitation.objects.filter(pk__in=invitation_ids, status=Invitation.Status.PENDING)
        .exclude(email="")
        .select_related("evaluee__person", "evaluee__cycle", "evaluee__unit")
    )
    sent, cycle = 0, None
    now = timezone.now()
    for pk in pending.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            invitation = pending.select_for_update(of=("self",)).filter(pk=pk).first()
            if invitation is None:
                continue  # answered or withdrawn meanwhile
            cycle = invitation.evaluee.cycle
            if cycle.status != cycle.Status.LAUNCHED or _already_sent(invitation, reminder, reminder_number):
                continue
            _invitation_email(invitation, cycle=cycle, reminder=reminder).send()
            if reminder:
                invitation.reminders_sent += 1
                invitation.save(update_fields=["reminders_sent"])
            else:
                invitation.sent_at = now
                invitation.save(update_fields=["sent_at"])
        sent += 1
    if cycle is not None:
        action = "evaluations.reminders_sent" if reminder else "evaluations.invitations_sent"
        audit_record(user=None, action=action, obj=cycle, detail=f"sent={sent} asked={len(invitation_ids)}")
    return sent


def _already_sent(invitation: Invitation, reminder: bool, reminder_number: int | None) -> bool:
    if not reminder:
        return invitation.sent_at is not None
    return reminder_number is not None and invitation.reminders_sent >= reminder_number


def _cycle_lock_shared(*, evaluee_id: int) -> None:
    """Wait for a close of the cycle that is under way, without waiting for other respondents.

    `cycle_close` locks the cycle's row for update while it opens the sealed responses and deletes them;
    this shared lock (PostgreSQL's FOR KEY SHARE) makes a save or submit wait for that close to end, and
    then see the cycle closed, so no response is sealed into a cycle whose responses were already opened.
    SQLite lets one transaction write at a time, which orders them as well.
    """
    if connection.vendor != "postgresql":
        return
    cycles, evaluees = (connection.ops.quote_name(model._meta.db_table) for model in (Cycle, Evaluee))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {cycles} WHERE id = (SELECT cycle_id FROM {evaluees} WHERE id = %s) "
            "FOR KEY SHARE",
            [evaluee_id],
        )


def _open_for_answering(invitation: Invitation) -> tuple[Invitation, list[Question]]:
    """The steps a save and a submit share: lock the invitation, refuse unless open, the questionnaire."""
    _cycle_lock_shared(evaluee_id=invitation.evaluee_id)
    # The lock orders a save against a concurrent submit, so no draft outlives the response. Only the
    # invitation's row: respondents of one leader or cycle do not wait for each other.
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("evaluee__cycle")
        .get(pk=invitation.pk)
    )
    refuse_unless_open(invitation)
    return invitation, questionnaire_for(invitation)


@transaction.atomic
def draft_answers_save(*, invitation: Invitation, posted: Mapping[int, str | None]) -> int:
    """Save answers in progress (question id → raw value: 1–5, DONT_KNOW or text), all or none.

    Saving again replaces an answer, so a retried autosave never duplicates one. An emptied open
    answer is removed; an empty scale answer leaves what was saved. Returns how many were posted.
    """
    invitation, questionnaire = _open_for_answering(invitation)
    questions = {q.pk: q for q in questionnaire}
    fields: dict[int, dict[str, Any] | None] = {}
    for question_id, raw in posted.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(_("That question is not part of this evaluation."), code="foreign_question")
        fields[question_id] = draft_fields(question, raw)
    drafts = drafts_for(invitation)
    for question_id, values in fields.items():
        if values is not None:
            drafts[question_id] = Draft(question_id=question_id, **values)
        elif questions[question_id].kind == QuestionKind.OPEN:
            drafts.pop(question_id, None)
    _drafts_store(invitation=invitation, drafts=drafts, size=sealed_size(sealing_kinds(invitation)))
    return len(posted)


def _drafts_store(*, invitation: Invitation, drafts: dict[int, Draft], size: int) -> None:
    """Seal the answers in progress into the invitation's one draft row (or remove it when none is left)."""
    if not drafts:
        SealedDraft.objects.filter(invitation=invitation).delete()
        return
    data = {str(qid): draft.sealable() for qid, draft in sorted(drafts.items())}
    sealed = seal(data=data, context=draft_context(invitation.pk), size=size)
    SealedDraft.objects.update_or_create(invitation=invitation, defaults={"sealed": sealed})


def draft_answer_save(
    *,
    invitation: Invitation,
    question_id: int,
    value: int | None = None,
    dont_know: bool = False,
    text: str = "",
) -> Draft | None:
    """Save one answer in progress (an autosave); see `draft_answers_save`."""
    # None is "no value at all": refused for a statement, an emptied answer for an open question.
    raw = DONT_KNOW if dont_know else (text or None if value is None else str(value))
    draft_answers_save(invitation=invitation, posted={question_id: raw})
    return drafts_for(invitation).get(question_id)


@transaction.atomic
def response_submit(*, invitation: Invitation) -> None:
    """Seal the drafts as a response that names only the cycle, delete them, mark the invitation completed."""
    invitation, questions = _open_for_answering(invitation)
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
    evaluee = invitation.evaluee
    sealed = response_seal(
        cycle_id=evaluee.cycle_id,
        evaluee_id=evaluee.pk,
        group=invitation.group,
        answers=[(q.pk, drafts[q.pk].value) for q in questions if q.kind == QuestionKind.SCALE],
        comments={
            q.pk: drafts[q.pk].text
            for q in questions
            if q.kind == QuestionKind.OPEN and is_answered(q, drafts.get(q.pk))
        },
        size=sealed_size(sealing_kinds(invitation)),
    )
    SealedResponse.objects.create(cycle_id=evaluee.cycle_id, sealed=sealed)
    SealedDraft.objects.filter(invitation=invitation).delete()
    invitation.status = Invitation.Status.COMPLETED
    invitation.save(update_fields=["status"])


@transaction.atomic
def sealed_rows_reseal() -> int:
    """Seal every sealed draft and response again under the first key (rotation); returns how many rows
    changed. Raises `sealing.SealError`, changing nothing, when a row is under a key no longer listed."""
    changed = 0
    for pk, sealed in SealedDraft.objects.select_for_update().values_list("pk", "sealed").iterator():
        again = reseal(sealed=sealed, context=draft_context(pk))
        if again is not None:
            SealedDraft.objects.filter(pk=pk).update(sealed=again)
            changed += 1
    rows = SealedResponse.objects.select_for_update().values_list("pk", "cycle_id", "sealed")
    for response_id, cycle_id, sealed in rows.iterator():
        again = reseal(sealed=sealed, context=response_context(cycle_id))
        if again is not None:
            SealedResponse.objects.filter(pk=response_id).update(sealed=again)
            changed += 1
    return changed
