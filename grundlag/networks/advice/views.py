"""The confidential advice pages: a leader's own requests with the form to ask, a request's thread, and the
consultants' list of open and handled requests."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grundlag.core.outcomes import refusal_show

from . import selectors, services
from .forms import AdviceMessageForm, AdviceRequestForm


@require_http_methods(["GET", "POST"])
@login_required
def advice_mine(request):
    page = selectors.advice_page_for_user(user=request.user)
    form = AdviceRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            advice = services.advice_request_create(
                requester=selectors.advice_requester_for_user(user=request.user),
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent to the leader consultants."))
            return redirect("networks:advice_request", pk=advice.pk)
    return render(
        request,
        "networks/advice_mine.html",
        {"page": page, "form": form, "consultant": selectors.is_consultant_for_user(user=request.user)},
        status=422 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def advice_request(request, pk):
    thread = selectors.advice_thread_for_user(user=request.user, pk=pk)
    form = AdviceMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_message_add(
                request=thread.request, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message was added."))
            return redirect("networks:advice_request", pk=thread.request.pk)
    return render(
        request,
        "networks/advice_request.html",
        {"thread": thread, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _mark(request, pk, service, done: str):
    advice = selectors.advice_request_get_for_user(user=request.user, pk=pk)
    try:
        service(request=advice, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
    else:
        messages.success(request, done)
    return redirect("networks:advice_request", pk=advice.pk)


@require_POST
@login_required
def advice_handle(request, pk):
    return _mark(request, pk, services.advice_request_handle, _("The request is marked handled."))


@require_POST
@login_required
def advice_reopen(request, pk):
    return _mark(request, pk, services.advice_request_reopen, _("The request is open again."))


@require_GET
@login_required
def advice_requests(request):
    lists = selectors.advice_requests_for_user(user=request.user)
    return render(request, "networks/advice_requests.html", {"lists": lists})


@require_GET
@login_required
def advice_export(request):
    person, document = selectors.advice_export_for_user(user=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="advice-{person.pk}.json"'
    return response
