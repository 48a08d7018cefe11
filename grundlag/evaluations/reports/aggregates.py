"""The SQL and the reads behind the aggregates made when a cycle closes (written by `services.py`).

Results are final once a cycle closes, so reports and the organisation heatmap read these counts
instead of grouping every answer again. Only counts are stored: what may be published is decided when
they are read, in `anonymity.py`.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from grundlag.organisation.models import Post

from ..models import (
    Answer,
    AtomAggregate,
    Cycle,
    Evaluee,
    Invitation,
    Question,
    Response,
    SectionAggregate,
)
from .anonymity import publishable_sql


def atoms_sql() -> str:
    q = connection.ops.quote_name
    agg, answer, response, evaluee, question = (
        q(model._meta.db_table) for model in (AtomAggregate, Answer, Response, Evaluee, Question)
    )
    group = q("group")
    counts = ", ".join(f"SUM(CASE WHEN a.value = {v} THEN 1 ELSE 0 END)" for v in range(1, 6))
    return (
        f"INSERT INTO {agg} (cycle_id, evaluee_id, {group}, question_id, section_key, respondents, scores, "
        f"total, count_1, count_2, count_3, count_4, count_5, dont_know) "
        f"SELECT e.cycle_id, r.evaluee_id, r.{group}, a.question_id, qu.section_key, rc.n, "
        f"SUM(CASE WHEN a.value IS NULL THEN 0 ELSE 1 END), COALESCE(SUM(a.value), 0), {counts}, "
        f"SUM(CASE WHEN a.value IS NULL THEN 1 ELSE 0 END) "
        f"FROM {answer} a "
        f"JOIN {response} r ON r.id = a.response_id "
        f"JOIN {evaluee} e ON e.id = r.evaluee_id "
        f"JOIN {question} qu ON qu.id = a.question_id "
        f"JOIN (SELECT r2.evaluee_id, r2.{group} AS grp, COUNT(*) AS n FROM {response} r2 "
        f"JOIN {evaluee} e2 ON e2.id = r2.evaluee_id WHERE e2.cycle_id = %s "
        f"GROUP BY r2.evaluee_id, r2.{group}) rc ON rc.evaluee_id = r.evaluee_id AND rc.grp = r.{group} "
        f"WHERE e.cycle_id = %s AND qu.kind = %s "
        f"GROUP BY e.cycle_id, r.evaluee_id, r.{group}, a.question_id, qu.section_key, rc.n"
    )


def sections_sql() -> tuple[str, list]:
    q = connection.ops.quote_name
    group = q("group")
    publishable, params = publishable_sql("a")
    counts = ", ".join(f"count_{v}" for v in range(1, 6))
    sums = ", ".join(f"SUM(a.count_{v})" for v in range(1, 6))
    sql = (
        f"INSERT INTO {q(SectionAggregate._meta.db_table)} (cycle_id, evaluee_id, {group}, section_key, "
        f"respondents, scores, total, {counts}) "
        f"SELECT a.cycle_id, a.evaluee_id, a.{group}, a.section_key, MAX(a.respondents), SUM(a.scores), "
        f"SUM(a.total), {sums} FROM {q(AtomAggregate._meta.db_table)} a "
        f"WHERE a.cycle_id = %s AND {publishable} "
        f"GROUP BY a.cycle_id, a.evaluee_id, a.{group}, a.section_key"
    )
    return sql, params


# --- Surveys: blocks ---------------------------------------------------------------------------------


def block_unit_id(path: str, depth: int | None) -> int:
    """The unit a leader's answers are reported in: their unit's ancestor at `depth`, or the unit itself
    when it is not that deep (or no depth is set)."""
    ids = [int(part) for part in path.strip("/").split("/") if part]
    if depth is None or depth >= len(ids):
        return ids[-1]
    return ids[max(depth, 1) - 1]


def leader_spans(cycle: Cycle) -> dict[int, int]:
    """Each evaluated leader's direct reports (distinct people) on the deadline, or today if earlier."""
    day = min(cycle.deadline, timezone.localdate())
    return dict(
        Post.objects.active_on(day)
        .filter(manager_id__in=cycle.evaluees.values("person_id"))
        .order_by()
        .values("manager_id")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("manager_id", "n")
    )


def block_counts(cycle: Cycle, group: str | None) -> dict[int, tuple[int, int]]:
    """Per leader: the survey group's invitations counted, and of those answered."""
    counted = Q(group=group, status__in=[Invitation.Status.PENDING, Invitation.Status.COMPLETED])
    return {
        row[0]: row[1:]
        for row in Invitation.objects.filter(counted, evaluee__cycle=cycle)
        .order_by()
        .values("evaluee_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Invitation.Status.COMPLETED)))
        .values_list("evaluee_id", "n", "done")
    }


def block_members(
    cycle: Cycle, *, by_level: bool
) -> tuple[dict[tuple[int, str], list[tuple[int, int]]], dict[str, str]]:
    """The leaders (evaluee id, person id) of each block (unit, level key), and the levels' names."""
    members: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    level_names: dict[str, str] = {}
    for pk, person_id, path, level_key, level_name in cycle.evaluees.values_list(
        "pk", "person_id", "unit__path", "level_key", "level_name"
    ):
        key = (block_unit_id(path, cycle.block_depth), level_key if by_level else "")
        members[key].append((pk, person_id))
        level_names[level_key] = level_name
    return members, level_names
