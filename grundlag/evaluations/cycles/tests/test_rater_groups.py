"""Which statements each rater group is asked: the foundations' defaults, the editing page, the frozen
questionnaire, the answering page and the report's "not asked" cell."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.cycles.asked import not_asked_default
from grundlag.evaluations.models import Cycle, Instrument, Question, RaterGroup, SealedResponse
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CycleFactory,
    EvalueeFactory,
    InvitationFactory,
    QuestionFactory,
    ResponseFactory,
)
from grundlag.frameworks.models import Expectation

pytestmark = pytest.mark.django_db

RESPONSIBLE = "Vi er ansvarlige ledere for vores egne enheder"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def _draft(version, administrator):
    return services.cycle_create(
        name="Ledelsesevaluering 2027",
        framework_version=version,
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )


def _responsible(version):
    return Expectation.objects.get(version=version, text__startswith=RESPONSIBLE)


def test_it_does_not_ask_employees_about_the_leaders_duties_toward_the_community_by_default(
    builtin_frameworks, administrator
):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    cycle = _draft(version, administrator)
    responsible = _responsible(version)
    assert responsible.pk in cycle.not_asked[RaterGroup.EMPLOYEE]
    assert RaterGroup.SELF not in cycle.not_asked and RaterGroup.SUPERIOR not in cycle.not_asked
    first_principle = Expectation.objects.filter(version=version, section__key="principper").first()
    assert first_principle.pk not in cycle.not_asked[RaterGroup.EMPLOYEE]


def test_a_foundation_without_defaults_asks_everything_of_everyone(builtin_frameworks, administrator):
    assert not_asked_default(builtin_frameworks["kolding-faelles-om-ledelse"]) == {}
    survey = services.cycle_create(
        name="Vilkår",
        framework_version=builtin_frameworks["ledelse-taet-paa"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
        instrument=Instrument.CONDITIONS,
    )
    assert survey.not_asked == {}


def test_the_choice_is_saved_with_an_audit_row_and_frozen_at_launch(
    builtin_frameworks, administrator, small_organisation
):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    cycle = _draft(version, administrator)
    responsible = _responsible(version)
    other = Expectation.objects.filter(version=version, section__key="principper").first()
    services.cycle_groups_set(
        cycle=cycle,
        asked={RaterGroup.EMPLOYEE: [responsible.pk], RaterGroup.PEER: [responsible.pk, other.pk]},
        shown=[responsible.pk, other.pk],
        by=administrator,
    )
    cycle.refresh_from_db()
    assert other.pk in cycle.not_asked[RaterGroup.EMPLOYEE]
    assert responsible.pk not in cycle.not_asked[RaterGroup.EMPLOYEE]
    assert other.pk in cycle.not_asked[RaterGroup.SELF]  # not in `asked` for self: not asked
    assert AuditEvent.objects.filter(action="evaluations.cycle_groups_set").count() == 1

    services.cycle_groups_set(
        cycle=cycle, asked={g: [other.pk] for g in RaterGroup}, shown=[other.pk], by=administrator
    )
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    frozen = Question.objects.get(cycle=cycle, expectation=other)
    assert frozen.not_asked_of == []
    frozen_responsible = Question.objects.get(cycle=cycle, expectation=responsible)
    assert frozen_responsible.not_asked_of == [RaterGroup.SELF, RaterGroup.SUPERIOR, RaterGroup.OTHER]

    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.cycle_groups_set(cycle=cycle, asked={}, shown=[other.pk], by=administrator)


@pytest.fixture
def launched(builtin_frameworks):
    cycle = CycleFactory()
    evaluee = EvalueeFactory(cycle=cycle, person__name="Lise Leder")
    asked = QuestionFactory(cycle=cycle, level_key="", position=1, rater_text="Min leder lytter")
    duty = QuestionFactory(
        cycle=cycle,
        level_key="",
        position=2,
        rater_text="Min leder samarbejder med den politiske ledelse",
        not_asked_of=[RaterGroup.EMPLOYEE],
    )
    return cycle, evaluee, asked, duty


def test_an_employee_is_asked_only_their_groups_statements_and_a_peer_all(client, launched):
    _cycle, evaluee, asked, duty = launched
    employee = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    peer = InvitationFactory(evaluee=evaluee, group=RaterGroup.PEER)
    assert [q.pk for q in answering.questionnaire_for(employee)] == [asked.pk]
    assert [q.pk for q in answering.questionnaire_for(peer)] == [asked.pk, duty.pk]

    token = invitation_token_issue(invitation=employee)
    page = client.get(client.get(reverse("evaluations:answer_start", kwargs={"token": token}))["Location"])
    body = page.content.decode()
    assert asked.rater_text in body
    assert duty.rater_text not in body
    assert "Don&#x27;t know" in body or "Don't know" in body
    assert "0 of 1 answered" in body


def test_a_sealed_response_is_as_large_whichever_groups_statements_it_holds(launched):
    """Padded to the whole level's questionnaire, so a sealed row's size does not tell its rater group."""
    _cycle, evaluee, asked, duty = launched
    employee = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    peer = InvitationFactory(evaluee=evaluee, group=RaterGroup.PEER)
    responding.draft_answer_save(invitation=employee, question_id=asked.pk, value=4)
    responding.draft_answer_save(invitation=peer, question_id=asked.pk, value=4)
    responding.draft_answer_save(invitation=peer, question_id=duty.pk, dont_know=True)
    with pytest.raises(ValidationError):
        responding.draft_answer_save(invitation=employee, question_id=duty.pk, value=4)
    responding.response_submit(invitation=employee)
    responding.response_submit(invitation=peer)
    sizes = {len(bytes(row)) for row in SealedResponse.objects.values_list("sealed", flat=True)}
    assert SealedResponse.objects.count() == 2 and len(sizes) == 1


def test_the_report_says_not_asked_of_this_group_instead_of_a_figure(
    small_organisation, administrator, admin_client
):
    cycle = CycleFactory(status=Cycle.Status.CLOSED)
    evaluee = EvalueeFactory(cycle=cycle, person=small_organisation["people"]["lis"])
    asked = QuestionFactory(cycle=cycle, section_key="a", section_title="Retning", rater_text="Lytter")
    duty = QuestionFactory(
        cycle=cycle,
        section_key="a",
        section_title="Retning",
        rater_text="Samarbejder opad",
        not_asked_of=[RaterGroup.EMPLOYEE],
    )
    for value in (4, 4, 5, 3, 4):
        AnswerFactory(
            response=ResponseFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE), question=asked, value=value
        )
    for value in (2, 3, 4):
        response = ResponseFactory(evaluee=evaluee, group=RaterGroup.PEER)
        AnswerFactory(response=response, question=asked, value=value)
        AnswerFactory(response=response, question=duty, value=value)
    aggregates_build(cycle=cycle)

    report = leader_report(evaluee=evaluee, viewer=administrator)
    first, second = report.sections[0].statements
    employee = next(c for c in second.cells if c.column.key == RaterGroup.EMPLOYEE)
    peer = next(c for c in second.cells if c.column.key == RaterGroup.PEER)
    assert employee.not_asked and employee.figure is None
    assert peer.figure.mean == pytest.approx(3.0)
    assert not next(c for c in first.cells if c.column.key == RaterGroup.EMPLOYEE).not_asked

    body = admin_client.get(reverse("evaluations:report", args=[evaluee.pk])).content.decode()
    assert "not asked of this group" in body
    assert "Not asked of this group" in body  # the distribution table


def test_the_administrator_sees_and_changes_the_statements_per_group(
    admin_client, builtin_frameworks, administrator
):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    cycle = _draft(version, administrator)
    responsible = _responsible(version)
    detail = admin_client.get(reverse("evaluations:cycle_detail", args=[cycle.pk])).content.decode()
    employees = len(cycle.not_asked[RaterGroup.EMPLOYEE])
    assert f"Employees and subordinate leaders: {employees} statements not asked" in detail
    assert "Peer leaders: asked every statement" in detail
    url = reverse("evaluations:cycle_groups", args=[cycle.pk])
    page = admin_client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert re.search(
        r'<div class="table--responsive-scroll[^"]*" tabindex="0" role="region" aria-label=', body
    )
    assert f'id="asked-employee-{responsible.pk}" name="asked_employee" value="{responsible.pk}" aria' in body
    assert f'id="asked-peer-{responsible.pk}" name="asked_peer" value="{responsible.pk}" checked' in body

    response = admin_client.post(
        url,
        {
            "level": "",
            "shown": [responsible.pk],
            "asked_employee": [responsible.pk],
            "asked_self": [responsible.pk],
            "asked_superior": [responsible.pk],
        },
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert responsible.pk not in cycle.not_asked.get(RaterGroup.EMPLOYEE, [])
    assert responsible.pk in cycle.not_asked[RaterGroup.PEER]


def test_only_administrators_reach_the_statements_per_group(lis_client, builtin_frameworks, administrator):
    cycle = _draft(builtin_frameworks["aarhus-boern-og-unge"], administrator)
    url = reverse("evaluations:cycle_groups", args=[cycle.pk])
    assert lis_client.get(url).status_code == 403
    assert lis_client.post(url, {"shown": []}).status_code == 403
    cycle.refresh_from_db()
    assert cycle.not_asked  # unchanged
