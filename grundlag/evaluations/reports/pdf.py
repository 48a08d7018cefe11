"""A leader report's PDF: its print page, the digest of what shapes it, and WeasyPrint's rendering.

WeasyPrint takes seconds for a report, so the PDF is made when the cycle closes and kept (`ReportPdf`,
`services.report_pdf_bytes`). A click renders only the print page (milliseconds, as the report's page) to
find the kept PDF that is its own: the digest covers the page's HTML, the chart's spec and the language, so
a changed figure, threshold, name, template or trend (which earlier reports a viewer may see) finds none
and the PDF is made again; and no viewer is served a PDF other than the one their own report would give.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language

from grundlag.core.charts import svg_from_spec

from ..models import SCALE
from .charts import section_means_spec
from .leader import LeaderReport

# Where the chart's SVG goes: drawn (vl-convert, tens of ms) only when the PDF itself is made.
_CHART = "<!-- grundlag: chart -->"


@dataclass
class ReportPrint:
    html: str  # the print page, the chart's place marked
    spec: dict[str, Any] | None  # the chart's Vega-Lite spec, None for a report without sections
    language: str
    digest: str


def report_print(*, report: LeaderReport) -> ReportPrint:
    """The report's print page in the active language, and the digest of everything that shapes its PDF."""
    spec = section_means_spec(report) if report.sections else None
    html = render_to_string(
        "evaluations/report_print.html",
        {"report": report, "chart_svg": _CHART if spec else None, "scale": SCALE},
    )
    language = get_language() or "da"
    payload = json.dumps([html, spec, language], sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return ReportPrint(html=html, spec=spec, language=language, digest=digest)


def report_pdf_render(*, printed: ReportPrint) -> bytes:
    """The PDF of a print page (WeasyPrint): seconds for a report, so made at close and kept."""
    from weasyprint import HTML

    html = printed.html
    if printed.spec is not None:
        html = html.replace(_CHART, svg_from_spec(printed.spec), 1)
    return HTML(string=html).write_pdf()
