"""Notes and comments beside a unit's figures in the browser: Lis, leader of Ahorn Skole, writes a shared note
(with the broad data concept's examples beside the form) and a note for herself only, and comments on the
latest figure of an indicator from its page; Dorte, above her, reads the shared note and the comment with the
figures and never the private note, and has nothing to write with."""

import datetime
import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.indicators.models import DataType, Direction, Indicator, Observation, PeriodKind


def _wellbeing(ahorn):
    indicator = Indicator.objects.create(
        key="trivsel",
        name="Generel trivsel",
        data_type=DataType.PERCEPTION,
        direction=Direction.HIGHER,
        min_n=5,
    )
    for year, value in ((2022, "3.9"), (2023, "4.1")):
        Observation.objects.create(
            indicator=indicator,
            unit=ahorn,
            period_kind=PeriodKind.SCHOOL_YEAR,
            period_start=datetime.date(year, 8, 1),
            period=f"{year}/{(year + 1) % 100}",
            value=value,
            n=150,
        )
    return indicator


def _write_note(page, *, data_type, title, text, only_me=False):
    main = page.locator("main")
    main.get_by_label(data_type, exact=True).check()
    main.get_by_label("Titel").fill(title)
    main.get_by_label("Note", exact=True).fill(text)
    if only_me:
        main.get_by_label("Kun mig").check()
    main.get_by_role("button", name="Gem noten").click()
    expect(page.get_by_text("Noten blev gemt.")).to_be_visible()


def test_a_leader_notes_and_comments_and_the_leader_above_reads_only_what_is_shared(
    page, live_server, small_organisation
):
    ahorn = small_organisation["units"]["ahorn"]
    indicator = _wellbeing(ahorn)
    main = page.locator("main")

    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/indicators/units/{ahorn.pk}/")
    main.get_by_role("link", name="Skriv en note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv en note")
    main.locator("summary", has_text="Det brede databegreb").click()
    expect(main).to_contain_text("Observationer i klassen/på legepladsen")
    axe_check(page, name="notes-01-form")
    _write_note(
        page, data_type="Perceptionsdata", title="Interview med elevrådet", text="De savner en voksen."
    )
    main.get_by_role("link", name="Skriv en note").click()
    _write_note(page, data_type="Processuelle data", title="Mine egne tanker", text="Privat", only_me=True)
    expect(main.get_by_role("heading", name="Mine egne tanker")).to_be_visible()
    expect(main).to_contain_text("Kun du læser denne note")
    axe_check(page, name="notes-02-list")

    page.goto(f"{live_server.url}/indicators/units/{ahorn.pk}/{indicator.key}/")
    comments = main.locator("section.grundlag-figure-comments")
    expect(comments.get_by_label(re.compile("^Om"))).to_have_value("school_year:2023-08-01")
    comments.get_by_label(re.compile("^Kommentar")).fill("Ny frikvartersordning i foråret.")
    axe_check(page, name="notes-03-indicator-comment-form")
    comments.get_by_role("button", name=re.compile("^Tilføj kommentaren")).click()
    expect(page.get_by_text("Kommentaren blev gemt.")).to_be_visible()
    expect(comments).to_contain_text("Om 2023/24")
    expect(comments).to_contain_text("Ny frikvartersordning i foråret.")

    sign_in(page, live_server, "dorte")
    page.goto(f"{live_server.url}/indicators/units/{ahorn.pk}/")
    expect(main).to_contain_text("Interview med elevrådet")
    expect(main).not_to_contain_text("Mine egne tanker")
    expect(main.get_by_role("link", name="Skriv en note")).to_have_count(0)
    axe_check(page, name="notes-04-unit-page-above")
    page.goto(f"{live_server.url}/indicators/units/{ahorn.pk}/{indicator.key}/")
    expect(main).to_contain_text("Ny frikvartersordning i foråret.")
    expect(main.locator("section.grundlag-figure-comments form")).to_have_count(0)
    page.goto(f"{live_server.url}/indicators/notes/unit/{ahorn.pk}/")
    expect(main).to_contain_text("Interview med elevrådet")
    expect(main).to_contain_text("Ny frikvartersordning i foråret.")
    expect(main).not_to_contain_text("Mine egne tanker")
    axe_check(page, name="notes-05-notes-above")
