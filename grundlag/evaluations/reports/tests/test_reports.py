"""A leader's report: figures by section and statement, hidden groups, self and others, comments,
trend, the PDF, and who may see it."""

import datetime
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.models import Cycle, QuestionKind, RaterGroup
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CommentFactory,
    CycleFactory,
    EvalueeFactory,
    QuestionFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def make_evaluee(org, *, person="lis", created_days_ago=0, **cycle_options):
    cycle = CycleFactory(status=Cycle.Status.CLOSED, **cycle_options)
    if created_days_ago:
        Cycle.objects.filter(pk=cycle.pk).update(
            created_at=cycle.created_at - datetime.timedelta(days=created_days_ago)
        )
        cycle.refresh_from_db()
    evaluee = EvalueeFactory(
        cycle=cycle, person=org["people"][person], unit=org["units"]["ahorn"], superior=org["people"]["carl"]
    )
    questions = {
        "q1": QuestionFactory(
            cycle=cycle, section_key="a", section_title="Retning", rater_text="Sætter retning"
        ),
        "q2": QuestionFactory(
            cycle=cycle, section_key="a", section_title="Retning", rater_text="Forklarer mål"
        ),
        "q3": QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer", rater_text="Lytter"),
        "open": QuestionFactory(
            cycle=cycle, section_key="", section_title="", kind=QuestionKind.OPEN, rater_text="Hvad virker?"
        ),
    }
    return evaluee, questions


def respond(evaluee, group, answers: dict, comment=None, open_question=None):
    response = ResponseFactory(evaluee=evaluee, group=group)
    for question, value in answers.items():
        AnswerFactory(response=response, question=question, value=value)
    if comment is not None:
        CommentFactory(evaluee=evaluee, group=group, question=open_question, text=comment)
    return response


def respond_many(evaluee, group, q, rows, comments=None):
    for i, values in enumerate(rows):
        comment = comments[i] if comments else None
        respond(
            evaluee, group, dict(zip([q["q1"], q["q2"], q["q3"]], values, strict=True)), comment, q["open"]
        )
    aggregates_build(cycle=evaluee.cycle)  # as closing the cycle does


def cell(statement_or_section, key):
    return next(c for c in statement_or_section.cells if c.column.key == key)


@pytest.fixture
def evaluated(small_organisation):
    evaluee, q = make_evaluee(small_organisation)
    respond_many(
        evaluee,
        RaterGroup.EMPLOYEE,
        q,
        [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, 5)],
        comments=["tydelig", "Aldrig for sent", "åben dør", "bedre møder", "Altid venlig"],
    )
    respond_many(evaluee, RaterGroup.PEER, q, [(2, 2, 2), (2, 2, 2)], comments=["peer a", "peer b"])
    respond_many(evaluee, RaterGroup.SELF, q, [(5, 2, 3)], comments=["mig selv"])
    respond_many(evaluee, RaterGroup.SUPERIOR, q, [(1, 1, 1)], comments=["chefen"])
    return evaluee, q, small_organisation


def test_it_reports_the_mean_of_each_statement_and_section_per_group(evaluated, administrator):
    evaluee, q, _org = evaluated

    report = leader_report(evaluee=evaluee, viewer=administrator)

    retning, relationer = report.sections
    assert (retning.title, relationer.title) == ("Retning", "Relationer")
    first = retning.statements[0]
    assert cell(first, RaterGroup.EMPLOYEE).figure.mean == pytest.approx(4.0)
    assert cell(first, RaterGroup.EMPLOYEE).figure.value_counts == (0, 0, 1, 3, 1)
    assert cell(retning, RaterGroup.EMPLOYEE).figure.mean == pytest.approx(32 / 10)
    assert cell(first, RaterGroup.SELF).figure.mean == 5


def test_it_hides_a_group_below_its_threshold_and_says_why(evaluated, administrator):
    evaluee, _q, _org = evaluated

    report = leader_report(evaluee=evaluee, viewer=administrator)

    assert RaterGroup.PEER not in [c.key for c in report.columns]
    assert ("Peer leaders", "fewer than 3 answers") in [(h.label, h.reason) for h in report.hidden]
    # The peers' 2s are not folded into "all others" either.
    assert cell(report.sections[0].statements[0], "others").figure.mean == pytest.approx(4.0)


