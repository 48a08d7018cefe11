"""An administrator sets up a 360° cycle for the school leaders, previews it, launches it and follows it."""

import datetime

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import axe_check


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")


def test_an_administrator_creates_previews_and_launches_a_cycle_for_the_school_leaders(
    page, live_server, small_organisation
):
    from grundlag.evaluations.models import Cycle, Invitation
    from grundlag.evaluations.responding.services import invitation_token_issue
    from grundlag.frameworks.models import Expectation
    from grundlag.organisation.tests.factories import UserFactory

    UserFactory(username="hr", is_staff=True)
    log_in(page, live_server, "hr")
    page.locator("nav.grundlag-nav a[href$='/evaluations/cycles/']").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page, name="cycle-01-list")

    page.locator("a[href$='/evaluations/cycles/new/']").click()
    page.locator("#id_name").fill("Skoleledere 2026")
    expect(page.locator("#id_framework_version")).not_to_have_value("")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    page.locator("#id_deadline").fill(deadline.isoformat())
    axe_check(page, name="cycle-02-create")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skoleledere 2026")
    cycle = Cycle.objects.get(name="Skoleledere 2026")
    assert cycle.status == Cycle.Status.DRAFT

    page.locator("#id_find-q").fill("Skoleafd")
    page.locator("#id_find-level").select_option(value="dagtilbuds-skole-og-fu-leder")
    page.locator("form[action$='/leaders/search/'] button[type=submit]").click()
    results = page.locator("#leader-results")
    expect(results).to_contain_text("Skoleafdelingen")
    axe_check(page, name="cycle-03a-leader-search")
    results.get_by_role("button", name="Tilføj dens ledere i Skoleafdelingen og enhederne under den").click()
    expect(page.get_by_role("link", name="Lis Leder")).to_be_visible()
    expect(page.get_by_role("link", name="Bo Leder")).to_be_visible()
    expect(page.get_by_role("link", name="Carl Chef")).to_have_count(0)
    axe_check(page, name="cycle-03-detail-draft")

    page.get_by_role("link", name="Lis Leder").click()
    expect(page.locator("main li", has_text="Tom Lærer")).to_be_visible()
    page.locator("#id_q").fill("Ulla")
    page.locator("form[action$='/raters/search/'] button[type=submit]").click()
    page.locator("#rater-results").get_by_label("Besvarergruppe for Ulla Lærer").select_option(value="other")
    page.locator("#rater-results").get_by_role("button", name="Tilføj Ulla Lærer").click()
    expect(page.locator("main li", has_text="Ulla Lærer")).to_be_visible()
    axe_check(page, name="cycle-03b-raters")
    page.goto(f"{live_server.url}/evaluations/cycles/{cycle.pk}/")

    page.locator("a[href*='/preview/']").first.click()
    page.locator("#id_level").select_option(value="dagtilbuds-skole-og-fu-leder")
    page.locator("main form button[type=submit]").click()
    expect(
        page.get_by_text("Min leder lykkes med at kommunikere og omsætte de fælles politiske").first
    ).to_be_visible()
    axe_check(page, name="cycle-04-preview")

    # The author keeps a statement about the political visions from the employees, by keyboard.
    page.goto(f"{live_server.url}/evaluations/cycles/{cycle.pk}/")
    page.get_by_role("link", name="Udsagn pr. besvarergruppe").click()
    page.locator("#id_level").select_option(value="dagtilbuds-skole-og-fu-leder")
    page.locator("main form[method=get] button[type=submit]").click()
    political = Expectation.objects.get(
        version=cycle.framework_version, text__startswith="At kommunikere og omsætte de fælles politiske"
    )
    box = page.locator(f"#asked-employee-{political.pk}")
    expect(box).to_be_checked()
    expect(page.locator(f"#asked-peer-{political.pk}")).to_be_checked()
    axe_check(page, name="cycle-04a-groups")
    box.focus()
    page.keyboard.press("Space")
    expect(box).not_to_be_checked()
    page.get_by_role("button", name="Gem hvilke udsagn hver gruppe spørges om").press("Enter")
    expect(page.get_by_text("Hvilke udsagn hver besvarergruppe spørges om, er gemt.")).to_be_visible()
    expect(page.locator(f"#asked-employee-{political.pk}")).not_to_be_checked()
    expect(page.locator(f"#asked-peer-{political.pk}")).to_be_checked()
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    axe_check(page, name="cycle-04b-groups-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{live_server.url}/evaluations/cycles/{cycle.pk}/")
    page.locator("form[action$='/launch/'] button").click()
    expect(page.locator("form[action$='/launch/']")).to_have_count(0)
    cycle.refresh_from_db()
    assert cycle.status == Cycle.Status.LAUNCHED
    invited = Invitation.objects.filter(evaluee__cycle=cycle).count()
    assert len(mail.outbox) == invited > 0
    axe_check(page, name="cycle-05-launched")

    page.locator("a[href$='/rates/']").click()
    expect(page.get_by_role("rowheader", name="Lis Leder Ahorn Skole")).to_be_visible()
    expect(page.get_by_text("Tom Lærer")).to_have_count(0)
    axe_check(page, name="cycle-06-rates")

    # Lis's teacher is not asked the statement the author unticked for employees; her peer Bo's raters are.
    teacher = Invitation.objects.get(evaluee__cycle=cycle, person__name="Tom Lærer")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/evaluations/answer/{invitation_token_issue(invitation=teacher)}/")
    expect(page.get_by_text("Min leder lykkes med at skabe rammer og vilkår").first).to_be_visible()
    expect(
        page.get_by_text("Min leder lykkes med at kommunikere og omsætte de fælles politiske")
    ).to_have_count(0)
    expect(page.get_by_text("Ved ikke").first).to_be_visible()
    axe_check(page, name="cycle-07-answer-employee")
