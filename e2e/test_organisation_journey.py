"""A leader and an administrator find their way around the organisation, by keyboard, in a real browser."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")


def test_a_leader_sees_their_page_opens_the_chart_by_keyboard_and_their_staff(
    page, live_server, small_organisation
):
    log_in(page, live_server, "lis")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Lis Leder")  # the start page
    page.get_by_role("link", name="Min side", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min side")
    expect(page.get_by_text("Carl Chef").first).to_be_visible()
    expect(
        page.get_by_role("heading", name="Hvad der forventes af mig som Dagtilbuds-, skole- og FU-leder")
    ).to_be_visible()
    axe_check(page, name="org-01-my-page")

    page.get_by_role("link", name="Organisation", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisationsdiagram")
    page.wait_for_load_state("load")  # the chart's script is deferred: a key pressed before it runs is lost
    toggle = page.get_by_role("button", name="Enheder under Fiktiv Kommune")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    # Expanded once the children have been fetched; a loaded CI machine can take a while.
    expect(toggle).to_have_attribute("aria-expanded", "true", timeout=15_000)
    inner = page.get_by_role("button", name="Enheder under Skoleafdelingen")
    inner.focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("link", name="Ahorn Skole")).to_be_visible(timeout=15_000)
    axe_check(page, name="org-02-chart-open")
    page.keyboard.press("Space")
    expect(page.get_by_role("link", name="Ahorn Skole")).to_be_hidden()

    page.get_by_role("textbox", name="Find en enhed").fill("ahorn")
    page.get_by_role("textbox", name="Find en enhed").press("Enter")
    page.get_by_role("link", name="Ahorn Skole").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ahorn Skole")
    expect(page.get_by_role("link", name="Tom Lærer")).to_be_visible()
    axe_check(page, name="org-03-unit")

    page.get_by_role("link", name="Tom Lærer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tom Lærer")
    axe_check(page, name="org-04-person")

    page.get_by_role("link", name="Ledelsesspænd", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesspænd")
    chart = page.get_by_label(re.compile("^Søjlediagrammer: antallet af ledere"))  # named in words
    expect(chart.locator("svg .mark-rect path").first).to_be_visible()  # and drawn by Vega
    axe_check(page, name="org-05-span")


def test_an_administrator_sees_the_span_of_control_of_the_whole_organisation(
    page, live_server, small_organisation
):
    from grundlag.organisation.tests.factories import UserFactory

    UserFactory(username="hr", is_staff=True)
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/organisation/span-of-control/?threshold=2")
    expect(page.get_by_role("heading", name="1 leder med mere end 2 direkte medarbejdere")).to_be_visible()
    expect(page.get_by_role("link", name="Lis Leder")).to_be_visible()
    axe_check(page, name="org-06-span-admin")


def test_a_director_browses_the_leaders_below_by_level(page, live_server, small_organisation):
    log_in(page, live_server, "dorte")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Dorte Direktør")
    page.get_by_role("link", name="Min side", exact=True).click()
    expect(page.get_by_role("heading", name="Ledere nedenfor, efter niveau")).to_be_visible()
    page.get_by_role("link", name="Dagtilbuds-, skole- og FU-leder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledere under Dorte Direktør")
    expect(page.get_by_role("heading", name="2 ledere")).to_be_visible()
    expect(page.get_by_role("link", name="Bo Leder")).to_be_visible()
    axe_check(page, name="org-07-leaders-below")
    page.get_by_role("link", name="Bo Leder").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bo Leder")
