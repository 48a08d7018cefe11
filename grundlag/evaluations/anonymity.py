"""The anonymity gate: the one place that reads answers, comments and responses for reports.

An ATOM is (evaluee, rater group, question): the scale answers that group's respondents gave to that
question. An atom is publishable only if the group has at least k respondents for the evaluee AND the
atom holds at least k real scores ("Ved ikke" is no score). Every published figure is a sum of whole
publishable atoms, so any sum or difference of published figures is again over whole atoms, each
resting on at least k respondents: differencing can never isolate fewer than k.

Self is k=1 and only in the evaluee's own report; the superior is k=1 and only where the cycle shows
them. Neither enters a figure combined across evaluees.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from .models import SCALE_VALUES, Answer, Comment, Evaluee, QuestionKind, RaterGroup, Response

# The promise in DESIGN.md: no threshold below this, whatever the settings say.
MINIMUM_THRESHOLD = 3

# Groups answered anonymously, each by a threshold from the settings.
ANONYMOUS_GROUPS = (RaterGroup.EMPLOYEE, RaterGroup.PEER, RaterGroup.OTHER)
# Groups shown as who they are (one person each): only in one leader's own report.
IDENTIFIED_GROUPS = (RaterGroup.SELF, RaterGroup.SUPERIOR)


def threshold(group: str) -> int:
    """k for a rater group (never below 3); self and the superior are one identified person each."""
    if group in IDENTIFIED_GROUPS:
        return 1
    configured = settings.EVALUATION_THRESHOLDS.get(group, MINIMUM_THRESHOLD)
    return max(MINIMUM_THRESHOLD, int(configured))


def comment_threshold(group: str) -> int:
    if group in IDENTIFIED_GROUPS:
        return 1
    configured = max(MINIMUM_THRESHOLD, int(settings.EVALUATION_THRESHOLDS.get("comments", 5)))
    return max(configured, threshold(group))


@dataclass(frozen=True)
class Figure:
    """Counts over whole publishable atoms: how many real scores, their sum, and how many of each value."""

    count: int = 0
    total: int = 0
    value_counts: tuple[int, ...] = (0,) * len(SCALE_VALUES)
    # The fewest respondents any atom in the figure rests on (for the property tests and for display).
    least_respondents: int = 0

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    def __add__(self, other: "Figure") -> "Figure":
        if not other.count:
            return self
        if not self.count:
            return other
        return Figure(
            count=self.count + other.count,
            total=self.total + other.total,
            value_counts=tuple(a + b for a, b in zip(self.value_counts, other.value_counts, strict=True)),
            least_respondents=min(self.least_respondents, other.least_respondents),
        )


EMPTY = Figure()


@dataclass
class Atom:
    evaluee_id: int
    group: str
    question_id: int
    respondents: int  # n(evaluee, group): the group's respondents, not this question's
    value_counts: list[int] = field(default_factory=lambda: [0] * len(SCALE_VALUES))
    dont_know: int = 0

    @property
    def count(self) -> int:
        return sum(self.value_counts)

    def figure(self) -> Figure:
        return Figure(
            count=self.count,
            total=sum(v * c for v, c in zip(SCALE_VALUES, self.value_counts, strict=True)),
            value_counts=tuple(self.value_counts),
            least_respondents=self.respondents,
        )


@dataclass
class Gate:
    """The answers of a set of evaluees as atoms, with the rules that say what may be published."""

    evaluees: dict[int, Evaluee]
    respondents: dict[tuple[int, str], int]
    atoms: dict[tuple[int, str, int], Atom]
    comments: dict[tuple[int, str, int], list[str]]

    # --- Counts ---------------------------------------------------------------------------------

    def respondent_count(self, evaluee_id: int, group: str) -> int:
        return self.respondents.get((evaluee_id, group), 0)

    def group_shown(self, evaluee_id: int, group: str, *, own_report: bool = True) -> bool:
        """Whether anything of this group may be shown for the evaluee (in their report, or combined)."""
        evaluee = self.evaluees[evaluee_id]
        if group == RaterGroup.SELF:
            return own_report and self.respondent_count(evaluee_id, group) >= 1
        if group == RaterGroup.SUPERIOR:
            return (
                own_report and evaluee.cycle.superior_shown and self.respondent_count(evaluee_id, group) >= 1
            )
        return self.respondent_count(evaluee_id, group) >= threshold(group)

    # --- Figures --------------------------------------------------------------------------------

    def _publishable(self, atom: Atom, *, own_report: bool) -> bool:
        return self.group_shown(
            atom.evaluee_id, atom.group, own_report=own_report
        ) and atom.count >= threshold(atom.group)

    def figure(self, *, evaluee_ids, groups, question_ids, own_report: bool = True) -> Figure | None:
        """The sum of the publishable atoms in the selection; None when not one of them is publishable."""
        if not own_report:
            groups = [g for g in groups if g not in IDENTIFIED_GROUPS]
        result, any_atom = EMPTY, False
        for evaluee_id in evaluee_ids:
            for group in groups:
                for question_id in question_ids:
                    atom = self.atoms.get((evaluee_id, group, question_id))
                    if atom is not None and self._publishable(atom, own_report=own_report):
                        result, any_atom = result + atom.figure(), True
        return result if any_atom else None

    def dont_know_share(self, *, evaluee_id: int, group: str, question_id: int) -> float | None:
        """The share of "Ved ikke" among the group's answers to the question, if the group is shown."""
        if not self.group_shown(evaluee_id, group):
            return None
        atom = self.atoms.get((evaluee_id, group, question_id))
        if atom is None or not (atom.count + atom.dont_know):
            return None
        return atom.dont_know / (atom.count + atom.dont_know)

    def comments_for(self, *, evaluee_id: int, group: str, question_id: int) -> list[str] | None:
        """The group's answers to an open question, in an order that says nothing; None when hidden."""
        if not self.group_shown(evaluee_id, group):
            return None
        if self.respondent_count(evaluee_id, group) < comment_threshold(group):
            return None
        texts = self.comments.get((evaluee_id, group, question_id), [])
        return sorted(texts, key=lambda text: (text.casefold(), text))


def gate_load(*, evaluees) -> Gate:
    """Read the answers of these evaluees as atoms in three grouped queries."""
    by_id = {evaluee.pk: evaluee for evaluee in evaluees}
    ids = list(by_id)
    respondents = {
        (row["evaluee_id"], row["group"]): row["n"]
        for row in Response.objects.filter(evaluee_id__in=ids)
        .values("evaluee_id", "group")
        .annotate(n=Count("id"))
        .order_by()
    }
    atoms: dict[tuple[int, str, int], Atom] = {}
    rows = (
        Answer.objects.filter(response__evaluee_id__in=ids, question__kind=QuestionKind.SCALE)
        .values("response__evaluee_id", "response__group", "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        key = (row["response__evaluee_id"], row["response__group"], row["question_id"])
        atom = atoms.get(key)
        if atom is None:
            atom = atoms[key] = Atom(*key, respondents=respondents.get(key[:2], 0))
        if row["value"] is None:
            atom.dont_know += row["n"]
        else:
            atom.value_counts[SCALE_VALUES.index(row["value"])] += row["n"]
    comments: dict[tuple[int, str, int], list[str]] = defaultdict(list)
    for evaluee_id, group, question_id, text in Comment.objects.filter(
        response__evaluee_id__in=ids
    ).values_list("response__evaluee_id", "response__group", "question_id", "text"):
        if text.strip():
            comments[(evaluee_id, group, question_id)].append(text)
    return Gate(evaluees=by_id, respondents=respondents, atoms=atoms, comments=dict(comments))
