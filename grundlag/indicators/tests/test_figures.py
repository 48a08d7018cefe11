"""The arithmetic of the indicator pages: 95% intervals, year-to-year changes and the noise rule."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grundlag.indicators.figures import (
    Z95,
    Change,
    Estimate,
    change,
    changes_between,
    interval95,
    median,
    mostly_within_noise,
    standard_error,
)

values = st.floats(min_value=-1000, max_value=1000, allow_nan=False)
ns = st.integers(min_value=1, max_value=1_000_000)
sds = st.floats(min_value=0, max_value=100, allow_nan=False)
estimates = st.builds(Estimate, values, ns, sds)


def test_it_has_no_standard_error_without_n_or_sd():
    assert standard_error(n=None, sd=Decimal("0.6")) is None
    assert standard_error(n=100, sd=None) is None
    assert standard_error(n=0, sd=Decimal("0.6")) is None


def test_the_interval_is_the_value_plus_and_minus_1_96_standard_errors():
    interval = interval95(Estimate(Decimal("3.9"), 100, Decimal("0.6")))
    assert interval is not None
    assert interval.low == pytest.approx(3.9 - 1.96 * 0.06)
    assert interval.high == pytest.approx(3.9 + 1.96 * 0.06)
    assert interval95(Estimate(Decimal("412"))) is None


def test_a_well_being_change_of_a_few_hundredths_is_within_the_noise():
    before = Estimate(Decimal("3.88"), 120, Decimal("0.6"))
    assert change(before=before, after=Estimate(Decimal("3.93"), 118, Decimal("0.6"))).within_noise is True
    assert change(before=before, after=Estimate(Decimal("4.13"), 118, Decimal("0.6"))).within_noise is False


def test_a_change_without_n_and_sd_on_both_sides_cannot_be_judged():
    judged = change(before=Estimate(412), after=Estimate(420, 100, 0.6))
    assert judged.delta == 8
    assert judged.margin is None
    assert judged.within_noise is None


@given(estimates)
def test_the_interval_holds_the_value_and_is_symmetric(estimate):
    interval = interval95(estimate)
    assert interval is not None
    assert interval.low <= estimate.value <= interval.high
    assert math.isclose(estimate.value - interval.low, interval.high - estimate.value, abs_tol=1e-6)


@given(values, ns, sds, ns)
def test_more_answers_never_widen_the_interval(value, n, sd, more):
    narrow, wide = interval95(Estimate(value, n + more, sd)), interval95(Estimate(value, n, sd))
    assert narrow.high - narrow.low <= wide.high - wide.low + 1e-9


@given(estimates, estimates)
def test_the_noise_rule_is_the_same_both_ways(first, second):
    forth, back = change(before=first, after=second), change(before=second, after=first)
    assert forth.margin == pytest.approx(back.margin)
    assert forth.delta == pytest.approx(-back.delta, abs=1e-9)
    assert forth.within_noise == back.within_noise or math.isclose(
        abs(forth.delta), forth.margin, rel_tol=1e-9
    )


@given(estimates, estimates)
def test_the_margin_is_1_96_times_the_standard_error_of_the_difference(first, second):
    margin = change(before=first, after=second).margin
    se1, se2 = standard_error(n=first.n, sd=first.sd), standard_error(n=second.n, sd=second.sd)
    assert margin == pytest.approx(Z95 * math.sqrt(se1**2 + se2**2))


@given(estimates)
def test_no_change_is_always_within_the_noise_unless_there_is_none(estimate):
    same = change(before=estimate, after=estimate)
    assert same.within_noise is (same.margin > 0)


def test_changes_are_taken_between_neighbours_only_where_both_are_shown():
    a, b, c = Estimate(1), Estimate(2), Estimate(4)
    assert [step.delta if step else None for step in changes_between([a, b, None, c])] == [1, None, None]


def test_most_changes_are_within_the_noise_only_when_more_than_half_of_at_least_two_are():
    within, beyond, unknown = Change(0.01, 0.1), Change(0.5, 0.1), Change(0.5, None)
    assert mostly_within_noise([within, within, beyond])
    assert not mostly_within_noise([within, beyond])
    assert not mostly_within_noise([within, unknown, None])  # one judged change says nothing of most
    assert not mostly_within_noise([])


def test_the_median_of_no_values_is_none():
    assert median([]) is None
    assert median([Decimal("3"), Decimal("1"), Decimal("2")]) == 2
