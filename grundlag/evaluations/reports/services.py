"""The aggregation done when a cycle closes: answers counted into atoms, sections and survey blocks, once.

The SQL and the reads are in `aggregates.py`; what may be published is decided when the counts are
read, in `anonymity.py`.
"""

from django.db import connection, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ..models import (
    AtomAggregate,
    Block,
    BlockAggregate,
    Cycle,
    Evaluee,
    Instrument,
    Invitation,
    QuestionKind,
    Response,
    SectionAggregate,
)
from .aggregates import atoms_sql, block_counts, block_members, blocks_sql, leader_spans, sections_sql
from .anonymity import ANONYMOUS_GROUPS, current_thresholds


@transaction.atomic
def aggregates_build(*, cycle: Cycle) -> int:
    """(Re)count the cycle's answers into atoms; returns how many atoms there are. Idempotent."""
    AtomAggregate.objects.filter(cycle=cycle).delete()
    with connection.cursor() as cursor:
        cursor.execute(atoms_sql(), [cycle.pk, cycle.pk, QuestionKind.SCALE.value])
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

    def count(queryset: QuerySet) -> Coalesce:
        return Coalesce(
            Subquery(queryset.order_by().values("evaluee").annotate(n=Count("pk")).values("n")), 0
        )

    Evaluee.objects.filter(cycle=cycle).update(
        anonymous_invited=count(counted),
        anonymous_answered=count(counted.filter(status=Invitation.Status.COMPLETED)),
        anonymous_responses=count(responses),
    )


@transaction.atomic
def sections_build(*, cycle: Cycle) -> int:
    """Sum each leader's publishable anonymous atoms per group and section under today's thresholds.

    Run when a cycle closes; run again (`manage.py evaluations_reaggregate`) after a threshold changes,
    until then the heatmap sums the atoms itself.
    """
    SectionAggregate.objects.filter(cycle=cycle).delete()
    sql, params = sections_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [cycle.pk, *params])
        built = cursor.rowcount
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes a national cycle's tables for empty.
            for model in (AtomAggregate, SectionAggregate):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    Cycle.objects.filter(pk=cycle.pk).update(aggregated_thresholds=current_thresholds())
    return built


def sections_rebuild_stale() -> int:
    """Sum the closed cycles' section figures again where they were summed under other thresholds than
    today's (`manage.py evaluations_reaggregate`); returns how many cycles were summed again."""
    today = current_thresholds()
    stale = [
        cycle
        for cycle in Cycle.objects.filter(status=Cycle.Status.CLOSED, instrument=Instrument.LEADERSHIP_360)
        if cycle.aggregated_thresholds != today
    ]
    for cycle in stale:
        sections_build(cycle=cycle)
    return len(stale)


# --- Surveys: blocks ---------------------------------------------------------------------------------


@transaction.atomic
def blocks_build(*, cycle: Cycle) -> int:
    """Fix a closed survey's blocks and count their answers; returns how many blocks there are. Idempotent.

    A block is the unit at the cycle's depth above each leader's unit (and, for the conditions survey,
    the leader's level): a partition fixed here, once, so that every figure is a sum of whole blocks.
    """
    Block.objects.filter(cycle=cycle).delete()
    group = cycle.survey_group
    invitations, responses = block_counts(cycle, group)
    spans = leader_spans(cycle)
    members, level_names = block_members(cycle, by_level=cycle.instrument == Instrument.CONDITIONS)
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
    _evaluee_blocks_set(cycle=cycle, members=members)
    with connection.cursor() as cursor:
        cursor.execute(blocks_sql(), [cycle.pk, group])
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {connection.ops.quote_name(BlockAggregate._meta.db_table)}")
    return len(blocks)


def _evaluee_blocks_set(*, cycle: Cycle, members: dict[tuple[int, str], list[tuple[int, int]]]) -> None:
    """Each leader's block, so a block's figures are summed from its leaders' atoms."""
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
