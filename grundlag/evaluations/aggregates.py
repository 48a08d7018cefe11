"""Counting a closed cycle's answers into atoms (`AtomAggregate`), once, in one INSERT … SELECT.

Results are final once a cycle closes, so reports and the organisation heatmap read these counts
instead of grouping every answer again. Only counts are stored: what may be published is decided when
they are read, in `anonymity.py`.
"""

from django.db import connection, transaction

from .models import Answer, AtomAggregate, Cycle, Evaluee, Question, QuestionKind, Response


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
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes a national cycle's table for empty.
            cursor.execute(f"ANALYZE {connection.ops.quote_name(AtomAggregate._meta.db_table)}")
    return built
