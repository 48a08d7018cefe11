"""What the administrator learns from leader development: "did it help?" answered once, sealed apart from
the dialogue, shown by group only from k answers; the sections leaders' goals are about, in counts only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.development.insight.selectors import impact_insight, sections_insight
from grundlag.development.insight.services import (
    impact_answer,
    impact_answers_reseal,
    insight_year_close,
    insight_years_close,
)
from grundlag.development.models import Dialogue, DialogueStatus, Goal, Plan, SealedImpactAnswer
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def school_leaders(org, unit, n):
    """n school leaders in their own schools below `unit`, each with a login and a dialogue followed up."""
    level = org["people"]["lis"].posts.get().level
    leaders = []
    for i in range(n):
        school = UnitFactory(name=f"Skole {unit.name} {i}", parent=unit)
        person = PersonFactory(name=f"Leder {unit.name} {i}", user=UserFactory(username=f"{unit.pk}-{i}"))
        PostFactory(
            person=person, unit=school, title="Skoleleder", level=level, manager=org["people"]["carl"]
        )
        dialogue = Dialogue.objects.create(
            leader=person,
            superior=org["people"]["carl"],
            level=level,
            unit=school,
            status=DialogueStatus.FOLLOWED_UP,
        )
        leaders.append((person, dialogue))
    return leaders


def test_the_leader_answers_once_after_the_last_follow_up_and_nothing_links_the_answer(small_organisation):
    person, dialogue = school_leaders(small_organisation, small_organisation["units"]["ahorn"], 1)[0]

    impact_answer(dialogue=dialogue, value=4, by=person.user)

    answer = SealedImpactAnswer.objects.get()
    assert answer.year == timezone.localdate().year
    assert b'"value"' not in bytes(answer.sealed) and b'"unit"' not in bytes(answer.sealed)  # sealed
    assert {f.name for f in SealedImpactAnswer._meta.get_fields()} == {"id", "year", "sealed"}
    assert not AuditEvent.objects.filter(object_id=str(dialogue.pk), action__contains="impact").exists()
    assert Dialogue.objects.get(pk=dialogue.pk).impact_answered
    with pytest.raises(ValidationError, match="already answered"):
        impact_answer(dialogue=dialogue, value=2, by=person.user)
    with pytest.raises(ValidationError, match="Only the leader"):
        impact_answer(dialogue=dialogue, value=2, by=small_organisation["people"]["dorte"].user)


def test_it_is_asked_only_after_the_last_follow_up_and_on_the_scale(small_organisation):
    person, dialogue = school_leaders(small_organisation, small_organisation["units"]["ahorn"], 1)[0]
    with pytest.raises(ValidationError, match="on the scale"):
        impact_answer(dialogue=dialogue, value=9, by=person.user)
    Dialogue.objects.filter(pk=dialogue.pk).update(status=DialogueStatus.AGREED)
    with pytest.raises(ValidationError, match="after the last follow-up"):
        impact_answer(dialogue=dialogue, value=3, by=person.user)
    assert not SealedImpactAnswer.objects.exists()


def test_a_group_is_shown_only_from_five_answers_and_a_hidden_dont_know_does_not_show(small_organisation):
    org = small_organisation
    for person, dialogue in school_leaders(org, org["units"]["ahorn"], 5):
        impact_answer(dialogue=dialogue, value=4, by=person.user)
    (birk_leader, birk_dialogue) = school_leaders(org, org["units"]["birk"], 1)[0]
    impact_answer(dialogue=birk_dialogue, value=None, by=birk_leader.user)

    insight = impact_insight(year=timezone.localdate().year)

    # Birk's one "don't know" is hidden; Ahorn (5) would then tell it from the total: hidden too (secondary
    # suppression), and the total of 6 answers shows no group apart.
    assert insight.groups == [] and insight.hidden == 2
    assert (insight.total.answers, insight.total.dont_know, insight.total.mean) == (6, 1, 4.0)


def test_a_group_of_five_is_shown_with_its_distribution(small_organisation, administrator):
    org = small_organisation
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["ahorn"], 5)):
        impact_answer(dialogue=dialogue, value=[5, 4, 4, 3, 5][i], by=person.user)

    insight = impact_insight(year=timezone.localdate().year)

    assert len({len(bytes(a.sealed)) for a in SealedImpactAnswer.objects.all()}) == 1  # all the same size
    (ahorn,) = insight.groups
    assert (ahorn.unit, ahorn.scores, ahorn.counts, ahorn.mean) == ("Ahorn Skole", 5, [0, 0, 1, 2, 2], 4.2)


def test_a_group_of_mostly_dont_know_shows_neither_its_mean_nor_its_counts(small_organisation):
    org = small_organisation
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["ahorn"], 5)):
        impact_answer(dialogue=dialogue, value=[None, None, None, None, 1][i], by=person.user)

    insight = impact_insight(year=timezone.localdate().year)

    # 5 answers, 1 real score: Ahorn is hidden, and the row of all shows no count that would give the score.
    assert insight.groups == [] and insight.hidden == 1
    total = insight.total
    assert (total.answers, total.dont_know, total.mean, total.counts) == (5, 4, None, [None] * 5)


def test_all_minus_the_shown_groups_never_gives_fewer_than_k_real_scores(small_organisation):
    org = small_organisation
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["ahorn"], 6)):
        impact_answer(dialogue=dialogue, value=[5, 5, 5, 5, 5, 4][i], by=person.user)
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["birk"], 3)):
        impact_answer(dialogue=dialogue, value=[None, None, 1][i], by=person.user)
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["municipality"], 2)):
        impact_answer(dialogue=dialogue, value=[None, 2][i], by=person.user)

    insight = impact_insight(year=timezone.localdate().year)

    shown, total = insight.groups, insight.total
    left_answers = total.answers - sum(g.answers for g in shown)
    left_scores = total.scores - sum(g.scores for g in shown)
    assert left_answers == 0 or left_answers >= insight.k
    assert left_scores == 0 or left_scores >= insight.k
    # Birk and the two schools right below the municipality hide 5 answers but only 2 real scores: Ahorn (6)
    # would give them away, so it is hidden too.
    assert shown == [] and insight.hidden == 4
    assert (total.counts, total.dont_know, total.mean) == ([1, 1, 0, 1, 5], 3, 4.0)


def test_the_page_blanks_the_counts_of_a_frozen_row_without_a_mean(small_organisation, administrator, client):
    org = small_organisation
    for i, (person, dialogue) in enumerate(school_leaders(org, org["units"]["ahorn"], 5)):
        impact_answer(dialogue=dialogue, value=[None, None, None, 3, 1][i], by=person.user)
    SealedImpactAnswer.objects.update(year=timezone.localdate().year - 1)
    insight_years_close()
    client.force_login(administrator)

    page = client.get(
        reverse("development:insight"), {"year": timezone.localdate().year - 1}
    ).content.decode()

    row = page.split('<th scope="row">All</th>')[1].split("</tr>")[0]
    assert row.count("–") == 6 and ">1<" not in row  # the mean and the five counts; "Don't know" is 3
    assert "is not an answer on the scale" in page


def test_a_year_is_counted_once_when_it_has_ended_and_its_sealed_answers_go(
    small_organisation, administrator, client
):
    org = small_organisation
    for person, dialogue in school_leaders(org, org["units"]["ahorn"], 5):
        impact_answer(dialogue=dialogue, value=5, by=person.user)
    this_year = timezone.localdate().year
    with pytest.raises(ValidationError, match="once it has ended"):
        insight_year_close(year=this_year)
    client.force_login(administrator)
    assert (
        "counted and shown once the year has ended"
        in client.get(reverse("development:insight")).content.decode()
    )
    SealedImpactAnswer.objects.update(year=this_year - 1)

    assert insight_years_close() == [this_year - 1] and insight_years_close() == []

    assert not SealedImpactAnswer.objects.exists()
    page = client.get(reverse("development:insight"), {"year": this_year - 1}).content.decode()
    assert "Ahorn Skole" in page and "5.0" in page


def test_the_sections_leaders_work_on_are_counted_never_shown_by_goal(
    small_organisation, administrator, client
):
    org = small_organisation
    leaders = school_leaders(org, org["units"]["ahorn"], 5)
    section = leaders[0][1].level.version.sections.exclude(expectations=None).first()
    for person, _dialogue in leaders:
        plan = Plan.objects.create(leader=person)
        Goal.objects.create(plan=plan, title=f"Hemmeligt mål {person.pk}", section=section)

    insight = sections_insight(year=timezone.localdate().year)

    assert [(g.unit, g.leaders, g.cells) for g in insight.groups] == [("Ahorn Skole", 5, [5])]
    Goal.objects.update(created_at=timezone.now() - datetime.timedelta(days=366))
    insight_years_close()
    client.force_login(administrator)
    page = client.get(
        reverse("development:insight"), {"year": timezone.localdate().year - 1}
    ).content.decode()
    assert "Hemmeligt mål" not in page and section.title in page


def test_the_insight_is_the_administrators_only(small_organisation, client):
    client.force_login(small_organisation["people"]["dorte"].user)
    assert client.get(reverse("development:insight")).status_code == 403


def test_a_key_rotation_reseals_the_answers_and_they_still_count(small_organisation, administrator, settings):
    org = small_organisation
    settings.EVALUATIONS_SEAL_KEYS = ["old:" + "A" * 43]
    for person, dialogue in school_leaders(org, org["units"]["ahorn"], 5):
        impact_answer(dialogue=dialogue, value=3, by=person.user)
    settings.EVALUATIONS_SEAL_KEYS = ["new:" + "B" * 43, "old:" + "A" * 43]

    assert impact_answers_reseal() == 5
    settings.EVALUATIONS_SEAL_KEYS = ["new:" + "B" * 43]

    assert all(bytes(a.sealed).startswith(b"new:") for a in SealedImpactAnswer.objects.all())
    assert impact_insight(year=timezone.localdate().year).groups[0].scores == 5
