"""Job descriptions (stillingsbeskrivelser) built from a level's expectations and the common part."""

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FrameworkVersion, Level, SectionKind, TextKind
from .selectors import SectionContent, expected_at_level

# Texts that describe the source rather than the post stay out of a job description.
_LEFT_OUT_SECTIONS = {SectionKind.INTRODUCTION}
_LEFT_OUT_TEXTS = {TextKind.GAP, TextKind.NOTE}


class JobDescriptionForm(forms.Form):
    # "title" is the parameter the links to a person's job description carry (organisation's "my page").
    title = forms.CharField(label=gettext_lazy("Post title"), max_length=200, required=False)
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=200, required=False)


@dataclass
class JobDescription:
    version: FrameworkVersion
    level: Level
    post_title: str
    unit: str
    sections: list[SectionContent] = field(default_factory=list)
    made_on: date = field(default_factory=lambda: timezone.localdate())

    @property
    def title(self) -> str:
        return self.post_title or self.level.name

    @property
    def facts(self) -> list[tuple[str, str]]:
        return _facts(self)

    @property
    def source_line(self) -> str:
        return _source_line(self)

    @property
    def file_stem(self) -> str:
        return slugify(f"{_('job description')} {self.title}") or "job-description"


def job_description_build(
    *, version: FrameworkVersion, level: Level, post_title: str = "", unit: str = ""
) -> JobDescription:
    """Gather what a job description at this level contains, in the order of the foundation."""
    sections = []
    for content in expected_at_level(version=version, level=level):
        if content.section.kind in _LEFT_OUT_SECTIONS or not content.expectations:
            continue
        content.texts = [t for t in content.texts if t.kind not in _LEFT_OUT_TEXTS]
        sections.append(content)
    return JobDescription(
        version=version,
        level=level,
        post_title=post_title.strip(),
        unit=unit.strip(),
        sections=sections,
    )


def job_description_html(description: JobDescription) -> str:
    return render_to_string("frameworks/job_description_document.html", {"jd": description})


def pdf_warm() -> None:
    """Load WeasyPrint and the print fonts once, at a web process's start (config/wsgi.py).

    The first PDF of a process paid for it in the click: importing WeasyPrint (and Pango, cairo,
    fontconfig) and the first font lookup took 2–6 s, the PDF itself about 0.5 s (bench/frameworks.py).
    """
    from weasyprint import HTML

    css = render_to_string("frameworks/_print.css")
    HTML(string=f"<style>{css}</style><h1>Grundlag</h1><p>Æ Ø Å <b>fed</b></p>").write_pdf()


def job_description_pdf(description: JobDescription) -> io.BytesIO:
    from weasyprint import HTML

    html = render_to_string("frameworks/job_description_print.html", {"jd": description})
    buffer = io.BytesIO(HTML(string=html).write_pdf())
    buffer.seek(0)
    return buffer


def job_description_docx_document(description: JobDescription) -> Any:
    """The job description as a Word document (python-docx), for a service to write out."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = f"{_('Job description')}: {description.title}"
    document.core_properties.language = "da" if _("Job description") == "Stillingsbeskrivelse" else "en"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(f"{_('Job description')}: {description.title}", level=0)
    facts = document.add_table(rows=0, cols=2)
    for label, value in description.facts:
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value
    for content in description.sections:
        document.add_heading(content.section.title, level=1)
        for text in content.texts:
            document.add_paragraph(text.text)
        for kind_label, expectations in content.expectations_by_kind:
            document.add_heading(kind_label, level=2)
            for expectation in expectations:
                document.add_paragraph(expectation.text, style="List Bullet")
    document.add_paragraph().add_run(description.source_line).italic = True
    return document


def _facts(description: JobDescription) -> list[tuple[str, str]]:
    version = description.version
    facts = [(_("Level"), description.level.name)]
    if description.level.group is not None:
        facts.append((_("Level group"), description.level.group.name))
    if description.unit:
        facts.append((_("Unit"), description.unit))
    facts.append((_("Leadership foundation"), f"{version.framework.name}, {_('version')} {version.number}"))
    facts.append((_("Prepared"), formats.date_format(description.made_on)))  # the locale's own form
    return facts


def _source_line(description: JobDescription) -> str:
    version = description.version
    return _("Built from %(framework)s, version %(number)s. Source: %(source)s.") % {
        "framework": version.framework.name,
        "number": version.number,
        "source": ", ".join(filter(None, [version.source_title, version.source_publisher]))
        or version.framework.owner,
    }
