"""The product's own surveys among a unit's indicators: only what the survey report shows the user, through
the evaluations' block gate, shaped like indicator series."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Block, Cycle, Instrument
from grundlag.evaluations.reports.surveys import survey_report
from grundlag.evaluations.reports.tests import test_surveys as engine
from grundlag.evaluations.responding.answering import DONT_KNOW
from grundlag.evaluations.tests.factories import areas_organisation
from grundlag.indicators import perception
from grundlag.indicators.models import DataType, PeriodKind
from grundlag.indicators.perception import unit_survey_figures_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(builtin_frameworks):
    """A chief over two areas: North with six schools (school n has n teachers), South with two."""
    return areas_organisation(builtin_frameworks["aarhus-boern-og-unge"])


def school(areas, name):
    return areas["leaders"][(name.split()[0], int(name.split()[-1]))].posts.get().unit


def effects_survey(builtin_frameworks, areas, by, *, value_of, days_ago=0):
    """A closed effect picture of North's schools, a block per school: the teachers answer `value_of`."""
    cycle = engine.survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=by)
    services.evaluees_add(cycle=cycle, unit=areas["areas"]["Nord"], by=by)
    cycle = engine.run(cycle, by, value_of=value_of)
    if days_ago:
        Cycle.objects.filter(pk=cycle.pk).update(
            deadline=cycle.deadline - datetime.timedelta(days=days_ago),
            created_at=cycle.created_at - datetime.timedelta(days=days_ago),
        )
    return Cycle.objects.get(pk=cycle.pk)


def by_school(answers: dict[str, str], default="4"):
    return lambda invitation: answers.get(invitation.evaluee.unit.name, default)


def test_a_shown_block_gives_the_survey_reports_figures_as_perception_series(
    builtin_frameworks, areas, administrator
):
    cycle = effects_survey(
        builtin_frameworks, areas, administrator, value_of=by_school({"Nord Skole 6": "3"})
    )
    unit = school(areas, "Nord Skole 6")

    series = unit_survey_figures_for_user(user=areas["chief"].user, unit=unit)

    assert len(series) == 6  # the six intended effects of the foundation
    assert {s.data_type for s in series} == {DataType.PERCEPTION}
    assert series[0].name.startswith("Jeg oplever, at der er tydelig retning")
    [point] = series[0].points
    assert (point.value, point.n, point.sd, point.reason) == (3.0, 6, 0.0, "")
    assert (point.period, point.period_kind, point.survey) == (
        cycle.deadline.isoformat(),
        PeriodKind.DATE,
        cycle.name,
    )
    report = survey_report(cycle=cycle, viewer=areas["chief"].user)
    [row] = [row for row in report.rows if row.unit == unit]
    assert [s.points[0].value for s in series] == [cell.mean for cell in row.cells]
    assert [s.points[0].n for s in series] == [cell.figure.count for cell in row.cells]


def test_a_block_under_the_surveys_minimum_is_never_returned(builtin_frameworks, areas, administrator):
    # Nord Skole 4 has four teachers: below the employees' k of 5. Their answers (1) must show nowhere.
    effects_survey(builtin_frameworks, areas, administrator, value_of=by_school({"Nord Skole 4": "1"}))

    series = unit_survey_figures_for_user(user=administrator, unit=school(areas, "Nord Skole 4"))

    points = [point for s in series for point in s.points]
    assert points and all(p.value is None and p.n is None and p.sd is None for p in points)
    assert {p.reason for p in points} == {"fewer than 5 answers"}
    assert Block.objects.get(unit=school(areas, "Nord Skole 4")).respondents == 4


def test_a_statement_with_too_few_real_scores_in_a_shown_block_is_withheld(
    builtin_frameworks, areas, administrator
):
    # Nord Skole 5: five teachers, one answers "Ved ikke" to everything: 4 real scores, below k.
    def value_of(invitation):
        if invitation.evaluee.unit.name == "Nord Skole 5" and invitation.person.name.endswith("-0"):
            return DONT_KNOW
        return "4"

    effects_survey(builtin_frameworks, areas, administrator, value_of=value_of)

    series = unit_survey_figures_for_user(user=administrator, unit=school(areas, "Nord Skole 5"))

    assert {(p.value, p.n, p.reason) for s in series for p in s.points} == {
        (None, None, "fewer than 5 answers")
    }


