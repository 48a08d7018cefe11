"""The organisation heatmap: cells from whole publishable atoms only, who sees which units, response
rates, trend, aggregation at close, and an attack on the anonymity of every cell."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import (
    Answer,
    AtomAggregate,
    Cycle,
    Invitation,
    QuestionKind,
    RaterGroup,
    Response,
    SectionAggregate,
)
from grundlag.evaluations.reports.anonymity import combined_cells, combined_means
from grundlag.evaluations.reports.org import ITSELF, org_heatmap
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import (
    CycleFactory,
    EvalueeFactory,
    InvitationFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = [RaterGroup.EMPLOYEE, RaterGroup.PEER, RaterGroup.OTHER]


def closed_cycle(*, days_ago=0, **options):
    cycle = CycleFactory(status=Cycle.Status.CLOSED, **{"report_to_superior": True, **options})
    if days_ago:
        Cycle.objects.filter(pk=cycle.pk).update(
            created_at=cycle.created_at - datetime.timedelta(days=days_ago)
        )
        cycle.refresh_from_db()
    questions = [
        QuestionFactory(cycle=cycle, section_key="a", section_title="Retning"),
        QuestionFactory(cycle=cycle, section_key="a", section_title="Retning"),
        QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer"),
    ]
    QuestionFactory(cycle=cycle, kind=QuestionKind.OPEN, section_key="", section_title="")
    return cycle, questions


def evaluate(cycle, org, person, unit, level_key="dagtilbuds-skole-og-fu-leder"):
    return EvalueeFactory(
        cycle=cycle,
        person=org["people"][person],
        unit=org["units"][unit],
        level_key=level_key,
        level_name=level_key,
    )


def answer(evaluee, group, questions, rows):
    """One response per row of values (None: "Ved ikke"), in bulk."""
    responses = Response.objects.bulk_create([Response(evaluee=evaluee, group=group) for _ in rows])
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=question, value=value)
            for response, values in zip(responses, rows, strict=True)
            for question, value in zip(questions, values, strict=True)
        ]
    )
    return responses


def cells(heatmap):
    return {
        row.key: {cell.column.key: (round(cell.mean, 4) if cell.figure else None) for cell in row.cells}
        for row in heatmap.rows
    }


@pytest.fixture
def evaluated(small_organisation):
    org = small_organisation
    cycle, q = closed_cycle()
    lis = evaluate(cycle, org, "lis", "ahorn")
    bo = evaluate(cycle, org, "bo", "birk")
    carl = evaluate(cycle, org, "carl", "schools", level_key="forvaltningschef")
    answer(lis, RaterGroup.EMPLOYEE, q, [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, None)])
    answer(lis, RaterGroup.PEER, q, [(2, 2, 2), (2, 2, 2)])  # below 3: never in a cell
    answer(lis, RaterGroup.SELF, q, [(1, 1, 1)])
    answer(lis, RaterGroup.SUPERIOR, q, [(1, 1, 1)])
    answer(bo, RaterGroup.EMPLOYEE, q, [(5, 5, 5)] * 4)  # below 5
    answer(bo, RaterGroup.PEER, q, [(3, 3, 3), (3, 4, 3), (3, 5, 3)])
    answer(carl, RaterGroup.OTHER, q, [(2, 2, None), (2, 2, None), (2, 2, 4)])  # b: one real score
    aggregates_build(cycle=cycle)
    return cycle, q, org, {"lis": lis, "bo": bo, "carl": carl}


def test_cells_are_the_means_of_the_publishable_anonymous_atoms_per_child_unit(evaluated, administrator):
    cycle, _q, org, _e = evaluated
    ahorn, birk = org["units"]["ahorn"], org["units"]["birk"]

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])

    assert [row.label for row in heatmap.rows] == [
        "Skoleafdelingen (enhedens egne ledere)",
        "Ahorn Skole",
        "Birk Skole",
    ]
    assert [c.title for c in heatmap.columns] == ["Retning", "Relationer"]
    assert cells(heatmap) == {
        # Lis: employees' a = (4+4+5+3+4 + 2+3+2+3+2)/10; b has four real scores: below 5, hidden.
        str(ahorn.pk): {"a": 3.2, "b": None},
        # Bo: employees below 5 dropped whole; the peers alone.
        str(birk.pk): {"a": 3.5, "b": 3.0},
        # Carl: others' a = 2; b has a single real score.
        ITSELF: {"a": 2.0, "b": None},
    }
    ahorn_row = next(row for row in heatmap.rows if row.key == str(ahorn.pk))
    assert ahorn_row.cells[0].respondents == 5
    assert ahorn_row.cells[1].reason == "for få svar i alle besvarergrupper"


def test_a_parent_row_is_the_union_of_its_children(evaluated, administrator):
    cycle, _q, org, _e = evaluated

    (top,) = org_heatmap(cycle=cycle, viewer=administrator).rows

    assert top.label == "Fiktiv Kommune"
    # Whole atoms of Lis (employees), Bo (peers) and Carl (others) in section a.
    assert cells_of(top)["a"] == pytest.approx((32 + 21 + 12) / (10 + 6 + 6))
    assert top.cells[0].respondents == 5 + 3 + 3


def cells_of(row):
    return {cell.column.key: cell.mean for cell in row.cells}


def test_rows_by_level(evaluated, administrator):
    cycle, _q, org, _e = evaluated

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"], by="level")

    assert cells(heatmap) == {
        "dagtilbuds-skole-og-fu-leder": {"a": round((32 + 21) / 16, 4), "b": 3.0},
        "forvaltningschef": {"a": 2.0, "b": None},
    }
    assert [row.key for row in heatmap.rows] == ["forvaltningschef", "dagtilbuds-skole-og-fu-leder"]


def test_a_leader_sees_only_the_subtree_of_their_own_post(evaluated, client):
    cycle, _q, org, _e = evaluated
    url = reverse("evaluations:org_report", args=[cycle.pk])
    client.force_login(org["people"]["lis"].user)

    own = client.get(url)
    other_school = client.get(url, {"unit": org["units"]["birk"].pk})
    above = client.get(url, {"unit": org["units"]["schools"].pk})

    assert own.status_code == 200
    assert [row.label for row in own.context["heatmap"].rows] == ["Ahorn Skole"]
    assert (other_school.status_code, above.status_code) == (404, 404)
    client.force_login(org["people"]["dorte"].user)
    assert client.get(url, {"unit": org["units"]["birk"].pk}).status_code == 200
    client.force_login(org["people"]["tom"].user)  # no leadership post
    assert client.get(url).status_code == 404
    assert cycle.name not in client.get(reverse("evaluations:org_report_list")).content.decode()


def test_leaders_see_no_heatmap_of_a_cycle_that_keeps_results_from_the_superior(evaluated, client):
    cycle, _q, org, _e = evaluated
    Cycle.objects.filter(pk=cycle.pk).update(report_to_superior=False)
    client.force_login(org["people"]["dorte"].user)
    assert client.get(reverse("evaluations:org_report", args=[cycle.pk])).status_code == 404
    assert cycle.name not in client.get(reverse("evaluations:org_report_list")).content.decode()


def test_open_cycles_have_no_heatmap(evaluated, admin_client):
    cycle, _q, _org, _e = evaluated
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.LAUNCHED)

    assert admin_client.get(reverse("evaluations:org_report", args=[cycle.pk])).status_code == 404


def test_response_rates_count_the_anonymous_groups_invitations(evaluated, administrator):
    cycle, _q, org, e = evaluated
    for status in [Invitation.Status.COMPLETED] * 3 + [Invitation.Status.PENDING]:
        InvitationFactory(evaluee=e["lis"], group=RaterGroup.EMPLOYEE, status=status)
    InvitationFactory(evaluee=e["lis"], group=RaterGroup.PEER, status=Invitation.Status.DECLINED)
    InvitationFactory(
        evaluee=e["lis"], group=RaterGroup.SELF, status=Invitation.Status.COMPLETED, person=None
    )
    InvitationFactory(evaluee=e["bo"], group=RaterGroup.PEER, status=Invitation.Status.PENDING)
    aggregates_build(cycle=cycle)  # invitations are counted when the cycle closes

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])

    rates = {row.label: (row.leaders, row.answered, row.invited, row.rate) for row in heatmap.rows}
    assert rates["Ahorn Skole"] == (1, 3, 4, 75)
    assert rates["Birk Skole"] == (1, 0, 1, 0)


def test_the_trend_shows_each_rows_overall_mean_per_closed_cycle(evaluated, administrator):
    cycle, _q, org, _e = evaluated
    earlier, q_old = closed_cycle(days_ago=365)
    old_lis = evaluate(earlier, org, "lis", "ahorn")
    answer(old_lis, RaterGroup.EMPLOYEE, q_old, [(2, 2, 2)] * 5)
    aggregates_build(cycle=earlier)

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])

    assert heatmap.trend_cycles == [earlier, cycle]
    trend = {row.label: row.trend for row in heatmap.rows}
    assert trend["Ahorn Skole"] == [2.0, 3.2]
    assert trend["Birk Skole"] == [None, pytest.approx(30 / 9)]


def test_the_trend_leaves_out_earlier_cycles_the_leader_above_may_not_open(evaluated):
    cycle, _q, org, _e = evaluated
    kept, q_kept = closed_cycle(days_ago=365, report_to_superior=False)
    old_lis = evaluate(kept, org, "lis", "ahorn")
    answer(old_lis, RaterGroup.EMPLOYEE, q_kept, [(1, 1, 1)] * 5)
    aggregates_build(cycle=kept)
    dorte = org["people"]["dorte"].user

    heatmap = org_heatmap(cycle=cycle, viewer=dorte, unit=org["units"]["schools"])

    # The earlier cycle kept Lis's results from the chain: its row of one leader is not in Dorte's trend.
    assert heatmap.trend_cycles == []
    assert all(row.trend == [] for row in heatmap.rows)


def test_closing_a_cycle_counts_its_answers_into_atoms(small_organisation, administrator):
    cycle, q = closed_cycle()
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.LAUNCHED)
    cycle.refresh_from_db()
    lis = evaluate(cycle, small_organisation, "lis", "ahorn")
    answer(lis, RaterGroup.EMPLOYEE, q, [(4, None, 5), (2, 3, 5), (5, 5, 5)])
    answer(lis, RaterGroup.PEER, q, [(1, 1, 1), (1, 1, 1)])  # two: no threshold can ever show them

    services.cycle_close(cycle=cycle, by=administrator)

    atom = AtomAggregate.objects.get(evaluee=lis, question=q[0])
    counts = (atom.respondents, atom.scores, atom.total, atom.count_2, atom.count_4, atom.count_5)
    assert counts == (3, 3, 11, 1, 1, 1) and atom.dont_know == 0
    assert AtomAggregate.objects.get(evaluee=lis, question=q[1]).dont_know == 1
    assert AtomAggregate.objects.filter(cycle=cycle).count() == 3  # the open question is not an atom
    assert not Response.objects.filter(group=RaterGroup.PEER).exists()


def test_a_raised_threshold_takes_effect_on_stored_atoms(evaluated, administrator, settings):
    cycle, _q, org, _e = evaluated
    settings.EVALUATION_THRESHOLDS = {"employee": 6, "peer": 3, "other": 3, "comments": 6}

    heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])

    assert cells(heatmap)[str(org["units"]["ahorn"].pk)] == {"a": None, "b": None}


def test_the_section_sums_made_at_close_give_the_same_cells_as_the_atoms(evaluated):
    cycle, _q, org, _e = evaluated
    path = org["units"]["municipality"].path
    from_sections = combined_cells(cycle_id=cycle.pk, by="unit", unit_path=path)
    trend_from_sections = combined_means(cycle_ids=[cycle.pk], by="level")
    assert Cycle.objects.get(pk=cycle.pk).aggregated_thresholds == {"employee": 5, "peer": 3, "other": 3}
    Cycle.objects.filter(pk=cycle.pk).update(aggregated_thresholds={})  # as if summed under other thresholds
    assert combined_cells(cycle_id=cycle.pk, by="unit", unit_path=path) == from_sections
    assert combined_means(cycle_ids=[cycle.pk], by="level") == trend_from_sections
    assert from_sections  # not two empty answers


def test_after_a_threshold_change_the_command_sums_the_sections_again(evaluated, settings):
    cycle, _q, _org, _e = evaluated
    settings.EVALUATION_THRESHOLDS = {"employee": 6, "peer": 3, "other": 3, "comments": 6}
    call_command("evaluations_reaggregate", stdout=io.StringIO())
    assert Cycle.objects.get(pk=cycle.pk).aggregated_thresholds["employee"] == 6
    assert not SectionAggregate.objects.filter(cycle=cycle, group="employee", respondents__lt=6).exists()


def test_the_page_shows_the_table_with_drill_links_and_reasons_and_is_audited(evaluated, admin_client):
    cycle, _q, org, _e = evaluated
    url = reverse("evaluations:org_report", args=[cycle.pk])

    response = admin_client.get(url, {"unit": org["units"]["schools"].pk})
    page = response.content.decode()

    assert f"?unit={org['units']['ahorn'].pk}&amp;by=unit" in page
    assert "3,20" in page and '<script id="heatmap-chart" type="application/json">' in page
    # The chart draws the table's figures: the same cells, the same means.
    assert {"row": "Ahorn Skole", "mean": 3.2} in [
        {"row": value["row"], "mean": value["mean"]} for value in response.context["chart"]["data"]["values"]
    ]
    assert "Vises ikke" in page or "Not shown" in page
    event = AuditEvent.objects.get(action="org_report.view")
    assert event.object_id == str(cycle.pk) and "Ahorn" not in event.detail
    listing = admin_client.get(reverse("evaluations:org_report_list")).content.decode()
    assert url in listing


# --- The attack ----------------------------------------------------------------------------------------

PLACES = [
    ("lis", "ahorn", "dagtilbuds-skole-og-fu-leder"),
    ("bo", "birk", "dagtilbuds-skole-og-fu-leder"),
    ("carl", "schools", "forvaltningschef"),
]
values = st.sampled_from([None, 1, 2, 3, 4, 5])


@st.composite
def organisations(draw):
    """Two closed cycles; in each, up to three leaders in different units with up to 7 raters per group."""
    spec = []
    for _cycle in range(2):
        leaders = draw(st.lists(st.sampled_from(range(3)), max_size=3, unique=True))
        spec.append(
            {
                leader: {
                    group: draw(st.lists(st.lists(values, min_size=3, max_size=3), max_size=most))
                    for group, most in [
                        (RaterGroup.SELF, 1),
                        (RaterGroup.SUPERIOR, 1),
                        (RaterGroup.EMPLOYEE, 7),
                        (RaterGroup.PEER, 7),
                        (RaterGroup.OTHER, 7),
                    ]
                }
                for leader in leaders
            }
        )
    return spec


def build(org, spec):
    cycles, groups = [], []
    for i, leaders in enumerate(spec):
        cycle, q = closed_cycle(days_ago=10 - i, superior_shown=True)
        cycles.append(cycle)
        for leader, answers in leaders.items():
            person, unit, level = PLACES[leader]
            evaluee = evaluate(cycle, org, person, unit, level)
            for group, rows in answers.items():
                groups.append((evaluee, group, answer(evaluee, group, q, [tuple(r) for r in rows]), q))
        aggregates_build(cycle=cycle)
    return cycles, groups


def suppressed(groups) -> list:
    """(responses, question or None): a whole group no cell may show, or an atom with too few scores."""
    from grundlag.evaluations.reports.anonymity import threshold

    parts = []
    for _evaluee, group, responses, questions in groups:
        if not responses:
            continue
        if group not in ANONYMOUS or len(responses) < threshold(group):
            parts.append((responses, None))
            continue
        for question in questions:
            real = Answer.objects.filter(
                response__in=responses, question=question, value__isnull=False
            ).count()
            if 0 < real < threshold(group):
                parts.append((responses, question))
    return parts


def everything_published(cycles, org, viewer) -> list:
    out = []
    for cycle in cycles:
        for unit in [None, org["units"]["municipality"], org["units"]["schools"], org["units"]["ahorn"]]:
            for by in ("unit", "level"):
                heatmap = org_heatmap(cycle=cycle, viewer=viewer, unit=unit, by=by)
                out.append(
                    [
                        (row.key, [(c.column.key, c.figure, c.respondents) for c in row.cells], row.trend)
                        for row in heatmap.rows
                    ]
                )
    return out


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=organisations(), draws=st.data())
def test_changing_anything_suppressed_changes_no_cell_in_any_view(
    small_organisation, administrator, spec, draws
):
    with transaction.atomic():
        cycles, groups = build(small_organisation, spec)
        parts = suppressed(groups)
        if parts:
            before = everything_published(cycles, small_organisation, administrator)
            responses, question = draws.draw(st.sampled_from(parts))
            answers = Answer.objects.filter(response__in=responses)
            if question is not None:
                answers = answers.filter(question=question, value__isnull=False)
            for row in answers.order_by("pk"):
                new = (
                    (row.value or 3) % 5 + 1
                    if question is not None
                    else draws.draw(values.filter(lambda v, old=row.value: v != old))
                )
                Answer.objects.filter(pk=row.pk).update(value=new)
            for cycle in cycles:
                aggregates_build(cycle=cycle)

            assert everything_published(cycles, small_organisation, administrator) == before
        transaction.set_rollback(True)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=organisations())
def test_every_cell_rests_on_at_least_k_respondents_of_each_group_in_it(
    small_organisation, administrator, spec
):
    from grundlag.evaluations.reports.anonymity import threshold

    with transaction.atomic():
        cycles, _groups = build(small_organisation, spec)
        k = min(threshold(g) for g in ANONYMOUS)
        for cycle in cycles:
            for by in ("unit", "level"):
                for row in org_heatmap(
                    cycle=cycle, viewer=administrator, by=by, unit=small_organisation["units"]["schools"]
                ).rows:
                    for cell in row.cells:
                        if cell.figure is not None:
                            assert cell.figure.least_respondents >= k
                            assert cell.respondents >= k and cell.figure.count >= k
        transaction.set_rollback(True)


def test_the_database_finds_each_leaders_row_unit_directly_below_the_unit_shown(small_organisation):
    from django.db import connection

    from grundlag.evaluations.reports.anonymity import row_path_sql
    from grundlag.evaluations.reports.org import _row_path
    from grundlag.organisation.models import Unit

    units = small_organisation["units"]
    municipality, schools, ahorn = units["municipality"], units["schools"], units["ahorn"]
    for rows_below, unit, row in [
        ("", ahorn, municipality),  # the top: the top units
        (municipality.path, ahorn, schools),
        (schools.path, ahorn, ahorn),
        (ahorn.path, ahorn, ahorn),  # a unit's own leaders
        ("", municipality, municipality),
    ]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {row_path_sql(rows_below)} FROM {Unit._meta.db_table} u WHERE u.id = %s", [unit.pk]
            )
            assert cursor.fetchone()[0] == row.path, (rows_below, unit.name)
        by_orm = Unit.objects.filter(pk=unit.pk).annotate(row=_row_path(rows_below, field="path"))
        assert by_orm.values_list("row", flat=True).get() == row.path, (rows_below, unit.name)


def test_the_charts_labels_are_written_as_the_pages_language_writes_figures(evaluated, administrator):
    from django.utils import translation

    from grundlag.evaluations.reports.org import heatmap_chart_rows

    cycle, _q, org, _e = evaluated
    labels = {}
    for language in ("da", "en"):
        with translation.override(language):
            heatmap = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])
            labels[language] = [r["label"] for r in heatmap_chart_rows(heatmap) if r["row"] == "Ahorn Skole"]

    assert "3,20" in labels["da"] and "3.20" in labels["en"]
    assert [label.replace(",", ".") for label in labels["da"]] == labels["en"]