def test_the_page_says_why_a_group_is_hidden(evaluated, client):
    evaluee, _q, org = evaluated
    client.force_login(org["people"]["lis"].user)
    with translation.override("en"):
        url = reverse("evaluations:report", args=[evaluee.pk])

    page = client.get(url).content.decode()

    assert "Peer leaders: not shown, fewer than 3 answers." in page


# The scale's words in each language: an English page shows none of the Danish ones, and the other way round.
DANISH_WORDS = ["Ved ikke", "Helt enig", "Helt uenig", "Uenig", "Hverken enig eller uenig"]
ENGLISH_WORDS = ["Don't know", "Strongly agree", "Strongly disagree", "Disagree"]


def test_a_report_speaks_one_language_whichever_it_is_read_in(evaluated, client):
    evaluee, _q, org = evaluated
    client.force_login(org["people"]["lis"].user)
    for language, own, other in [("en", ENGLISH_WORDS, DANISH_WORDS), ("da", DANISH_WORDS, ENGLISH_WORDS)]:
        with translation.override(language):
            url = reverse("evaluations:report", args=[evaluee.pk])
        page = client.get(url).content.decode().replace("&#x27;", "'")
        assert own[0] in page and own[1] in page, language
        assert not [word for word in other if word in page], language
        if language == "da":  # Danish quotation marks on a Danish page
            assert "»Ved ikke«" in page and "“" not in page


def test_it_hides_a_statement_with_too_few_real_scores_but_shows_the_dont_know_share(
    small_organisation, administrator
):
    evaluee, q = make_evaluee(small_organisation)
    respond_many(
        evaluee, RaterGroup.EMPLOYEE, q, [(4, 4, None), (4, 4, None), (4, 4, 5), (4, 4, 5), (4, 4, 5)]
    )

    report = leader_report(evaluee=evaluee, viewer=administrator)

    lytter = report.sections[1].statements[0]
    assert cell(lytter, RaterGroup.EMPLOYEE).figure is None
    assert cell(lytter, RaterGroup.EMPLOYEE).dont_know == pytest.approx(0.4)
    assert cell(report.sections[1], "others").figure is None


def test_it_finds_blind_spots_and_hidden_strengths_between_self_and_others(evaluated, administrator):
    evaluee, _q, _org = evaluated

    report = leader_report(evaluee=evaluee, viewer=administrator)

    # Self 5 vs employees 4.0 on q1 (gap 1.0), self 3 vs employees 4.8 on q3 (gap −1.8).
    assert [s.question.rater_text for s in report.blind_spots] == ["Sætter retning"]
    assert [s.question.rater_text for s in report.hidden_strengths] == ["Lytter"]


def test_it_shows_comments_of_large_enough_groups_only_sorted_without_names(evaluated, administrator):
    evaluee, _q, _org = evaluated

    report = leader_report(evaluee=evaluee, viewer=administrator)

    blocks = {block.label: block for block in report.comments}
    assert blocks["Employees and subordinate leaders"].texts == [
        "Aldrig for sent",
        "Altid venlig",
        "bedre møder",
        "tydelig",
        "åben dør",
    ]
    assert blocks["Self"].texts == ["mig selv"]
    assert "Peer leaders" not in blocks
    assert "Superior leader" not in blocks


def test_it_hides_employee_comments_below_the_comment_threshold(small_organisation, administrator, settings):
    settings.EVALUATION_THRESHOLDS = {"employee": 3, "peer": 3, "other": 3, "comments": 5}
    evaluee, q = make_evaluee(small_organisation)
    respond_many(evaluee, RaterGroup.EMPLOYEE, q, [(4, 4, 4)] * 4, comments=["a", "b", "c", "d"])

    report = leader_report(evaluee=evaluee, viewer=administrator)

    assert cell(report.sections[0].statements[0], RaterGroup.EMPLOYEE).figure.mean == 4
    (block,) = report.comments
    assert block.texts is None and block.reason == "fewer than 5 answers"


def test_the_superior_is_hidden_unless_the_cycle_shows_them(small_organisation, administrator):
    hidden, q = make_evaluee(small_organisation)
    respond_many(hidden, RaterGroup.SUPERIOR, q, [(1, 1, 1)])
    shown, q2 = make_evaluee(small_organisation, superior_shown=True)
    respond_many(shown, RaterGroup.SUPERIOR, q2, [(1, 1, 1)])

    hidden_report = leader_report(evaluee=hidden, viewer=administrator)
    shown_report = leader_report(evaluee=shown, viewer=administrator)

    assert ("Superior leader", "the cycle keeps the superior leader's answers out of the report") in [
        (h.label, h.reason) for h in hidden_report.hidden
    ]
    assert all(c.figure is None for c in hidden_report.sections[0].cells)
    assert cell(shown_report.sections[0], RaterGroup.SUPERIOR).figure.mean == 1
    assert cell(shown_report.sections[0], "others").figure.mean == 1


