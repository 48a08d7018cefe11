"""The results made when a cycle closes: the sealed responses opened and written as anonymous rows, and
the answers counted into atoms, sections and survey blocks, once.

The SQL and the reads are in `aggregates.py`; what may be published is decided when the counts are
read, in `anonymity.py`. Why the responses are written only now, and in a random order: docs/evaluations.md,
"Anonymity against the database".
"""

import secrets
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from grundlag.core.rows import RowWriter

from ..models import (
    SCALE_VALUES,
    Answer,
    AtomAggregate,
    Block,
    BlockAggregate,
    BlockComment,
    Comment,
    Cycle,
    Evaluee,
    Instrument,
    Invitation,
    QuestionKind,
    RaterGroup,
    ReportPdf,
    Response,
    SealedResponse,
    SectionAggregate,
)
from ..responding.sealed import OpenedResponse, responses_open
from .aggregates import atoms_sql, block_counts, block_members, leader_spans, sections_sql
from .anonymity import ANONYMOUS_GROUPS, MINIMUM_THRESHOLD, current_thresholds
from .leader import LeaderReport, leader_report
from .pdf import report_pdf_render, report_print

IDS_PER_QUERY = 10_000  # well within the parameters a query may have, on SQLite and PostgreSQL


@transaction.atomic
def results_publish(*, cycle: Cycle, unreadable: list | None = None) -> int:
    """Open the closed cycle's sealed responses, write what may ever be shown, delete the sealed rows and
    count the answers; returns how many responses were opened. Raises `sealing.SealError` (and writes
    nothing) when a response cannot be opened, unless `unreadable` collects those and they are lost."""
    opened = list(responses_open(cycle=cycle, unreadable=unreadable))
    if cycle.is_survey:
        blocks_build(cycle=cycle, opened=opened)
    else:
        counts = responses_write(cycle=cycle, opened=opened)
        aggregates_build(cycle=cycle, anonymous_responses=counts)
    SealedResponse.objects.filter(cycle=cycle).delete()
    return len(opened)


def _never_shown(cycle: Cycle, group: str, respondents: int) -> bool:
    """A group's answers about a leader that no setting can ever show: an anonymous group below the lowest
    threshold there is, or the superior in a cycle that does not show them."""
    if group in ANONYMOUS_GROUPS:
        return respondents < MINIMUM_THRESHOLD
    return group == RaterGroup.SUPERIOR and not cycle.superior_shown


def responses_write(*, cycle: Cycle, opened: list[OpenedResponse]) -> dict[int, int]:
    """Write the opened responses that may ever be shown as `Response`, `Answer` and `Comment` rows, in a
    random order with random ids, and remove rows of groups never shown; returns each leader's count of
    anonymous responses (those counted into nothing included), for the heatmap's rates.

    A comment names its leader, group and question, never its response, and the comments are shuffled
    apart from the responses: a recognisable comment leads to no one's scale answers."""
    earlier = Counter(  # responses written as rows before responses were sealed (an upgraded install)
        Response.objects.filter(evaluee__cycle=cycle).values_list("evaluee_id", "group").order_by()
    )
    groups = Counter((response.evaluee_id, response.group) for response in opened) + earlier
    never = {key for key, n in groups.items() if _never_shown(cycle, key[1], n)}
    kept = [response for response in opened if (response.evaluee_id, response.group) not in never]
    secrets.SystemRandom().shuffle(kept)  # the rows' order and ids say nothing of when anyone answered
    response_rows = RowWriter(Response, ["id", "evaluee", "group"])
    answer_rows = RowWriter(Answer, ["response", "question", "value"], after=response_rows)
    comments: list[tuple[int, str, int, str]] = []
    for response in kept:
        response_id = uuid.uuid4()
        response_rows.add((response_id, response.evaluee_id, response.group))
        for question_id, value in response.answers():
            answer_rows.add((response_id, question_id, value))
        comments.extend(
            (response.evaluee_id, response.group, question_id, text)
            for question_id, text in response.comments.items()
        )
    for writer in (response_rows, answer_rows):
        writer.flush()
    _comments_write(comments)
    never_by_group: dict[str, list[int]] = defaultdict(list)
    for evaluee_id, group in sorted(never):
        never_by_group[group].append(evaluee_id)
    for group, evaluee_ids in never_by_group.items():
        for start in range(0, len(evaluee_ids), IDS_PER_QUERY):
            chunk = evaluee_ids[start : start + IDS_PER_QUERY]
            Response.objects.filter(group=group, evaluee_id__in=chunk).delete()
            Comment.objects.filter(group=group, evaluee_id__in=chunk).delete()
    anonymous: Counter[int] = Counter()
    for (evaluee_id, group), n in groups.items():
        if group in ANONYMOUS_GROUPS:
            anonymous[evaluee_id] += n
    return dict(anonymous)


