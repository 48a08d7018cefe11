"""A tool document as a PDF and a Word file, and its links to sections of the foundation. The files are
checked against a small workflow of texts, a table and an SVG diagram (so they hold for every tool's
workflow) and against a real feedback document; the pages only for those who may read the document."""

import io
import json
import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from docx import Document

from grundlag.accounts.gdpr import person_document
from grundlag.audit.models import AuditEvent
from grundlag.frameworks.models import Section as FoundationSection
from grundlag.frameworks.services import draft_create
from grundlag.organisation.tests.factories import UserFactory
from grundlag.tools.documents import exports
from grundlag.tools.documents.exports import document_filename, document_pdf
from grundlag.tools.documents.services import (
    SECTIONS_MAX,
    document_create,
    document_export,
    document_sections_link,
    document_share,
)
from grundlag.tools.documents.workflows import WORKFLOWS
from grundlag.tools.documents.workflows.base import DocumentForm, Table, Text
from grundlag.tools.models import Tool, ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db

DIAGRAM_NAME = "Kvadranterne med de valgte poler markeret"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img" aria-label="'
    + DIAGRAM_NAME
    + '"><rect x="4" y="4" width="392" height="192" fill="#eef3fb" stroke="#1a1a1a"/>'
    '<text x="200" y="105" text-anchor="middle" font-family="DejaVu Sans" font-size="18">Fleksibel</text>'
    "</svg>"
)


class SyntheticForm(DocumentForm):
    """A workflow with what any tool may hold: texts (one empty), a table with an empty cell, a diagram."""

    def sections(self, data):
        return [
            Text("maal", "Målet med mødet", "Første afsnit.\n\nAndet afsnit\nmed et linjeskift."),
            Table("punkter", "Dagsorden", ["Punkt", "Tid"], [["Velkomst", "10"], ["Evaluering", ""]]),
            Text("tomt", "Tomt felt", ""),
        ]

    def diagram(self, data):
        return mark_safe(SVG)


@pytest.fixture
def synthetic(builtin_tools, small_organisation, monkeypatch):
    """Lis's document of a tool whose workflow is the synthetic one."""
    monkeypatch.setitem(WORKFLOWS, "noter", SyntheticForm)
    lis = small_organisation["people"]["lis"]
    return document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Møde på Ærø", by=lis.user)


@pytest.fixture
def kolding_sections(builtin_frameworks):
    """Two sections of a published foundation (Kolding's "Fælles om Ledelse")."""
    return list(builtin_frameworks["kolding-faelles-om-ledelse"].sections.order_by("position")[:2])


def pdf_text(body: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def page_sizes(body: bytes) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    done = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", "-"], input=body, capture_output=True, check=True
    )
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", done.stdout.decode())
    return [(float(width), float(height)) for width, height in found]


def docx_of(body: bytes):
    return Document(io.BytesIO(body))


def headings(word, level: int) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name == f"Heading {level}"]


def test_the_pdf_holds_the_title_the_tool_its_texts_table_diagram_and_linked_sections(
    synthetic, small_organisation, kolding_sections
):
    lis = small_organisation["people"]["lis"]
    document_sections_link(document=synthetic, sections=kolding_sections, by=lis.user)

    body = document_pdf(document=synthetic)

    assert body.startswith(b"%PDF")
    text = pdf_text(body)
    for expected in (
        "Møde på Ærø",
        "Noter",
        "Fælles om Ledelse, Kolding Kommune",
        "Lis Leder",
        "Målet med mødet",
        "Første afsnit.",
        "Andet afsnit med et linjeskift.",
        "Dagsorden",
        "Velkomst",
        "Evaluering",
        "Tomt felt",
        "Ikke udfyldt.",
        "Fleksibel",  # the diagram's own text: drawn as vector SVG
        "Afsnit i ledelsesgrundlaget",
        *(section.title for section in kolding_sections),
    ):
        assert expected in text, expected


def test_the_files_speak_the_active_language(synthetic):
    with translation.override("en"):
        english = pdf_text(document_pdf(document=synthetic))
        word = docx_of(document_export(document=synthetic, kind="docx", by=None))

    assert "Owner" in english and "Sections of the foundation" in english and "Ejer" not in english
    assert "Sections of the foundation" in headings(word, 1)
    assert word.core_properties.language == "en"
    assert "Ejer" in pdf_text(document_pdf(document=synthetic))


