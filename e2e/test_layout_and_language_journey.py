"""The page furniture on a phone and in English: the collapsing menu, the design system's icons, the
language of the foundations' Danish text, and tables that scroll by themselves."""

from playwright.sync_api import expect

from e2e.conftest import PHONE, axe_check, no_sideways_scroll


def test_danish_foundation_text_is_marked_danish_on_english_pages(page, live_server, frameworks_loaded):
    page.goto(f"{live_server.url}/en/frameworks/")
    name = "God ledelse på alle niveauer i Børn og Unge"
    expect(page.locator(f'[lang="da"]:text-is("{name}")')).to_have_count(1)
    page.get_by_role("link", name=name).click()
    expect(page.locator("h1 > [lang='da']")).to_have_text(name)
    page.get_by_role("link", name="Leder af medarbejder", exact=True).first.click()
    statement = page.get_by_text(
        "Vi sætter børnene og de unge i centrum for alle vores beslutninger og stræber"
    )
    expect(statement.first).to_be_visible()
    # Every piece of the foundation's text on the English page is inside an element marked Danish.
    expect(statement.first.locator("xpath=ancestor-or-self::*[@lang='da'][1]")).to_have_count(1)
    axe_check(page, name="en-level")

    page.goto(f"{live_server.url}/frameworks/")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.locator("main [lang='da']")).to_have_count(0)  # a Danish page needs no marking


def test_on_a_phone_the_menu_collapses_and_opens_by_keyboard(page, live_server, frameworks_loaded):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/frameworks/")
    menu_button = page.get_by_role("button", name="Menu")
    expect(menu_button).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_hidden()
    menu_button.focus()
    page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Søg", exact=True)).to_be_visible()
    axe_check(page, name="phone-menu-open")
    no_sideways_scroll(page)
    page.keyboard.press("Escape")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(menu_button).to_be_focused()

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(menu_button).to_be_hidden()
    expect(page.get_by_role("link", name="Søg", exact=True)).to_be_visible()


def test_breadcrumbs_and_info_boxes_show_the_design_systems_icons(page, live_server, frameworks_loaded):
    sprites = []
    page.on("response", lambda r: "all-svg-icons" in r.url and sprites.append(r.status))
    page.goto(f"{live_server.url}/frameworks/")
    page.get_by_role("link", name="God ledelse på alle niveauer i Børn og Unge").click()
    chevron = page.locator(".breadcrumbs .icon-svg").first
    expect(chevron).to_be_visible()
    box = chevron.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some(e => e.name.includes('all-svg-icons'))"
    )
    assert sprites and all(status == 200 for status in sprites)
    axe_check(page, name="icons-breadcrumbs")


def test_the_administrators_wide_pages_fit_a_phone(page, live_server, frameworks_loaded):
    from grundlag.organisation.tests.factories import UserFactory

    UserFactory(username="hr", is_staff=True, first_name="Hanne", last_name="Rask")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator(".grundlag-user")).to_have_text("Hanne Rask")
    for path, name in [
        ("/frameworks/", "phone-frameworks"),
        ("/accounts/users/", "phone-users"),
        ("/audit/", "phone-audit"),
        ("/api-tokens/", "phone-tokens"),
        ("/frameworks/stil/history/", "phone-history"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_check(page, name=name)  # at 1280 px and at 375 px, where nothing but a table scrolls sideways
    expect(page.locator("footer").get_by_role("link", name="JSON Schema")).to_be_visible()


def test_a_leaders_pages_fit_a_phone_in_english_with_the_foundations_text_marked_danish(
    page, live_server, small_organisation
):
    people = small_organisation["people"]
    page.goto(f"{live_server.url}/en/login/")
    page.get_by_label("Username").fill("dorte")
    page.get_by_label("Password").fill("x-test-pass-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".grundlag-user")).to_have_text("Dorte Direktør")
    for path, name in [
        ("/en/organisation/me/", "phone-en-my-page"),
        ("/en/organisation/", "phone-en-chart"),
        (f"/en/organisation/people/{people['lis'].pk}/", "phone-en-person"),
        (f"/en/organisation/people/{people['dorte'].pk}/leaders/", "phone-en-leaders-below"),
        (f"/en/organisation/units/{small_organisation['units']['ahorn'].pk}/", "phone-en-unit"),
        ("/en/organisation/span-of-control/", "phone-en-span"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_check(page, name=name)
    # The level's name is the foundation's Danish text on an English page.
    page.goto(f"{live_server.url}/en/organisation/units/{small_organisation['units']['ahorn'].pk}/")
    expect(page.locator("td [lang='da']", has_text="Dagtilbuds-, skole- og FU-leder").first).to_be_visible()


def test_on_a_phone_a_wide_tables_caption_stays_in_view_while_the_table_scrolls(
    page, live_server, frameworks_loaded
):
    page.set_viewport_size(PHONE)
    page.goto(
        f"{live_server.url}/frameworks/aarhus-boern-og-unge/v1/levels/compare/"
        "?level=direktoer&level=forvaltningschef&level=dagtilbuds-skole-og-fu-leder"
    )
    region = page.get_by_role("region", name="Niveauer side om side", exact=False)
    caption = region.locator("caption")
    expect(caption).to_be_visible()
    region.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    expect(region).not_to_have_js_property("scrollLeft", 0)  # the table did scroll
    box = caption.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
