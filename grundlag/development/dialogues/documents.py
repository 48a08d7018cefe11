"""An approved version of a development dialogue's agreement as a document to keep: a PDF (WeasyPrint) and a
Word file (python-docx), in the active language.

Both are made from the version's frozen text (`Agreement.content`, what both parties approved), never from
the live goals of the leader's plan, which go on changing. The caller checks that the version is approved
and that the user is one of the dialogue's parties. Neither document holds the dialogue's notes or ratings.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from ..models import Agreement

CONTENT_LANGUAGE = "da"  # the foundations (sections, expectations) and the 360° statements are Danish
_WORD_LANGUAGES = {"da": "da-DK", "en": "en-US"}  # Word's tags; Django's English dates are American
_GOAL_KEYS = ("title", "description", "section", "expectation", "report_statement")


@dataclass
class FollowUpLine:
    due: str
    held: str  # the date it was held, "" while it is not
    notes: str

    @property
    def text(self) -> str:
        if not self.held:
            return self.due
        return _("%(date)s, held on %(held)s") % {"date": self.due, "held": self.held}


@dataclass
class AgreementDocument:
    """What the documents show, gathered once for the PDF and the Word file alike."""

    title: str
    leader: str
    version: int
    facts: list[tuple[str, str]]
    summary: str
    goals: list[dict[str, str]]
    follow_ups: list[FollowUpLine] = field(default_factory=list)
    language: str = CONTENT_LANGUAGE

    @property
    def summary_paragraphs(self) -> list[str]:
        return _paragraphs(self.summary)

    @property
    def content_differs(self) -> bool:
        """The document is in another language than the foundation's texts it quotes."""
        return self.language != CONTENT_LANGUAGE


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def _day(value: datetime.datetime | datetime.date | None) -> str:
    """A date as people read it in the active language (never ISO); a moment by its date where it is."""
    if value is None:
        return "–"
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return formats.date_format(value)


def agreement_document(*, agreement: Agreement) -> AgreementDocument:
    """Gather the approved version's text and the dialogue's facts for its documents."""
    dialogue = agreement.dialogue
    version = dialogue.level.version
    content = agreement.content or {}
    facts = [
        (pgettext("dialogue party", "Leader"), dialogue.leader.name),
        (pgettext("dialogue party", "Superior"), dialogue.superior.name if dialogue.superior else "–"),
        (_("Leadership level"), dialogue.level.name),
        (
            _("Leadership foundation"),
            _("%(framework)s, version %(number)s")
            % {"framework": version.framework.name, "number": version.number},
        ),
        (_("Dialogue held"), _day(dialogue.held_at)),
        (_("Version of the agreement"), str(agreement.version)),
        (_("Approved by the leader"), _day(agreement.leader_approved_at)),
        (_("Approved by the superior"), _day(agreement.superior_approved_at)),
    ]
    return AgreementDocument(
        title=_("Development dialogue – agreement"),
        leader=dialogue.leader.name,
        version=agreement.version,
        facts=facts,
        summary=content.get("summary", ""),
        goals=[{key: goal.get(key) or "" for key in _GOAL_KEYS} for goal in content.get("goals", [])],
        follow_ups=[
            FollowUpLine(due=_day(f.due), held=_day(f.held_at) if f.held_at else "", notes=f.notes)
            for f in dialogue.follow_ups.order_by("due", "pk")
        ],
        language=(get_language() or CONTENT_LANGUAGE).split("-")[0],
    )


def agreement_filename(*, agreement: Agreement, extension: str) -> str:
    """The file's name: no person's name in it, as file names end up in logs ("lus-aftale-v2.pdf")."""
    stem = slugify(pgettext("file name", "LUS agreement")) or "lus-agreement"
    return f"{stem}-v{agreement.version}.{extension.lstrip('.')}"


def agreement_pdf(*, agreement: Agreement) -> bytes:
    """The approved version as a PDF (A4, the print style of the product's other PDFs)."""
    from weasyprint import HTML

    html = render_to_string(
        "development/agreement_document.html", {"document": agreement_document(agreement=agreement)}
    )
    return HTML(string=html).write_pdf()


def agreement_docx_document(*, agreement: Agreement) -> Any:
    """The approved version as a Word document (python-docx), for a service to write out
    (`services.agreement_docx`)."""
    return _docx(agreement_document(agreement=agreement))


def _docx(doc: AgreementDocument) -> Any:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = f"{doc.title}: {doc.leader}"
    document.core_properties.language = doc.language
    document.styles["Normal"].font.size = Pt(11)
    _language(
        document.styles["Normal"].element.get_or_add_rPr(), _WORD_LANGUAGES.get(doc.language, doc.language)
    )
    document.add_heading(doc.title, level=0)
    facts = document.add_table(rows=0, cols=2)
    for label, value in doc.facts:
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value
        row[0].paragraphs[0].runs[0].bold = True
    document.add_heading(_("Summary of the dialogue"), level=1)
    for text in doc.summary_paragraphs or [_("No summary.")]:
        _lines(document.add_paragraph(), text)
    _docx_goals(document, doc)
    _docx_follow_ups(document, doc)
    return document


def _docx_goals(document: Any, doc: AgreementDocument) -> None:
    document.add_heading(_("Agreed development goals"), level=1)
    if not doc.goals:
        document.add_paragraph(_("No development goals were agreed."))
    for number, goal in enumerate(doc.goals, start=1):
        document.add_heading(f"{number}. {goal['title']}", level=2)
        for label, key in (
            (_("Section of the foundation"), "section"),
            (pgettext("development goal", "Expectation"), "expectation"),
            (_("Statement of the 360° report"), "report_statement"),
        ):
            if goal[key]:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                _content_run(paragraph.add_run(goal[key]), doc)
        for text in _paragraphs(goal["description"]):
            _lines(document.add_paragraph(), text)


def _docx_follow_ups(document: Any, doc: AgreementDocument) -> None:
    if not doc.follow_ups:
        return
    document.add_heading(_("Follow-up"), level=1)
    for line in doc.follow_ups:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(line.text)
        for text in _paragraphs(line.notes):
            _lines(document.add_paragraph(), text)


def _lines(paragraph: Any, text: str) -> None:
    """A paragraph's text with its single line breaks kept."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()


def _content_run(run: Any, doc: AgreementDocument) -> None:
    """Mark a run of the foundation's Danish text as Danish in a document in another language."""
    if doc.content_differs:
        _language(run._r.get_or_add_rPr(), _WORD_LANGUAGES[CONTENT_LANGUAGE])


def _language(properties: Any, language: str) -> None:
    """Set the language of a style's or a run's text (`w:lang`), which Word's spelling and speech follow."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
