"""Counting a closed cycle's answers into atoms (`AtomAggregate`), once, in one INSERT … SELECT.

Results are final once a cycle closes, so reports and the organisation heatmap read these counts
instead of grouping every answer again. Only counts are stored: what may be published is decided when
they are read, in `anonymity.py`.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from grundlag.organisation.models import Post

from .anonymity import ANONYMOUS_GROUPS, current_thresholds, publishable_sql
from .models import (
    Answer,
    AtomAggregate,
    Block,
    BlockAggregate,
    Cycle,
    Evaluee,
    Instrument,
    Invitation,
    Question,
    QuestionKind,
    Response,
    SectionAggregate,
)


def _build_sql() -> str:
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


@transaction.atomic
def aggregates_build(*, cycle: Cycle) -> int:
    """(Re)count the cycle's answers into atoms; returns how many atoms there are. Idempotent."""
    AtomAggregate.objects.filter(cycle=cycle).delete()
    with connection.cursor() as cursor:
        cursor.execute(_build_sql(), [cycle.pk, cycle.pk, QuestionKind.SCALE.value])
        built = cursor.rowcount
    if cycle.is_survey:
        blocks_build(cycle=cycle)
    else:
        evaluee_counts_build(cycle=cycle)
        sections_build(cycle=cycle)
    return built


def evaluee_counts_build(*, cycle: Cycle) -> None:
    """Count each leader's invitations and responses of the anonymous groups, for the heatmap's rates."""
    counted = Invitation.objects.filter(
        evaluee=OuterRef("pk"),
        group__in=ANONYMOUS_GROUPS,
        status__in=[Invitation.Status.PENDING, Invitation.Status.COMPLETED],
    )
    responses = Response.objects.filter(evaluee=OuterRef("pk"), group__in=ANONYMOUS_GROUPS)

    def count(queryset):
        return Coalesce(
            Subquery(queryset.order_by().values("evaluee").annotate(n=Count("pk")).values("n")), 0
        )

    Evaluee.objects.filter(cycle=cycle).update(
        anonymous_invited=count(counted),
        anonymous_answered=count(counted.filter(status=Invitation.Status.COMPLETED)),
        anonymous_responses=count(responses),
    )


def _sections_sql() -> tuple[str, list]:
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


@transaction.atomic
def sections_build(*, cycle: Cycle) -> int:
    """Sum each leader's publishable anonymous atoms per group and section under today's thresholds.

    Run when a cycle closes; run again (`manage.py evaluations_reaggregate`) after a threshold changes,
    until then the heatmap sums the atoms itself.
    """
    SectionAggregate.objects.filter(cycle=cycle).delete()
    sql, params = _sections_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle.pk, *params])
        built = cursor.rowcount
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes a national cycle's tables for empty.
            for model in (AtomAggregate, SectionAggregate):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    Cycle.objects.filter(pk=cycle.pk).update(aggregated_thresholds=current_thresholds())
    return built


# --- Surveys: blocks ---------------------------------------------------------------------------------


def block_unit_id(path: str, depth: int | None) -> int:
    """The unit a leader's answers are reported in: their unit's ancestor at `depth`, or the unit itself
    when it is not that deep (or no depth is set)."""
    ids = [int(part) for part in path.strip("/").split("/") if part]
    if depth is None or depth >= len(ids):
        return ids[-1]
    return ids[max(depth, 1) - 1]


def _spans(cycle: Cycle) -> dict[int, int]:
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


def _blocks_sql() -> str:
    q = connection.ops.quote_name
    counts = ", ".join(f"count_{v}" for v in range(1, 6))
    sums = ", ".join(f"SUM(a.count_{v})" for v in range(1, 6))
    return (
        f"INSERT INTO {q(BlockAggregate._meta.db_table)} (block_id, question_id, respondents, scores, total, "
        f"{counts}, dont_know) "
        f"SELECT e.block_id, a.question_id, b.respondents, SUM(a.scores), SUM(a.total), {sums}, "
        f"SUM(a.dont_know) FROM {q(AtomAggregate._meta.db_table)} a "
        f"JOIN {q(Evaluee._meta.db_table)} e ON e.id = a.evaluee_id "
        f"JOIN {q(Block._meta.db_table)} b ON b.id = e.block_id "
        f"WHERE a.cycle_id = %s AND a.{q('group')} = %s "
        f"GROUP BY e.block_id, a.question_id, b.respondents"
    )


@transaction.atomic
def blocks_build(*, cycle: Cycle) -> int:
    """Fix a closed survey's blocks and count their answers; returns how many blocks there are. Idempotent.

    A block is the unit at the cycle's depth above each leader's unit (and, for the conditions survey,
    the leader's level): a partition fixed here, once, so that every figure is a sum of whole blocks.
    """
    Block.objects.filter(cycle=cycle).delete()
    group = cycle.survey_group
    by_level = cycle.instrument == Instrument.CONDITIONS
    counted = Q(group=group, status__in=[Invitation.Status.PENDING, Invitation.Status.COMPLETED])
    invitations = {
        row[0]: row[1:]
        for row in Invitation.objects.filter(counted, evaluee__cycle=cycle)
        .order_by()
        .values("evaluee_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Invitation.Status.COMPLETED)))
        .values_list("evaluee_id", "n", "done")
    }
    responses = dict(
        Response.objects.filter(evaluee__cycle=cycle, group=group)
        .order_by()
        .values("evaluee_id")
        .annotate(n=Count("pk"))
        .values_list("evaluee_id", "n")
    )
    spans = _spans(cycle)
    members: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    level_names: dict[str, str] = {}
    for pk, person_id, path, level_key, level_name in cycle.evaluees.values_list(
        "pk", "person_id", "unit__path", "level_key", "level_name"
    ):
        key = (block_unit_id(path, cycle.block_depth), level_key if by_level else "")
        members[key].append((pk, person_id))
        level_names[level_key] = level_name
    blocks = []
    for (unit_id, level_key), leaders in members.items():
        span_values = [spans.get(person_id, 0) for _pk, person_id in leaders]
        blocks.append(
            Block(
                cycle=cycle,
                unit_id=unit_id,
                level_key=level_key,
                level_name=level_names.get(level_key, "") if level_key else "",
                leaders=len(leaders),
                invited=sum(invitations.get(pk, (0, 0))[0] for pk, _person in leaders),
                answered=sum(invitations.get(pk, (0, 0))[1] for pk, _person in leaders),
                respondents=sum(responses.get(pk, 0) for pk, _person in leaders),
                spans=sorted(span_values),
            )
        )
    Block.objects.bulk_create(blocks, batch_size=1000)
    block_ids = {
        (unit_id, level_key): pk
        for pk, unit_id, level_key in Block.objects.filter(cycle=cycle).values_list(
            "pk", "unit_id", "level_key"
        )
    }
    Evaluee.objects.bulk_update(
        [
            Evaluee(pk=pk, block_id=block_ids[key])
            for key, leaders in members.items()
            for pk, _person in leaders
        ],
        ["block"],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        cursor.execute(_blocks_sql(), [cycle.pk, group])
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {connection.ops.quote_name(BlockAggregate._meta.db_table)}")
    return len(blocks)
