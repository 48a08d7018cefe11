"""A school leader follows her unit's figures: from the start page to her unit's indicators, then one
indicator over time with its chart, its table and the reason a figure is hidden; axe-core at each page and at
375 px."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.indicators.tests.pages import WITHHELD_AHORN_DANISH, figures_import


def test_a_leader_opens_her_units_indicators_and_one_indicator_over_time(
    page, live_server, small_organisation
):
    figures_import()
    main = page.locator("main")

    sign_in(page, live_server, "lis")
    key_figures = main.get_by_role("region", name="Nøgletal for de enheder, du leder")
    expect(key_figures).to_contain_text("Generel trivsel")
    expect(key_figures).to_contain_text("4,13")
    axe_check(page, name="indicators-01-start")
    key_figures.get_by_role("link", name="Alle indikatorer for Ahorn Skole").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Indikatorer for Ahorn Skole")
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Indikatorer")
    ).to_have_attribute("aria-current", "page")
    wellbeing = main.get_by_role("table", name="Perceptionsdata for Ahorn Skole")
    expect(wellbeing.get_by_role("columnheader", name="Hele landet")).to_be_visible()
    expect(wellbeing.get_by_role("row", name=re.compile("Generel trivsel"))).to_contain_text("4,13")
    expect(main.get_by_text("Kilde: Fiktive testdata").first).to_be_visible()
    axe_check(page, name="indicators-02-unit")
    wellbeing.get_by_role("link", name="Generel trivsel").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Generel trivsel: Ahorn Skole")
    chart = main.locator("figure.grundlag-chart[data-chart-ready]")
    expect(chart.locator("svg")).to_be_visible()
    assert chart.locator("[data-chart-canvas]").get_attribute("aria-label").startswith("Kurvediagram")
    table = main.get_by_role("table", name="Generel trivsel pr. periode (i parentes: 95 %-intervallet)")
    hidden_year = table.get_by_role("row").filter(has_text="2023/24")
    expect(hidden_year).to_contain_text("Skjult: ville gøre det muligt at beregne et skjult tal")
    expect(table.get_by_role("row").filter(has_text="2024/25")).to_contain_text("(4,02\u2060–\u20604,23)")
    assert WITHHELD_AHORN_DANISH not in main.inner_text()
    main.get_by_text("Sådan beregnes intervallet og støjen").click()
    expect(main.get_by_text("1,96 × √(se₁² + se₂²)")).to_be_visible()
    axe_check(page, name="indicators-03-indicator")
