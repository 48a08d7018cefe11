"""Lis describes what her school learned and puts it in the knowledge-sharing library for every leader; Bo,
who leads another school, finds it by searching and reads it, but cannot change it."""

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load


def _shots(page, name):
    """The page at a desktop's and a phone's width, for a person to look at."""
    viewport = page.viewport_size
    page.screenshot(path=f"/tmp/library-{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=f"/tmp/library-{name}-375.png", full_page=True)
    page.set_viewport_size(viewport)


def test_lis_shares_knowledge_in_the_library_and_bo_finds_and_reads_it(page, live_server, small_organisation):
    tools_builtin_load()
    sign_in(page, live_server, "lis")
    page.get_by_role("link", name="Værktøjer").click()
    page.get_by_role("button", name="Start et dokument – Videndeling").click()
    expect(page.get_by_text("Ligger ikke i biblioteket.")).to_be_visible()
    axe_check(page, name="tools-knowledge-form")

    page.get_by_label("Titel").fill("Korte forældresamtaler")
    page.get_by_label("Beskriv viden og erfaring i kontekst").fill(
        "På Ahorn Skole har vi holdt korte samtaler med forældrene hver uge i indskolingen."
    )
    page.get_by_label("Omsæt til egen kontekst").fill(
        "Hos os kan teamene prøve samtalerne i 0. klasse først."
    )
    page.get_by_label("Emneord").fill("forældresamarbejde, trivsel")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    _shots(page, "document")

    page.get_by_role("link", name="Læg det i biblioteket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Læg dokumentet i biblioteket")
    axe_check(page, name="tools-library-place")
    page.get_by_label("Alle ledere i organisationen").check()
    _shots(page, "place")
    page.get_by_role("button", name="Gem, hvem der læser det").click()
    expect(page.get_by_text("Dokumentet ligger i biblioteket.")).to_be_visible()
    expect(page.get_by_text("I biblioteket for alle ledere i organisationen.")).to_be_visible()

    sign_in(page, live_server, "bo")
    page.get_by_role("link", name="Værktøjer").click()
    page.get_by_role("link", name="Vidensbibliotek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vidensbiblioteket")
    axe_check(page, name="tools-library")
    _shots(page, "latest")
    page.get_by_label("Søgeord").fill("samtaler")
    page.get_by_label("Søgeord").press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 hit for »samtaler«")
    hit = page.get_by_role("listitem").filter(has=page.get_by_role("link", name="Korte forældresamtaler"))
    expect(hit).to_contain_text("Lis Leder")
    expect(hit.locator("mark").first).to_have_text("samtaler")
    axe_check(page, name="tools-library-hits")
    _shots(page, "hits")

    hit.get_by_role("link", name="Korte forældresamtaler").click()
    expect(page.get_by_text("Hos os kan teamene prøve samtalerne i 0. klasse først.")).to_be_visible()
    expect(page.get_by_role("button", name="Gem", exact=True)).to_have_count(0)
    expect(page.get_by_label("Beskriv viden og erfaring i kontekst")).to_have_count(0)
    expect(page.get_by_role("link", name="Skift, hvem der læser det i biblioteket")).to_have_count(0)
    axe_check(page, name="tools-library-read")
    _shots(page, "read")
