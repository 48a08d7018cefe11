"""The administrator opens the organisation heatmap of a closed cycle and drills into a unit."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from grundlag.evaluations.models import Answer, Cycle, RaterGroup, Response
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, QuestionFactory


def evaluated_schools(org):
    cycle = CycleFactory(name="Ledelsesevaluering 2025", status=Cycle.Status.CLOSED)
    questions = [
        QuestionFactory(cycle=cycle, section_key="a", section_title="Retning og mål"),
        QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer"),
    ]
    for person, unit, group, rows in [
        ("lis", "ahorn", RaterGroup.EMPLOYEE, [(4, 5)] * 5),
        ("bo", "birk", RaterGroup.EMPLOYEE, [(2, 3)] * 3),  # fewer than 5: hidden
    ]:
        evaluee = EvalueeFactory(cycle=cycle, person=org["people"][person], unit=org["units"][unit])
        for values in rows:
            response = Response.objects.create(evaluee=evaluee, group=group)
            for question, value in zip(questions, values, strict=True):
                Answer.objects.create(response=response, question=question, value=value)
    aggregates_build(cycle=cycle)
    return cycle


def test_the_administrator_opens_the_heatmap_and_drills_into_a_unit(page, live_server, small_organisation):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="hr", password="x-test-pass-1", is_staff=True)
    evaluated_schools(small_organisation)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")

    page.goto(f"{live_server.url}/evaluations/org-reports/")
    axe_check(page, name="org-report-01-list")
    page.get_by_role("link", name="Ledelsesevaluering 2025").click()
    expect(page.locator("figure.grundlag-chart[data-chart-ready] svg")).to_be_visible()  # drawn by Vega
    # It opens at the first level with more than one row: the schools, not a single "Fiktiv Kommune" row.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skoleafdelingen")

    table = page.get_by_test_id("heatmap-table")
    expect(table.get_by_role("row", name=re.compile("Ahorn Skole"))).to_contain_text("4,00")
    expect(table.get_by_role("row", name=re.compile("Birk Skole"))).to_contain_text(
        "for få svar i alle besvarergrupper"
    )
    axe_check(page, name="org-report-02-heatmap")
    page.get_by_label("Antal niveauer af enheder").select_option("2")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_label("Antal niveauer af enheder")).to_have_value("2")
    page.locator("main a[href*='by=level']").first.click()
    expect(page.get_by_test_id("heatmap-table")).to_contain_text("Dagtilbuds")
    axe_check(page, name="org-report-03-by-level")