def test_it_shows_the_trend_across_the_leaders_earlier_cycles(small_organisation, administrator):
    earlier, q_old = make_evaluee(small_organisation, created_days_ago=365)
    respond_many(earlier, RaterGroup.EMPLOYEE, q_old, [(3, 3, 3)] * 5)
    respond_many(earlier, RaterGroup.SELF, q_old, [(5, 5, 5)])
    current, q = make_evaluee(small_organisation)
    respond_many(current, RaterGroup.EMPLOYEE, q, [(4, 4, 4)] * 5)
    other_leader, q_bo = make_evaluee(small_organisation, person="bo", created_days_ago=200)
    respond_many(other_leader, RaterGroup.EMPLOYEE, q_bo, [(1, 1, 1)] * 5)

    report = leader_report(evaluee=current, viewer=administrator)

    assert [(p.cycle, p.self_mean, p.others_mean, p.current) for p in report.trend] == [
        (earlier.cycle, 5, 3, False),
        (current.cycle, None, 4, True),
    ]


def test_no_figures_are_shown_before_the_cycle_closes(evaluated, administrator):
    evaluee, _q, _org = evaluated
    Cycle.objects.filter(pk=evaluee.cycle_id).update(status=Cycle.Status.LAUNCHED)
    evaluee.cycle.refresh_from_db()

    report = leader_report(evaluee=evaluee, viewer=administrator)

    assert not report.ready and report.sections == []


def test_the_pdf_is_a_pdf_with_the_leaders_name(evaluated, client):
    evaluee, _q, org = evaluated
    client.force_login(org["people"]["lis"].user)

    response = client.get(reverse("evaluations:report_pdf", args=[evaluee.pk]))

    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=body, capture_output=True, check=True
    ).stdout.decode()
    assert "Lis Leder" in text
    assert AuditEvent.objects.filter(action="report.pdf", object_id=str(evaluee.pk)).exists()


def test_the_evaluee_and_the_administrator_see_the_report_and_the_read_is_audited(
    evaluated, client, administrator
):
    evaluee, _q, org = evaluated
    url = reverse("evaluations:report", args=[evaluee.pk])
    client.force_login(org["people"]["lis"].user)
    assert client.get(url).status_code == 200
    client.force_login(administrator)
    response = client.get(url)

    assert response.status_code == 200
    assert "Sætter retning" in response.content.decode()
    assert AuditEvent.objects.filter(action="report.view", object_id=str(evaluee.pk)).count() == 2
    event = AuditEvent.objects.filter(action="report.view").first()
    assert "Lis" not in event.detail


def test_another_leader_gets_not_found(evaluated, client):
    evaluee, _q, org = evaluated
    client.force_login(org["people"]["bo"].user)

    assert client.get(reverse("evaluations:report", args=[evaluee.pk])).status_code == 404
    assert client.get(reverse("evaluations:report_pdf", args=[evaluee.pk])).status_code == 404


def test_the_superior_sees_the_report_only_where_the_cycle_allows_it(small_organisation, client):
    org = small_organisation
    allowed, _q = make_evaluee(org, report_to_superior=True)
    refused, _q2 = make_evaluee(org)
    for evaluee in (allowed, refused):
        evaluee.superior = org["people"]["dorte"]
        evaluee.save()
    client.force_login(org["people"]["dorte"].user)

    assert client.get(reverse("evaluations:report", args=[allowed.pk])).status_code == 200
    assert client.get(reverse("evaluations:report", args=[refused.pk])).status_code == 404
    listing = client.get(reverse("evaluations:my_reports")).content.decode()
    assert reverse("evaluations:report", args=[allowed.pk]) in listing
    assert reverse("evaluations:report", args=[refused.pk]) not in listing


def test_my_reports_lists_the_leaders_own_reports(evaluated, client):
    evaluee, _q, org = evaluated
    client.force_login(org["people"]["lis"].user)

    page = client.get(reverse("evaluations:my_reports")).content.decode()

    assert reverse("evaluations:report", args=[evaluee.pk]) in page
