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
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Lederudvikling").click()
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


def test_both_parties_prepare_rate_on_their_own_and_hold_the_conversation(
    page, browser, live_server, small_organisation
):
    """Dorte (above Lis in the chain) schedules Lis's LUS; each rates in a browser of their own; the LUS-spind
    appears for both once both are in; a shared note, a private note only Lis sees; Dorte records it held."""
    when = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=9, minute=0)
    sign_in(page, live_server, "dorte")
    page.goto(f"{live_server.url}/development/schedule/")
    page.get_by_label("Leder").select_option(label="Lis Leder")
    page.get_by_label("Dato og tidspunkt").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.locator("main").get_by_role("button", name="Planlæg").click()
    page.get_by_role("link", name="Lis Leder").click()
    expect(page.get_by_role("heading", name="Hvad gemmes om denne samtale, og hvem ser det")).to_be_visible()
    axe_check(page, name="development-06-dialogue-before")
    page.get_by_role("button", name="Åbn forberedelsen").click()
    expect(page.get_by_text("Forberedelsen er åbnet")).to_be_visible()
    axe_check(page, name="development-07-data-pack")
    dialogue_url = page.url

    lis_context = browser.new_context(bypass_csp=True, locale="da-DK")
    lis = lis_context.new_page()
    sign_in(lis, live_server, "lis")
    lis.get_by_role(
        "link", name="Vurdér dig selv i forhold til forventningerne på dit niveau før samtalen."
    ).click()
    rate(lis, "Enig", reason="Jeg mener, jeg lykkes")
    axe_check(lis, name="development-08-ratings-form")
    lis.get_by_role("button", name="Aflevér mine vurderinger").click()
    expect(lis.get_by_text("Dine vurderinger er afleveret.")).to_be_visible()
    expect(lis.get_by_text("LUS-spindet")).to_have_count(0)

    page.goto(dialogue_url)
    page.get_by_role("link", name="Vurderinger", exact=True).click()
    expect(page.get_by_text("Den anden part har afleveret sine vurderinger.")).to_be_visible()
    expect(page.get_by_text("Jeg mener, jeg lykkes")).to_have_count(0)
    rate(page, "Helt enig", reason="Set fra forvaltningen")
    page.get_by_role("button", name="Aflevér mine vurderinger").click()
    table = page.get_by_role("table", name="Begge vurderinger efter afsnit, største forskel først")
    expect(table).to_contain_text("Jeg mener, jeg lykkes")
    expect(page.locator("[data-chart-canvas] svg, [data-chart-canvas] canvas").first).to_be_visible()
    axe_check(page, name="development-09-spind")

    lis.reload()
    expect(lis.get_by_role("table", name=re.compile("største forskel først"))).to_contain_text(
        "Set fra forvaltningen"
    )
    lis.get_by_role("link", name="Samtalen", exact=True).click()
    first = lis.locator("section.grundlag-agenda-item").first
    first.locator("summary", has_text="Min private note").click()
    first.get_by_role("textbox", name=re.compile("^Min private note")).fill("Kun mine tanker")
    first.get_by_role("button", name=re.compile("^Gem min private note")).click()
    expect(lis.get_by_text("Din private note om")).to_be_visible()
    axe_check(lis, name="development-10-conversation")

    page.get_by_role("link", name="Samtalen", exact=True).click()
    first = page.locator("section.grundlag-agenda-item").first
    first.get_by_label("Fælles noter").fill("Vi aftalte en ny skoleplan")
    first.get_by_label("Punktet er klaret").check()
    first.get_by_role("button", name=re.compile("^Gem de fælles noter")).click()
    expect(page.get_by_text("Kun mine tanker")).to_have_count(0)
    page.get_by_role("button", name="Registrér samtalen som holdt").click()
    expect(page.get_by_text("Samtalen er registreret som holdt.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Afholdt")
    axe_check(page, name="development-11-held")
    agree_and_follow_up(page, lis)
    lis_context.close()


def agree_and_follow_up(page, lis) -> None:
    """Dorte writes the summary and a goal; both approve, each in a browser; the PDF; a follow-up recorded."""
    page.get_by_role("link", name="Aftale og opfølgning").click()
    page.get_by_label("Sammendrag af samtalen").fill("Vi aftalte mere tid tæt på undervisningen.")
    page.get_by_role("button", name="Gem sammendraget").click()
    page.locator("summary", has_text="Tilføj et mål").click()
    page.get_by_label("Mål", exact=True).fill("Klassebesøg hver uge")
    page.get_by_label("Forventning, målet arbejder med").select_option(index=1)
    page.get_by_role("button", name="Tilføj målet").click()
    expect(page.get_by_text("Målet er føjet til aftalen og til lederens plan.")).to_be_visible()
    axe_check(page, name="development-12-agreement-draft")
    page.get_by_role("button", name="Godkend aftalen").click()
    expect(page.get_by_text("Du har godkendt aftalen")).to_be_visible()

    lis.goto(page.url)
    expect(lis.get_by_text("Den anden part har godkendt den.")).to_be_visible()
    lis.get_by_role("button", name="Godkend aftalen").click()
    expect(lis.get_by_text("I har begge godkendt aftalen; den kan nu ikke ændres.")).to_be_visible()
    with lis.expect_download() as download:
        lis.get_by_role("link", name="Hent PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    axe_check(lis, name="development-13-agreed")

    page.reload()
    page.get_by_label("Første opfølgning").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Fastsæt opfølgningerne").click()
    expect(page.get_by_text("Opfølgningerne er fastsat")).to_be_visible()
    page.get_by_label("Status").fill("Tre klassebesøg om ugen nu")
    page.get_by_role("button", name=re.compile("^Registrér opfølgningen")).click()
    expect(page.get_by_text("Opfølgningen er registreret.")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Fulgt op")
    axe_check(page, name="development-14-followed-up")

    # Dorte's overview of the leaders below her: Lis's dialogue followed up, Bo's without one.
    page.goto(page.url.split("/development/")[0] + "/development/overview/")
    lis_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Lis Leder"))
    expect(lis_row).to_contain_text("Fulgt op")
    expect(
        page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Bo Leder"))
    ).to_contain_text("Ingen samtale")
    axe_check(page, name="development-15-overview")


def rate(page, label: str, *, reason: str) -> None:
    """Give every section the same answer, and the first a reason."""
    expect(page.locator("fieldset.grundlag-rating").first).to_be_visible()  # the page is there before .all()
    for fieldset in page.locator("fieldset.grundlag-rating").all():
        fieldset.get_by_label(label, exact=True).check()
    page.locator("fieldset.grundlag-rating").first.get_by_role("textbox").fill(reason)
