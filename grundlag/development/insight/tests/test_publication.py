"""The publication rule of the insight tables, attacked: no shown group below k, and what the total minus the
shown groups leaves (the only difference a reader can take) is nothing or at least k."""

from hypothesis import given
from hypothesis import strategies as st

from grundlag.development.insight.publication import groups_shown, total_shown

K = 5
counts = st.dictionaries(st.tuples(st.integers(0, 6), st.integers(0, 3)), st.integers(0, 40), max_size=12)


@given(counts)
def test_no_group_below_k_is_shown_and_no_difference_isolates_fewer_than_k(table):
    shown = groups_shown(table, k=K)

    assert all(table[key] >= K for key in shown)
    if total_shown(table, k=K):  # the total shown, it minus the shown groups is the one difference to take
        left = sum(table.values()) - sum(table[key] for key in shown)
        assert left == 0 or left >= K


def test_a_lone_small_group_takes_the_smallest_shown_one_with_it():
    table = {"Ahorn": 12, "Birk": 6, "Eg": 2}

    assert groups_shown(table, k=5) == {"Ahorn"}


def test_groups_at_k_are_shown_when_nothing_is_hidden_or_enough_is():
    assert groups_shown({"a": 5, "b": 5}, k=5) == {"a", "b"}
    assert groups_shown({"a": 5, "b": 5, "c": 3, "d": 2}, k=5) == {"a", "b"}
