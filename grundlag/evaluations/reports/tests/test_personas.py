"""Who may open Lis's report of a closed 360° cycle, for the three personas: the administrator, Lis
herself and Ulla (a teacher at the other school), who must not learn that the report exists."""

import html

import pytest
from django.urls import reverse

from grundlag.audit.models import AuditEvent
from grundlag.core.tests.pages import without_own_address
from grundlag.evaluations.models import Cycle, RaterGroup
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CycleFactory,
    EvalueeFactory,
    QuestionFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lis_report(small_organisation):
    """Lis evaluated in a closed cycle by five employees, with its aggregates built as closing does."""
    org = small_organisation
    cycle = CycleFactory(status=Cycle.Status.CLOSED)
    evaluee = EvalueeFactory(
        cycle=cycle, person=org["people"]["lis"], unit=org["units"]["ahorn"], superior=org["people"]["carl"]
    )
    retning = QuestionFactory(
        cycle=cycle, section_key="a", section_title="Retning", rater_text="Sætter retning"
    )
    lytter = QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer", rater_text="Lytter")
    for value in [4, 4, 5, 3, 4]:
        response = ResponseFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
        AnswerFactory(response=response, question=retning, value=value)
        AnswerFactory(response=response, question=lytter, value=5)
    aggregates_build(cycle=cycle)
    return evaluee


def text(response) -> str:
    return html.unescape(response.content.decode())


def report_url(evaluee) -> str:
    return reverse("evaluations:report", args=[evaluee.pk])


def test_a_leader_opens_her_own_report_with_its_statements(lis_client, lis_report):
    response = lis_client.get(report_url(lis_report))

    assert response.status_code == 200
    page = text(response)
    assert "Lis Leder" in page
    assert "Sætter retning" in page and "Lytter" in page
    statement = response.context["report"].sections[0].statements[0]
    employees = next(cell for cell in statement.cells if cell.column.key == RaterGroup.EMPLOYEE)
    assert employees.figure.mean == pytest.approx(4.0)
    assert "4,0" in page


def test_a_leader_finds_her_report_among_her_reports(lis_client, lis_report):
    page = text(lis_client.get(reverse("evaluations:my_reports")))

    assert f'href="{report_url(lis_report)}"' in page


def test_the_administrator_opens_the_leaders_report(admin_client, lis_report):
    response = admin_client.get(report_url(lis_report))

    assert response.status_code == 200
    assert "Lis Leder" in text(response) and "Sætter retning" in text(response)


def test_an_outsider_gets_not_found_for_the_leaders_report_as_for_no_report(ulla_client, lis_report):
    missing = ulla_client.get(reverse("evaluations:report", args=[999999]))

    page = ulla_client.get(report_url(lis_report))
    pdf = ulla_client.get(reverse("evaluations:report_pdf", args=[lis_report.pk]))

    assert (page.status_code, pdf.status_code, missing.status_code) == (404, 404, 404)
    # The same page, but for the address each was asked at (the language switch returns to it).
    assert without_own_address(page) == without_own_address(missing)
    assert "Lis Leder" not in text(page) and "Sætter retning" not in text(page)
    assert not AuditEvent.objects.filter(action__startswith="report.", object_id=str(lis_report.pk)).exists()


def test_an_outsiders_reports_do_not_list_the_leaders_report(ulla_client, lis_report):
    response = ulla_client.get(reverse("evaluations:my_reports"))

    assert response.status_code == 200
    assert report_url(lis_report) not in text(response)
    assert "Lis Leder" not in text(response)