def test_the_word_file_has_headings_paragraphs_a_real_table_the_diagram_and_the_links(
    synthetic, small_organisation, kolding_sections
):
    lis = small_organisation["people"]["lis"]
    document_sections_link(document=synthetic, sections=kolding_sections[:1], by=lis.user)

    word = docx_of(document_export(document=synthetic, kind="docx", by=lis.user))

    assert (word.paragraphs[0].style.name, word.paragraphs[0].text) == ("Title", "Møde på Ærø")
    assert headings(word, 1) == ["Målet med mødet", "Dagsorden", "Tomt felt", "Afsnit i ledelsesgrundlaget"]
    texts = [p.text for p in word.paragraphs]
    assert "Første afsnit." in texts and "Andet afsnit\nmed et linjeskift." in texts
    assert "Ikke udfyldt." in texts
    facts = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows}
    assert facts["Værktøj"] == "Noter" and facts["Ejer"] == "Lis Leder"
    assert facts["Kilde"] == "Fælles om Ledelse, Kolding Kommune"
    agenda = [[cell.text for cell in row.cells] for row in word.tables[1].rows]
    assert agenda == [["Punkt", "Tid"], ["Velkomst", "10"], ["Evaluering", "–"]]
    assert len(word.inline_shapes) == 1
    assert word.inline_shapes[0]._inline.docPr.get("descr") == DIAGRAM_NAME
    links = [rel.target_ref for rel in word.part.rels.values() if rel.is_external]
    section = kolding_sections[0]
    assert any(link.endswith(f"/v{section.version.number}/#section-{section.pk}") for link in links)
    assert section.title in " ".join(texts)


class WideTableForm(SyntheticForm):
    """A workflow with a table as wide as the meeting planner's agenda."""

    def sections(self, data):
        columns = [f"Spørgsmål {number}" for number in range(1, 8)]
        return [
            Text("maal", "Målet med mødet", "Et kort mål."),
            Table("punkter", "Dagsorden", columns, [[f"Svar {n}" for n in range(1, 8)]]),
        ]


def test_a_wide_table_is_printed_on_a_page_turned_sideways_in_both_files(synthetic, monkeypatch):
    monkeypatch.setitem(WORKFLOWS, "noter", WideTableForm)

    body = document_pdf(document=synthetic)
    word = docx_of(document_export(document=synthetic, kind="docx", by=None))

    turned = [width > height for width, height in page_sizes(body)]
    assert turned[0] is False and turned[-1] is True
    assert "Svar 7" in pdf_text(body)
    orientations = [section.page_width > section.page_height for section in word.sections]
    assert orientations == [False, True, False]
    assert [cell.text for cell in word.tables[1].rows[1].cells][-1] == "Svar 7"


def test_a_diagram_that_cannot_be_drawn_leaves_its_name_in_the_word_file(synthetic, monkeypatch):
    def broken(svg, scale=None):
        raise ValueError("unreadable")

    monkeypatch.setattr(exports.vl_convert, "svg_to_png", broken)

    word = docx_of(document_export(document=synthetic, kind="docx", by=None))

    assert len(word.inline_shapes) == 0
    assert DIAGRAM_NAME in [p.text for p in word.paragraphs]


def test_a_real_feedback_document_is_in_both_files(feedback, small_organisation):
    lis = small_organisation["people"]["lis"]

    pdf = pdf_text(document_export(document=feedback, kind="pdf", by=lis.user))
    word = docx_of(document_export(document=feedback, kind="docx", by=lis.user))

    for text in (pdf, " ".join(p.text for p in word.paragraphs)):
        assert "Feedback til Tom" in text and "Jeg ser en god time" in text
        assert "1. Iagttagelse" in text
    assert "Alrø, Dahl & Schumann" in pdf
    assert "1. Iagttagelse" in headings(word, 1)


def test_file_names_are_the_title_as_a_slug_with_danish_letters_spelt_out(synthetic):
    assert document_filename(document=synthetic, extension="pdf") == "moede-paa-aeroe.pdf"
    synthetic.title = "!!!"
    assert document_filename(document=synthetic, extension="docx") == "noter.docx"


def _carl(small_organisation):
    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save()
    return carl


