"""Which groups of an insight table may be shown: the one place that decides it.

A table shows one partition of the year's leaders (each leader in exactly one group: the unit at the insight
depth above their unit, and their level), so no two of its figures overlap except through the total. A group
is shown only with at least k leaders, and where the table shows scores (the answers to "did it help?") only
with at least k real scores too ("Ved ikke" is not a score); the groups below k are hidden whole, and while
the hidden groups together hold fewer than k leaders, or fewer than k real scores (but more than none), the
smallest shown group is hidden too. So the total minus every shown group, the only difference a reader can
take, is either nothing or at least k, in leaders and in scores alike.
"""

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def groups_shown(counts: Mapping[K, int], *, k: int, scores: Mapping[K, int] | None = None) -> set[K]:
    """The groups that may be shown, by their counts and (where given) their real scores: primary
    suppression below k of either, then secondary on each."""
    measures = [counts] if scores is None else [counts, scores]
    shown = {key for key in counts if all(measure.get(key, 0) >= k for measure in measures)}

    def hidden_tells() -> bool:
        hidden = [sum(m.get(key, 0) for key in counts if key not in shown) for m in measures]
        return any(0 < n < k for n in hidden)

    while shown and hidden_tells():
        smallest = min(shown, key=lambda key: (*(m.get(key, 0) for m in reversed(measures)), repr(key)))
        shown.discard(smallest)
    return shown


def total_shown(counts: Mapping[K, int], *, k: int) -> bool:
    """Whether the table's total may be shown: it covers at least k."""
    return sum(counts.values()) >= k
