"""Which groups of an insight table may be shown: the one place that decides it.

A table shows one partition of the year's leaders (each leader in exactly one group: the unit at the insight
depth above their unit, and their level), so no two of its figures overlap except through the total. A group
is shown only with at least k leaders (or k real scores); the groups below k are hidden whole, and while the
hidden groups together hold fewer than k (but more than none), the smallest shown group is hidden too. So the
total minus every shown group, the only difference a reader can take, is either nothing or at least k.
"""

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def groups_shown(counts: Mapping[K, int], *, k: int) -> set[K]:
    """The groups that may be shown, by their counts (primary suppression below k, then secondary)."""
    shown = {key for key, n in counts.items() if n >= k}
    hidden_sum = sum(n for key, n in counts.items() if key not in shown)
    while 0 < hidden_sum < k and shown:
        smallest = min(shown, key=lambda key: (counts[key], repr(key)))
        shown.discard(smallest)
        hidden_sum += counts[smallest]
    return shown


def total_shown(counts: Mapping[K, int], *, k: int) -> bool:
    """Whether the table's total may be shown: it covers at least k."""
    return sum(counts.values()) >= k
