"""Lis plans a MED-udvalg meeting: the agenda from Grundlag's template, a length too short for the items
(refused, nothing lost), the minutes, the next meeting with the unfinished items, and the calendar file."""

import datetime
import re

from icalendar import Calendar
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.tools.services import tools_builtin_load

DESKTOP = {"width": 1280, "height": 900}


def _item(page, number):
    """One agenda item's fieldset, by its legend ("Programpunkt 3")."""
    return page.get_by_role("group", name=f"Programpunkt {number}", exact=True)


def _save(page):
    page.get_by_role("button", name="Gem", exact=True).click()


def test_lis_plans_a_meeting_keeps_minutes_and_plans_the_next(page, live_server, small_organisation):
    tools_builtin_load()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/tools/")
    page.get_by_role("button", name="Start et dokument – Mødeplanlægning").click()
    expect(page.get_by_label("Titel")).to_have_value("Mødeplanlægning")
    axe_check(page, name="tools-meeting-new")

    page.get_by_label("Titel").fill("MED-udvalg marts")
    page.get_by_label("Mødets dato").fill("2027-03-04")
    page.get_by_label("Starter kl.").fill("14:00")
    page.get_by_label("Sted").fill("Personalerummet")
    page.get_by_label("Hvem skal være med på mødet?").fill("Ledelsen og medarbejdernes repræsentanter")
    _save(page)
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()

    expect(page.get_by_text("Grundlags egne forslag til almindelige mødetyper")).to_be_visible()
    page.get_by_label("MED-udvalg: 7 punkter, 90 minutter").check()
    page.get_by_role("button", name="Tilføj skabelonens punkter til dagsordenen").click()
    expect(page.get_by_text("Skabelonens punkter er tilføjet dagsordenen")).to_be_visible()
    expect(_item(page, 3).get_by_label("Hvad kalder vi punktet?")).to_have_value("Budget og økonomi")
    expect(page.get_by_text("De 7 punkter tager 90 minutter; mødet har ingen længde endnu.")).to_be_visible()
    axe_check(page, name="tools-meeting-template")

    # Too short a meeting: refused with both totals, every row as typed.
    page.get_by_label("Længde i minutter").fill("60")
    _item(page, 2).get_by_label("Beslutning").fill("Taget til efterretning")
    _save(page)
    expect(page.get_by_role("alert")).to_contain_text(
        "De 7 punkter tager 90 minutter, men mødet varer 60 minutter"
    )
    expect(_item(page, 7).get_by_label("Hvad kalder vi punktet?")).to_have_value("Eventuelt")
    expect(_item(page, 2).get_by_label("Beslutning")).to_have_value("Taget til efterretning")
    expect(page.get_by_label("Længde i minutter")).to_have_value("60")
    axe_check(page, name="tools-meeting-too-long")

    page.get_by_label("Længde i minutter").fill("90")
    _save(page)
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    expect(page.get_by_text("De 7 punkter tager 90 af mødets 90 minutter.")).to_be_visible()

    # The minutes: a decision on item 1, finished (by keyboard).
    _item(page, 1).get_by_label("Beslutning").fill("Dagsorden og referat godkendt")
    _item(page, 1).get_by_label("Punktet er afsluttet").focus()
    page.keyboard.press("Space")
    _save(page)
    expect(page.get_by_text("Dokumentet blev gemt.")).to_be_visible()
    expect(_item(page, 1).get_by_label("Punktet er afsluttet")).to_be_checked()
    axe_check(page, name="tools-meeting-minutes")
    for width, name in ((1280, "desktop"), (375, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/meeting-{name}.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent mødet som kalenderfil (.ics)").click()
    event = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")[0]
    assert str(event["summary"]) == "MED-udvalg marts"
    assert event.decoded("dtstart") == datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2027, 3, 4, 14, 30, tzinfo=datetime.UTC)
    assert "3. Budget og økonomi (20 min.)" in str(event["description"])

    page.get_by_role("button", name="Planlæg næste møde").click()
    expect(page.get_by_text("Det næste møde er planlagt")).to_be_visible()
    first = _item(page, 1)
    expect(first.get_by_label("Hvad kalder vi punktet?")).to_have_value("Orientering fra ledelsen")
    expect(first.get_by_text("Overført fra mødet den 4. marts 2027.")).to_be_visible()
    expect(_item(page, 6).get_by_label("Hvad kalder vi punktet?")).to_have_value("Eventuelt")
    expect(_item(page, 7).get_by_label("Hvad kalder vi punktet?")).to_have_value("")
    expect(page.get_by_label("Hvem skal være med på mødet?")).to_have_value(
        "Ledelsen og medarbejdernes repræsentanter"
    )
    expect(page.get_by_label("Mødets dato")).to_have_value("")
    axe_check(page, name="tools-meeting-next")

    page.get_by_role("link", name="Det forrige møde, som dette møde er planlagt ud fra").click()
    expect(page.get_by_label("Titel")).to_have_value("MED-udvalg marts")
    expect(page).to_have_url(re.compile(r"/tools/documents/\d+/$"))
    expect(_item(page, 1).get_by_label("Beslutning")).to_have_value("Dagsorden og referat godkendt")
