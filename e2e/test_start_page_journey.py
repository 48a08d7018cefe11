"""Each role signs in and lands on a start page of its own: a respondent, a leader, an administrator."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from grundlag.evaluations.models import Invitation, RaterGroup
from grundlag.evaluations.tests.factories import (
    CycleFactory,
    EvalueeFactory,
    InvitationFactory,
    QuestionFactory,
)


def sign_in(page, live_server, username, password="x-test-pass-1"):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_label("Adgangskode").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Velkommen, "))


def lis_evaluated(org):
    """Lis in an open 360° evaluation: Tom and Tina asked as employees, Lis herself not yet answered."""
    people = org["people"]
    cycle = CycleFactory(name="Ledelsesevaluering 2026")
    QuestionFactory(
        cycle=cycle, rater_text="Min leder sætter en tydelig retning", self_text="Jeg sætter retning"
    )
    evaluee = EvalueeFactory(
        cycle=cycle, person=people["lis"], unit=org["units"]["ahorn"], superior=people["carl"]
    )
    for key in ("tom", "tina"):
        InvitationFactory(evaluee=evaluee, person=people[key])
    InvitationFactory(evaluee=evaluee, person=people["lis"], group=RaterGroup.SELF)
    return evaluee


def test_each_role_signs_in_to_a_start_page_of_its_own(page, live_server, small_organisation, administrator):
    lis_evaluated(small_organisation)
    main = page.locator("main")

    # Tom answers evaluations and leads no one: he is asked to rate Lis, and that is all.
    sign_in(page, live_server, "tom")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(main.get_by_role("heading", name="Evalueringer, der venter på dine svar")).to_be_visible()
    expect(
        main.get_by_text("Du er spurgt som: Medarbejdere og underordnede ledere.", exact=False)
    ).to_be_visible()
    expect(main.get_by_role("heading", name="Hvad der forventes af dig")).to_have_count(0)
    axe_check(page, name="start-01-respondent")
    main.get_by_role("link", name="Besvar om Lis Leder").click()
    expect(page).to_have_url(re.compile("/evaluations/answer/$"))
    expect(page.get_by_text("Min leder sætter en tydelig retning")).to_be_visible()

    # Lis leads: what is expected of her, the evaluation of her (counts only), her own answers owed.
    sign_in(page, live_server, "lis")
    expect(main.get_by_role("heading", name="Hvad der forventes af dig")).to_be_visible()
    expect(main.get_by_text("Som Skoleleder i Ahorn Skole leder du på niveauet")).to_be_visible()
    expect(main.get_by_text("0 af 2 bedømmere har svaret")).to_be_visible()
    expect(main.get_by_role("link", name="Besvar om dig selv")).to_be_visible()
    expect(main.get_by_text("Tom Lærer")).to_have_count(0)
    axe_check(page, name="start-02-leader")
    main.get_by_role("link", name="Læs, hvad der forventes af dig").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dagtilbuds-, skole- og FU-leder")

    # The administrator: the open cycle and its response rate, and the imports.
    sign_in(page, live_server, "admin", "x-admin-pass-1")
    open_cycle = main.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Ledelsesevaluering 2026")
    )
    expect(open_cycle).to_contain_text("Svarprocent: 0 % (0 af 3)")
    expect(main.get_by_role("heading", name="Seneste import af organisationen")).to_be_visible()
    axe_check(page, name="start-03-administrator")
    assert Invitation.objects.filter(status=Invitation.Status.COMPLETED).count() == 0
