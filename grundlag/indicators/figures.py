"""The arithmetic of the indicator pages: 95% intervals, year-to-year changes and whether a change lies within
the noise. Pure functions of numbers, no database; the selectors put shown figures in and the pages show what
comes out.

A figure that is a mean of n answers with standard deviation sd has the standard error se = sd / √n. Its 95%
interval is value ± 1.96·se. Two years' figures of one unit differ by chance alone by less than
1.96·√(se₁² + se₂²) in 95 of 100 cases (the two samples taken as independent), so a change smaller than
that lies WITHIN THE NOISE: it may be chance. A change is only judged where both years' n and sd are known.
A school's well-being score rests on a few hundred answers with sd ≈ 0.6: se ≈ 0.04, and a change of less
than about 0.1 is noise, which most year-to-year changes are.
"""

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

Z95 = 1.96  # the normal distribution's 97.5 % quantile: a two-sided 95 % interval

Number = Decimal | float | int


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class Estimate:
    """A shown figure: its value and, where known, n and the standard deviation."""

    value: Number
    n: int | None = None
    sd: Number | None = None


@dataclass(frozen=True)
class Change:
    """From one period to the next: the difference, and the margin chance alone stays within (None: the
    margin cannot be told, n or sd not known for both)."""

    delta: float
    margin: float | None

    @property
    def within_noise(self) -> bool | None:
        """True: the change may be chance; False: larger than chance alone gives; None: cannot be told."""
        return None if self.margin is None else abs(self.delta) < self.margin


def standard_error(*, n: int | None, sd: Number | None) -> float | None:
    """sd / √n, or None where n or sd is not known (or n is 0)."""
    if n is None or sd is None or n <= 0:
        return None
    return float(sd) / math.sqrt(n)


def interval95(estimate: Estimate) -> Interval | None:
    """value ± 1.96·sd/√n, or None where n or sd is not known."""
    se = standard_error(n=estimate.n, sd=estimate.sd)
    if se is None:
        return None
    value = float(estimate.value)
    return Interval(value - Z95 * se, value + Z95 * se)


def change(*, before: Estimate, after: Estimate) -> Change:
    """The change from `before` to `after`, with the noise margin 1.96·√(se₁² + se₂²) where both are known."""
    delta = float(after.value) - float(before.value)
    first, second = (
        standard_error(n=before.n, sd=before.sd),
        standard_error(n=after.n, sd=after.sd),
    )
    margin = None if first is None or second is None else Z95 * math.hypot(first, second)
    return Change(delta, margin)


def changes_between(estimates: Sequence[Estimate | None]) -> list[Change | None]:
    """The change into each period from the one before (None where either is missing); one shorter."""
    return [
        change(before=before, after=after) if before is not None and after is not None else None
        for before, after in zip(estimates, estimates[1:], strict=False)
    ]


def mostly_within_noise(changes: Iterable[Change | None]) -> bool:
    """At least two changes could be judged and more than half of them lie within the noise."""
    judged = [c.within_noise for c in changes if c is not None and c.within_noise is not None]
    return len(judged) >= 2 and 2 * sum(judged) > len(judged)


def median(values: Iterable[Number]) -> float | None:
    """The median of the values (None for none)."""
    numbers = [float(value) for value in values]
    return statistics.median(numbers) if numbers else None
