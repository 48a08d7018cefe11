"""An action plan as a file to keep: a PDF (WeasyPrint) and a Word file (python-docx), in the active language,
made as the tool documents' files are (`tools/documents/exports.py`).

Both follow the template's parts in the toolbox's words and order (`template.py`), with the baseline figures
as they were copied through the gate (a withheld figure by its reason, never a value), the actions with
their signs, the follow-ups, the expectations of the foundation and the indicators' credit lines. The caller
has checked that the user may read the plan (`plan_get_for_user`).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from grundlag.tools.documents.exports import _a4, _lines, _xml_text, paragraphs

from ..models import ActionPlan, BaselineFigure
from . import template as parts
from .figures import withheld_label
from .template import Template, plan_template

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


@dataclass(frozen=True)
class ExportTable:
    label: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class ExportPart:
    """A part of the template: its label, its questions, its text and its tables."""

    label: str
    questions: list[str]
    text: str
    tables: list[ExportTable]


@dataclass(frozen=True)
class ExportPlan:
    title: str
    facts: list[tuple[str, str]]
    parts: list[ExportPart]
    extra: list[ExportPart]
    credits: list[str]
    language: str

    @property
    def all_parts(self) -> list[ExportPart]:
        return [*self.parts, *self.extra]


def _day(value: datetime.date | None) -> str:
    return formats.date_format(value) if value else "–"


def baseline_value(figure: BaselineFigure) -> str:
    """A baseline figure in words: its value (with n where known), or why it was withheld."""
    if figure.value is None:
        return withheld_label(figure.withheld) or _("Not published")
    value = formats.number_format(figure.value, decimal_pos=figure.indicator.decimals)
    return f"{value} (n={figure.n})" if figure.n is not None else value


def _baseline_table(baseline: list[BaselineFigure]) -> ExportTable:
    rows = [
        [
            figure.indicator.name,
            figure.unit.name if figure.unit else _("Denmark"),
            figure.period,
            baseline_value(figure),
        ]
        for figure in baseline
    ]
    return ExportTable(_("Baseline figures"), [_("Indicator"), _("Unit"), _("Period"), _("Figure")], rows)


def _actions_table(plan: ActionPlan) -> ExportTable:
    rows = [
        [
            action.what,
            " ".join(part for part in (action.who, action.when) if part),
            _day(action.due) if action.due else "",
            action.episode,
            action.signs,
            _day(action.done_on) if action.done_on else "",
        ]
        for action in plan.actions.all()
    ]
    columns = [_("What"), _("Who and when"), _("Done by"), _("Episode or situation"), _("Signs"), _("Done")]
    return ExportTable(pgettext("action plan", "Actions"), columns, rows)


def _part_content(
    key: str, plan: ActionPlan, baseline: list[BaselineFigure]
) -> tuple[str, list[ExportTable]]:
    if key == parts.UNIT:
        return plan.unit.name, []
    if key == parts.GOAL:
        return plan.goal, []
    if key == parts.BASELINE:
        return plan.baseline, [_baseline_table(baseline)]
    if key == parts.ACTIONS:
        return "", [_actions_table(plan)]
    when = _("To be evaluated on %(date)s.") % {"date": _day(plan.evaluate_on)} if plan.evaluate_on else ""
    return "\n\n".join(part for part in (plan.evaluation, when) if part), []


def _extra(plan: ActionPlan) -> list[ExportPart]:
    follow_ups = ExportTable(
        _("Follow-ups"),
        [_("Date"), _("Signs seen"), _("What we learned and adjust"), _("Next follow-up")],
        [
            [_day(f.held_on), f.signs_seen, f.note, _day(f.next_on) if f.next_on else ""]
            for f in plan.follow_ups.all()
        ],
    )
    expectations = "\n".join(f"• {e.text}" for e in plan.expectations.order_by("section__position", "pk"))
    return [
        ExportPart(_("Follow-ups"), [], "", [follow_ups]),
        ExportPart(_("Expectations of the foundation"), [], expectations, []),
    ]


def export_plan(
    *, plan: ActionPlan, baseline: list[BaselineFigure], template: Template | None = None
) -> ExportPlan:
    """Gather what a plan holds, in the template's parts, for its files; `baseline` is the baseline figures
    as the reader may see them (`selectors.plan_baseline`)."""
    template = template or plan_template()
    made = []
    for part in template.parts:
        text, tables = _part_content(part.key, plan, baseline)
        made.append(ExportPart(part.label, [q.text for q in part.questions], _xml_text(text), tables))
    team = ", ".join(member.name for member in plan.team_members.order_by("name"))
    credits = sorted({i.credit for i in plan.indicators.all() if i.credit})
    return ExportPlan(
        title=_xml_text(plan.title),
        facts=[
            (_("Template"), f"{template.version.name} ({template.source})" if template.version else ""),
            (_("Owner"), plan.owner.name),
            (_("Leadership team"), team or "–"),
            (_("Status"), str(plan.get_status_display())),
            (_("Last saved"), _day(timezone.localdate(plan.updated_at))),
        ],
        parts=made,
        extra=_extra(plan),
        credits=credits,
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
    )


def plan_filename(*, plan: ActionPlan, extension: str) -> str:
    """The file's name: the title as a slug, Danish letters spelt out; else "handleplan"."""
    stem = slugify(plan.title.translate(_DANISH_LETTERS)) or "handleplan"
    return f"{stem[:80].strip('-')}.{extension.lstrip('.')}"


def plan_pdf(*, plan: ActionPlan, baseline: list[BaselineFigure]) -> bytes:
    """The plan as a PDF (A4, the print style of the product's other PDFs)."""
    from weasyprint import HTML  # heavy to import: only when a PDF is made

    html_text = render_to_string(
        "actionplans/plans/plan_document.html", {"plan": export_plan(plan=plan, baseline=baseline)}
    )
    return HTML(string=html_text).write_pdf()


def plan_docx(*, plan: ActionPlan, baseline: list[BaselineFigure]) -> Any:
    """The plan as a Word document (python-docx), for the service to write out (`plan_export`)."""
    doc = export_plan(plan=plan, baseline=baseline)
    word = Document()
    _a4(word.sections[0])
    word.core_properties.title = doc.title[:255]
    word.core_properties.language = doc.language
    word.styles["Normal"].font.size = Pt(11)
    word.add_heading(doc.title, level=0)
    facts = word.add_table(rows=0, cols=2)
    for label, value in doc.facts:
        row = facts.add_row().cells
        row[0].text = label
        row[0].paragraphs[0].runs[0].bold = True
        _lines(row[1].paragraphs[0], value)
    for part in doc.all_parts:
        _docx_part(word, part)
    if doc.credits:
        word.add_heading(_("Sources of the figures"), level=1)
        for credit in doc.credits:
            word.add_paragraph(credit)
    return word


def _docx_part(word: Any, part: ExportPart) -> None:
    word.add_heading(part.label, level=1)
    for question in part.questions:
        word.add_paragraph(question).runs[0].italic = True
    texts = paragraphs(part.text)
    for text in texts:
        _lines(word.add_paragraph(), text)
    if not texts and not part.tables:
        word.add_paragraph(_("Not filled in."))
    for table in part.tables:
        _docx_table(word, table)


def _docx_table(word: Any, table: ExportTable) -> None:
    if not table.rows:
        word.add_paragraph(_("Nothing recorded yet."))
        return
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = column
        cell.paragraphs[0].runs[0].bold = True
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=False):
            _lines(cell.paragraphs[0], _xml_text(text) or "–")
