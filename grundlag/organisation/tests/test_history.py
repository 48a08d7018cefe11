"""The organisation on a past day: a unit that moved is shown where it sat on that day."""

import datetime

import pytest
from django.urls import reverse

from grundlag.organisation import selectors
from grundlag.organisation.imports.selectors import org_import_plan
from grundlag.organisation.imports.services.applying import org_import_apply
from grundlag.organisation.imports.tests.import_files import csv_file
from grundlag.organisation.models import Post, Source, Unit, UnitPlacement

pytestmark = pytest.mark.django_db

KOMMUNE = "k,Fiktiv Kommune,,d,Dorte Direktør,dorte@fiktiv.example.dk,Direktør,direktoer,,2020-01-01,"
NORD = "n,Område Nord,k,,,,,,,,"
SYD = "s,Område Syd,k,,,,,,,,"


def ahorn(parent: str) -> str:
    lis = "l,Lis Leder,lis@fiktiv.example.dk,Skoleleder,dagtilbuds-skole-og-fu-leder,d,2019-08-01,"
    return f"a,Ahorn Skole,{parent},{lis}"


def apply(parent: str, *, today: datetime.date):
    plan = org_import_plan(data=csv_file(KOMMUNE, NORD, SYD, ahorn(parent)), filename="hr.csv", today=today)
    outcome = org_import_apply(plan=plan)
    assert outcome.applied, [str(p) for p in outcome.errors]


def unit(key: str) -> Unit:
    return Unit.objects.get(source=Source.HR, key=key)


def names(nodes) -> list[str]:
    return [node.unit.name for node in nodes]


@pytest.fixture
def moved_on_1_march(builtin_frameworks):
    """Ahorn Skole sat under Område Nord until 28 February 2026 and under Område Syd from 1 March."""
    apply("n", today=datetime.date(2026, 1, 10))
    apply("s", today=datetime.date(2026, 3, 1))


def test_a_unit_that_never_moved_keeps_no_history(builtin_frameworks):
    apply("n", today=datetime.date(2026, 1, 10))
    apply("n", today=datetime.date(2026, 3, 1))
    assert not UnitPlacement.objects.exists()
    assert selectors.parents_moved_on(on=datetime.date(2025, 1, 1)) == {}


def test_the_chart_shows_a_moved_unit_under_the_parent_it_had_on_the_day(moved_on_1_march):
    february, march = datetime.date(2026, 2, 15), datetime.date(2026, 3, 1)
    assert names(selectors.chart_children(parent=unit("n"), on=february)) == ["Ahorn Skole"]
    assert names(selectors.chart_children(parent=unit("s"), on=february)) == []
    assert names(selectors.chart_children(parent=unit("n"), on=march)) == []
    assert names(selectors.chart_children(parent=unit("s"), on=march)) == ["Ahorn Skole"]
    counts = {n.unit.name: n.child_count for n in selectors.chart_children(parent=unit("k"), on=february)}
    assert counts == {"Område Nord": 1, "Område Syd": 0}
    counts = {n.unit.name: n.child_count for n in selectors.chart_children(parent=unit("k"), on=march)}
    assert counts == {"Område Nord": 0, "Område Syd": 1}


def test_ancestors_and_search_follow_the_day(moved_on_1_march):
    school = unit("a")
    assert [u.name for u in selectors.unit_ancestors(unit=school, on=datetime.date(2026, 2, 1))] == [
        "Fiktiv Kommune",
        "Område Nord",
    ]
    assert [u.name for u in selectors.unit_ancestors(unit=school)] == ["Fiktiv Kommune", "Område Syd"]
    [(_hit, above)] = selectors.units_with_ancestors(units=[school], on=datetime.date(2025, 6, 1))
    assert [u.name for u in above] == ["Fiktiv Kommune", "Område Nord"]


def test_a_subtree_on_a_past_day_holds_the_units_that_were_in_it(moved_on_1_march):
    february = datetime.date(2026, 2, 15)
    assert set(selectors.units_below(unit=unit("n"), on=february).values_list("key", flat=True)) == {"n", "a"}
    assert set(selectors.units_below(unit=unit("n")).values_list("key", flat=True)) == {"n"}
    lis = Post.objects.get(person__key="l")
    assert Post.objects.filter(selectors.unit_subtree_q(unit=unit("s"), prefix="unit__")).get() == lis


def test_span_of_control_by_unit_uses_the_tree_of_the_day(moved_on_1_march, administrator):
    february = datetime.date(2026, 2, 15)
    in_nord = selectors.leader_spans(user=administrator, on=february, unit=unit("n"))
    assert [s.name for s in in_nord] == ["Lis Leder"]
    assert selectors.leader_spans(user=administrator, unit=unit("n")) == []


def test_each_move_closes_the_placement_before_it(moved_on_1_march):
    apply("n", today=datetime.date(2026, 6, 1))
    placements = list(
        UnitPlacement.objects.filter(unit=unit("a")).values_list("parent__key", "start_date", "end_date")
    )
    assert placements == [
        ("n", None, datetime.date(2026, 2, 28)),
        ("s", datetime.date(2026, 3, 1), datetime.date(2026, 5, 31)),
        ("n", datetime.date(2026, 6, 1), None),
    ]
    assert names(selectors.chart_children(parent=unit("s"), on=datetime.date(2026, 4, 1))) == ["Ahorn Skole"]


def test_moving_twice_on_one_day_keeps_only_the_last_move(moved_on_1_march):
    plan = org_import_plan(
        data=csv_file(KOMMUNE, NORD, SYD, ahorn("k")), filename="hr.csv", today=datetime.date(2026, 3, 1)
    )
    assert org_import_apply(plan=plan).applied
    placements = list(UnitPlacement.objects.filter(unit=unit("a")).values_list("parent__key", "end_date"))
    assert placements == [("n", datetime.date(2026, 2, 28)), ("k", None)]


def test_the_unit_page_shows_the_parents_of_the_day(moved_on_1_march, admin_client):
    url = reverse("organisation:unit", args=[unit("a").pk])
    page = admin_client.get(url, {"on": "2026-02-01"}).content.decode()
    assert "Område Nord" in page and "Område Syd" not in page
