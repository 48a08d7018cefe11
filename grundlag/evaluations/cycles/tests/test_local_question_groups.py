"""Which rater groups a local question is asked of: chosen beside the statements on the page of statements
by rater group, frozen at launch and honoured by the answering page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.cycles.asked import GROUPS
from grundlag.evaluations.models import LocalQuestion, Question, QuestionKind, RaterGroup
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

MEETINGS = "Min leder holder møder, der fører til beslutninger"
OPEN = "Hvad skal din leder blive ved med at gøre?"
COUNTS = (
    "Questions asked: Self 1/1; Superior leader 1/1; Peer leaders 1/1; "
    "Employees and subordinate leaders 0/1; Others 1/1"
)
EVERYONE_BUT_EMPLOYEES = [RaterGroup.SELF, RaterGroup.SUPERIOR, RaterGroup.PEER, RaterGroup.OTHER]


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft(builtin_frameworks, administrator):
    cycle = services.cycle_create(
        name="Ledelsesevaluering 2027",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    meetings = services.local_question_add(cycle=cycle, text=MEETINGS, by=administrator)
    services.local_question_add(cycle=cycle, text=OPEN, kind=QuestionKind.OPEN, by=administrator)
    return cycle, meetings


def _untick_employees(admin_client, cycle, meetings):
    """Post the page as the administrator who unticks employees for the local question only."""
    return admin_client.post(
        reverse("evaluations:cycle_groups", args=[cycle.pk]),
        {
            "level": "",
            "shown": [],
            "local_shown": [meetings.pk],
            **{f"local_asked_{group}": [meetings.pk] for group in EVERYONE_BUT_EMPLOYEES},
        },
    )


def test_it_lists_a_new_local_question_as_asked_of_every_group_but_not_the_open_ones(admin_client, draft):
    cycle, meetings = draft
    assert meetings.not_asked_of == []
    body = admin_client.get(reverse("evaluations:cycle_groups", args=[cycle.pk])).content.decode()
    assert "<h2>Local questions</h2>" in body
    assert MEETINGS in body and OPEN not in body
    assert "Open questions are asked of every group." in body
    assert f'<input type="hidden" name="local_shown" value="{meetings.pk}">' in body
    for group in RaterGroup.values:
        assert (
            f'id="asked-{group}-local-{meetings.pk}" name="local_asked_{group}" value="{meetings.pk}" checked'
            in body
        )


def test_the_administrator_unticks_employees_for_a_local_question_and_it_is_saved(admin_client, draft):
    cycle, meetings = draft
    not_asked_before = cycle.not_asked
    response = _untick_employees(admin_client, cycle, meetings)
    assert response.status_code == 302
    meetings.refresh_from_db()
    assert meetings.not_asked_of == [RaterGroup.EMPLOYEE]
    assert LocalQuestion.objects.get(cycle=cycle, kind=QuestionKind.OPEN).not_asked_of == []
    cycle.refresh_from_db()
    assert cycle.not_asked == not_asked_before  # no statement was shown: the statements keep their choice
    audit = AuditEvent.objects.get(action="evaluations.cycle_groups_set")
    assert "local questions not asked: employee=1" in audit.detail

    body = admin_client.get(reverse("evaluations:cycle_groups", args=[cycle.pk])).content.decode()
    assert (
        f'id="asked-employee-local-{meetings.pk}" name="local_asked_employee" value="{meetings.pk}" aria'
        in body
    )
    assert COUNTS in body


def test_it_refuses_a_local_question_of_another_cycle(admin_client, draft, builtin_frameworks, administrator):
    cycle, _meetings = draft
    other = services.cycle_create(
        name="Anden",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    theirs = services.local_question_add(cycle=other, text="Fremmed?", by=administrator)
    response = _untick_employees(admin_client, cycle, theirs)
    assert response.status_code == 422
    theirs.refresh_from_db()
    assert theirs.not_asked_of == []


def test_launch_freezes_it_and_an_employee_is_not_asked_it_while_a_peer_is(
    client, admin_client, draft, small_organisation, administrator
):
    cycle, meetings = draft
    _untick_employees(admin_client, cycle, meetings)
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)

    frozen = Question.objects.get(cycle=cycle, rater_text=MEETINGS)
    assert frozen.not_asked_of == ["employee"]
    assert Question.objects.get(cycle=cycle, rater_text=OPEN).not_asked_of == []
    statements = Question.objects.filter(cycle=cycle, expectation__isnull=False)
    assert any(RaterGroup.EMPLOYEE in q.not_asked_of for q in statements)  # the statements' choice too

    evaluee = cycle.evaluees.get()
    employee = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    peer = InvitationFactory(evaluee=evaluee, group=RaterGroup.PEER)
    assert frozen.pk not in [q.pk for q in answering.questionnaire_for(employee)]
    assert frozen.pk in [q.pk for q in answering.questionnaire_for(peer)]

    def answering_page(invitation):
        token = invitation_token_issue(invitation=invitation)
        start = client.get(reverse("evaluations:answer_start", kwargs={"token": token}))
        return client.get(start["Location"]).content.decode()

    employee_page = answering_page(employee)
    assert MEETINGS not in employee_page
    assert OPEN in employee_page
    peer_page = answering_page(peer)
    assert MEETINGS in peer_page


def test_after_launch_the_page_shows_the_frozen_choice_and_refuses_changes(
    admin_client, draft, small_organisation, administrator
):
    cycle, meetings = draft
    _untick_employees(admin_client, cycle, meetings)
    services.evaluees_add(cycle=cycle, people=[small_organisation["people"]["lis"]], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)

    url = reverse("evaluations:cycle_groups", args=[cycle.pk])
    body = admin_client.get(url).content.decode()
    assert "<h2>Local questions</h2>" in body and MEETINGS in body
    assert 'name="local_asked_' not in body
    assert COUNTS in body

    response = admin_client.post(
        url,
        {
            "level": "",
            "local_shown": [meetings.pk],
            **{f"local_asked_{g}": [meetings.pk] for g in GROUPS},
        },
        follow=True,
    )
    assert "can no longer be changed" in response.content.decode()
    meetings.refresh_from_db()
    assert meetings.not_asked_of == [RaterGroup.EMPLOYEE]
    assert Question.objects.get(cycle=cycle, rater_text=MEETINGS).not_asked_of == ["employee"]
