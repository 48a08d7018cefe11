"""A statement a rater group was not asked is said so in the API, not passed off as a hidden figure."""

import pytest

from grundlag.evaluations.models import Cycle, RaterGroup
from grundlag.evaluations.reports.leader import OTHERS
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CycleFactory,
    EvalueeFactory,
    QuestionFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def test_the_report_says_which_cells_were_not_asked(org, call):
    cycle = CycleFactory(status=Cycle.Status.CLOSED)
    evaluee = EvalueeFactory(cycle=cycle, person=org["people"]["lis"])
    asked = QuestionFactory(cycle=cycle, section_key="a", section_title="Retning", rater_text="Lytter")
    QuestionFactory(  # a duty toward the level above, not put to employees
        cycle=cycle,
        section_key="b",
        section_title="Opad",
        rater_text="Samarbejder opad",
        not_asked_of=[RaterGroup.EMPLOYEE],
    )
    for value in (4, 4, 5, 3, 4):
        response = ResponseFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
        AnswerFactory(response=response, question=asked, value=value)
    aggregates_build(cycle=cycle)

    body = call(f"/evaluation-reports/{evaluee.pk}", "lis").json()

    sections = {section["key"]: section for section in body["sections"]}
    employees_a = next(c for c in sections["a"]["cells"] if c["column"] == RaterGroup.EMPLOYEE)
    employees_b = next(c for c in sections["b"]["cells"] if c["column"] == RaterGroup.EMPLOYEE)
    assert employees_a["not_asked"] is False and employees_a["mean"] == pytest.approx(4.0)
    assert employees_b["not_asked"] is True and employees_b["mean"] is None
    statement = sections["b"]["statements"][0]
    assert next(c for c in statement["cells"] if c["column"] == RaterGroup.EMPLOYEE)["not_asked"] is True
    others = next(c for c in statement["cells"] if c["column"] == OTHERS)
    assert others["not_asked"] is True  # "all others" holds only the employees here
    asked_cells = next(c for c in sections["a"]["statements"][0]["cells"] if c["column"] == OTHERS)
    assert asked_cells["not_asked"] is False
