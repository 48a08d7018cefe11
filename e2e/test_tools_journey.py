"""Lis reads the toolbox, fills in a feedback document and shares it with her superiors; Dorte reads it."""

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load


def test_lis_prepares_feedback_and_her_superior_reads_it(page, live_server, small_organisation):
    tools_builtin_load()
    sign_in(page, live_server, "lis")

    page.get_by_role("link", name="Værktøjer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Værktøjer")
    axe_check(page, name="tools-toolbox")

    page.get_by_role("link", name="Paradoksmodel på Competing Values Framework").click()
    expect(page.get_by_text("Følge med udviklingen i samfundet")).to_be_visible()
    axe_check(page, name="tools-paradox")

    page.get_by_role("link", name="Tilbage til værktøjskassen").click()
    page.get_by_role("button", name="Start et dokument – Feedbackmodel med afsæt i observation").click()
    expect(page.get_by_label("Titel")).to_have_value("Feedbackmodel med afsæt i observation")
    axe_check(page, name="tools-feedback-form")

    page.get_by_label("Titel").fill("Feedback til Tina")
    page.get_by_label("Forberede feedback").check()
    page.get_by_label("Til hvem").fill("Tina")
    page.get_by_label("1. Iagttagelse").fill("Jeg ser, at eleverne arbejder roligt.")
    page.get_by_label("2. Oplevelse").fill("Jeg bliver glad.")
    page.get_by_label("3. Fortolkning").fill("Det virker, som om du har forberedt dig godt.")
    page.get_by_label("4. Forslag").fill("Måske kunne du dele dit forløb med teamet.")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()

    page.get_by_role("link", name="Del dokumentet").click()
    axe_check(page, name="tools-share")
    page.get_by_label("Del med mine overordnede ledere").check()
    page.get_by_role("button", name="Gem, hvem det er delt med").click()
    expect(page.get_by_text("Med ejerens overordnede ledere (kun læse)")).to_be_visible()

    sign_in(page, live_server, "dorte")
    page.goto(f"{live_server.url}/tools/documents/")
    axe_check(page, name="tools-documents")
    page.get_by_role("link", name="Feedback til Tina").click()
    expect(page.get_by_text("Jeg ser, at eleverne arbejder roligt.")).to_be_visible()
    expect(page.get_by_role("button", name="Gem", exact=True)).to_have_count(0)
    axe_check(page, name="tools-document-read")


def test_lis_keeps_notes_by_keyboard_and_finds_them_on_her_start_page(page, live_server, small_organisation):
    tools_builtin_load()
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/")

    start = page.get_by_role("button", name="Start et dokument – Noter")
    start.focus()
    page.keyboard.press("Enter")
    title = page.get_by_label("Titel")
    expect(title).to_have_value("Noter")
    title.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Noter til personalemødet")
    page.keyboard.press("Tab")
    page.keyboard.type("Husk at takke for skolefesten.")
    page.get_by_role("button", name="Gem", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    expect(page.get_by_label("Noter:")).to_have_value("Husk at takke for skolefesten.")
    axe_check(page, name="tools-notes")

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Noter til personalemødet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noter til personalemødet")
