import datetime

from grundlag.organisation import selectors
from grundlag.organisation.services import unit_paths_rebuild
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory


def test_the_chain_runs_from_the_manager_to_the_top(small_organisation):
    people = small_organisation["people"]
    assert selectors.chain_up(person=people["tom"]) == [people["lis"], people["carl"], people["dorte"]]
    assert selectors.chain_up(person=people["dorte"]) == []


def test_a_leader_leads_everyone_below_them_and_no_one_beside_them(small_organisation):
    people = small_organisation["people"]
    below_lis = selectors.person_ids_below(person=people["lis"])
    assert below_lis == {people[k].pk for k in ("tom", "tina", "tage")}
    assert len(selectors.person_ids_below(person=people["dorte"])) == 8
    assert selectors.is_above_in_chain(manager=people["carl"], person=people["ulla"])
    assert not selectors.is_above_in_chain(manager=people["lis"], person=people["ulla"])
    assert not selectors.is_above_in_chain(manager=people["tom"], person=people["lis"])


def test_history_shows_the_organisation_as_it_was_on_a_day(small_organisation):
    people, units = small_organisation["people"], small_organisation["units"]
    march_first = datetime.date(2026, 3, 1)
    old_leader = PersonFactory(name="Gammel Leder")
    PostFactory(
        person=old_leader,
        unit=units["ahorn"],
        title="Skoleleder",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2026, 6, 30),
    )
    people["tom"].posts.update(start_date=datetime.date(2026, 8, 1))
    PostFactory(
        person=people["tom"], unit=units["ahorn"], manager=old_leader, end_date=datetime.date(2026, 7, 31)
    )
    assert selectors.chain_up(person=people["tom"], on=march_first)[0] == old_leader
    assert selectors.chain_up(person=people["tom"])[0] == people["lis"]
    assert not selectors.is_leader(person=old_leader)
    assert selectors.is_leader(person=old_leader, on=march_first)


def test_a_cycle_in_manager_data_ends_the_chain_instead_of_looping(small_organisation):
    people = small_organisation["people"]
    PostFactory(
        person=people["dorte"], unit=small_organisation["units"]["municipality"], manager=people["tom"]
    )
    line = selectors.chain_up(person=people["tom"])
    assert line[:3] == [people["lis"], people["carl"], people["dorte"]]
    assert len(line) == 3


def test_unit_paths_follow_the_tree_after_a_move(db):
    top = UnitFactory(name="Top")
    a = UnitFactory(name="A", parent=top)
    b = UnitFactory(name="B", parent=top)
    leaf = UnitFactory(name="Leaf", parent=a)
    leaf.parent = b
    leaf.save()
    assert unit_paths_rebuild() == 1
    leaf.refresh_from_db()
    assert leaf.path == f"/{top.pk}/{b.pk}/{leaf.pk}/"
    assert leaf.depth == 2
    assert list(selectors.units_below(unit=b)) == [b, leaf] or set(selectors.units_below(unit=b)) == {b, leaf}
    assert selectors.unit_ancestors(unit=leaf) == [top, b]


def test_spans_count_distinct_direct_reports_per_leader(small_organisation, administrator):
    people = small_organisation["people"]
    # A teacher with two posts under the same leader is one direct report.
    PostFactory(person=people["tom"], unit=small_organisation["units"]["ahorn"], manager=people["lis"])
    spans = {s.name: s.direct_reports for s in selectors.leader_spans(user=administrator)}
    assert spans == {"Lis Leder": 3, "Bo Leder": 2, "Carl Chef": 2, "Dorte Direktør": 1}


def test_a_leader_sees_only_spans_below_them(small_organisation):
    lis = small_organisation["people"]["lis"].user
    assert [s.name for s in selectors.leader_spans(user=lis)] == ["Lis Leder"]
    dorte = small_organisation["people"]["dorte"].user
    assert {s.name for s in selectors.leader_spans(user=dorte)} == {
        "Dorte Direktør",
        "Carl Chef",
        "Lis Leder",
        "Bo Leder",
    }


def test_span_summaries_give_median_maximum_and_count_above_threshold(small_organisation, administrator):
    by_level = {s.level_name: s for s in selectors.span_overview(user=administrator, threshold=2).summaries}
    school = by_level["Dagtilbuds-, skole- og FU-leder"]
    assert (school.leaders, school.median, school.maximum, school.above_threshold) == (2, 2.5, 3, 1)
    assert sum(count for _bucket, count in school.buckets) == 2


def test_leaders_above_the_threshold_and_on_a_level_come_largest_first(small_organisation, administrator):
    above = selectors.leader_spans(user=administrator, above=1)
    assert [(s.name, s.direct_reports) for s in above] == [
        ("Lis Leder", 3),
        ("Bo Leder", 2),
        ("Carl Chef", 2),
    ]
    school_leaders = selectors.leader_spans(user=administrator, level_key="dagtilbuds-skole-og-fu-leder")
    assert [s.name for s in school_leaders] == ["Lis Leder", "Bo Leder"]
    overview = selectors.span_overview(user=administrator, level_key="direktoer", threshold=0)
    assert [(s.level_name, s.leaders, s.maximum) for s in overview.summaries] == [("Direktør", 1, 1)]
    assert len(overview.above) == 1
