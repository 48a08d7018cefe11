"""Nomination pages: the leader's "My raters" with a name search, and the superior's proposals to decide."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.forms import DesignSystemForm
from grundlag.organisation.models import Person

from . import nominations
from .models import RaterGroup
from .selectors import SEARCH_MIN_LETTERS

GROUP_CHOICES = [(group.value, group.label) for group in nominations.NOMINABLE_GROUPS]


class NominationSearchForm(DesignSystemForm, forms.Form):
    group = forms.ChoiceField(
        label=gettext_lazy("Nominate as"),
        choices=GROUP_CHOICES,
        initial=RaterGroup.PEER,
        help_text=gettext_lazy(
            "Peer leaders must hold a leadership post; others can be anyone in the organisation."
        ),
    )
    q = forms.CharField(
        label=gettext_lazy("Name"),
        min_length=SEARCH_MIN_LETTERS,
        max_length=100,
        help_text=gettext_lazy("At least 3 letters of the person's name."),
    )


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.filter(erased_at__isnull=True))
    group = forms.ChoiceField(choices=GROUP_CHOICES)


def _page(request, evaluee, *, search_form=None, candidates=None, status=200):
    return render(
        request,
        "evaluations/nominate_page.html",
        {
            "evaluee": evaluee,
            "groups": nominations.raters_for_leader(evaluee=evaluee, user=request.user),
            "search_form": search_form or NominationSearchForm(),
            "candidates": candidates,
        },
        status=status,
    )


@login_required
def nominate(request, evaluee_id: int):
    """The leader's raters, and (POST) one nomination from the search results."""
    evaluee = nominations.nomination_evaluee_get_for_user(user=request.user, evaluee_id=evaluee_id)
    if request.method != "POST":
        return _page(request, evaluee)
    form = NominationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person from the search results."))
        return _page(request, evaluee, status=422)
    try:
        nominations.nomination_propose(evaluee=evaluee, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
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
    evaluee = nominations.nomination_evaluee_get_for_user(user=request.user, evaluee_id=evaluee_id)
    form = NominationSearchForm(request.POST)
    candidates = None
    if form.is_valid():
        candidates = nominations.candidates_search(
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
        {"proposals": nominations.proposals_pending_for_user(user=request.user)},
    )


def _decide(request, invitation_id: int, *, approve: bool):
    invitation = nominations.proposal_get_for_user(user=request.user, invitation_id=invitation_id)
    service = nominations.nomination_approve if approve else nominations.nomination_decline
    try:
        service(invitation=invitation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
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
