"""A section put to none of the anonymous rater groups is "not asked" in the heatmap, never "not shown"."""

import pytest
from django.urls import reverse

from grundlag.evaluations.models import Cycle, RaterGroup
from grundlag.evaluations.reports.org import org_heatmap
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import CycleFactory, QuestionFactory

from .test_org_reports import ANONYMOUS, answer, evaluate

pytestmark = pytest.mark.django_db


def test_a_section_asked_of_no_anonymous_group_says_so(small_organisation, administrator, admin_client):
    cycle = CycleFactory(status=Cycle.Status.CLOSED, report_to_superior=True)
    asked = QuestionFactory(cycle=cycle, section_key="a", section_title="Retning")
    upward = QuestionFactory(
        cycle=cycle, section_key="b", section_title="Opad", not_asked_of=[g.value for g in ANONYMOUS]
    )
    partly = QuestionFactory(
        cycle=cycle, section_key="c", section_title="Delvis", not_asked_of=[RaterGroup.EMPLOYEE.value]
    )
    evaluee = evaluate(cycle, small_organisation, "lis", "ahorn")
    answer(evaluee, RaterGroup.EMPLOYEE, [asked, upward, partly], [(4, None, None)] * 5)
    aggregates_build(cycle=cycle)

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=None, by="unit")
    row = next(row for row in heatmap.rows if any(cell.figure for cell in row.cells))
    by_column = {cell.column.key: cell for cell in row.cells}
    assert by_column["a"].figure is not None and not by_column["a"].not_asked
    assert by_column["b"].not_asked and by_column["b"].figure is None
    assert not by_column["c"].not_asked  # peers and others were asked it

    page = admin_client.get(reverse("evaluations:org_report", args=[cycle.pk]), {"depth": "3"}).content
    assert "Ikke stillet til medarbejdere, lederkolleger eller andre" in page.decode()
