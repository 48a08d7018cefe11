"""Lis maps the relations around an action plan: Tom picked from her school, the parents' board written in,
the reflection questions and her time; too much time in all is refused with nothing lost; the diagram."""

from playwright.sync_api import expect

from e2e.conftest import PHONE, axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load

DESKTOP = {"width": 1280, "height": 900}


def test_lis_maps_the_relations_around_her_action_plan(page, live_server, small_organisation):
    tools_builtin_load()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/")
    page.get_by_role("button", name="Start et dokument – Relationsanalysen").click()
    expect(page.get_by_label("Titel")).to_have_value("Relationsanalysen")
    expect(page.get_by_text("Trin 1: kortlæg disse relationer som vist i eksemplet")).to_be_visible()
    axe_check(page, name="tools-relations-form")

    page.get_by_label("Titel").fill("Læsning i indskolingen")
    page.get_by_label("Handleplan").fill("Bedre læsning i indskolingen")
    first = page.get_by_role("group", name="Relation 1")
    first.get_by_label("Vælg i organisationen").select_option(label="Tom Lærer")
    first.get_by_label("Andel af min tid (%)").fill("70")
    first.get_by_label("Hvad er vigtigt for denne person/team?").fill("Tid til at forberede læseforløb")
    first.get_by_label("Hvad kan jeg gøre for at styrke relationen?").fill("Være med i teammødet")
    second = page.get_by_role("group", name="Relation 2")
    second.get_by_label("Eller skriv et navn").fill("Forældrebestyrelsen")
    second.get_by_label("Team", exact=True).check()
    second.get_by_label("Andel af min tid (%)").fill("45")
    third = page.get_by_role("group", name="Relation 3")
    third.get_by_label("Vælg i organisationen").select_option(label="Ahorn Skole")
    third.get_by_label("Andel af min tid (%)").fill("10")
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Dine andele af tiden giver 125 % i alt")).to_be_visible()
    expect(first.get_by_label("Hvad er vigtigt for denne person/team?")).to_have_value(
        "Tid til at forberede læseforløb"
    )
    axe_check(page, name="tools-relations-refused")
    page.get_by_role("group", name="Relation 1").get_by_label("Andel af min tid (%)").fill("45")
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    diagram = page.get_by_role("img", name="Relationerne omkring handleplanen: Bedre læsning i indskolingen")
    expect(diagram).to_be_visible()
    expect(diagram.locator("text", has_text="Forældrebestyrelsen")).to_have_count(1)
    expect(diagram.locator("text", has_text="45 %")).to_have_count(2)
    expect(page.get_by_role("group", name="Relation 1").get_by_label("Vælg i organisationen")).to_have_value(
        f"person:{small_organisation['people']['tom'].pk}"
    )
    axe_check(page, name="tools-relations-saved")
    page.screenshot(path="/tmp/relations-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    expect(diagram).to_be_visible()
    page.screenshot(path="/tmp/relations-375.png", full_page=True)
    diagram.screenshot(path="/tmp/relations-diagram-375.png")
