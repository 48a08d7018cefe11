"""The report pages: a leader's reports and their PDF, the organisation heatmap, the survey reports."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from grundlag.audit.services import audit_record
from grundlag.core.replica import replica_reads

from ..models import SCALE
from ..nominations.selectors import evaluees_for_nomination, proposals_pending_for_user
from .anonymity import ANONYMOUS_GROUPS, threshold
from .charts import section_means_spec
from .leader import leader_report
from .org import BY_LEVEL, BY_UNIT, DEPTHS, heatmap_spec, org_heatmap, org_opening_unit
from .selectors import (
    org_cycles_for_user,
    org_report_cycle_get_for_user,
    org_report_unit_get_for_user,
    report_evaluee_get_for_user,
    reports_for_user,
    survey_cycle_get_for_user,
    survey_cycles_for_user,
)
from .services import report_pdf_bytes
from .surveys import survey_report, survey_spec


@require_GET
@login_required
def my_reports(request):
    return render(
        request,
        "evaluations/report_list.html",
        {
            "evaluees": reports_for_user(user=request.user),
            "nominating": evaluees_for_nomination(user=request.user),
            "proposals_pending": proposals_pending_for_user(user=request.user).count(),
        },
    )


def _report(request, evaluee_id: int):
    evaluee = report_evaluee_get_for_user(user=request.user, evaluee_id=evaluee_id)
    return leader_report(evaluee=evaluee, viewer=request.user)


@require_GET
@login_required
@replica_reads
def report(request, evaluee_id: int):
    leader = _report(request, evaluee_id)
    audit_record(user=request.user, action="report.view", obj=leader.evaluee)
    chart = section_means_spec(leader) if leader.sections else None
    return render(
        request, "evaluations/report_detail.html", {"report": leader, "chart": chart, "scale": SCALE}
    )


@require_GET
@login_required
@replica_reads
def report_pdf(request, evaluee_id: int):
    leader = _report(request, evaluee_id)
    audit_record(user=request.user, action="report.pdf", obj=leader.evaluee)
    # Kept since the close (or an earlier click) when this viewer's print page is unchanged; else made now.
    buffer = io.BytesIO(report_pdf_bytes(report=leader))
    stem = slugify(f"{_('report')} {leader.evaluee.person.name} {leader.evaluee.cycle.name}") or "report"
    return FileResponse(buffer, as_attachment=True, filename=f"{stem}.pdf", content_type="application/pdf")


@require_GET
@login_required
def org_report_list(request):
    return render(
        request,
        "evaluations/org_report_list.html",
        {
            "cycles": org_cycles_for_user(user=request.user),
            "surveys": survey_cycles_for_user(user=request.user),
        },
    )


@require_GET
@login_required
@replica_reads
def org_report(request, cycle_id: int):
    cycle = org_report_cycle_get_for_user(user=request.user, cycle_id=cycle_id)
    unit_param = request.GET.get("unit", "")
    if unit_param and not unit_param.isdigit():
        raise Http404
    unit = org_report_unit_get_for_user(user=request.user, unit_id=int(unit_param) if unit_param else None)
    by = BY_LEVEL if request.GET.get("by") == BY_LEVEL else BY_UNIT
    if "unit" not in request.GET and by == BY_UNIT:  # opened from the list: skip levels of a single row
        unit = org_opening_unit(cycle=cycle, viewer=request.user)
    depth_param = request.GET.get("depth", "1")
    depth = int(depth_param) if depth_param.isdigit() and int(depth_param) in DEPTHS else 1
    heatmap = org_heatmap(cycle=cycle, viewer=request.user, unit=unit, by=by, depth=depth)
    audit_record(
        user=request.user,
        action="org_report.view",
        obj=cycle,
        detail=f"unit={unit.pk if unit else ''} by={by} depth={heatmap.depth}",
    )
    chart = heatmap_spec(heatmap) if heatmap.rows and heatmap.columns else None
    return render(
        request,
        "evaluations/org_report.html",
        {
            "heatmap": heatmap,
            "chart": chart,
            "by_unit": BY_UNIT,
            "by_level": BY_LEVEL,
            "depths": DEPTHS,
            "thresholds": {group.value: threshold(group) for group in ANONYMOUS_GROUPS},
        },
    )


@require_GET
@login_required
@replica_reads
def survey_report_page(request, cycle_id: int):
    cycle = survey_cycle_get_for_user(user=request.user, cycle_id=cycle_id)
    report = survey_report(cycle=cycle, viewer=request.user, page=request.GET.get("page", 1))
    audit_record(
        user=request.user, action="survey_report.view", obj=cycle, detail=f"page={report.page.number}"
    )
    chart = survey_spec(report) if report.questions else None
    return render(request, "evaluations/survey_report.html", {"report": report, "chart": chart})
