"""The administrator runs the Ledelse-tæt-på conditions survey: creates it, adds the leaders, launches it;
a leader answers on a phone by keyboard; the administrator closes it and reads the report by block."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import axe_check
from grundlag.evaluations.models import Cycle, Invitation
from grundlag.evaluations.responding.answering import questionnaire_for
from grundlag.evaluations.responding.services import (
    draft_answers_save,
    invitation_token_issue,
    response_submit,
)
from grundlag.evaluations.tests.factories import areas_organisation


def test_the_administrator_runs_the_conditions_survey_and_reads_it_by_area_and_level(
    browser, page, live_server, frameworks_loaded
):
    from django.contrib.auth import get_user_model

    areas_organisation(frameworks_loaded["aarhus-boern-og-unge"])
    get_user_model().objects.create_user(username="hr", password="x-test-pass-1", is_staff=True)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")

    page.goto(f"{live_server.url}/evaluations/cycles/new/")
    page.locator("#id_name").fill("Vilkår for ledelse 2026")
    page.locator("#id_instrument").select_option(value="conditions")
    page.locator("#id_framework_version").select_option(label="Ledelse-tæt-på, version 1")
    page.locator("#id_block_depth").fill("2")
    page.locator("#id_deadline").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    axe_check(page, name="survey-01-create")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vilkår for ledelse 2026")
    expect(page.locator("main")).to_contain_text("enhederne i niveau 2 af organisationen, og ledelsesniveau")

    page.locator("#id_find-q").fill("Fiktiv")
    page.locator("#id_find-q").press("Enter")  # the search, by keyboard
    page.locator("#leader-results").get_by_role("button", name=re.compile("Fiktiv Kommune")).click()
    expect(page.get_by_role("link", name="Leder Nord 6")).to_be_visible()
    axe_check(page, name="survey-02-detail")
    page.locator("a[href*='/preview/']").first.click()
    expect(
        page.get_by_text("Jeg har tilstrækkelig ledelsestid i forhold til opgavens omfang").first
    ).to_be_visible()
    page.go_back()
    page.locator("form[action$='/launch/'] button").click()
    expect(page.locator("form[action$='/launch/']")).to_have_count(0)

    cycle = Cycle.objects.get(name="Vilkår for ledelse 2026")
    invitations = list(Invitation.objects.filter(evaluee__cycle=cycle).select_related("evaluee__person"))
    assert {i.group for i in invitations} == {"self"} and len(invitations) == 9
    # One leader in North answers in the browser, on a phone, by keyboard; the rest through the services.
    mine = next(i for i in invitations if i.evaluee.person.name == "Leder Nord 1")
    for invitation in invitations:
        if invitation is not mine:
            draft_answers_save(
                invitation=invitation, posted={q.pk: "4" for q in questionnaire_for(invitation)}
            )
            response_submit(invitation=invitation)
    phone = browser.new_context(viewport={"width": 375, "height": 740}, bypass_csp=True, locale="da-DK")
    respondent = phone.new_page()
    respondent.goto(f"{live_server.url}/evaluations/answer/{invitation_token_issue(invitation=mine)}/")
    expect(respondent.locator("main")).to_contain_text("Du vurderer vilkårene for din egen ledelse.")
    expect(respondent.locator("main")).to_contain_text("aldrig for én leder eller én person")
    axe_check(respondent, name="survey-03-answer-phone")
    for question in questionnaire_for(mine):
        respondent.locator(f"#q-{question.pk}-5").focus()  # "Helt enig"
        respondent.keyboard.press("Space")
    respondent.get_by_role("button", name="Send svar").focus()
    respondent.keyboard.press("Enter")
    expect(respondent).to_have_url(re.compile(r"/evaluations/answer/thanks/$"))
    phone.close()

    page.reload()
    page.locator("form[action$='/close/'] button").click()
    page.get_by_role("link", name="Undersøgelsesrapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vilkår for ledelse 2026")
    rows = page.get_by_test_id("survey-rows")
    # North's six leaders: five answered 4 and one 5.
    expect(rows.get_by_role("row", name=re.compile("Område Nord"))).to_contain_text("4,17")
    expect(rows.get_by_role("row", name=re.compile("Område Syd"))).to_contain_text(
        "Vises ikke: færre end 5 svar"
    )
    expect(rows.get_by_role("row", name=re.compile("Område Nord"))).to_contain_text(
        "3,5 / 6"
    )  # span of control
    expect(page.get_by_test_id("survey-summary")).to_contain_text("4,17")
    expect(page.locator("figure.grundlag-chart[data-chart-ready] svg")).to_be_visible()  # drawn by Vega
    axe_check(page, name="survey-04-report")
