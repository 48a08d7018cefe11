"""The anonymity gate: the one place that reads answers, comments and responses for reports.

An ATOM is (evaluee, rater group, question): the scale answers that group's respondents gave to that
question. An atom is publishable only if the group has at least k respondents for the evaluee AND the
atom holds at least k real scores ("Ved ikke" is no score). Every published figure is a sum of whole
publishable atoms, so any sum or difference of published figures is again over whole atoms, each
resting on at least k respondents: differencing can never isolate fewer than k.

Self is k=1 and only in the evaluee's own report; the superior is k=1 and only where the cycle shows
them. Neither enters a figure combined across evaluees. Each is one identified person, so each is shown
only with exactly one respondent: a second person in either group (however they got there) would be shown
beside someone who knows their own answers and can subtract them, so such a group is dropped whole.

The surveys on the same engine (conditions, effects) have one respondent per person and no leader to
report on, so their atoms are BLOCKS instead: (block, question), where a block is a fixed set of leaders'
respondents made when the cycle closes (`Block`). A block is shown only with at least k respondents and
a question in it only with at least k real scores; every survey figure is a sum of whole shown blocks.
Survey cycles never reach the leader reports or the heatmap, whose atoms would cut the blocks finer.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, SupportsInt

from django.conf import settings
from django.db import connection, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, Min, Q, QuerySet, Sum

from grundlag.organisation.models import Unit

from ..models import (
    SCALE_VALUES,
    AtomAggregate,
    Block,
    BlockAggregate,
    BlockComment,
    Comment,
    Cycle,
    Evaluee,
    Instrument,
    RaterGroup,
    Response,
    SectionAggregate,
)

# The promise in DESIGN.md: no threshold below this, whatever the settings say.
MINIMUM_THRESHOLD = 3

# Groups answered anonymously, each by a threshold from the settings.
ANONYMOUS_GROUPS = (RaterGroup.EMPLOYEE, RaterGroup.PEER, RaterGroup.OTHER)
# Groups shown as who they are (one person each): only in one leader's own report.
IDENTIFIED_GROUPS = (RaterGroup.SELF, RaterGroup.SUPERIOR)
# An identified group is shown with exactly this many respondents, never more (see the module's docstring).
IDENTIFIED_GROUP_SIZE = 1


def threshold(group: str) -> int:
    """k for a rater group (never below 3); self and the superior are one identified person each, shown
    only when they are exactly one (`Gate.group_shown`), so their k is also their most."""
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


def _figure_from_counts(
    scores: SupportsInt, total: SupportsInt, counts: Iterable[SupportsInt], least: SupportsInt
) -> Figure:
    # int(): PostgreSQL sums integers as bigint or numeric; SQLite gives ints.
    return Figure(
        count=int(scores),
        total=int(total),
        value_counts=tuple(int(c) for c in counts),
        least_respondents=int(least),
    )


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
    # k per group, read from the settings once per gate (a report asks for it a thousand times).
    _thresholds: dict[str, int] = field(default_factory=dict, repr=False)

    def _threshold(self, group: str) -> int:
        k = self._thresholds.get(group)
        if k is None:
            k = self._thresholds[group] = threshold(group)
        return k

    # --- Counts ---------------------------------------------------------------------------------

    def respondent_count(self, evaluee_id: int, group: str) -> int:
        return self.respondents.get((evaluee_id, group), 0)

    def group_shown(self, evaluee_id: int, group: str, *, own_report: bool = True) -> bool:
        """Whether anything of this group may be shown for the evaluee (in their report, or combined)."""
        if group in IDENTIFIED_GROUPS:
            return own_report and self.identified_shown(evaluee_id, group)
        return self.respondent_count(evaluee_id, group) >= self._threshold(group)

    def identified_shown(self, evaluee_id: int, group: str) -> bool:
        """Self, or the superior where the cycle shows them, in the leader's own report: only as exactly one
        respondent. Two or more can be told apart by any one of them, so the group is then dropped whole."""
        if group == RaterGroup.SUPERIOR and not self.evaluees[evaluee_id].cycle.superior_shown:
            return False
        return self.respondent_count(evaluee_id, group) == IDENTIFIED_GROUP_SIZE

    def identified_crowded(self, evaluee_id: int, group: str) -> bool:
        """Whether an identified group is hidden because more than one person answered in it."""
        return group in IDENTIFIED_GROUPS and self.respondent_count(evaluee_id, group) > IDENTIFIED_GROUP_SIZE

    # --- Figures --------------------------------------------------------------------------------

    def _publishable(self, atom: Atom, *, own_report: bool) -> bool:
        return self.group_shown(
            atom.evaluee_id, atom.group, own_report=own_report
        ) and atom.count >= self._threshold(atom.group)

    def figure(
        self,
        *,
        evaluee_ids: Iterable[int],
        groups: Collection[str],
        question_ids: Collection[int],
        own_report: bool = True,
    ) -> Figure | None:
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


def gate_load(*, evaluees: Iterable[Evaluee]) -> Gate:
    """The atoms of these evaluees, as counted when their cycle closed, in three queries.

    Atoms come from `AtomAggregate` (filled by `services.aggregates_build` when a cycle closes: reports
    exist only for closed cycles); the thresholds are applied here, when reading, so a changed setting
    takes effect at once. Comments are read as written.
    """
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
    for row in AtomAggregate.objects.filter(evaluee_id__in=ids).values_list(
        "evaluee_id", "group", "question_id", "respondents", *_COUNT_FIELDS, "dont_know"
    ):
        key = (row[0], row[1], row[2])
        atoms[key] = Atom(*key, respondents=row[3], value_counts=list(row[4:9]), dont_know=row[9])
    comments: dict[tuple[int, str, int], list[str]] = defaultdict(list)
    for evaluee_id, group, question_id, text in Comment.objects.filter(evaluee_id__in=ids).values_list(
        "evaluee_id", "group", "question_id", "text"
    ):
        if text.strip():
            comments[(evaluee_id, group, question_id)].append(text)
    return Gate(evaluees=by_id, respondents=respondents, atoms=atoms, comments=dict(comments))


# --- Figures combined across leaders (the organisation heatmap) ---------------------------------------
#
# Only the anonymous groups, and only whole publishable atoms (the same rule as `Gate._publishable` with
# own_report=False), so every combined figure is a union of whole atoms: a unit minus a child unit, a
# level minus a unit, one cycle against another all leave whole atoms, each resting on at least k.

_COUNT_FIELDS = tuple(f"count_{value}" for value in SCALE_VALUES)


@dataclass(frozen=True)
class Combined:
    """A combined figure and how many respondents it rests on (summed over the leaders' groups in it)."""

    figure: Figure
    respondents: int


def publishable_sql(alias: str) -> tuple[str, list]:
    group = connection.ops.quote_name("group")
    parts, params = [], []
    for name in ANONYMOUS_GROUPS:
        k = threshold(name)
        parts.append(f"({alias}.{group} = %s AND {alias}.respondents >= %s AND {alias}.scores >= %s)")
        params += [name.value, k, k]
    return "(" + " OR ".join(parts) + ")", params


def row_path_start(rows_below: str) -> int:
    """Where a row unit's own id begins in a unit path: after `rows_below`, or after the leading "/"."""
    return len(rows_below) + 1 if rows_below else 2


def row_path_sql(rows_below: str, column: str = "u.path") -> str:
    """SQL for the path of the unit directly below `rows_below` ("" for the top units) whose subtree holds
    the unit at `column`, or `rows_below` itself for a unit's own leaders: the heatmap's rows, so that the
    database sums per row rather than per unit. Paths are "/1/23/…/", so the key ends at the next "/"."""
    start = row_path_start(rows_below)
    find = "STRPOS" if connection.vendor == "postgresql" else "INSTR"
    return f"SUBSTR({column}, 1, {start - 1} + {find}(SUBSTR({column}, {start}), '/'))"


def _scope_sql(
    *, by: str, unit_path: str, alias: str = "a", rows_below: str | None = None
) -> tuple[str, str, list]:
    """The row key column, the joins and the subtree filter for combined figures over `alias`'s leaders.

    By unit, the key is the leader's unit path, or with `rows_below` the path of the row's unit below it.
    """
    q = connection.ops.quote_name
    joins = f"JOIN {q(Evaluee._meta.db_table)} e ON e.id = {alias}.evaluee_id "
    where, params = "", []
    if by == "unit" or unit_path:
        joins += f"JOIN {q(Unit._meta.db_table)} u ON u.id = e.unit_id "
    if unit_path:
        where, params = " AND u.path LIKE %s", [unit_path + "%"]
    key = "e.level_key"
    if by == "unit":
        key = "u.path" if rows_below is None else row_path_sql(rows_below)
    return key, joins + "WHERE 1 = 1" + where, params


def _rolled_up(
    rows: Iterable[Sequence[Any]], key_of: Callable[[Any], Any] | None, *, groups: int
) -> dict[tuple, list[int]]:
    """Sum rows of (row key, …group columns, sums…, least) into the keys `key_of` maps them to (None:
    left out); the last column is a minimum, the others sums. Plain integers, for national numbers of rows."""
    acc: dict[tuple, list[int]] = {}
    mapped: dict = {}
    for row in rows:
        raw = row[0]
        if raw not in mapped:
            mapped[raw] = key_of(raw) if key_of is not None else raw
        key = mapped[raw]
        if key is None:
            continue
        slot_key = (key, *row[1 : 1 + groups])
        numbers = row[1 + groups :]
        slot = acc.get(slot_key)
        if slot is None:
            acc[slot_key] = [int(n) for n in numbers]
        else:
            for i in range(len(numbers) - 1):
                slot[i] += int(numbers[i])
            slot[-1] = min(slot[-1], int(numbers[-1]))
    return acc


def current_thresholds() -> dict[str, int]:
    """The thresholds of the anonymous groups as the settings say now."""
    return {group.value: threshold(group) for group in ANONYMOUS_GROUPS}


def _leader_sums_sql(cycle_ids: list[int]) -> tuple[str, list]:
    """A subquery: each leader's publishable anonymous atoms summed per cycle, group and section.

    From `SectionAggregate` when every cycle was summed under today's thresholds, else from the atoms.
    """
    q = connection.ops.quote_name
    group = q("group")
    fields = ("scores", "total", *_COUNT_FIELDS)
    marks = ", ".join(["%s"] * len(cycle_ids))
    built_with = Cycle.objects.filter(pk__in=cycle_ids).values_list("aggregated_thresholds", flat=True)
    if set(cycle_ids) and all(thresholds == current_thresholds() for thresholds in built_with):
        columns = ", ".join(fields)
        return (
            f"SELECT cycle_id, evaluee_id, {group}, section_key, {columns}, respondents "
            f"FROM {q(SectionAggregate._meta.db_table)} WHERE cycle_id IN ({marks})",
            list(cycle_ids),
        )
    publishable, params = publishable_sql("a")
    sums = ", ".join(f"SUM(a.{name}) AS {name}" for name in fields)
    return (
        f"SELECT a.cycle_id, a.evaluee_id, a.{group}, a.section_key, {sums}, "
        f"MAX(a.respondents) AS respondents FROM {q(AtomAggregate._meta.db_table)} a "
        f"WHERE a.cycle_id IN ({marks}) AND {publishable} "
        f"GROUP BY a.cycle_id, a.evaluee_id, a.{group}, a.section_key",
        [*cycle_ids, *params],
    )


def _reading() -> BaseDatabaseWrapper:
    """The connection the aggregates are read from: the replica inside a report marked for it
    (grundlag/core/replica.py), else the primary."""
    return connections[router.db_for_read(AtomAggregate)]


def combined_cells(
    *,
    cycle_id: int,
    by: str,
    unit_path: str = "",
    key_of: Callable[[str], str | None] | None = None,
    rows_below: str | None = None,
) -> dict[tuple[str, str], Combined]:
    """Per (row key, section key): the sum of the publishable anonymous atoms, in one grouped query.

    The row key is the evaluee's unit path (by="unit"; with `rows_below`, the path of the unit directly
    below it that holds the leader) or level key (by="level"), or what `key_of` maps it to (None: left
    out), summed here; `unit_path` limits the leaders to a subtree. The inner query has each leader's
    sums per group and section (so respondents are counted once per leader and group); the outer one
    sums those per row.
    """
    key, scope, params = _scope_sql(by=by, unit_path=unit_path, alias="s", rows_below=rows_below)
    inner, inner_params = _leader_sums_sql([cycle_id])
    # CAST: PostgreSQL sums sums as numeric (Decimal in Python), which is slow to add up by the thousand.
    outer = ", ".join(f"CAST(SUM(s.{name}) AS BIGINT)" for name in ("scores", "total", *_COUNT_FIELDS))
    sql = (
        f"SELECT {key}, s.section_key, {outer}, CAST(SUM(s.respondents) AS BIGINT), "
        f"MIN(s.respondents) FROM ({inner}) s {scope} GROUP BY {key}, s.section_key"
    )
    with _reading().cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params])
        rows = cursor.fetchall()
    return {
        (row_key, section_key): Combined(
            figure=_figure_from_counts(scores, total, counts, least), respondents=respondents
        )
        for (row_key, section_key), (scores, total, *counts, respondents, least) in _rolled_up(
            rows, key_of, groups=1
        ).items()
    }


