"""A leader opens their 360° report in a real browser: the chart, the table beside it, and the PDF."""

import re

from playwright.sync_api import expect

from e2e.conftest import axe_check
from grundlag.evaluations.models import Cycle, QuestionKind, RaterGroup
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CommentFactory,
    CycleFactory,
    EvalueeFactory,
    QuestionFactory,
    ResponseFactory,
)


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")


def evaluated_lis(org):
    cycle = CycleFactory(name="Ledelsesevaluering 2025", status=Cycle.Status.CLOSED)
    evaluee = EvalueeFactory(
        cycle=cycle, person=org["people"]["lis"], unit=org["units"]["ahorn"], superior=org["people"]["carl"]
    )
    scale = [
        QuestionFactory(
            cycle=cycle, section_key="a", section_title="Retning og mål", rater_text="Sætter retning"
        ),
        QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer", rater_text="Lytter til os"),
    ]
    open_question = QuestionFactory(cycle=cycle, kind=QuestionKind.OPEN, rater_text="Hvad virker godt?")
    for group, rows in [
        (RaterGroup.EMPLOYEE, [(4, 5), (4, 4), (5, 4), (3, 5), (4, None)]),
        (RaterGroup.SELF, [(5, 3)]),
        (RaterGroup.PEER, [(2, 2)]),
    ]:
        for i, values in enumerate(rows):
            response = ResponseFactory(evaluee=evaluee, group=group)
            for question, value in zip(scale, values, strict=True):
                AnswerFactory(response=response, question=question, value=value)
            CommentFactory(evaluee=evaluee, group=group, question=open_question, text=f"Svar {group} {i}")
    aggregates_build(cycle=cycle)  # as closing the cycle does
    return evaluee


def test_a_leader_opens_their_report_with_its_chart_table_and_pdf(page, live_server, small_organisation):
    evaluated_lis(small_organisation)
    log_in(page, live_server, "lis")

    page.goto(f"{live_server.url}/evaluations/reports/")
    axe_check(page, name="report-01-list")
    page.get_by_role("link", name="Lis Leder").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Lis Leder")
    expect(page.locator("figure.grundlag-chart[data-chart-ready] svg")).to_be_visible()  # drawn by Vega
    table = page.get_by_test_id("section-table")
    expect(table.get_by_role("row", name=re.compile("Retning og mål"))).to_contain_text("4,00")
    expect(page.get_by_text("Svar employee 0")).to_be_visible()
    expect(page.get_by_text("Svar peer 0")).to_have_count(0)
    axe_check(page, name="report-02-report")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF")).click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download_info.value.suggested_filename.endswith(".pdf")
