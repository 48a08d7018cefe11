"""Answering an evaluation: no login, the link is the access.

The link's token is exchanged at once for the invitation's id in a signed cookie, so that later addresses
(and the browser's history) never carry it. The cookie lives only in the respondent's browser: answering
writes no session row, so the database keeps nothing of a visit that could be matched to a response.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..models import SCALE, Invitation, RaterGroup
from ..reports.anonymity import block_comment_threshold, block_threshold, comment_threshold, threshold
from . import answering, services
from .forms import field_name, posted_answers
from .selectors import invitation_get_by_token, invitation_get_for_session, invitation_get_for_user

# The answering cookie: the invitation's id, signed with the application's key under its own salt.
ANSWER_COOKIE = "grundlag_answer"
ANSWER_COOKIE_SALT = "grundlag.evaluations.answering"
ANSWER_COOKIE_MAX_AGE = 24 * 60 * 60  # a day; the link opens it again
TAMPERED = {"tampered", "foreign_question", "scale"}
STATE_STATUS = {
    answering.ANSWERED: 200,
    answering.CLOSED: 410,
    answering.NOT_OPEN: 403,
    answering.UNAVAILABLE: 403,
}


def _session_invitation(request) -> Invitation | None:
    value = request.get_signed_cookie(
        ANSWER_COOKIE, default=None, salt=ANSWER_COOKIE_SALT, max_age=ANSWER_COOKIE_MAX_AGE
    )
    return invitation_get_for_session(pk=int(value) if value and value.isdigit() else None)


def _no_link(request):
    return render(request, "evaluations/answer_message.html", {"state": "no_link"}, status=404)


def _state_page(request, invitation: Invitation, state: str):
    return render(
        request,
        "evaluations/answer_message.html",
        {"state": state, "cycle": invitation.evaluee.cycle},
        status=STATE_STATUS[state],
    )


def _tampered(request, error: ValidationError):
    return render(
        request,
        "evaluations/answer_message.html",
        {"state": "tampered", "error": error.messages[0]},
        status=400,
    )


def _current(draft) -> str:
    """The posted form value that shows a saved answer again."""
    if draft is None:
        return ""
    if draft.dont_know:
        return answering.DONT_KNOW
    return str(draft.value) if draft.value is not None else draft.text


def _form_context(invitation: Invitation, *, errors=(), missing=()) -> dict:
    questions = answering.questionnaire_for(invitation)
    drafts = answering.drafts_for(invitation)
    evaluee = invitation.evaluee
    for question in questions:
        question.field = field_name(question.pk)
        question.draft = drafts.get(question.pk)
        question.missing = question.number in missing
        question.current = _current(question.draft)
    statements = [q for q in questions if q.kind == "scale"]
    answered = sum(1 for q in statements if answering.is_answered(q, q.draft))
    return {
        "invitation": invitation,
        "evaluee": evaluee,
        "cycle": evaluee.cycle,
        "questions": questions,
        "progress": {"answered": answered, "total": len(statements)},
        "threshold": block_threshold(evaluee.cycle)
        if evaluee.cycle.is_survey
        else threshold(invitation.group),
        "comment_threshold": (
            block_comment_threshold(evaluee.cycle)
            if evaluee.cycle.is_survey
            else comment_threshold(invitation.group)
        ),
        "groups": RaterGroup,
        "errors": errors,
        "missing_questions": [q for q in questions if q.missing],
        "dont_know": answering.DONT_KNOW,
        "scale": [(str(value), label) for value, label in SCALE] + [(answering.DONT_KNOW, _("Don't know"))],
        "max_length": answering.OPEN_ANSWER_MAX_LENGTH,
    }


def _save_posted(request, invitation: Invitation, *, partial: bool) -> HttpResponse | None:
    """Save every answer posted (the step saving and submitting share); the page that refuses, or None.

    `partial` answers an autosave with the progress partial instead of the whole form.
    """
    try:
        services.draft_answers_save(invitation=invitation, posted=posted_answers(request.POST))
    except ValidationError as error:
        if error.code in TAMPERED:
            return _tampered(request, error)
        if partial:
            context = {"progress": answering.progress_for(invitation), "error": error.messages[0]}
            return render(request, "evaluations/_answer_progress.html", context, status=422)
        if error.code in STATE_STATUS:
            return _state_page(request, invitation, error.code)
        context = _form_context(invitation, errors=error.messages)
        return render(request, "evaluations/answer_form.html", context, status=422)
    return None


def _answering_page(invitation: Invitation) -> HttpResponse:
    """The answering page, with the invitation's id in the signed cookie that stands for the link."""
    response = redirect("evaluations:answer")
    response.set_signed_cookie(
        ANSWER_COOKIE,
        str(invitation.pk),
        salt=ANSWER_COOKIE_SALT,
        max_age=ANSWER_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_GET
def answer_start(request, token):
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        return _no_link(request)
    return _answering_page(invitation)


@require_GET
@login_required
def answer_mine(request, pk):
    """A signed-in person's own invitation, opened from the start page as its e-mail's link would."""
    return _answering_page(invitation_get_for_user(user=request.user, pk=pk))


@never_cache
@require_GET
def answer(request):
    invitation = _session_invitation(request)
    if invitation is None:
        return _no_link(request)
    state = answering.answering_state(invitation)
    if state is not None:
        return _state_page(request, invitation, state)
    return render(request, "evaluations/answer_form.html", _form_context(invitation))


@require_POST
def answer_save(request):
    """Save what was posted: one answer (autosave) or the whole form ("Save and continue later")."""
    invitation = _session_invitation(request)
    if invitation is None:
        return _no_link(request)
    state = answering.answering_state(invitation)
    if state is not None:
        if request.htmx:
            error = _("%(reason)s Your answer was not saved.") % {
                "reason": answering.state_message(invitation, state)
            }
            context = {"progress": answering.progress_for(invitation), "error": error}
            return render(request, "evaluations/_answer_progress.html", context, status=422)
        return _state_page(request, invitation, state)
    refused = _save_posted(request, invitation, partial=bool(request.htmx))
    if refused is not None:
        return refused
    if request.htmx:
        context = {"progress": answering.progress_for(invitation), "saved": True}
        return render(request, "evaluations/_answer_progress.html", context)
    return render(
        request, "evaluations/answer_message.html", {"state": "saved", "cycle": invitation.evaluee.cycle}
    )


@require_POST
def answer_submit(request):
    """Save everything posted (so a lost autosave loses nothing), then send the response."""
    invitation = _session_invitation(request)
    if invitation is None:
        return _no_link(request)
    state = answering.answering_state(invitation)
    if state == answering.ANSWERED:
        return redirect("evaluations:answer_done")  # a double submit: the first one counted
    if state is not None:
        return _state_page(request, invitation, state)
    refused = _save_posted(request, invitation, partial=False)
    if refused is not None:
        return refused
    try:
        services.response_submit(invitation=invitation)
    except ValidationError as error:
        if error.code == answering.ANSWERED:
            return redirect("evaluations:answer_done")
        if error.code != "incomplete":
            return _state_page(request, invitation, error.code)
        context = _form_context(invitation, errors=error.messages, missing=error.params["missing"])
        return render(request, "evaluations/answer_form.html", context, status=422)
    return redirect("evaluations:answer_done")


@require_GET
def answer_done(request):
    return render(request, "evaluations/answer_message.html", {"state": "done"})
