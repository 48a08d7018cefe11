"""Self and the superior are shown as who they are, so only as exactly one respondent: a second person in
either group (however they got there) could be read by the first, who knows their own answers and
subtracts them. Such a group is dropped whole, everywhere a report reads it, and the page says why."""

import pytest
from django.urls import reverse
from django.utils import translation

from grundlag.evaluations.models import RaterGroup
from grundlag.evaluations.reports.anonymity import gate_load
from grundlag.evaluations.reports.leader import OTHERS, leader_report
from grundlag.evaluations.reports.pdf import report_print

from .test_reports import cell, make_evaluee, respond_many

pytestmark = pytest.mark.django_db

CROWDED = "more than one person answered in a group meant for one person"


def crowded(org, group, *, answers=((5, 5, 5), (1, 1, 1)), **cycle_options):
    """Lis with five employees answering 4 and `answers` in the identified group (the genuine member's 5s and
    the second person's 1s), each with a comment."""
    evaluee, q = make_evaluee(org, superior_shown=True, **cycle_options)
    respond_many(evaluee, RaterGroup.EMPLOYEE, q, [(4, 4, 4)] * 5, comments=["a", "b", "c", "d", "e"])
    respond_many(evaluee, group, q, list(answers), comments=[f"svar {i}" for i in range(len(answers))])
    return evaluee, q


@pytest.mark.parametrize("group", [RaterGroup.SUPERIOR, RaterGroup.SELF])
def test_a_second_person_in_an_identified_group_drops_the_group_whole(
    small_organisation, administrator, group
):
    evaluee, q = crowded(small_organisation, group)

    with translation.override("en"):
        report = leader_report(evaluee=evaluee, viewer=administrator)
        label = str(RaterGroup(group).label)

    assert group not in [c.key for c in report.columns]
    assert (label, CROWDED) in [(h.label, h.reason) for h in report.hidden]
    # Nothing of the two is folded into "All others" (the employees' 4s alone), nor into the comments.
    first = report.sections[0].statements[0]
    assert cell(first, OTHERS).figure.value_counts == (0, 0, 0, 5, 0)
    assert all(s.self_mean is None and s.gap is None for s in report.statements)
    assert label not in [b.label for b in report.comments]
    assert not any("svar" in text for b in report.comments for text in b.texts or [])


@pytest.mark.parametrize("group", [RaterGroup.SUPERIOR, RaterGroup.SELF])
def test_the_gate_shows_an_identified_group_of_exactly_one(small_organisation, group):
    one, q = crowded(small_organisation, group, answers=[(5, 5, 5)])
    two, q2 = crowded(small_organisation, group, person="bo")

    gate = gate_load(evaluees=[one, two])

    assert gate.group_shown(one.pk, group) and not gate.group_shown(two.pk, group)
    assert gate.figure(evaluee_ids=[one.pk], groups=[group], question_ids=[q["q1"].pk]).mean == 5
    assert gate.figure(evaluee_ids=[two.pk], groups=[group], question_ids=[q2["q1"].pk]) is None
    assert gate.comments_for(evaluee_id=one.pk, group=group, question_id=q["open"].pk) == ["svar 0"]
    assert gate.comments_for(evaluee_id=two.pk, group=group, question_id=q2["open"].pk) is None
    assert gate.dont_know_share(evaluee_id=two.pk, group=group, question_id=q2["q1"].pk) is None


def test_a_crowded_self_is_left_out_of_the_trend(small_organisation, administrator):
    earlier, _q = crowded(small_organisation, RaterGroup.SELF, created_days_ago=365)
    current, _q2 = crowded(small_organisation, RaterGroup.SELF, answers=[(5, 5, 5)])

    report = leader_report(evaluee=current, viewer=administrator)

    assert [(p.cycle, p.self_mean) for p in report.trend] == [(earlier.cycle, None), (current.cycle, 5)]


def test_the_page_and_the_print_page_say_why_the_superior_is_hidden(small_organisation, client):
    evaluee, _q = crowded(small_organisation, RaterGroup.SUPERIOR)
    client.force_login(small_organisation["people"]["lis"].user)
    with translation.override("en"):
        url = reverse("evaluations:report", args=[evaluee.pk])
        printed = report_print(report=leader_report(evaluee=evaluee, viewer=None)).html

    page = client.get(url).content.decode()

    for html in (page, printed):
        assert f"Superior leader: not shown, {CROWDED}." in html
    with translation.override("da"):
        danish = report_print(report=leader_report(evaluee=evaluee, viewer=None)).html
    assert "mere end én person har svaret i en gruppe til én person" in danish