def test_the_series_follow_the_surveys_oldest_first(builtin_frameworks, areas, administrator):
    earlier = effects_survey(
        builtin_frameworks, areas, administrator, value_of=by_school({}, default="2"), days_ago=365
    )
    later = effects_survey(builtin_frameworks, areas, administrator, value_of=by_school({}, default="5"))

    series = unit_survey_figures_for_user(user=administrator, unit=school(areas, "Nord Skole 6"))

    assert [(p.cycle_id, p.value) for p in series[0].points] == [(earlier.pk, 2.0), (later.pk, 5.0)]
    assert series[0].latest.cycle_id == later.pk


def test_a_user_who_may_not_see_the_unit_gets_404_and_no_figure(builtin_frameworks, areas, administrator):
    effects_survey(builtin_frameworks, areas, administrator, value_of=by_school({}))
    north_one = areas["leaders"][("Nord", 1)].user  # leads Nord Skole 1, not Nord Skole 6

    with pytest.raises(Http404):
        unit_survey_figures_for_user(user=north_one, unit=school(areas, "Nord Skole 6"))
    assert unit_survey_figures_for_user(user=north_one, unit=school(areas, "Nord Skole 1")) != []


def test_a_user_who_may_not_see_the_survey_report_sees_none_of_it(
    builtin_frameworks, areas, administrator, monkeypatch
):
    effects_survey(builtin_frameworks, areas, administrator, value_of=by_school({}))
    unit = school(areas, "Nord Skole 6")
    assert unit_survey_figures_for_user(user=areas["chief"].user, unit=unit)

    # The survey report's audience is asked, whatever the unit page allows: were it to shut the chief out…
    monkeypatch.setattr(perception, "survey_cycles_for_user", lambda *, user: [])
    assert unit_survey_figures_for_user(user=areas["chief"].user, unit=unit) == []


def test_a_survey_reported_above_the_unit_gives_the_unit_nothing(builtin_frameworks, areas, administrator):
    # The conditions survey by area (depth 2): the school is inside a block, never a block of its own.
    cycle = engine.survey(
        builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator
    )
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    engine.run(cycle, administrator)

    assert unit_survey_figures_for_user(user=administrator, unit=school(areas, "Nord Skole 6")) == []
    by_area = unit_survey_figures_for_user(user=administrator, unit=areas["areas"]["Nord"])
    assert [s.group for s in by_area] == [f"Ledelse-tæt-på conditions survey ({engine_level(areas)})"] * 3
    assert [(s.points[0].value, s.points[0].n) for s in by_area] == [(4.0, 6)] * 3


def engine_level(areas):
    return areas["leaders"][("Nord", 1)].posts.get().level.name


def test_the_unit_page_lists_the_survey_figures_beside_the_imported_ones(
    builtin_frameworks, areas, administrator, client
):
    effects_survey(
        builtin_frameworks,
        areas,
        administrator,
        value_of=by_school({"Nord Skole 6": "3", "Nord Skole 4": "1"}),
    )
    client.force_login(areas["chief"].user)

    page = client.get(reverse("indicators:unit", args=[school(areas, "Nord Skole 6").pk])).content.decode()
    hidden = client.get(reverse("indicators:unit", args=[school(areas, "Nord Skole 4").pk])).content.decode()

    assert "Perception data from the surveys" in page and "tydelig retning" in page
    assert "3.00" in page and "n = 6" in page
    assert "fewer than 5 answers" in hidden and "1.00" not in hidden and "n = 4" not in hidden


@pytest.mark.parametrize("others", [4, 5])
def test_a_reader_who_answered_in_the_units_block_gets_its_figures_only_with_k_besides_them(
    builtin_frameworks, areas, administrator, others
):
    # The chief and `others` chiefs answer the conditions survey in the municipality's own block: without
    # their own answer the chief would read the others' figures, below k when there are four of them.
    engine._chiefs_beside_the_chief(builtin_frameworks["aarhus-boern-og-unge"], areas, others)
    cycle = engine.survey(
        builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator
    )
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    engine.run(cycle, administrator, value_of=lambda invitation: "4")

    def values(user):
        series = unit_survey_figures_for_user(user=user, unit=areas["top"])
        return [point.value for s in series for point in s.points]

    assert values(administrator) and all(value == 4.0 for value in values(administrator))
    by_chief = values(areas["chief"].user)
    if others < 5:
        assert by_chief and all(value is None for value in by_chief)
    else:
        assert by_chief and all(value == 4.0 for value in by_chief)
