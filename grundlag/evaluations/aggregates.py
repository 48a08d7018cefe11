"""Counting a closed cycle's answers into atoms (`AtomAggregate`), once, in one INSERT … SELECT.

Results are final once a cycle closes, so reports and the organisation heatmap read these counts
instead of grouping every answer again. Only counts are stored: what may be published is decided when
they are read, in `anonymity.py`.
"""

from django.db import connection, transaction

from .anonymity import current_thresholds, publishable_sql
from .models import Answer, AtomAggregate, Cycle, Evaluee, Question, QuestionKind, Response, SectionAggregate


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
    sections_build(cycle=cycle)
    return built


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
