"""The administrators' audit log page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import AuditFilterForm

PAGE_SIZE = 50


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    events = selectors.audit_events_for_user(user=request.user)  # refuses anyone but an administrator
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
        events = selectors.audit_events_for_user(
            user=request.user,
            action=filters["action"],
            by=filters["user"],
            date_from=filters["date_from"],
            date_to=filters["date_to"],
        )
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    described = selectors.audit_events_described(events=page.object_list)
    return render(request, "audit/log.html", {"form": form, "page": page, "described": described})
