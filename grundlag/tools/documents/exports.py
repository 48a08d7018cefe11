"""A tool document as a file to keep: a PDF (WeasyPrint) and a Word file (python-docx), in the active
language.

Both are made from what the document holds as its tool's workflow reads it (`document_sections`: texts and
tables in the tool's words) and its diagram (SVG drawn on the server): the PDF shows the SVG itself, the Word
file a PNG made from it by vl-convert (the charts' converter, resvg inside), with the diagram's accessible
name as the picture's alternative text. Both name the tool, its source and credits, the owner, the date of
the last save and the sections of the foundation the document links to. The caller has checked that the
user may read the document (`tool_document_get_for_user`); the file names hold the title only as a slug.
"""

import datetime
import html
import io
import re
from dataclasses import dataclass
from typing import Any

import vl_convert
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..models import ToolDocument
from .forms import document_read
from .selectors import tool_document_linked_sections
from .workflows.base import Section, Table, Text

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_WORD_LANGUAGES = {"da": "da-DK", "en": "en-US"}
_DIAGRAM_CM = 15  # the Word file's picture fits in a square this wide and high
_PROPERTY_MAX = 255  # characters in a Word file's properties (its title); a document's title may be 300
# A table of this many columns or more is printed on a page turned sideways (an agenda's six questions and
# the minutes' columns do not fit upright).
WIDE_TABLE_COLUMNS = 5
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_LABEL = re.compile(r"<svg\b[^>]*?\baria-label=\"([^\"]*)\"", re.DOTALL)
# The characters XML 1.0 does not allow (a Word file is XML, and a PDF's fonts have no glyph for them): the
# C0 controls but tab, line feed and carriage return. A browser sends each but NUL; the files leave them out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True)
class LinkedSection:
    """A section of the foundation the document links to: its title, its foundation, its page's address."""

    title: str
    foundation: str
    url: str


@dataclass(frozen=True)
class ExportDocument:
    """What the PDF and the Word file show, gathered once for both."""

    title: str
    tool: str
    facts: list[tuple[str, str]]
    credits: list[str]
    sections: list[Section]
    diagram: str
    diagram_label: str
    foundation: list[LinkedSection]
    language: str


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs (split at blank lines; single line breaks stay inside a paragraph)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def _day(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localdate(value))


def _source(source: dict[str, Any]) -> str:
    return ", ".join(part for part in (source.get("title", ""), source.get("publisher", "")) if part)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _xml_section(section: Section) -> Section:
    """A section without the characters a file cannot hold."""
    if isinstance(section, Table):
        return Table(
            section.name,
            _xml_text(section.label),
            [_xml_text(column) for column in section.columns],
            [[_xml_text(cell) for cell in row] for row in section.rows],
        )
    return Text(section.name, _xml_text(section.label), _xml_text(section.text))


def _diagram_label(svg: str) -> str:
    """The diagram's accessible name (the SVG's aria-label, else its title), for the Word file's picture."""
    found = _LABEL.search(svg) or _TITLE.search(svg)
    return html.unescape(found.group(1)).strip() if found else ""


def _linked(document: ToolDocument) -> list[LinkedSection]:
    site = settings.SITE_URL.rstrip("/")
    return [
        LinkedSection(
            title=section.title,
            foundation=section.version.framework.name,
            url=site
            + reverse("frameworks:version", args=[section.version.framework.slug, section.version.number])
            + f"#section-{section.pk}",
        )
        for section in tool_document_linked_sections(document=document)
    ]


def export_document(*, document: ToolDocument) -> ExportDocument:
    """Gather what a document holds, its tool's source and credits and its links, for its files."""
    version = document.version
    sections, drawn = document_read(document=document)
    # Removing characters from escaped markup makes no markup: the diagram stays safe to show as it is.
    diagram = mark_safe(_xml_text(drawn))  # noqa: S308
    return ExportDocument(
        title=_xml_text(document.title),
        tool=version.name,
        facts=[
            (_("Tool"), version.name),
            (_("Source"), _source(version.source or {})),
            (_("Owner"), document.owner.name),
            (_("Last saved"), _day(document.updated_at)),
        ],
        credits=[str(credit) for credit in version.credits or []],
        sections=[_xml_section(section) for section in sections],
        diagram=diagram,
        diagram_label=_diagram_label(diagram) or _("Diagram of the document"),
        foundation=_linked(document),
        language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
    )


def document_filename(*, document: ToolDocument, extension: str) -> str:
    """The file's name: the title as a slug, Danish letters spelt out ("feedback-til-tom.pdf"); else the
    tool's name."""
    stem = slugify(document.title.translate(_DANISH_LETTERS))
    stem = stem or slugify(document.version.name.translate(_DANISH_LETTERS)) or "document"
    return f"{stem[:80].strip('-')}.{extension.lstrip('.')}"


