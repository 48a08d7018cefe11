"""A leader's journey through the leadership foundations, and an administrator's draft, in a real browser."""

import io
import re

from docx import Document
from playwright.sync_api import expect

from e2e.conftest import axe_check


def test_a_leader_finds_what_is_expected_compares_searches_and_downloads_a_job_description(
    page, live_server, frameworks_loaded
):
    page.goto(f"{live_server.url}/frameworks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesgrundlag")
    axe_check(page, name="01-list")

    page.get_by_role("link", name="God ledelse på alle niveauer i Børn og Unge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("God ledelse på alle niveauer i Børn og Unge")
    axe_check(page, name="02-framework")

    page.get_by_role("link", name="Leder af medarbejder", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leder af medarbejder")
    expect(
        page.get_by_text("Vi sætter børnene og de unge i centrum for alle vores beslutninger og stræber")
    ).to_be_visible()
    axe_check(page, name="03-level")

    page.get_by_role("link", name="Sammenlign med et andet niveau").click()
    page.get_by_label("Direktør").check()
    page.get_by_role("button", name="Sammenlign").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Direktør")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Leder af medarbejder")).to_be_visible()
    axe_check(page, name="04-compare-levels")

    page.get_by_role("link", name="Søg", exact=True).click()
    page.get_by_label("Søgeord").fill("ledelseskæden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("ledelseskæden")
    expect(page.locator("mark").first).to_be_visible()
    axe_check(page, name="05-search")

    page.goto(f"{live_server.url}/frameworks/aarhus-boern-og-unge/v1/levels/direktoer/")
    page.get_by_role("link", name="Stillingsbeskrivelse").click()
    page.get_by_label("Stillingsbetegnelse (valgfri)").fill("Direktør for Børn og Unge")
    page.get_by_label("Enhed (valgfri)").fill("Børn og Unge")
    page.get_by_role("button", name="Opdater").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stillingsbeskrivelse: Direktør for Børn og Unge"
    )
    axe_check(page, name="06-job-description")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Hent PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    assert pdf.path().read_bytes()[:5] == b"%PDF-"

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Hent Word (DOCX)").click()
    document = Document(io.BytesIO(docx_download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Direktør for Børn og Unge" in text
    assert "At sætte en tydelig strategisk retning" in text

    # The longest foundation name in its facts table wraps on a phone instead of widening the page.
    page.goto(f"{live_server.url}/frameworks/stil/v1/levels/direktoer/job-description/")
    expect(page.locator(".grundlag-jd-facts")).to_contain_text("fælles ledelsesgrundlag")
    axe_check(page, name="06b-job-description-long-name")


def test_frameworks_compare_side_by_side_and_history_pass_axe(page, live_server, frameworks_loaded):
    page.goto(f"{live_server.url}/frameworks/compare/")
    selects = page.locator("select[name=version]")
    selects.nth(0).select_option(label="Ledelse-tæt-på v1")
    selects.nth(1).select_option(label="God ledelse på alle niveauer i Børn og Unge v1")
    page.get_by_role("button", name="Sammenlign").click()
    expect(page.get_by_role("columnheader", name="Ledelse-tæt-på v1")).to_be_visible()
    axe_check(page, name="07-compare-frameworks")

    page.goto(f"{live_server.url}/frameworks/stil/history/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Versionshistorik")
    axe_check(page, name="08-history")

    page.goto(f"{live_server.url}/tilgaengelighed/")
    axe_check(page, name="09-accessibility-statement")


def test_the_site_works_by_keyboard_and_switches_to_english(page, live_server, frameworks_loaded):
    page.goto(f"{live_server.url}/frameworks/stil/v1/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Gå til sidens indhold")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    axe_check(page, name="10-stil")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/frameworks/stil/v1/$"))
    expect(page.get_by_role("link", name="Version history")).to_be_visible()
    axe_check(page, name="11-stil-english")


def test_an_administrator_drafts_edits_and_publishes_a_new_version(
    page, live_server, frameworks_loaded, django_user_model
):
    django_user_model.objects.create_user(username="hr", password="a-long-test-password", is_staff=True)
    page.goto(f"{live_server.url}/login/")
    axe_check(page, name="00-login")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("a-long-test-password")
    page.get_by_role("button", name="Log ind").click()

    page.goto(f"{live_server.url}/frameworks/ledelse-taet-paa/v1/")
    page.get_by_role("button", name="Start en ny kladde").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("kladde version 2")
    axe_check(page, name="12-edit")

    section = page.get_by_role("region", name=re.compile("Vilkår og forudsætninger"))
    section.get_by_role("link", name=re.compile("Tilføj en forventning")).click()
    form = section.locator("[id^=new-expectation] form")
    form.get_by_label("Tekst").fill("Tilstrækkelig administrativ støtte")
    form.get_by_role("button", name="Gem").click()
    section = page.get_by_role("region", name=re.compile("Vilkår og forudsætninger"))
    expect(
        section.get_by_role("listitem").filter(has_text="Tilstrækkelig administrativ støtte")
    ).to_be_visible()
    expect(page.get_by_text("forventning tilføjet – Tilstrækkelig administrativ støtte")).to_be_visible()

    section = page.get_by_role("region", name=re.compile("Vilkår og forudsætninger"))
    section.get_by_role("link", name=re.compile("Tilføj en tekst")).click()
    form = section.locator("[id^=new-text] form")
    form.get_by_label("Type").select_option(label="Ambition")
    form.get_by_label("Tekst").fill("Alle skoleledere har tid til ledelse tæt på.")
    form.get_by_role("button", name="Gem").click()
    section = page.get_by_role("region", name=re.compile("Vilkår og forudsætninger"))
    expect(section.get_by_text("Alle skoleledere har tid til ledelse tæt på.")).to_be_visible()
    axe_check(page, name="13-edited")

    page.get_by_role("button", name="Udgiv denne version").click()
    expect(page.get_by_text("Version 2 er udgivet.")).to_be_visible()
    page.goto(f"{live_server.url}/frameworks/ledelse-taet-paa/history/?a=1&b=2")
    expect(page.get_by_role("cell", name="Tilstrækkelig administrativ støtte")).to_be_visible()
