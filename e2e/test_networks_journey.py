"""Leader networks in the browser: an administrator makes a forum and an event of one place; Lis takes the
place, Bo goes on the waiting list; Lis cancels, Bo is offered the place by e-mail and on his start page and
accepts it; Dorte, the forum's organiser, reads the list with its history and makes her calendar feed."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in


def test_a_full_event_offers_a_freed_place_to_the_first_on_the_waiting_list(
    page, live_server, small_organisation, administrator
):
    main = page.locator("main")
    starts = (timezone.localtime() + datetime.timedelta(days=30)).replace(hour=9, minute=30)

    sign_in(page, live_server, "admin", "x-admin-pass-1")
    page.goto(f"{live_server.url}/networks/")
    axe_check(page, name="networks-01-forums")
    main.get_by_role("link", name="Nyt forum").click()
    page.get_by_label("Tema").fill("Evalueringskultur og datainformeret ledelse")
    page.get_by_label("Kort navn i adressen").fill("data")
    page.get_by_label("Åbent for", exact=True).select_option(label="Ledere")
    page.get_by_label("Arrangører (e-mailadresser)").fill("dorte@fiktiv.example.dk")
    axe_check(page, name="networks-02-forum-form")
    main.get_by_role("button", name="Gem forummet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evalueringskultur og datainformeret ledelse")
    main.get_by_role("link", name="Nyt arrangement").click()
    page.get_by_label("Titel").fill("Lederforum i Kolding")
    page.get_by_label("Begynder").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Slutter").fill((starts - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("By").fill("Kolding")
    page.get_by_label("Pladser").fill("1")
    page.get_by_label("Tilmelding senest").fill(
        (starts - datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    main.get_by_role("button", name="Gem arrangementet").click()
    expect(main.get_by_text("Arrangementet skal slutte, efter det begynder.")).to_be_visible()
    axe_check(page, name="networks-03-event-form-error")
    page.get_by_label("Slutter").fill((starts + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    main.get_by_role("button", name="Gem arrangementet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lederforum i Kolding")
    event_url = page.url

    sign_in(page, live_server, "lis")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Netværk").click()
    main.get_by_role("link", name="Evalueringskultur og datainformeret ledelse").click()
    axe_check(page, name="networks-04-forum")
    main.get_by_role("link", name="Lederforum i Kolding").click()
    main.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_text("Du er tilmeldt.")).to_be_visible()
    axe_check(page, name="networks-05-event-signed-up")

    sign_in(page, live_server, "bo")
    page.goto(event_url)
    expect(main.get_by_text("Arrangementet er fuldt")).to_be_visible()
    main.get_by_role("button", name="Skriv mig på ventelisten").click()
    expect(main.get_by_text("Du er nummer 1 på ventelisten.")).to_be_visible()
    axe_check(page, name="networks-06-event-waiting")

    sign_in(page, live_server, "lis")
    page.goto(event_url)
    main.get_by_role("button", name="Afmeld min plads").click()
    expect(page.get_by_text("Du står ikke længere på listen.")).to_be_visible()
    bo_email = small_organisation["people"]["bo"].email
    offers = [message for message in mail.outbox if message.to == [bo_email] and "ledig" in message.subject]
    assert len(offers) == 1 and event_url.split(live_server.url)[1] in offers[0].body

    sign_in(page, live_server, "bo")
    offer = main.get_by_role("region", name="Du er tilbudt en plads")
    expect(offer).to_contain_text("Lederforum i Kolding")
    axe_check(page, name="networks-07-start-offer")
    offer.get_by_role("link", name="Lederforum i Kolding").click()
    main.get_by_role("button", name="Tag imod pladsen").click()
    expect(page.get_by_text("Pladsen er din.")).to_be_visible()
    expect(main.get_by_text("Du har en plads.")).to_be_visible()

    sign_in(page, live_server, "dorte")
    page.goto(event_url)
    main.get_by_role("link", name="Deltagerlisten").click()
    signed_up = main.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Bo Leder"))
    expect(signed_up).to_contain_text("Tilbudt en plads (automatisk)")
    expect(
        main.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Lis Leder"))
    ).to_contain_text("Afmeldt")
    axe_check(page, name="networks-08-list")
    page.goto(f"{live_server.url}/networks/calendar/")
    main.get_by_role("button", name="Lav min feedadresse").click()
    expect(page.get_by_label("Feedadresse")).to_have_value(re.compile(r"/networks/calendar/[\w-]+\.ics$"))
    axe_check(page, name="networks-09-calendar")
