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


pairs = st.dictionaries(
    st.tuples(st.integers(0, 6), st.integers(0, 3)),
    st.integers(0, 30).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),  # (answers, scores)
    max_size=12,
)


@given(pairs)
def test_with_scores_no_group_below_k_real_scores_is_shown_and_no_difference_isolates_fewer_than_k(table):
    answers = {key: n for key, (n, _s) in table.items()}
    scores = {key: s for key, (_n, s) in table.items()}

    shown = groups_shown(answers, k=K, scores=scores)

    assert all(scores[key] >= K for key in shown)
    for measure in (answers, scores):
        if sum(measure.values()) >= K:  # the total shown (its answers; its counts from k real scores)
            left = sum(measure.values()) - sum(measure[key] for key in shown)
            assert left == 0 or left >= K


def test_a_group_of_answers_that_are_mostly_dont_know_is_hidden():
    assert groups_shown({"Ahorn": 5}, k=5, scores={"Ahorn": 1}) == set()


def test_hidden_groups_with_too_few_real_scores_take_the_smallest_shown_one_with_them():
    # Birk and Eg hide 5 answers between them (enough) but only 2 real scores: Ahorn goes too.
    answers = {"Ahorn": 5, "Birk": 3, "Eg": 2, "Fyr": 9}
    scores = {"Ahorn": 5, "Birk": 1, "Eg": 1, "Fyr": 9}

    assert groups_shown(answers, k=5) == {"Ahorn", "Fyr"}
    assert groups_shown(answers, k=5, scores=scores) == {"Fyr"}