def test_the_owner_and_a_superior_it_is_shared_with_download_it_and_everyone_else_gets_404(
    feedback, small_organisation, lis_client, ulla_client, admin_client
):
    people = small_organisation["people"]
    carl = _carl(small_organisation)
    for name, kind in (("tools:pdf", "pdf"), ("tools:docx", "docx")):
        url = reverse(name, args=[feedback.pk])
        response = lis_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == exports.CONTENT_TYPES[kind]
        assert response["Content-Disposition"] == f'attachment; filename="feedback-til-tom.{kind}"'
        for client in (ulla_client, admin_client, client_of(carl.user), client_of(people["dorte"].user)):
            assert client.get(url).status_code == 404

    document_share(document=feedback, team_members=[], shared_with_superior=True, by=people["lis"].user)
    pdf = client_of(carl.user).get(reverse("tools:pdf", args=[feedback.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert admin_client.get(reverse("tools:pdf", args=[feedback.pk])).status_code == 404
    assert client_of(people["bo"].user).get(reverse("tools:docx", args=[feedback.pk])).status_code == 404


def test_a_download_is_audited_by_its_format_and_names_no_text(feedback, lis_client):
    lis_client.get(reverse("tools:pdf", args=[feedback.pk]))

    event = AuditEvent.objects.get(action="tools.document_export")
    assert event.detail == "format=pdf" and event.object_id == str(feedback.pk)


def test_the_document_page_offers_both_files(feedback, lis_client):
    page = lis_client.get(reverse("tools:document", args=[feedback.pk])).content.decode()

    assert (
        reverse("tools:pdf", args=[feedback.pk]) in page and reverse("tools:docx", args=[feedback.pk]) in page
    )


def test_the_owner_and_a_team_member_link_sections_but_a_superior_who_reads_is_refused(
    feedback, small_organisation, kolding_sections
):
    people = small_organisation["people"]
    document_share(
        document=feedback, team_members=[people["bo"]], shared_with_superior=True, by=people["lis"].user
    )

    document_sections_link(document=feedback, sections=kolding_sections[:1], by=people["lis"].user)
    document_sections_link(document=feedback, sections=kolding_sections, by=people["bo"].user)

    assert set(feedback.sections.all()) == set(kolding_sections)
    for user in (people["dorte"].user, people["ulla"].user, None):
        with pytest.raises(ValidationError) as refused:
            document_sections_link(document=feedback, sections=[], by=user)
        assert refused.value.code == "not_editor"
    assert feedback.sections.count() == 2
    details = AuditEvent.objects.filter(action="tools.document_sections_link").values_list(
        "detail", flat=True
    )
    assert sorted(details) == ["sections=1", "sections=2"]


def test_it_links_only_sections_of_a_published_foundation_and_a_bounded_number(
    feedback, small_organisation, builtin_frameworks, administrator
):
    lis = small_organisation["people"]["lis"]
    kolding = builtin_frameworks["kolding-faelles-om-ledelse"]
    draft = draft_create(framework=kolding.framework, by=administrator)

    with pytest.raises(ValidationError) as unpublished:
        document_sections_link(document=feedback, sections=[draft.sections.first()], by=lis.user)
    too_many = list(FoundationSection.objects.filter(version__status="published")[: SECTIONS_MAX + 1])
    with pytest.raises(ValidationError) as bounded:
        document_sections_link(document=feedback, sections=too_many, by=lis.user)

    assert unpublished.value.code == "unpublished" and bounded.value.code == "too_many"
    assert not feedback.sections.exists()


def test_lis_links_and_unlinks_a_section_on_the_document_page(feedback, lis_client, kolding_sections):
    url = reverse("tools:document", args=[feedback.pk])
    link = reverse("tools:foundation", args=[feedback.pk])
    section = kolding_sections[0]
    form = lis_client.get(url).content.decode()
    assert '<optgroup label="Fælles om Ledelse">' in form and f'<option value="{section.pk}">' in form

    added = lis_client.post(link, {"add": section.pk})

    assert added.status_code == 302 and added["Location"].endswith("#foundation")
    page = lis_client.get(url).content.decode()
    section_url = reverse("frameworks:version", args=[section.version.framework.slug, section.version.number])
    assert f'href="{section_url}#section-{section.pk}">{section.title}</a>' in page
    assert f'<option value="{section.pk}">' not in page  # linked once, not offered again
    lis_client.post(link, {"remove": section.pk})
    assert not ToolDocument.objects.get(pk=feedback.pk).sections.exists()


def test_nothing_chosen_is_refused_with_a_message(feedback, lis_client):
    response = lis_client.post(reverse("tools:foundation", args=[feedback.pk]), {"add": ""}, follow=True)

    assert "Vælg et afsnit i ledelsesgrundlaget" in response.content.decode()


def test_a_superior_reads_the_linked_sections_but_cannot_change_them(
    feedback, small_organisation, kolding_sections, ulla_client, admin_client
):
    people = small_organisation["people"]
    document_share(document=feedback, team_members=[], shared_with_superior=True, by=people["lis"].user)
    document_sections_link(document=feedback, sections=kolding_sections[:1], by=people["lis"].user)
    dorte = client_of(people["dorte"].user)
    link = reverse("tools:foundation", args=[feedback.pk])

    page = dorte.get(reverse("tools:document", args=[feedback.pk])).content.decode()

    assert kolding_sections[0].title in page and link not in page
    assert dorte.post(link, {"remove": kolding_sections[0].pk}).status_code == 403
    assert ulla_client.post(link, {"add": kolding_sections[1].pk}).status_code == 404
    assert admin_client.post(link, {"add": kolding_sections[1].pk}).status_code == 404
    assert feedback.sections.count() == 1


def test_the_owners_own_data_export_names_the_linked_sections(feedback, small_organisation, kolding_sections):
    lis = small_organisation["people"]["lis"]
    document_sections_link(document=feedback, sections=kolding_sections[:1], by=lis.user)

    exported = person_document(lis, own=True)

    assert kolding_sections[0].title in json.dumps(exported, ensure_ascii=False)
