"""Lis links her feedback document to a section of the foundation by keyboard, follows the link to the
section, downloads the document as PDF and Word, and unlinks the section again."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.frameworks.models import Section
from grundlag.tools.documents.services import document_create, document_save
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

NO_SECTION = "Dokumentet henviser ikke til nogen afsnit i ledelsesgrundlaget."


def test_lis_links_her_document_to_the_foundation_and_downloads_it(page, live_server, small_organisation):
    tools_builtin_load()
    lis = small_organisation["people"]["lis"]
    document = document_create(
        tool=Tool.objects.get(key="feedbackmodel"), owner=lis, title="Feedback til Tina", by=lis.user
    )
    document_save(
        document=document,
        data={"purpose": "prepare", "iagttagelse": "Jeg ser, at eleverne arbejder roligt."},
        expected_revision=0,
        by=lis.user,
    )
    section = Section.objects.get(version__framework__slug="kolding-faelles-om-ledelse", key="temaer")
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/documents/{document.pk}/")
    expect(
        page.get_by_text("Dokumentet henviser ikke til nogen afsnit i ledelsesgrundlaget.")
    ).to_be_visible()
    axe_check(page, name="tools-export-1-document")

    page.get_by_label("Henvis til et afsnit").select_option(label=section.title)
    page.get_by_role("button", name="Henvis til afsnittet").press("Enter")
    expect(page.get_by_text("Afsnittene i ledelsesgrundlaget blev gemt.")).to_be_visible()
    expect(page.locator("#foundation").get_by_role("link", name=section.title)).to_be_visible()
    axe_check(page, name="tools-export-2-linked")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Hent PDF").click()
    assert pdf.value.suggested_filename == "feedback-til-tina.pdf"
    with open(pdf.value.path(), "rb") as file:
        assert file.read(4) == b"%PDF"
    with page.expect_download() as word:
        page.get_by_role("link", name="Hent Word (DOCX)").click()
    assert word.value.suggested_filename == "feedback-til-tina.docx"

    page.locator("#foundation").get_by_role("link", name=section.title).press("Enter")
    expect(page.locator(f"#section-{section.pk}")).to_have_text(section.title)
    page.go_back()
    page.get_by_role("button", name=re.compile(f"^Fjern.*{section.title}$")).press("Enter")
    expect(
        page.get_by_text("Dokumentet henviser ikke til nogen afsnit i ledelsesgrundlaget.")
    ).to_be_visible()
