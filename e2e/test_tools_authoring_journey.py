"""The administrator makes a local variant of the feedback model, changes a text, previews and publishes it;
Lis finds it in the toolbox and fills it in with the feedback model's workflow."""

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load


def test_the_administrator_publishes_a_local_variant_that_lis_fills_in(
    page, live_server, small_organisation, administrator
):
    tools_builtin_load()
    sign_in(page, live_server, "admin", "x-admin-pass-1")

    page.goto(f"{live_server.url}/tools/")
    page.get_by_role("link", name="Lokale værktøjer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokale værktøjer")
    expect(page.get_by_text("De indbyggede værktøjer redigeres aldrig her")).to_be_visible()
    axe_check(page, name="authoring-1-list")

    # A pasted definition with a problem is shown with its line and field, and nothing is saved.
    page.get_by_role("link", name="Tilføj et lokalt værktøj").click()
    page.get_by_label("Eller indsæt definitionen (YAML)").fill(
        "format: grundlag.tool/1\nkey: tjekliste\nname: Tjekliste\nsource:\n  titel: Egen\n"
        "credits: []\ncontent: {}\n"
    )
    page.get_by_role("button", name="Kontrollér og gem som kladde").click()
    expect(page.get_by_text("Linje 5, source.titel: unknown field")).to_be_visible()
    axe_check(page, name="authoring-1-new-problem")
    page.get_by_role("link", name="Tilbage til de lokale værktøjer").click()

    page.get_by_label("Indbygget værktøj").select_option(label="Feedbackmodel med afsæt i observation")
    page.get_by_role("button", name="Lav en lokal variant").click()
    expect(page.get_by_label("Nøgle")).to_have_value("feedbackmodel-lokal")
    axe_check(page, name="authoring-2-variant")
    page.get_by_label("Navn").fill("Feedback på Ahorn Skole")
    page.get_by_role("button", name="Opret varianten som kladde").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rediger Feedback på Ahorn Skole, kladde version 1"
    )
    definition = page.get_by_label("Værktøjets definition (YAML)")
    text = definition.input_value()
    assert "key: feedbackmodel-lokal" in text
    # A variant keeps its built-in tool's keys: a lost key is named with its line, and nothing is saved.
    definition.fill(text.replace("key: oplevelse", "key: foelelse"))
    page.get_by_role("button", name="Kontrollér og gem kladden").click()
    expect(
        page.get_by_text("nøglen 'oplevelse' fra det indbyggede værktøj (i steps) mangler")
    ).to_be_visible()
    axe_check(page, name="authoring-3-problem")

    definition.fill(text.replace("Ydre sansninger, observationer", "Det, du ser og hører i timen"))
    page.get_by_role("button", name="Kontrollér og gem kladden").click()
    expect(page.get_by_text("Kladden blev gemt.")).to_be_visible()
    axe_check(page, name="authoring-4-edit")

    page.get_by_role("link", name="Forhåndsvis kladden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback på Ahorn Skole")
    expect(page.get_by_text("Det, du ser og hører i timen")).to_be_visible()
    expect(page.get_by_text("De kan ikke se den endnu.")).to_be_visible()
    axe_check(page, name="authoring-5-preview")

    page.get_by_role("button", name="Udgiv denne version").click()
    expect(page.get_by_text("lederne finder den i værktøjskassen")).to_be_visible()
    page.get_by_role("link", name="Lokale værktøjer").click()
    expect(page.locator("#local-feedbackmodel-lokal")).to_contain_text("Udgivet")
    axe_check(page, name="authoring-6-published")

    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/")
    expect(page.get_by_role("link", name="Lokale værktøjer")).to_have_count(0)
    page.get_by_role("button", name="Start et dokument – Feedback på Ahorn Skole").click()
    expect(page.get_by_label("Titel")).to_have_value("Feedback på Ahorn Skole")
    expect(page.get_by_text("Det, du ser og hører i timen")).to_be_visible()
    page.get_by_label("1. Iagttagelse").fill("Jeg ser, at eleverne arbejder roligt.")
    page.get_by_label("Forberede feedback").check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    axe_check(page, name="authoring-7-lis-document")
