"""Confidential advice in the browser: Lis reads who will read her request (the leader consultant by name,
not her superior, not the administrators) before she writes it, and asks; Kamma, the leader consultant,
finds it from her start page, answers and marks it handled; Lis reads the reply."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.organisation.tests.factories import PersonFactory, UserFactory

SUBJECT = "Samarbejdet i ledelsesteamet"
TEXT = "Jeg vil gerne sparre om, hvordan jeg får mine afdelingsledere til at tage mere ansvar."
REPLY = "Lad os tage en samtale i næste uge. Overvej indtil da, hvad du selv holder fast i."


@pytest.fixture
def kamma(small_organisation, settings):
    settings.NETWORKS_CONSULTANTS = ["kamma"]
    return PersonFactory(
        key="kamma",
        name="Kamma Konsulent",
        email="kamma@fiktiv.example.dk",
        user=UserFactory(username="kamma"),
    )


def test_a_leader_asks_a_consultant_answers_and_marks_it_handled(
    page, live_server, small_organisation, kamma
):
    main = page.locator("main")

    sign_in(page, live_server, "lis")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Netværk").click()
    page.locator("main").get_by_role("link", name="Bed om en fortrolig samtale").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fortrolig rådgivning")
    notice = main.locator("#privacy")
    expect(notice).to_contain_text("Kamma Konsulent")
    expect(notice).to_contain_text("ikke din leder, ikke administratorerne")
    axe_check(page, name="advice-01-mine")

    main.get_by_role("button", name="Send til lederkonsulenterne").click()
    expect(main.locator(".form-error-message").first).to_be_visible()
    page.get_by_label("Emne").fill(SUBJECT)
    page.get_by_label("Din besked").fill(TEXT)
    axe_check(page, name="advice-02-form")
    main.get_by_role("button", name="Send til lederkonsulenterne").click()
    expect(page.get_by_text("Din henvendelse er sendt til lederkonsulenterne.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(main).to_contain_text(TEXT)
    axe_check(page, name="advice-03-thread")

    sign_in(page, live_server, "kamma")
    main.get_by_role("link", name="1 henvendelse om rådgivning er åben.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henvendelser om rådgivning")
    expect(main.get_by_role("table")).to_contain_text("Lis Leder")
    axe_check(page, name="advice-04-consultant-list")
    main.get_by_role("link", name=SUBJECT).click()
    page.get_by_label("Besked", exact=True).fill(REPLY)
    main.get_by_role("button", name="Send beskeden").click()
    expect(page.get_by_text("Din besked er tilføjet.")).to_be_visible()
    main.get_by_role("button", name="Markér henvendelsen som behandlet").click()
    expect(page.get_by_text("Henvendelsen er markeret som behandlet.")).to_be_visible()
    expect(main.get_by_role("button", name="Åbn henvendelsen igen")).to_be_visible()
    axe_check(page, name="advice-05-consultant-thread")

    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/networks/advice/")
    expect(main.get_by_role("table")).to_contain_text("Behandlet")
    main.get_by_role("link", name=SUBJECT).click()
    expect(main.locator("article").last).to_contain_text(REPLY)
    expect(main.locator("article").last).to_contain_text(re.compile("Kamma Konsulent, lederkonsulent"))
    expect(main.get_by_role("button", name="Markér henvendelsen som behandlet")).to_have_count(0)
    axe_check(page, name="advice-06-reply-read")