def combined_means(
    *,
    cycle_ids: list[int],
    by: str,
    unit_path: str = "",
    key_of: Callable[[str], str | None] | None = None,
    rows_below: str | None = None,
) -> dict[tuple[int, str], Figure]:
    """Per (cycle, row key): the sum of the publishable anonymous atoms over every section (the trend);
    the keys as in `combined_cells`."""
    if not cycle_ids:
        return {}
    key, scope, params = _scope_sql(by=by, unit_path=unit_path, alias="s", rows_below=rows_below)
    inner, inner_params = _leader_sums_sql(list(cycle_ids))
    sql = (
        f"SELECT {key}, s.cycle_id, CAST(SUM(s.scores) AS BIGINT), CAST(SUM(s.total) AS BIGINT), "
        f"MIN(s.respondents) FROM ({inner}) s {scope} GROUP BY s.cycle_id, {key}"
    )
    with _reading().cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params])
        rows = cursor.fetchall()
    return {
        (cycle_id, row_key): Figure(count=scores, total=total, least_respondents=least)
        for (row_key, cycle_id), (scores, total, least) in _rolled_up(rows, key_of, groups=1).items()
    }


# --- Surveys: figures over whole blocks ----------------------------------------------------------------


def block_threshold(cycle: Cycle) -> int:
    """k for a survey's blocks: leaders for the conditions survey, employees for the effect picture."""
    if cycle.instrument == Instrument.CONDITIONS:
        configured = settings.EVALUATION_THRESHOLDS.get("conditions", 5)
        return max(MINIMUM_THRESHOLD, int(configured))
    return threshold(RaterGroup.EMPLOYEE)


