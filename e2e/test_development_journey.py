"""Leader development in the browser: an administrator opens an LUS round and follows it by unit, the
director schedules her school chief's dialogue from her list of the dialogues she holds."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in


def test_a_round_is_opened_a_dialogue_scheduled_and_found(
    page, live_server, small_organisation, administrator
):
    main = page.locator("main")
    today = timezone.localdate()

    sign_in(page, live_server, "admin", "x-admin-pass-1")
    page.goto(f"{live_server.url}/development/rounds/")
    axe_check(page, name="development-01-rounds")
    main.get_by_role("link", name="Åbn en runde").click()
    page.get_by_label("Navn").fill("LUS 2027")
    page.get_by_label("Enhed").select_option(label="Fiktiv Kommune")
    page.get_by_label("Fra").fill(today.isoformat())
    page.get_by_label("Til").fill((today + datetime.timedelta(days=90)).isoformat())
    axe_check(page, name="development-02-open-round")
    main.get_by_role("button", name="Åbn runden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LUS 2027")
    expect(page.get_by_text("Runden blev åbnet: 3 samtaler planlagt.")).to_be_visible()
    main.get_by_role("link", name="Skoleafdelingen").click()
    ahorn = main.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Ahorn Skole"))
    expect(ahorn).to_contain_text("1")
    expect(main.get_by_text("Lis Leder")).to_have_count(0)  # counts, never names
    axe_check(page, name="development-03-round")

    # Dorte leads the school chief: his dialogue is hers to schedule.
    sign_in(page, live_server, "dorte")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Lederudviklingssamtaler"
    ).click()
    held = main.get_by_role("row").filter(has=page.get_by_text("Carl Chef"))
    held.get_by_role("link", name=re.compile("^Planlæg")).click()
    expect(page.get_by_label("Leder")).to_have_value(str(small_organisation["people"]["carl"].pk))
    when = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=9, minute=30)
    page.get_by_label("Dato og tidspunkt").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Sted").fill("Rådhuset, lokale 4")
    axe_check(page, name="development-04-schedule")
    main.get_by_role("button", name="Planlæg").click()
    expect(page.get_by_text("Lederudviklingssamtalen blev planlagt.")).to_be_visible()
    expect(main.get_by_role("row").filter(has=page.get_by_text("Carl Chef"))).to_contain_text(
        "Rådhuset, lokale 4"
    )
    axe_check(page, name="development-05-dialogues")
