"""The development plan and the sparring log in the browser: Lis makes a goal tied to an expectation of her
level, adds an action and shares the goal; Dorte, above her in the chain, reads the shared goal and never the
private one; Lis logs a sparring session and adds its next step to her plan with one click."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import axe_check
from e2e.test_start_page_journey import sign_in
from grundlag.development.plans.selectors import goal_choices
from grundlag.development.plans.services import plan_own_get


def test_a_goal_is_made_shared_and_read_by_the_superior_and_a_sparring_step_joins_the_plan(
    page, live_server, small_organisation
):
    main = page.locator("main")
    lis_plan = plan_own_get(leader=small_organisation["people"]["lis"])
    sections = goal_choices(plan=lis_plan)
    expectation = sections[1].expectations[0]

    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/development/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min udviklingsplan")
    axe_check(page, name="plan-01-empty")

    page.get_by_label("Mål", exact=True).fill("Tydelig retning")
    page.get_by_label(re.compile("^Hvad i ledelsesgrundlaget målet arbejder med")).select_option(
        value=f"e{expectation.pk}"
    )
    page.get_by_label(re.compile("^Beskrivelse")).fill("Sammen med teamet")
    axe_check(page, name="plan-02-goal-form")
    main.get_by_role("button", name="Tilføj målet").click()
    expect(page.get_by_text("Målet »Tydelig retning« blev tilføjet til planen.")).to_be_visible()
    goal = main.locator("section.grundlag-card").filter(
        has=page.get_by_role("heading", name="Tydelig retning")
    )
    expect(goal).to_contain_text(expectation.text)
    expect(goal).to_contain_text("Privat")

    main.locator("summary", has_text="Tilføj et mål").click()
    page.get_by_label("Mål", exact=True).fill("Min hemmelige udfordring")
    main.get_by_role("button", name="Tilføj målet").click()
    expect(page.get_by_text("Målet »Min hemmelige udfordring« blev tilføjet til planen.")).to_be_visible()

    goal.locator("summary", has_text="Tilføj en handling").click()
    goal.get_by_label(re.compile("^Handling")).fill("Besøge to klasser")
    goal.get_by_label(re.compile("^Hvem")).fill("Lis og Tom")
    goal.get_by_label(re.compile("^Hvornår")).fill(
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    )
    axe_check(page, name="plan-03-action-form")
    goal.get_by_role("button", name=re.compile("^Tilføj handlingen")).click()
    expect(page.get_by_text("Handlingen blev tilføjet til »Tydelig retning«.")).to_be_visible()
    expect(goal.get_by_role("table")).to_contain_text("Besøge to klasser")

    goal.get_by_role("button", name=re.compile("^Del med min overordnede leder")).click()
    expect(page.get_by_text("Din overordnede leder kan nu læse målet »Tydelig retning«.")).to_be_visible()
    expect(goal).to_contain_text("Delt med den overordnede leder")
    axe_check(page, name="plan-04-shared")

    # Dorte, the director above Lis's school chief, finds the plan among those shared with her.
    sign_in(page, live_server, "dorte")
    page.goto(f"{live_server.url}/development/plan/")
    main.get_by_role("link", name="Lis Leder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udviklingsplan for Lis Leder")
    expect(main).to_contain_text("Tydelig retning")
    expect(main).to_contain_text("Besøge to klasser")
    expect(main.get_by_text("Min hemmelige udfordring")).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)  # read-only
    axe_check(page, name="plan-05-superior")

    # Lis logs a sparring session and adds its next step to her plan with one click.
    sign_in(page, live_server, "lis")
    page.goto(f"{live_server.url}/development/plan/")
    page.get_by_role("navigation", name="Min udvikling").get_by_role("link", name="Min sparringslog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min sparringslog")
    page.get_by_label("Med en lederkollega").check()
    page.get_by_label(re.compile("^Med hvem")).fill("Bo")
    page.get_by_label(sections[1].section.title, exact=True).check()
    page.get_by_label(re.compile("^Noter")).fill("Om at give feedback i teamet")
    page.get_by_label(re.compile("^Næste skridt")).fill("Spørge teamet om feedback")
    axe_check(page, name="plan-06-sparring-form")
    main.get_by_role("button", name="Notér sparringen").click()
    expect(page.get_by_text("Sparringen blev noteret.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sparring den")
    axe_check(page, name="plan-07-sparring-session")

    main.get_by_role("button", name=re.compile("^Tilføj til min plan")).click()
    expect(page.get_by_text("Det næste skridt er nu en handling i din udviklingsplan")).to_be_visible()
    main.get_by_role("link", name=re.compile("^I din plan under »Fra sparring")).click()
    expect(main).to_contain_text("Spørge teamet om feedback")
    expect(main.get_by_role("heading", name=re.compile("^Fra sparring: med en lederkollega"))).to_be_visible()
    axe_check(page, name="plan-08-step-in-plan")


def test_a_team_plan_is_started_and_a_goal_and_an_action_are_followed_up(
    page, live_server, small_organisation
):
    """Lis starts a plan with Bo, the school leader beside her; Bo adds a goal and an action to it; Lis marks
    the goal under way and the action done, with what shows it and what she learned."""
    main = page.locator("main")
    sign_in(page, live_server, "lis")
    main.get_by_role("link", name="Min udviklingsplan").click()
    main.get_by_role("link", name="Start en plan med et ledelsesteam").click()
    page.get_by_label(re.compile("^Ledelsesteamets navn")).fill("Skolelederne")
    page.get_by_label("Bo Leder").check()
    axe_check(page, name="plan-09-team-create")
    main.get_by_role("button", name="Start teamplanen").click()
    expect(page.get_by_text("Teamplanen blev startet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Udviklingsplan: Skolelederne")
    team_plan_url = page.url

    sign_in(page, live_server, "bo")
    main.get_by_role("link", name="Min udviklingsplan").click()
    main.get_by_role("link", name="Skolelederne").click()
    page.get_by_label("Mål", exact=True).fill("Fælles pædagogisk retning")
    main.get_by_role("button", name="Tilføj målet").click()
    goal = main.locator("section.grundlag-card").filter(
        has=page.get_by_role("heading", name="Fælles pædagogisk retning")
    )
    goal.locator("summary", has_text="Tilføj en handling").click()
    goal.get_by_label(re.compile("^Handling")).fill("Fælles pædagogisk dag")
    goal.get_by_label(re.compile("^Hvornår")).fill(
        (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    )
    goal.get_by_role("button", name=re.compile("^Tilføj handlingen")).click()
    expect(goal.get_by_role("table")).to_contain_text("Fælles pædagogisk dag")
    axe_check(page, name="plan-10-team-plan")

    sign_in(page, live_server, "lis")
    start = main.locator("section").filter(has=page.get_by_role("heading", name="Min plans næste handlinger"))
    expect(start).to_contain_text("Fælles pædagogisk dag")
    axe_check(page, name="plan-11-start")
    page.goto(team_plan_url)
    goal.get_by_role("link", name=re.compile("^Ret målet eller dets status")).click()
    page.get_by_label("I gang").check()
    axe_check(page, name="plan-12-goal-edit")
    main.get_by_role("button", name="Gem målet").click()
    expect(goal).to_contain_text("I gang")
    goal.get_by_role("link", name="Ret – Fælles pædagogisk dag").click()
    page.get_by_label("Handlingen er udført").check()
    page.get_by_label(re.compile("^Tegn på fremskridt")).fill("Dagen blev holdt med alle lærere")
    page.get_by_label(re.compile("^Refleksion")).fill("Vi skal planlægge tidligere")
    axe_check(page, name="plan-13-action-edit")
    main.get_by_role("button", name="Gem handlingen").click()
    expect(page.get_by_text("Handlingen blev gemt.")).to_be_visible()
    expect(goal.get_by_role("table")).to_contain_text("Dagen blev holdt med alle lærere")
    expect(goal.get_by_role("table")).not_to_contain_text("Ikke endnu")
