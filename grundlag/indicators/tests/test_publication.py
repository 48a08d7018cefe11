"""The publication rule of indicator figures, by example and attacked: nothing below min_n or below the
lowest level is shown, and no withheld figure can be computed from the shown ones by any combination of the
tables' equations (sums, and means weighted by n), whatever tree, n, values and rule are drawn."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grundlag.indicators.models import Indicator, Observation, PeriodKind, PublicationLevel
from grundlag.indicators.publication import (
    LEVEL_RANK,
    Shown,
    Withheld,
    Withholding,
    publication,
    publication_load,
    unit_levels,
)
from grundlag.organisation.tests.factories import UnitFactory


@dataclass(frozen=True)
class U:
    id: int
    parent_id: int | None
    kind: str = "Skole"


@dataclass(frozen=True)
class Obs:
    unit_id: int | None
    value: Decimal | None
    n: int | None
    sd: Decimal | None = None


@dataclass(frozen=True)
class R:
    min_n: int = 5
    lowest_level: str = PublicationLevel.UNIT


def statuses(result):
    return {pk: (f.value if isinstance(f, Shown) else f.reason) for pk, f in result.figures.items()}


# A municipality (1) with three schools (2, 3, 4) and a department of school 2 (5).
REGISTER = [U(1, None, "Kommune"), U(2, 1), U(3, 1), U(4, 1), U(5, 2, "Afdeling")]


# --- Rules 1–3 --------------------------------------------------------------------------------------


def test_a_figure_below_min_n_is_withheld_as_too_few_and_one_at_min_n_is_shown():
    result = publication(
        rule=R(min_n=5), observations=[Obs(2, Decimal("3.1"), 4), Obs(3, Decimal("3.2"), 5)], units=REGISTER
    )

    assert result.figure(2) == Withheld(2, Withholding.TOO_FEW)
    assert result.figure(3) == Shown(3, Decimal("3.2"), 5, None)


def test_a_blank_is_not_published_whatever_its_n():
    result = publication(rule=R(), observations=[Obs(2, None, 500)], units=REGISTER)

    assert result.figure(2) == Withheld(2, Withholding.NOT_PUBLISHED)


def test_with_n_unknown_a_figure_is_shown_only_when_the_source_published_it():
    result = publication(
        rule=R(min_n=50), observations=[Obs(2, Decimal("7.3"), None), Obs(3, None, None)], units=REGISTER
    )

    assert result.figure(2) == Shown(2, Decimal("7.3"), None, None)
    assert result.figure(3) == Withheld(3, Withholding.NOT_PUBLISHED)


def test_levels_follow_the_register_tree():
    region = [
        U(9, None, "Region"),
        U(1, 9, "kommune"),
        U(2, 1, "Skole"),
        U(5, 2, "Afdeling"),
        U(6, 5, "Team"),
    ]

    assert unit_levels(region) == {
        9: PublicationLevel.MUNICIPALITY,  # above a municipality
        1: PublicationLevel.MUNICIPALITY,  # the kind in any letter case
        2: PublicationLevel.INSTITUTION,
        5: PublicationLevel.UNIT,
        6: PublicationLevel.UNIT,
    }
    assert set(unit_levels([U(1, None, "Forvaltning"), U(2, 1)]).values()) == {PublicationLevel.UNIT}


@pytest.mark.parametrize(
    ("lowest", "shown"),
    [
        (PublicationLevel.UNIT, {None, 1, 2, 3, 5}),
        (PublicationLevel.INSTITUTION, {None, 1, 2, 3}),
        (PublicationLevel.MUNICIPALITY, {None, 1}),
        (PublicationLevel.NATIONAL, {None}),
    ],
)
def test_nothing_below_the_lowest_level_is_shown(lowest, shown):
    observations = [Obs(pk, Decimal("3.5"), 40) for pk in (None, 1, 2, 3, 5)]

    result = publication(rule=R(lowest_level=lowest), observations=observations, units=REGISTER)

    visible = {f.unit_id for f in [result.national, *result.figures.values()] if f is not None and f.shown}
    assert visible == shown
    assert {f.reason for f in result.figures.values() if isinstance(f, Withheld)} <= {Withholding.LEVEL}


def test_the_national_figure_has_its_own_n_and_is_never_withheld_to_protect_a_unit():
    rule = R(min_n=5, lowest_level=PublicationLevel.NATIONAL)
    result = publication(
        rule=rule, observations=[Obs(None, Decimal("6.1"), 60000), Obs(1, Decimal("6"), 300)], units=REGISTER
    )

    assert result.national == Shown(None, Decimal("6.1"), 60000, None)
    assert publication(rule=rule, observations=[Obs(None, Decimal("6.1"), 3)], units=[]).national == Withheld(
        None, Withholding.TOO_FEW
    )


def test_two_figures_of_one_unit_are_refused():
    with pytest.raises(ValueError, match="one period"):
        publication(rule=R(), observations=[Obs(2, Decimal(1), 9), Obs(2, Decimal(2), 9)], units=REGISTER)


# --- Rule 4: secondary suppression --------------------------------------------------------------------


def test_a_lone_small_child_takes_the_next_smallest_shown_child_with_it():
    units = [U(1, None, "Kommune"), *(U(pk, 1) for pk in (2, 3, 4, 5))]
    observations = [
        Obs(1, Decimal("10"), 100),
        Obs(2, Decimal("1"), 3),
        Obs(3, Decimal("2"), 20),
        Obs(4, Decimal("3"), 30),
    ]
    observations.append(Obs(5, Decimal("4"), 47))

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    assert statuses(result) == {
        1: Decimal("10"),
        2: Withholding.TOO_FEW,
        3: Withholding.SECONDARY,
        4: Decimal("3"),
        5: Decimal("4"),
    }
    assert [f.unit_id for f in result.below(1)] == [2, 3, 4, 5]


def test_hidden_children_that_together_hold_fewer_than_min_n_take_another_with_them():
    units = [U(1, None), *(U(pk, 1) for pk in (2, 3, 4, 5))]
    observations = [
        Obs(1, Decimal("9"), 93),
        Obs(2, Decimal("1"), 1),
        Obs(3, Decimal("1"), 2),
        Obs(4, Decimal("5"), 40),
    ]
    observations.append(Obs(5, Decimal("6"), 50))

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    assert statuses(result) == {
        1: Decimal("9"),
        2: Withholding.TOO_FEW,
        3: Withholding.TOO_FEW,
        4: Withholding.SECONDARY,
        5: Decimal("6"),
    }


def test_when_no_child_is_left_to_hide_the_parent_is_withheld():
    units = [U(1, None), U(2, 1)]

    result = publication(
        rule=R(min_n=5), observations=[Obs(1, Decimal("9"), 30), Obs(2, Decimal("1"), 2)], units=units
    )

    assert statuses(result) == {1: Withholding.SECONDARY, 2: Withholding.TOO_FEW}


def test_a_child_the_source_did_not_publish_gives_no_protection():
    units = [U(1, None), U(2, 1), U(3, 1), U(4, 1)]
    observations = [
        Obs(1, Decimal("9"), 30),
        Obs(2, Decimal("1"), 2),
        Obs(3, None, 10),
        Obs(4, Decimal("3"), 18),
    ]

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    assert statuses(result) == {
        1: Decimal("9"),
        2: Withholding.TOO_FEW,
        3: Withholding.NOT_PUBLISHED,
        4: Withholding.SECONDARY,
    }


def test_suppression_travels_up_and_down_the_tree_so_every_page_agrees():
    # 1 ⟶ 2, 3;  2 ⟶ 4 (too few);  3 ⟶ 5, 6.  Withholding 2 (alone over 4) exposes it in 1's table, so 3
    # goes too, and then 3 alone in its own table takes its smallest child, 5.
    units = [U(1, None), U(2, 1), U(3, 1), U(4, 2), U(5, 3), U(6, 3)]
    observations = [
        Obs(1, Decimal("5"), 100),
        Obs(2, Decimal("4"), 30),
        Obs(3, Decimal("6"), 70),
        Obs(4, Decimal("1"), 2),
        Obs(5, Decimal("7"), 20),
        Obs(6, Decimal("8"), 50),
    ]

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    assert statuses(result) == {
        1: Decimal("5"),
        2: Withholding.SECONDARY,
        3: Withholding.SECONDARY,
        4: Withholding.TOO_FEW,
        5: Withholding.SECONDARY,
        6: Decimal("8"),
    }


def test_a_unit_without_a_figure_is_seen_through_to_the_units_below_it():
    units = [U(1, None), U(2, 1), U(3, 2), U(4, 2)]  # 2 has no figure: 3 and 4 are in 1's table

    result = publication(
        rule=R(min_n=5),
        observations=[Obs(1, Decimal(5), 40), Obs(3, Decimal(1), 1), Obs(4, Decimal(6), 39)],
        units=units,
    )

    assert result.tables == {1: (3, 4)}
    assert statuses(result) == {1: Decimal(5), 3: Withholding.TOO_FEW, 4: Withholding.SECONDARY}


def test_a_figure_of_n_0_gives_no_cover_in_a_weighted_mean():
    # 1 ⟶ 2, 3 (too few), 4;  2 ⟶ 5 (n 0), 6.  In 1's table 3 takes 2 (the smallest) with it. In 2's table,
    # 2 beside 5 alone would do for a sum, but a weighted mean gives 6 × m2 = 0 × m5 + 6 × m6: 2 would be 6,
    # and then 3 would be 1 minus 2 and 4. So 6 goes too.
    units = [U(1, None), U(2, 1), U(3, 1), U(4, 1), U(5, 2), U(6, 2)]
    observations = [
        Obs(1, Decimal("5"), 19),
        Obs(2, Decimal("4"), 6),
        Obs(3, Decimal("1"), 3),
        Obs(4, Decimal("6"), 10),
        Obs(5, Decimal("0"), 0),
        Obs(6, Decimal("4"), 6),
    ]

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    assert statuses(result) == {
        1: Decimal("5"),
        2: Withholding.SECONDARY,
        3: Withholding.TOO_FEW,
        4: Decimal("6"),
        5: Withholding.TOO_FEW,
        6: Withholding.SECONDARY,
    }
    assert _computable(result, observations, weighted=True) == []


def test_a_withheld_value_is_nowhere_in_the_result():
    units = [U(1, None), U(2, 1), U(3, 1), U(4, 1)]
    secret = [
        Obs(2, Decimal("4.8123"), 2, Decimal("0.7777")),
        Obs(3, Decimal("2.9191"), 3, Decimal("0.6666")),
    ]
    observations = [Obs(1, Decimal("3.5"), 400), *secret, Obs(4, Decimal("3.5"), 395)]

    result = publication(rule=R(min_n=5), observations=observations, units=units)

    text = repr(result) + str(result) + repr(list(result.figures.values()))
    for observation in secret:
        assert str(observation.value) not in text and str(observation.sd) not in text
    assert not hasattr(result.figure(2), "value") and not hasattr(result.figure(2), "n")
    assert result.figure(2).label == str(Withholding.TOO_FEW.label)


# --- The database loader ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_loader_decides_one_period_over_the_whole_organisation(django_assert_max_num_queries):
    indicator = Indicator.objects.create(
        key="trivsel", name="Trivsel", data_type="perceptionsdata", direction="higher", min_n=5
    )
    municipality = UnitFactory(kind="Kommune")
    schools = [UnitFactory(parent=municipality, kind="Institution uden enheder") for _ in range(3)]
    department = UnitFactory(parent=schools[0], kind="Afdeling")
    start = datetime.date(2023, 8, 1)
    for unit, value, n in [
        (None, "3.9", 50000),
        (municipality, "3.8", 300),
        (schools[0], "3.7", 3),
        (schools[1], "3.9", 97),
        (schools[2], "3.8", 200),
        (department, "3.7", 3),
    ]:
        Observation.objects.create(
            indicator=indicator,
            unit=unit,
            period_kind=PeriodKind.SCHOOL_YEAR,
            period_start=start,
            period="2023/24",
            value=Decimal(value),
            n=n,
        )
    Observation.objects.create(  # another period: not part of the decision
        indicator=indicator,
        unit=schools[1],
        period_kind=PeriodKind.SCHOOL_YEAR,
        period_start=datetime.date(2022, 8, 1),
        period="2022/23",
        value=Decimal("1"),
        n=1,
    )

    with django_assert_max_num_queries(2):
        result = publication_load(indicator=indicator, period_kind=PeriodKind.SCHOOL_YEAR, period_start=start)

    assert result.national == Shown(None, Decimal("3.9000"), 50000, None)
    assert result.figure(municipality.pk) == Shown(municipality.pk, Decimal("3.8000"), 300, None)
    assert result.figure(schools[0].pk) == Withheld(schools[0].pk, Withholding.TOO_FEW)
    assert result.figure(schools[1].pk) == Withheld(schools[1].pk, Withholding.SECONDARY)
    assert result.figure(schools[2].pk) == Shown(schools[2].pk, Decimal("3.8000"), 200, None)
    assert result.figure(department.pk) == Withheld(department.pk, Withholding.TOO_FEW)

    indicator.lowest_level = PublicationLevel.MUNICIPALITY
    result = publication_load(indicator=indicator, period_kind=PeriodKind.SCHOOL_YEAR, period_start=start)
    assert [f.unit_id for f in result.figures.values() if f.shown] == [municipality.pk]


# --- Attacked -----------------------------------------------------------------------------------------

KINDS = st.sampled_from(["Kommune", "Skole", "Skole", "Afdeling", "Team"])
LEVELS = st.sampled_from([PublicationLevel.UNIT, *PublicationLevel])  # any unit most often
DECIMALS = st.decimals(min_value=0, max_value=100, places=2)
VALUES = st.one_of(st.none(), DECIMALS, DECIMALS, DECIMALS)  # mostly published


def _adding_up(draw, units, observations):
    """The same figures with every parent's n the sum of its table's n (so that weighted means can be
    attacked), mostly exactly, sometimes with a few more of its own."""
    parents = {u.id: u.parent_id for u in units}
    observed = {o.unit_id for o in observations}
    n_of = {o.unit_id: o.n for o in observations}
    summed: set[int] = set()
    for pk in sorted(observed, reverse=True):  # a parent's id is below its children's: they come first
        if pk in summed:
            n_of[pk] += draw(st.sampled_from([0, 0, 0, 1, 7]))
        above = parents[pk]
        while above is not None and above not in observed:
            above = parents[above]
        if above is not None:
            n_of[above] = (n_of[above] if above in summed else 0) + n_of[pk]
            summed.add(above)
    return [Obs(o.unit_id, o.value, n_of[o.unit_id], o.sd) for o in observations]


@st.composite
def worlds(draw, *, n_known: bool = False):
    """A random forest of up to 12 units (each a child of an earlier one, or a root; or one parent with the
    rest as its children), with figures for most of them and the national figure, and a random rule; with
    `n_known`, every n is known and the n add up from the children to their parent."""
    size = draw(st.integers(1, 12))
    flat = draw(st.booleans())  # half of the time one parent and its children, as most pages show
    units = [U(0, None, draw(KINDS))]
    for pk in range(1, size):
        parent = 0 if flat else draw(st.one_of(st.none(), *[st.integers(0, pk - 1)] * 3))  # mostly a child
        units.append(U(pk, parent, draw(KINDS)))
    observed = draw(st.lists(st.sampled_from([True, True, True, False]), min_size=size, max_size=size))
    known = st.one_of(st.integers(0, 12), st.integers(0, 40), st.just(0))  # often near min_n, or 0
    n = known if n_known else st.one_of(st.none(), known, known)
    observations = [
        Obs(u.id, draw(VALUES), draw(n), draw(VALUES))
        for u, keep in zip(units, observed, strict=True)
        if keep
    ]
    if n_known:
        observations = _adding_up(draw, units, observations)
    if draw(st.booleans()):
        observations.append(Obs(None, draw(VALUES), draw(n)))
    rule = R(min_n=draw(st.integers(1, 10)), lowest_level=draw(LEVELS))
    return rule, units, observations


def _rank(rows: list[list[Fraction]]) -> int:
    """The rank of a matrix, by exact Gaussian elimination."""
    rows = [row[:] for row in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][column] != 0:
                factor = rows[i][column] / rows[rank][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _computable(result, observations, *, weighted: bool) -> list[int]:
    """The withheld figures a reader could compute from the shown ones, assuming every table's children make
    up its parent exactly (and the worst of what the source did not publish: that it is left out of the
    parent's figure), and knowing every n: a figure is computable when its unit vector lies in the row space
    of the tables' equations over the withheld ones."""
    n_of = {o.unit_id: o.n for o in observations}
    figures = result.figures
    unknown = sorted(
        pk for pk, f in figures.items() if isinstance(f, Withheld) and f.reason != Withholding.NOT_PUBLISHED
    )
    index = {pk: i for i, pk in enumerate(unknown)}
    equations = []
    for parent, all_children in result.tables.items():
        if getattr(figures[parent], "reason", None) == Withholding.NOT_PUBLISHED:
            continue  # no one knows the parent: no equation
        children = [
            pk for pk in all_children if getattr(figures[pk], "reason", None) != Withholding.NOT_PUBLISHED
        ]
        if not children or (weighted and n_of[parent] != sum(n_of[pk] for pk in children)):
            continue  # the n do not add up: the children do not make up the parent
        row = [Fraction(0)] * len(unknown)
        for pk, sign in [(parent, -1), *((child, 1) for child in children)]:
            if pk in index:
                row[index[pk]] += sign * (n_of[pk] if weighted else 1)
        equations.append(row)
    found = []
    for pk, i in index.items():
        target = [Fraction(int(j == i)) for j in range(len(unknown))]
        if equations and _rank([*equations, target]) == _rank(equations):
            found.append(pk)
    return found


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_nothing_below_min_n_or_below_the_lowest_level_is_ever_shown(world):
    rule, units, observations = world
    levels = unit_levels(units)

    result = publication(rule=rule, observations=observations, units=units)

    by_unit = {o.unit_id: o for o in observations}
    for figure in [result.national, *result.figures.values()]:
        if figure is None or not figure.shown:
            continue
        source = by_unit[figure.unit_id]
        assert source.value is not None and figure.value == source.value
        assert source.n is None or source.n >= rule.min_n
        level = PublicationLevel.NATIONAL if figure.unit_id is None else levels[figure.unit_id]
        assert LEVEL_RANK[level] >= LEVEL_RANK[PublicationLevel(rule.lowest_level)]
    assert set(result.figures) | ({None} if result.national else set()) == set(by_unit)


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_a_shown_parent_never_stands_beside_exactly_one_withheld_child(world):
    rule, units, observations = world

    result = publication(rule=rule, observations=observations, units=units)

    for parent, children in result.tables.items():
        withheld = [pk for pk in children if isinstance(result.figures[pk], Withheld)]
        ours = [pk for pk in withheld if result.figures[pk].reason != Withholding.NOT_PUBLISHED]
        if result.figures[parent].shown and len(ours) == 1:
            # allowed only where the one hidden child, withheld for level, and the not published ones are
            # all there is below the parent: then they are the parent itself
            assert result.figures[ours[0]].reason == Withholding.LEVEL
            assert not any(result.figures[pk].shown for pk in children)


@settings(max_examples=400, deadline=None)
@given(worlds(n_known=True), st.booleans())
def test_no_withheld_figure_can_be_computed_from_the_shown_ones(world, weighted):
    rule, units, observations = world

    result = publication(rule=rule, observations=observations, units=units)

    # The one thing a reader may compute: units withheld for level alone below a shown unit, whose table shows
    # no child, which together are that unit itself (at a level where it may be shown).
    table_of = {child: parent for parent, children in result.tables.items() for child in children}
    for pk in _computable(result, observations, weighted=weighted):
        assert result.figures[pk].reason == Withholding.LEVEL
        assert not any(result.figures[sibling].shown for sibling in result.tables[table_of[pk]])


@settings(max_examples=200, deadline=None)
@given(worlds())
def test_no_withheld_value_appears_in_the_result(world):
    rule, units, drawn = world
    # Every value and standard deviation made unmistakable, so that finding one in the text means it leaked.
    observations = [
        Obs(
            o.unit_id,
            None if o.value is None else Decimal(f"{9100 + i}.3917"),
            o.n,
            None if o.sd is None else Decimal(f"{9500 + i}.7193"),
        )
        for i, o in enumerate(drawn)
    ]

    result = publication(rule=rule, observations=observations, units=units)

    text = repr(result) + repr([result.national, *result.figures.values()])
    for observation in observations:
        figure = result.national if observation.unit_id is None else result.figures[observation.unit_id]
        if isinstance(figure, Withheld):
            for secret in (observation.value, observation.sd):
                assert secret is None or str(secret) not in text
