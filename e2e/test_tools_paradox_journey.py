"""Lis works a paradox through on the Competing Values Framework: two poles in tension, their advantages, a
question and a decision; the diagram marks both poles."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load


def test_lis_works_a_paradox_through_and_sees_both_poles_on_the_diagram(
    page, live_server, small_organisation
):
    tools_builtin_load()
    sign_in(page, live_server, "lis")
    page.get_by_role("link", name="Værktøjer").click()
    page.get_by_role("button", name="Start et dokument – Paradoksmodel på Competing Values Framework").click()
    expect(page.get_by_label("Titel")).to_have_value("Paradoksmodel på Competing Values Framework")
    expect(page.get_by_role("img", name=re.compile("ingen poler er valgt endnu"))).to_be_visible()
    axe_check(page, name="tools-paradox-form")

    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Pol 1: vælg den kvadrant, polen ligger i.")).to_be_visible()
    expect(page.get_by_text("Pol 2: giv polen et navn med dine egne ord.")).to_be_visible()
    axe_check(page, name="tools-paradox-errors")

    page.get_by_label("Titel").fill("Samarbejde eller mål?")
    pole_1 = page.get_by_role("group", name="Pol 1: kvadranten, polen ligger i")
    pole_1.get_by_label(re.compile("^FLEKSIBEL – INDADVENDT")).focus()
    page.keyboard.press("Space")
    page.get_by_label("Pol 1 med dine egne ord").fill("Samarbejde")
    page.get_by_label("Pol 1: Fordele/positive værdier:").fill("Teamet lærer af hinanden\nTrivsel")
    pole_2 = page.get_by_role("group", name="Pol 2: kvadranten, polen ligger i")
    pole_2.get_by_label(re.compile("^FOKUSERET – UDADVENDT")).check()
    page.get_by_label("Pol 2 med dine egne ord").fill("Fokus på mål")
    page.get_by_label("Pol 2: Fordele/positive værdier:").fill("Eleverne rykker sig")
    page.get_by_label(re.compile("^Rejs et spørgsmål")).fill("Hvordan når vi målene sammen?")
    page.get_by_label("Undersøge mulige veje at gå").fill("Fælles planlægning i teamet")
    page.get_by_label("Træf en beslutning").fill("Vi prøver det i 7. årgang")
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    diagram = page.get_by_role("img", name=re.compile("^Paradokset på Competing Values Framework"))
    expect(diagram).to_have_accessible_name(
        re.compile(
            "pol 1 “Samarbejde” i FLEKSIBEL – INDADVENDT; pol 2 “Fokus på mål” i FOKUSERET – UDADVENDT"
        )
    )
    expect(diagram.locator("[data-poles='1']")).to_contain_text("Pol 1: Samarbejde")
    expect(diagram.locator("[data-poles='2']")).to_contain_text(
        re.compile("Pol 2: Fokus på ?mål")
    )  # on two lines
    expect(pole_1.get_by_label(re.compile("^FLEKSIBEL – INDADVENDT"))).to_be_checked()
    axe_check(page, name="tools-paradox-saved")