def document_pdf(*, document: ToolDocument) -> bytes:
    """The document as a PDF (A4, the print style of the product's other PDFs), its diagram as vector SVG."""
    from weasyprint import HTML

    html_text = render_to_string(
        "tools/pdf_document.html",
        {"document": export_document(document=document), "wide_columns": WIDE_TABLE_COLUMNS},
    )
    return HTML(string=html_text).write_pdf()


def document_docx(*, document: ToolDocument) -> Any:
    """The document as a Word document (python-docx), for the service to write out (`document_export`)."""
    doc = export_document(document=document)
    word = Document()
    _a4(word.sections[0])
    word.core_properties.title = doc.title[:_PROPERTY_MAX]
    word.core_properties.language = doc.language
    word.styles["Normal"].font.size = Pt(11)
    _language(word.styles["Normal"].element.get_or_add_rPr(), _WORD_LANGUAGES.get(doc.language, doc.language))
    word.add_heading(doc.title, level=0)
    facts = word.add_table(rows=0, cols=2)
    for label, value in [*doc.facts, *([(_("Credits"), "\n".join(doc.credits))] if doc.credits else [])]:
        row = facts.add_row().cells
        row[0].text = label
        row[0].paragraphs[0].runs[0].bold = True
        _lines(row[1].paragraphs[0], value)
    if doc.diagram:
        _docx_diagram(word, doc)
    for section in doc.sections:
        if isinstance(section, Table):
            _docx_table(word, section)
        else:
            _docx_text(word, section)
    _docx_foundation(word, doc)
    return word


def _docx_text(word: Any, section: Text) -> None:
    word.add_heading(section.label, level=1)
    for text in paragraphs(section.text) or [_("Not filled in.")]:
        _lines(word.add_paragraph(), text)


def _docx_table(word: Any, section: Table) -> None:
    wide = bool(section.rows) and len(section.columns) >= WIDE_TABLE_COLUMNS
    if wide:
        _page_turn(word, landscape=True)
    word.add_heading(section.label, level=1)
    if not section.rows:
        word.add_paragraph(_("Nothing filled in."))
        return
    table = word.add_table(rows=1, cols=len(section.columns))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, column in zip(table.rows[0].cells, section.columns, strict=True):
        cell.text = column
        cell.paragraphs[0].runs[0].bold = True
    for row in section.rows:
        for cell, text in zip(table.add_row().cells, row, strict=False):
            _lines(cell.paragraphs[0], text or "–")
    if wide:
        for run in (
            run
            for row in table.rows
            for cell in row.cells
            for paragraph in cell.paragraphs
            for run in paragraph.runs
        ):
            run.font.size = Pt(9)
        _page_turn(word, landscape=False)


def _a4(section: Any) -> None:
    """An A4 page with the margins of the product's PDFs (python-docx's own template is US Letter)."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(22)


def _page_turn(word: Any, *, landscape: bool) -> None:
    """Start a new page, turned sideways for a wide table, or upright again after it."""
    section = word.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


def _docx_diagram(word: Any, doc: ExportDocument) -> None:
    """The diagram as a picture made from its SVG, named by its accessible name; its name alone if the SVG
    cannot be drawn."""
    try:
        png = vl_convert.svg_to_png(doc.diagram, scale=2)
    except Exception:  # a diagram that cannot be drawn must not cost the whole file
        word.add_paragraph(doc.diagram_label)
        return
    # A PNG's size stands in its header (IHDR): width and height as 4-byte integers at bytes 16 and 20.
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    word.add_picture(io.BytesIO(png), width=Cm(_DIAGRAM_CM * min(1, width / max(height, 1))))
    properties = word.inline_shapes[-1]._inline.docPr
    properties.set("descr", doc.diagram_label)
    properties.set("title", doc.diagram_label)


def _docx_foundation(word: Any, doc: ExportDocument) -> None:
    word.add_heading(_("Sections of the foundation"), level=1)
    if not doc.foundation:
        word.add_paragraph(_("The document links to no section of the foundation."))
    for section in doc.foundation:
        paragraph = word.add_paragraph(style="List Bullet")
        _hyperlink(paragraph, section.url, section.title)
        paragraph.add_run(f" ({section.foundation})")


def _lines(paragraph: Any, text: str) -> None:
    """A paragraph's text with its single line breaks kept."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A link in a paragraph (python-docx has no call for one): a relationship and a `w:hyperlink` run."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    properties.extend([style, colour, underline])
    label = OxmlElement("w:t")
    label.text = text
    run.extend([properties, label])
    link.append(run)
    paragraph._p.append(link)


def _repeat_header(row: Any) -> None:
    """Repeat a table's first row at the top of each page it runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _language(properties: Any, language: str) -> None:
    """Set the language of a style's text (`w:lang`), which Word's spelling and speech follow."""
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