def _comments_write(comments: list[tuple[int, str, int, str]]) -> None:
    """The comments (leader, group, question, text), in an order of their own: shuffled, so neither their
    ids nor their place in the table follow the responses'."""
    secrets.SystemRandom().shuffle(comments)
    comment_rows = RowWriter(Comment, ["evaluee", "group", "question", "text"])
    for row in comments:
        comment_rows.add(row)
    comment_rows.flush()


@transaction.atomic
def aggregates_build(*, cycle: Cycle, anonymous_responses: dict[int, int] | None = None) -> int:
    """(Re)count a closed leadership cycle's answers into atoms; returns how many atoms there are.
    Idempotent. `anonymous_responses` gives each leader's count when more were sent than were kept."""
    AtomAggregate.objects.filter(cycle=cycle).delete()
    with connection.cursor() as cursor:
        cursor.execute(atoms_sql(), [cycle.pk, cycle.pk, QuestionKind.SCALE.value])
        built = cursor.rowcount
    evaluee_counts_build(cycle=cycle, anonymous_responses=anonymous_responses)
    sections_build(cycle=cycle)
    return built


def evaluee_counts_build(*, cycle: Cycle, anonymous_responses: dict[int, int] | None = None) -> None:
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
        # Counted here from the rows, or below from what the close opened (groups left out included).
        anonymous_responses=count(responses) if anonymous_responses is None else 0,
    )
    if anonymous_responses is not None:
        Evaluee.objects.bulk_update(
            [Evaluee(pk=pk, anonymous_responses=n) for pk, n in anonymous_responses.items()],
            ["anonymous_responses"],
            batch_size=1000,
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


class _BlockCounts:
    """A survey's answers counted per leader while they are read, before the blocks are known."""

    def __init__(self) -> None:
        self.respondents: Counter[int] = Counter()  # evaluee → responses
        self.values: dict[tuple[int, int], Counter] = defaultdict(Counter)  # (evaluee, question) → value
        self.comments: dict[int, list[tuple[int, str]]] = defaultdict(list)  # evaluee → (question, text)

    def add(
        self, evaluee_id: int, answers: Iterable[tuple[int, int | None]], comments: dict[int, str]
    ) -> None:
        self.respondents[evaluee_id] += 1
        for question_id, value in answers:
            self.values[(evaluee_id, question_id)][value] += 1
        self.comments[evaluee_id].extend(comments.items())

    def add_earlier_rows(self, cycle: Cycle, group: str) -> None:
        """Responses written as rows before responses were sealed (an upgraded install)."""
        earlier = Response.objects.filter(evaluee__cycle=cycle, group=group)
        for evaluee_id, n in earlier.values_list("evaluee_id").annotate(n=Count("pk")).order_by():
            self.respondents[evaluee_id] += n
        for evaluee_id, question_id, value in Answer.objects.filter(response__in=earlier).values_list(
            "response__evaluee_id", "question_id", "value"
        ):
            self.values[(evaluee_id, question_id)][value] += 1
        earlier_comments = Comment.objects.filter(evaluee__cycle=cycle, group=group)
        for evaluee_id, question_id, text in earlier_comments.values_list(
            "evaluee_id", "question_id", "text"
        ):
            self.comments[evaluee_id].append((question_id, text))


@transaction.atomic
def blocks_build(*, cycle: Cycle, opened: Iterable[OpenedResponse] = ()) -> int:
    """Fix a closed survey's blocks and count their answers; returns how many blocks there are.

    A block is the unit at the cycle's depth above each leader's unit (and, for the conditions survey,
    the leader's level): a partition fixed here, once, so that every figure is a sum of whole blocks.
    No response is kept: only the counts and comments of blocks with enough respondents ever to be shown.
    """
    Block.objects.filter(cycle=cycle).delete()
    group = cycle.survey_group
    assert group is not None
    counted = _BlockCounts()
    for response in opened:
        if response.group == group:
            counted.add(response.evaluee_id, response.answers(), response.comments)
    counted.add_earlier_rows(cycle, group)
    invitations = block_counts(cycle, group)
    spans = leader_spans(cycle)
    members, level_names = block_members(cycle, by_level=cycle.instrument == Instrument.CONDITIONS)
    blocks = {
        key: Block(
            cycle=cycle,
            unit_id=key[0],
            level_key=key[1],
            level_name=level_names.get(key[1], "") if key[1] else "",
            leaders=len(leaders),
            invited=sum(invitations.get(pk, (0, 0))[0] for pk, _person in leaders),
            answered=sum(invitations.get(pk, (0, 0))[1] for pk, _person in leaders),
            respondents=sum(counted.respondents[pk] for pk, _person in leaders),
            spans=sorted(spans.get(person_id, 0) for _pk, person_id in leaders),
        )
        for key, leaders in members.items()
    }
    Block.objects.bulk_create(blocks.values(), batch_size=1000)
    _block_answers_write(blocks=blocks, members=members, counted=counted)
    Response.objects.filter(evaluee__cycle=cycle).delete()
    Comment.objects.filter(evaluee__cycle=cycle).delete()
    AtomAggregate.objects.filter(cycle=cycle).delete()
    _evaluee_blocks_set(cycle=cycle, members=members)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(BlockAggregate._meta.db_table)}")
    return len(blocks)


