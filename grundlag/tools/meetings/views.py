"""The meeting planner's own actions beside its document: add an agenda template's items, plan the next
meeting, download the meeting as a calendar file. Each asks meetings/selectors.py for the document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import form_errors_show, refusal_show, service_run

from . import selectors, services
from .agenda_templates import agenda_templates
from .calendar import meeting_ics
from .forms import AgendaTemplateForm

CALENDAR = "text/calendar; charset=utf-8"


@require_POST
@login_required
def meeting_template(request, pk):
    access = selectors.meeting_get_for_user(user=request.user, pk=pk, edit=True)
    form = AgendaTemplateForm(request.POST, templates=agenda_templates())
    if form.is_valid():
        service_run(
            request,
            lambda: services.meeting_template_apply(
                document=access.document,
                template_key=form.cleaned_data["template"],
                expected_revision=form.cleaned_data["revision"],
                by=request.user,
            ),
            _("The template's items were added to the agenda: adjust them to your meeting and save."),
        )
    else:
        form_errors_show(request, form)
    return redirect("tools:document", pk=pk)


@require_POST
@login_required
def meeting_next(request, pk):
    access = selectors.meeting_get_for_user(user=request.user, pk=pk, edit=True)
    try:
        planned = services.meeting_next_plan(document=access.document, by=request.user)
    except ValidationError as error:
        refusal_show(request, error)
        return redirect("tools:document", pk=pk)
    messages.success(request, _("The next meeting is planned, with the items that were not finished."))
    return redirect("tools:document", pk=planned.pk)


@require_GET
@login_required
def meeting_calendar(request, pk):
    access = selectors.meeting_get_for_user(user=request.user, pk=pk)
    body = meeting_ics(document=access.document)
    if body is None:
        messages.error(request, _("Give the meeting a date and save it first: a calendar file needs a date."))
        return redirect("tools:document", pk=pk)
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = f'attachment; filename="moede-{access.document.pk}.ics"'
    return response
