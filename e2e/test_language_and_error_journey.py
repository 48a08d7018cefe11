"""A visitor switches language on a deep page and back, and meets a wrong address, in a real browser."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check


def test_a_visitor_switches_to_english_and_back_and_a_wrong_address_gets_the_sites_page(
    page, live_server, frameworks_loaded
):
    deep = "/frameworks/search/?q=ledelse"
    page.goto(f"{live_server.url}/en{deep}")  # an English page reached by a link, in a Danish browser
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Dansk").click()
    expect(page).to_have_url(re.compile(re.escape(deep) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile("/en" + re.escape(deep) + "$"))
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.goto(f"{live_server.url}/findes-ikke/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    axe_check(page, name="error-01-404")
    page.set_viewport_size({"width": 375, "height": 740})
    axe_check(page, name="error-02-404-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width  # nothing runs off the side
    page.get_by_role("link", name="Gå til forsiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesgrundlag")
