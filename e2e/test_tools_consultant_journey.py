"""Lis reflects on the roles she takes with a team over time: a reflection without a role is refused with
nothing lost, two dated reflections are saved and the timeline shows the change of role."""

from playwright.sync_api import expect

from e2e.conftest import PHONE, axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load

DESKTOP = {"width": 1280, "height": 900}


def test_lis_reflects_on_her_consultant_roles_over_time(page, live_server, small_organisation):
    tools_builtin_load()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/")
    page.get_by_role("button", name="Start et dokument – Konsulentroller").click()
    expect(page.get_by_label("Titel")).to_have_value("Konsulentroller")
    first = page.get_by_role("group", name="Refleksion 1")
    expect(first.get_by_text("Når jeg foreslår andre løsningsmuligheder og perspektiver")).to_be_visible()
    axe_check(page, name="tools-consultant-form")

    page.get_by_label("Titel").fill("Samarbejdet med indskolingen")
    page.get_by_label("Samarbejdet").fill("Indskolingsteamet om læseindsatsen")
    first.get_by_label("Dato").fill("2026-10-02")
    first.get_by_label("Det gjorde jeg").fill("Lyttede og spurgte til deres praksis")
    second = page.get_by_role("group", name="Refleksion 2")
    second.get_by_label("Dato").fill("2026-11-20")
    second.get_by_label("Jeg arbejder UDFORDRENDE").check()
    second.get_by_label("Sådan virkede det").fill("Teamet tog nye metoder i brug")
    second.get_by_label("Den rolle, jeg vil tage næste gang").select_option(
        label="Jeg arbejder RETNINGSGIVENDE"
    )
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Vælg den rolle, du tog.")).to_be_visible()
    expect(page.get_by_role("group", name="Refleksion 1").get_by_label("Det gjorde jeg")).to_have_value(
        "Lyttede og spurgte til deres praksis"
    )
    axe_check(page, name="tools-consultant-refused")
    page.get_by_role("group", name="Refleksion 1").get_by_label("Jeg arbejder UNDERSTØTTENDE").check()
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    timeline = page.get_by_role("img", name="De roller, jeg har taget i samarbejdet, efter dato")
    expect(timeline).to_be_visible()
    expect(timeline.locator("circle")).to_have_count(2)
    expect(timeline.locator("text", has_text="20.11.2026")).to_have_count(1)
    axe_check(page, name="tools-consultant-saved")
    page.screenshot(path="/tmp/consultant-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    expect(timeline).to_be_visible()
    page.screenshot(path="/tmp/consultant-375.png", full_page=True)
    timeline.screenshot(path="/tmp/consultant-timeline-375.png")
