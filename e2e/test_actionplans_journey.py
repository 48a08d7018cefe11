"""Lis starts an action plan for her school with Bo in its leadership team, ties the well-being indicator to
it (its baseline copied; a later school year's figures then show as the trend), adds an action and a
follow-up beside the trend since the baseline, shares it with her superiors, and writes in the school's
evaluation log; Dorte reads the plan. axe-core on every page."""

from django.core.cache import cache
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.actionplans.tests.factories import YEARS, wellbeing_figures, wellbeing_indicator
from grundlag.indicators.publication_cache import publication_cache_clear
from grundlag.tools.services import tools_builtin_load


def test_lis_writes_an_action_plan_follows_it_up_and_keeps_the_log(page, live_server, small_organisation):
    tools_builtin_load()
    publication_cache_clear()
    cache.clear()
    indicator = wellbeing_indicator()
    wellbeing_figures(indicator, small_organisation["units"], years=YEARS[:2])
    sign_in(page, live_server, "lis")

    page.goto(f"{live_server.url}/actionplans/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine handleplaner")
    axe_check(page, name="actionplans-list")
    page.get_by_role("link", name="Opret en handleplan").click()
    axe_check(page, name="actionplans-create")
    page.get_by_label("Indsatsområde").fill("Trivsel i frikvartererne")
    page.get_by_label("Bo Leder").check()
    page.get_by_role("button", name="Opret planen").click()
    expect(page.get_by_text("Handleplanen er oprettet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ståsted", exact=True)).to_be_visible()

    page.get_by_text("Knyt en indikator til planen", exact=True).click()
    page.get_by_label("Indikator").select_option(label="Social trivsel")
    page.get_by_role("button", name="Knyt den, og kopiér dens tal").click()
    expect(page.get_by_text("Indikatoren er knyttet til planen")).to_be_visible()
    wellbeing_figures(indicator, small_organisation["units"], years=YEARS[2:])  # a later school year comes in
    page.get_by_label("Hvad vi vil afprøve").fill("Legepatruljer i spisefrikvarteret")
    page.get_by_label("Tegn på, at det lykkes").fill("Færre konflikter")
    page.get_by_role("button", name="Tilføj tiltaget").click()
    page.get_by_text("Registrér en opfølgning", exact=True).click()
    page.get_by_label("Dato", exact=True).fill("2025-03-01")
    page.get_by_label("Tegn, vi har set").fill("Roligere gårdvagter")
    page.get_by_role("button", name="Registrér opfølgningen").click()
    expect(page.get_by_role("cell", name="Roligere gårdvagter")).to_be_visible()
    expect(page.locator("[data-chart-ready]")).to_have_count(1)
    axe_check(page, name="actionplans-plan")

    page.get_by_role("link", name="Skriv i planen").click()
    axe_check(page, name="actionplans-edit")
    page.get_by_label("Mål").fill("Alle elever har nogen at lege med.")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_role("link", name="Del planen").click()
    axe_check(page, name="actionplans-share")
    page.get_by_label("Del med mine overordnede ledere").check()
    page.get_by_role("button", name="Gem, hvem det er delt med").click()
    expect(page.get_by_text("Med ejerens overordnede ledere (kun læse)")).to_be_visible()
    page.get_by_role("link", name="Ændringshistorik").click()
    expect(page.get_by_role("cell", name="I gang")).to_have_count(0)
    axe_check(page, name="actionplans-history")
    page.get_by_role("link", name="Tilbage til planen").click()
    page.get_by_role("link", name="Evalueringslog").click()
    axe_check(page, name="actionplans-log")
    page.get_by_role("link", name="Skriv en evaluering").click()
    axe_check(page, name="actionplans-log-entry")
    page.get_by_label("Dato").fill("2025-03-02")
    page.get_by_label("Hvad blev evalueret").fill("Trivslen i frikvartererne")
    page.get_by_label("Social trivsel").check()
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("heading", name="Trivslen i frikvartererne")).to_be_visible()

    sign_in(page, live_server, "dorte")
    page.goto(f"{live_server.url}/actionplans/")
    page.get_by_role("link", name="Trivsel i frikvartererne").click()
    expect(page.get_by_text("Alle elever har nogen at lege med.")).to_be_visible()
    expect(page.get_by_role("link", name="Skriv i planen")).to_have_count(0)
    axe_check(page, name="actionplans-plan-read")
