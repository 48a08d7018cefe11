"""The report pages: a leader's own reports, one report, and the same report as PDF."""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from grundlag.accounts.services import audit_record
from grundlag.core.charts import svg_from_spec

from .charts import section_means_spec
from .models import SCALE
from .nominations import evaluees_for_nomination, proposals_pending_for_user
from .reports import leader_report, report_evaluee_get_for_user, reports_for_user


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
def report(request, evaluee_id: int):
    leader = _report(request, evaluee_id)
    audit_record(user=request.user, action="report.view", obj=leader.evaluee)
    chart = section_means_spec(leader) if leader.sections else None
    return render(
        request, "evaluations/report_detail.html", {"report": leader, "chart": chart, "scale": SCALE}
    )


@require_GET
@login_required
def report_pdf(request, evaluee_id: int):
    from weasyprint import HTML

    leader = _report(request, evaluee_id)
    audit_record(user=request.user, action="report.pdf", obj=leader.evaluee)
    chart_svg = svg_from_spec(section_means_spec(leader)) if leader.sections else None
    html = render_to_string(
        "evaluations/report_print.html",
        {"report": leader, "chart_svg": chart_svg, "scale": SCALE},
        request=request,
    )
    buffer = io.BytesIO(HTML(string=html).write_pdf())
    buffer.seek(0)
    stem = slugify(f"{_('report')} {leader.evaluee.person.name} {leader.evaluee.cycle.name}") or "report"
    return FileResponse(buffer, as_attachment=True, filename=f"{stem}.pdf", content_type="application/pdf")
