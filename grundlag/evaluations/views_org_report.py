"""The organisation report pages: the closed cycles a user may see, and one cycle's heatmap."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from grundlag.accounts.services import audit_record
from grundlag.core.permissions import require_perm

from .anonymity import ANONYMOUS_GROUPS, threshold
from .org_reports import (
    BY_LEVEL,
    BY_UNIT,
    heatmap_spec,
    org_cycles_for_viewer,
    org_heatmap,
    org_report_cycle_get,
    org_report_unit_get,
)
from .surveys import survey_cycles_for_viewer


@require_GET
@login_required
def org_report_list(request):
    require_perm(request, "evaluations.view_organisation_report")
    return render(
        request,
        "evaluations/org_report_list.html",
        {
            "cycles": org_cycles_for_viewer(viewer=request.user),
            "surveys": survey_cycles_for_viewer(viewer=request.user),
        },
    )


@require_GET
@login_required
def org_report(request, cycle_id: int):
    require_perm(request, "evaluations.view_organisation_report")
    cycle = org_report_cycle_get(viewer=request.user, cycle_id=cycle_id)
    unit_param = request.GET.get("unit", "")
    if unit_param and not unit_param.isdigit():
        raise Http404
    unit = org_report_unit_get(viewer=request.user, unit_id=int(unit_param) if unit_param else None)
    by = BY_LEVEL if request.GET.get("by") == BY_LEVEL else BY_UNIT
    heatmap = org_heatmap(cycle=cycle, viewer=request.user, unit=unit, by=by)
    audit_record(
        user=request.user,
        action="org_report.view",
        obj=cycle,
        detail=f"unit={unit.pk if unit else ''} by={by}",
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
            "thresholds": {group.value: threshold(group) for group in ANONYMOUS_GROUPS},
        },
    )