def block_comment_threshold(cycle: Cycle) -> int:
    configured = max(MINIMUM_THRESHOLD, int(settings.EVALUATION_THRESHOLDS.get("comments", 5)))
    return max(configured, block_threshold(cycle))


@dataclass
class BlockGate:
    """A survey cycle's blocks in the viewer's scope, with the rule that says which may be published."""

    cycle: Cycle
    blocks: dict[int, Block]
    in_scope: QuerySet[Block]
    k: int
    comment_k: int

    def block_shown(self, block: Block) -> bool:
        return block.respondents >= self.k

    def _publishable_q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}block__respondents__gte": self.k, f"{prefix}scores__gte": self.k})

    def figures(self, *, block_ids: Iterable[int]) -> dict[tuple[int, int], Figure]:
        """Per (block, question): the block's figure, for the shown blocks and questions only."""
        rows = BlockAggregate.objects.filter(self._publishable_q(), block_id__in=list(block_ids)).values_list(
            "block_id", "question_id", "scores", "total", *_COUNT_FIELDS, "block__respondents"
        )
        return {
            (block_id, question_id): _figure_from_counts(scores, total, counts, least)
            for block_id, question_id, scores, total, *counts, least in rows
        }

    def totals(self, *, by_level: bool = False) -> dict[tuple[str, int], Figure]:
        """Per (level key or "", question): the sum over every shown block in scope, in one grouped query."""
        keys = ["block__level_key", "question_id"] if by_level else ["question_id"]
        rows = (
            BlockAggregate.objects.filter(self._publishable_q(), block__in=self.in_scope.values("pk"))
            .order_by()
            .values(*keys)
            .annotate(
                n_scores=Sum("scores"),
                n_total=Sum("total"),
                **{f"n_{name}": Sum(name) for name in _COUNT_FIELDS},
                least=Min("block__respondents"),
            )
        )
        return {
            (row["block__level_key"] if by_level else "", row["question_id"]): _figure_from_counts(
                row["n_scores"],
                row["n_total"],
                [row[f"n_{name}"] for name in _COUNT_FIELDS],
                row["least"],
            )
            for row in rows
        }

    def comments_for(self, *, block: Block) -> dict[int, list[str]] | None:
        """The block's answers to open questions, per question, in an order that says nothing; None when
        the block has too few respondents for comments."""
        if block.respondents < self.comment_k:
            return None
        texts: dict[int, list[str]] = defaultdict(list)
        for question_id, text in BlockComment.objects.filter(block=block).values_list("question_id", "text"):
            if text.strip():
                texts[question_id].append(text)
        return {pk: sorted(found, key=lambda text: (text.casefold(), text)) for pk, found in texts.items()}


def block_gate_load(*, cycle: Cycle, scope: Q | None = None) -> BlockGate:
    """The survey cycle's blocks (limited by `scope`, a Q over the block), as counted when it closed."""
    blocks = Block.objects.filter(cycle=cycle).select_related("unit")
    if scope is not None:
        blocks = blocks.filter(scope)
    return BlockGate(
        cycle=cycle,
        blocks={block.pk: block for block in blocks},
        in_scope=blocks,
        k=block_threshold(cycle),
        comment_k=block_comment_threshold(cycle),
    )