def _block_answers_write(
    *,
    blocks: dict[tuple[int, str], Block],
    members: dict[tuple[int, str], list[tuple[int, int]]],
    counted: _BlockCounts,
) -> None:
    """The counts and comments of each block that could ever be shown (at least the lowest threshold)."""
    by_question: dict[tuple[int, int], Counter] = defaultdict(Counter)  # (block, question) → value counts
    comments: list[BlockComment] = []
    evaluee_block = {pk: key for key, leaders in members.items() for pk, _person in leaders}
    for (evaluee_id, question_id), values in counted.values.items():
        block = blocks[evaluee_block[evaluee_id]]
        if block.respondents >= MINIMUM_THRESHOLD:
            by_question[(block.pk, question_id)].update(values)
    for evaluee_id, texts in counted.comments.items():
        block = blocks[evaluee_block[evaluee_id]]
        if block.respondents >= MINIMUM_THRESHOLD:
            comments.extend(BlockComment(block=block, question_id=qid, text=text) for qid, text in texts)
    respondents = {block.pk: block.respondents for block in blocks.values()}
    BlockAggregate.objects.bulk_create(
        (
            BlockAggregate(
                block_id=block_id,
                question_id=question_id,
                respondents=respondents[block_id],
                scores=sum(values[v] for v in SCALE_VALUES),
                total=sum(v * values[v] for v in SCALE_VALUES),
                dont_know=values[None],
                **{f"count_{v}": values[v] for v in SCALE_VALUES},
            )
            for (block_id, question_id), values in by_question.items()
        ),
        batch_size=1000,
    )
    secrets.SystemRandom().shuffle(comments)
    BlockComment.objects.bulk_create(comments, batch_size=1000)


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


def report_pdf_bytes(*, report: LeaderReport) -> bytes:
    """The PDF of a report as its viewer sees it, in the active language: the kept one when the print page
    is unchanged (made at close, or at an earlier click), else made now (seconds) and kept.

    The report comes from a `_for_user` selector's evaluee and its viewer (`leader_report`): the digest
    of its print page is what a kept PDF is found by, so a viewer gets only the PDF of their own report.
    """
    printed = report_print(report=report)
    kept = (
        ReportPdf.objects.filter(
            evaluee_id=report.evaluee.pk, language=printed.language, digest=printed.digest
        )
        .values_list("pdf", flat=True)
        .first()
    )
    if kept is not None:
        return bytes(kept)
    pdf = report_pdf_render(printed=printed)
    ReportPdf.objects.update_or_create(
        evaluee_id=report.evaluee.pk,
        language=printed.language,
        digest=printed.digest,
        defaults={"pdf": pdf},
    )
    return pdf


def report_pdfs_make(*, evaluee_ids: list[int]) -> int:
    """Make and keep the PDF of each closed report as its leader sees it, in the leader's language, and
    drop the leader's PDFs of print pages that are no longer theirs. Returns how many were made."""
    made = 0
    evaluees = Evaluee.objects.filter(pk__in=evaluee_ids, cycle__status=Cycle.Status.CLOSED)
    for evaluee in evaluees.select_related("cycle", "person", "unit").order_by("pk"):
        with translation.override(evaluee.person.language or "da"):
            report = leader_report(evaluee=evaluee, viewer=None)
            printed = report_print(report=report)
            kept = ReportPdf.objects.filter(evaluee=evaluee, language=printed.language)
            if not kept.filter(digest=printed.digest).exists():
                ReportPdf.objects.create(
                    evaluee=evaluee,
                    language=printed.language,
                    digest=printed.digest,
                    pdf=report_pdf_render(printed=printed),
                )
                made += 1
            kept.exclude(digest=printed.digest).delete()
    return made


def report_pdfs_of_erased_person_drop(*, person_id: int) -> int:
    """Drop the kept PDFs of an erased person's reports: they carry the name the erasure removed (the
    reports themselves are made again, under the erased label, at the next click)."""
    deleted, _by_model = ReportPdf.objects.filter(evaluee__person_id=person_id).delete()
    return deleted
