"""Lis shares out the leadership of Ahorn Skole over the four task areas of distributed leadership: who holds
which role, picked from the school's people or written in; she sees it as the school's matrix."""

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load


def _shots(page, name):
    """The page at a desktop's and a phone's width, for a person to look at."""
    viewport = page.viewport_size
    page.screenshot(path=f"/tmp/distributed-{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=f"/tmp/distributed-{name}-375.png", full_page=True)
    page.set_viewport_size(viewport)


def test_lis_fills_in_the_roles_of_her_school_and_sees_the_matrix(page, live_server, small_organisation):
    tools_builtin_load()
    sign_in(page, live_server, "lis")
    page.get_by_role("link", name="Værktøjer").click()
    page.get_by_role("button", name="Start et dokument – Opgaveområder i distribueret ledelse").click()
    ahorn = small_organisation["units"]["ahorn"]
    expect(page.get_by_label("Enheden", exact=True)).to_have_value(str(ahorn.pk))
    axe_check(page, name="tools-distributed-form")
    _shots(page, "form")

    page.get_by_label("Titel").fill("Roller på Ahorn Skole")
    first = page.get_by_role("group", name="Rolle 1", exact=True)
    first.get_by_label("Opgaveområde").select_option(label="Kerneopgaven")
    first.get_by_label("Rolle", exact=True).fill("Fagansvarlig i matematik")
    first.get_by_label("Varetages af").select_option(label="Tom Lærer")
    second = page.get_by_role("group", name="Rolle 2", exact=True)
    second.get_by_label("Opgaveområde").select_option(label="HR-opgaverne")
    second.get_by_label("Rolle", exact=True).fill("Praktikvejleder")
    second.get_by_label("Eller skriv navnet").fill("Anna Ekstern")
    third = page.get_by_role("group", name="Rolle 3", exact=True)
    third.get_by_label("Varetages af").select_option(label="Tina Lærer")
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(third.get_by_text("Vælg rollens opgaveområde.")).to_be_visible()
    expect(third.get_by_text("Skriv rollen, fx en af eksemplerne på roller.")).to_be_visible()
    axe_check(page, name="tools-distributed-errors")
    third.get_by_label("Opgaveområde").select_option(label="Administrative opgaver")
    third.get_by_label("Rolle", exact=True).fill("Skemaplanlægger")
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    matrix = page.get_by_role("table", name="Hvem har hvilken rolle i Ahorn Skole")
    expect(matrix.get_by_role("columnheader")).to_have_text(
        [
            "Person",
            "Kerneopgaven",
            "Administrative opgaver",
            "Opgaver relateret til langsigtede mål",
            "HR-opgaverne",
        ]
    )
    expect(matrix.get_by_role("row")).to_have_text(
        [
            "PersonKerneopgavenAdministrative opgaverOpgaver relateret til langsigtede målHR-opgaverne",
            "Anna Ekstern–––Praktikvejleder",
            "Tina Lærer–Skemaplanlægger––",
            "Tom LærerFagansvarlig i matematik–––",
        ]
    )
    axe_check(page, name="tools-distributed-saved")
    page.get_by_role("heading", name="Matricen for enheden").scroll_into_view_if_needed()
    _shots(page, "saved")
