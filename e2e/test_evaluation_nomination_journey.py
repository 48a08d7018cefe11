"""A leader nominates a peer on "My raters"; her superior approves it and the invitation goes out."""

from django.core import mail
from playwright.sync_api import expect

from e2e.conftest import axe_check


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")


def launched_cycle_for_lis(org):
    """A launched cycle evaluating Lis with her default raters but no peers yet; Carl is her superior."""
    from grundlag.evaluations.models import Cycle, RaterGroup
    from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, InvitationFactory

    people = org["people"]
    cycle = CycleFactory(name="Skoleledere 2026", status=Cycle.Status.LAUNCHED)
    evaluee = EvalueeFactory(
        cycle=cycle, person=people["lis"], unit=org["units"]["ahorn"], superior=people["carl"]
    )
    InvitationFactory(evaluee=evaluee, person=people["lis"], group=RaterGroup.SELF)
    InvitationFactory(evaluee=evaluee, person=people["carl"], group=RaterGroup.SUPERIOR)
    for teacher in ("tom", "tina", "tage"):
        InvitationFactory(evaluee=evaluee, person=people[teacher], group=RaterGroup.EMPLOYEE)
    return evaluee


def test_a_leader_nominates_a_peer_and_her_superior_approves_it(page, live_server, small_organisation):
    from grundlag.evaluations.models import Invitation
    from grundlag.organisation.tests.factories import UserFactory

    carl = small_organisation["people"]["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    evaluee = launched_cycle_for_lis(small_organisation)

    log_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/evaluations/reports/")
    axe_check(page, name="nomination-01-my-reports")
    page.locator(f"main a[href$='/evaluations/nominations/{evaluee.pk}/']").click()

    main = page.locator("main")
    expect(main).to_contain_text("Carl Chef")
    expect(main).not_to_contain_text("Tom Lærer")  # her own staff are counted, not named
    axe_check(page, name="nomination-02-my-raters")

    search = page.locator("form[action$='/search/']")
    search.locator("select[name=group]").select_option("peer")
    search.locator("input[name=q]").fill("Bo L")
    search.locator("button[type=submit]").click()
    results = page.locator("#nominate-results")
    expect(results.locator("li", has_text="Bo Leder")).to_contain_text("Birk Skole")
    axe_check(page, name="nomination-03-search-results")

    results.locator("li", has_text="Bo Leder").locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("Bo Leder")
    expect(main.locator("li", has_text="Bo Leder")).to_be_visible()
    axe_check(page, name="nomination-04-nominated")
    proposal = Invitation.objects.get(evaluee=evaluee, person=small_organisation["people"]["bo"])
    assert proposal.status == Invitation.Status.PROPOSED
    assert "bo@fiktiv.example.dk" not in [m.to[0] for m in mail.outbox]

    page.context.clear_cookies()
    log_in(page, live_server, "carl")
    page.goto(f"{live_server.url}/evaluations/reports/")
    page.locator("main a[href$='/evaluations/nominations/pending/']").click()
    row = page.locator("main tr", has_text="Bo Leder")
    expect(row).to_contain_text("Lis Leder")
    axe_check(page, name="nomination-05-pending")

    row.locator(f"form[action$='/proposals/{proposal.pk}/approve/'] button").click()
    expect(page.locator(".alert-success")).to_contain_text("Bo Leder")
    expect(page.locator("main tr", has_text="Bo Leder")).to_have_count(0)
    axe_check(page, name="nomination-06-approved")
    proposal.refresh_from_db()
    assert proposal.status == Invitation.Status.PENDING
    assert ["bo@fiktiv.example.dk"] in [m.to for m in mail.outbox]
