"""The survey report pages: the conditions survey and the effect picture, per block of respondents."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from grundlag.accounts.services import audit_record
from grundlag.core.permissions import require_perm

from .surveys import survey_cycle_get, survey_report, survey_spec


@require_GET
@login_required
def survey_report_page(request, cycle_id: int):
    require_perm(request, "evaluations.view_organisation_report")
    cycle = survey_cycle_get(viewer=request.user, cycle_id=cycle_id)
    report = survey_report(cycle=cycle, viewer=request.user, page=request.GET.get("page", 1))
    audit_record(
        user=request.user, action="survey_report.view", obj=cycle, detail=f"page={report.page.number}"
    )
    chart = survey_spec(report) if report.questions else None
    return render(request, "evaluations/survey_report.html", {"report": report, "chart": chart})
