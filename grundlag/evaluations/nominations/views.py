"""Nomination pages: the leader's "My raters" with a name search, and the superior's proposals to decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import refusal_show

from . import selectors, services
from .forms import NominationForm, NominationSearchForm


def _page(request, evaluee, *, search_form=None, candidates=None, status=200):
    return render(
        request,
        "evaluations/nominate_page.html",
        {
            "evaluee": evaluee,
            "groups": selectors.raters_for_leader(evaluee=evaluee, user=request.user),
            "search_form": search_form or NominationSearchForm(),
            "candidates": candidates,
        },
        status=status,
    )


@login_required
def nominate(request, evaluee_id: int):
    """The leader's raters, and (POST) one nomination from the search results."""
    evaluee = selectors.nomination_evaluee_get_for_user(user=request.user, evaluee_id=evaluee_id)
    if request.method != "POST":
        return _page(request, evaluee)
    form = NominationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the search results."))
        return _page(request, evaluee, status=422)
    try:
        services.nomination_propose(evaluee=evaluee, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        refusal_show(request, error)
        return _page(request, evaluee, status=422)
    messages.success(
        request,
        _("%(name)s was nominated. Your superior leader decides whether the nomination is approved.")
        % {"name": form.cleaned_data["person"].name},
    )
    return redirect("evaluations:nominate", evaluee_id=evaluee.pk)


@login_required
@require_POST
def nominate_search(request, evaluee_id: int):
    """Search people by name; by POST so that no name is ever in an address or a log."""
    evaluee = selectors.nomination_evaluee_get_for_user(user=request.user, evaluee_id=evaluee_id)
    form = NominationSearchForm(request.POST)
    candidates = None
    if form.is_valid():
        candidates = selectors.candidates_search(
            evaluee=evaluee, query=form.cleaned_data["q"], group=form.cleaned_data["group"]
        )
    status = 200 if form.is_valid() else 422
    if request.htmx:
        return render(
            request,
            "evaluations/nominate_results.html",
            {"evaluee": evaluee, "search_form": form, "candidates": candidates},
            status=status,
        )
    return _page(request, evaluee, search_form=form, candidates=candidates, status=status)


@require_GET
@login_required
def nominations_pending(request):
    return render(
        request,
        "evaluations/nominate_pending.html",
        {"proposals": selectors.proposals_pending_for_user(user=request.user)},
    )


def _decide(request, invitation_id: int, *, approve: bool):
    invitation = selectors.proposal_get_for_user(user=request.user, invitation_id=invitation_id)
    try:
        services.nomination_decide(invitation=invitation, approve=approve, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
    else:
        names = {
            "name": invitation.person.name if invitation.person else "",
            "leader": invitation.evaluee.person.name,
        }
        if approve:
            messages.success(request, _("%(name)s is now among the raters of %(leader)s.") % names)
        else:
            messages.success(request, _("The nomination of %(name)s for %(leader)s was declined.") % names)
    return redirect("evaluations:nominations_pending")


@login_required
@require_POST
def nomination_approve(request, invitation_id: int):
    return _decide(request, invitation_id, approve=True)


@login_required
@require_POST
def nomination_decline(request, invitation_id: int):
    return _decide(request, invitation_id, approve=False)
