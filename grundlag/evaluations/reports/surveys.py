"""The survey reports: the Ledelse-tæt-på conditions survey (003) and the effect picture (000), per block.

A survey's respondents answer about themselves or their workplace, so no figure is about one leader:
every figure is a sum of whole blocks that each rest on at least k respondents (`anonymity.BlockGate`).
The conditions survey shows each block's span of control beside its figures.

Administrators see every block; a leader sees the blocks whose unit lies in the subtree of one of their
own leadership posts' units (as in the organisation heatmap).

A reader may be a respondent too (a leader in the conditions survey, an employee in the effect picture). In
a block where they answered they can take their own answers out, so such a block is shown to them only with
at least k respondents besides them, and is otherwise hidden from them (`survey_gate_for_readers`), left out
of every total they see as well. Who answered in which block is known from the completed invitations only.
"""

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from grundlag.core.numbers import two_decimals
from grundlag.frameworks.models import Level
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import person_for_user

from ..models import Block, Cycle, Instrument, Invitation, Question, QuestionKind
from .anonymity import BlockGate, Figure, block_gate_load
from .charts import heat_grid_spec
from .leader import fewer_than
from .selectors import survey_scope_q, surveys_in_scope

ROWS_PER_PAGE = 50


@dataclass
class SurveyCell:
    figure: Figure | None

    @property
    def mean(self) -> float | None:
        return self.figure.mean if self.figure else None


@dataclass
class SurveyRow:
    label: str
    unit: Unit | None = None
    level_name: str = ""
    leaders: int = 0
    invited: int = 0
    answered: int = 0
    respondents: int = 0  # of the blocks shown
    reason: str = ""  # why the row's figures are hidden; empty when shown
    cells: list[SurveyCell] = field(default_factory=list)
    spans: list[int] = field(default_factory=list)

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None

    @property
    def span_median(self) -> float | None:
        return statistics.median(self.spans) if self.spans else None

    @property
    def span_max(self) -> int | None:
        return max(self.spans) if self.spans else None


@dataclass
class SurveyComments:
    label: str
    question: Question
    texts: list[str] | None  # None: hidden
    reason: str = ""


@dataclass
class SurveyTrendRow:
    cycle: Cycle
    cells: list[SurveyCell]
    current: bool = False


@dataclass
class SurveyReport:
    cycle: Cycle
    questions: list[Question]
    k: int
    comment_k: int
    total: SurveyRow
    levels: list[SurveyRow]
    rows: list[SurveyRow]
    page: Page
    blocks_hidden: int
    comments: list[SurveyComments]
    trend: list[SurveyTrendRow]

    @property
    def shows_spans(self) -> bool:
        return self.cycle.instrument == Instrument.CONDITIONS


# --- The reader's own answers ---------------------------------------------------------------------------


@dataclass
class ReaderBlockGate(BlockGate):
    """A `BlockGate` for readers who answered in some of its blocks: such a block is shown only with at
    least k respondents (comment_k for comments) besides them, and the totals leave the others out."""

    own: dict[int, int] = field(default_factory=dict)  # block → the readers' own responses in it

    def block_shown(self, block: Block) -> bool:
        return block.respondents - self.own.get(block.pk, 0) >= self.k

    def comments_for(self, *, block: Block) -> dict[int, list[str]] | None:
        if block.respondents - self.own.get(block.pk, 0) < self.comment_k:
            return None
        return super().comments_for(block=block)


def survey_own_blocks(*, cycle: Cycle, person_ids: Iterable[int]) -> Counter[int]:
    """Per block of the survey: how many responses in it are the given people's own (their completed
    invitations in the survey's group, by the block their invitation's leader was counted in)."""
    return Counter(
        Invitation.objects.filter(
            evaluee__cycle=cycle,
            evaluee__block__isnull=False,
            group=cycle.survey_group,
            person_id__in=[pk for pk in person_ids if pk is not None],
            status=Invitation.Status.COMPLETED,
        ).values_list("evaluee__block_id", flat=True)
    )


def survey_gate_for_readers(*, cycle: Cycle, scope: Q | None, person_ids: Iterable[int]) -> BlockGate:
    """The survey's gate for readers who may have answered it themselves (`ReaderBlockGate`)."""
    gate = block_gate_load(cycle=cycle, scope=scope)
    own = {
        pk: n for pk, n in survey_own_blocks(cycle=cycle, person_ids=person_ids).items() if pk in gate.blocks
    }
    if not own:
        return gate
    withheld = [pk for pk, n in own.items() if gate.blocks[pk].respondents - n < gate.k]
    kept = {f.name: getattr(gate, f.name) for f in fields(gate)}
    return ReaderBlockGate(**{**kept, "in_scope": gate.in_scope.exclude(pk__in=withheld)}, own=own)


def _reader_ids(viewer) -> list[int]:
    person = person_for_user(user=viewer)
    return [person.pk] if person is not None else []


# --- The report ----------------------------------------------------------------------------------------


def _scale_questions(cycle: Cycle) -> list[Question]:
    return list(Question.objects.filter(cycle=cycle, kind=QuestionKind.SCALE).order_by("position", "id"))


def _sorted_blocks(gate: BlockGate) -> list[Block]:
    # The leaders' levels are the organisation's (a survey's foundation may have none of its own).
    keys = {block.level_key for block in gate.blocks.values()}
    positions: dict[str, int] = {}
    for key, position in Level.objects.filter(key__in=keys).values_list("key", "position"):
        positions[key] = min(position, positions.get(key, position))
    return sorted(
        gate.blocks.values(),
        key=lambda b: (b.unit.name.casefold(), b.unit_id, positions.get(b.level_key, 10**6), b.level_name),
    )


def _summary_row(label: str, blocks: list[Block], gate: BlockGate, figures: dict, questions) -> SurveyRow:
    shown = [b for b in blocks if gate.block_shown(b)]
    row = SurveyRow(
        label=label,
        leaders=sum(b.leaders for b in blocks),
        invited=sum(b.invited for b in blocks),
        answered=sum(b.answered for b in blocks),
        respondents=sum(b.respondents for b in shown),
        spans=sorted(span for b in blocks for span in b.spans),
        cells=[SurveyCell(figures.get(q.pk)) for q in questions],
    )
    if not any(cell.figure for cell in row.cells):
        row.reason = fewer_than(gate.k) if blocks else _("no answers")
    return row


def _block_row(block: Block, figures: dict, gate: BlockGate, questions) -> SurveyRow:
    shown = gate.block_shown(block)
    row = SurveyRow(
        label=block.unit.name,
        unit=block.unit,
        level_name=block.level_name,
        leaders=block.leaders,
        invited=block.invited,
        answered=block.answered,
        respondents=block.respondents if shown else 0,
        spans=list(block.spans),
        cells=[SurveyCell(figures.get((block.pk, q.pk)) if shown else None) for q in questions],
    )
    if not shown:
        row.reason = fewer_than(gate.k) if block.respondents else _("no answers")
    elif not any(cell.figure for cell in row.cells):
        row.reason = fewer_than(gate.k)
    return row


def _comments(gate: BlockGate, blocks: list[Block], rows: list[SurveyRow]) -> list[SurveyComments]:
    open_questions = list(
        Question.objects.filter(cycle=gate.cycle, kind=QuestionKind.OPEN).order_by("position", "id")
    )
    if not open_questions:
        return []
    # One read per shown block (None: too few respondents for comments), whatever the number of questions.
    shown = [
        (block, row, gate.comments_for(block=block))
        for block, row in zip(blocks, rows, strict=True)
        if gate.block_shown(block)
    ]  # a hidden block's row says why already
    out = []
    for question in open_questions:
        for _block, row, texts in shown:
            label = f"{row.label} ({row.level_name})" if row.level_name else row.label
            if texts is None:
                out.append(SurveyComments(label, question, None, fewer_than(gate.comment_k)))
            elif texts.get(question.pk):
                out.append(SurveyComments(label, question, texts[question.pk]))
    return out


def _trend(
    cycle: Cycle, scope: Q | None, questions: list[Question], current: dict[int, Figure], readers: list[int]
) -> list[SurveyTrendRow]:
    """The totals of this and earlier closed surveys of the same instrument, by the question's wording."""
    earlier = list(
        surveys_in_scope(scope=scope)
        .filter(instrument=cycle.instrument, created_at__lt=cycle.created_at)
        .order_by("created_at")
    )
    if not earlier:
        return []
    rows = []
    for other in earlier:
        gate = survey_gate_for_readers(cycle=other, scope=scope, person_ids=readers)
        by_text = {q.rater_text: q.pk for q in _scale_questions(other)}
        totals = {question_id: figure for (_level, question_id), figure in gate.totals().items()}
        ids = [by_text.get(q.rater_text) for q in questions]
        cells = [SurveyCell(totals.get(pk) if pk is not None else None) for pk in ids]
        rows.append(SurveyTrendRow(cycle=other, cells=cells))
    cells = [SurveyCell(current.get(q.pk)) for q in questions]
    return [*rows, SurveyTrendRow(cycle=cycle, cells=cells, current=True)]


def survey_report(*, cycle: Cycle, viewer, page: int | str = 1) -> SurveyReport:
    """The survey's blocks (a page of them), the total and (conditions) each level, from whole blocks."""
    if not cycle.is_survey or cycle.status != Cycle.Status.CLOSED:
        raise Http404
    scope = survey_scope_q(viewer=viewer)
    readers = _reader_ids(viewer)
    gate = survey_gate_for_readers(cycle=cycle, scope=scope, person_ids=readers)
    questions = _scale_questions(cycle)
    blocks = _sorted_blocks(gate)
    totals = gate.totals(by_level=cycle.instrument == Instrument.CONDITIONS)
    total_figures: dict[int, Figure] = {}
    for (_level, question_id), figure in totals.items():
        total_figures[question_id] = total_figures.get(question_id, Figure()) + figure
    total = _summary_row(_("All shown together"), blocks, gate, total_figures, questions)
    levels = []
    if cycle.instrument == Instrument.CONDITIONS:
        for level_key in dict.fromkeys(b.level_key for b in blocks):
            members = [b for b in blocks if b.level_key == level_key]
            level_figures = {q: f for (level, q), f in totals.items() if level == level_key}
            levels.append(
                _summary_row(members[0].level_name or _("No level"), members, gate, level_figures, questions)
            )
    paginator = Paginator(blocks, ROWS_PER_PAGE)
    page_obj = paginator.get_page(page)
    on_page = list(page_obj.object_list)
    figures = gate.figures(block_ids=[b.pk for b in on_page if gate.block_shown(b)])
    rows = [_block_row(block, figures, gate, questions) for block in on_page]
    return SurveyReport(
        cycle=cycle,
        questions=questions,
        k=gate.k,
        comment_k=gate.comment_k,
        total=total,
        levels=levels,
        rows=rows,
        page=page_obj,
        blocks_hidden=sum(1 for b in blocks if not gate.block_shown(b)),
        comments=_comments(gate, on_page, rows),
        trend=_trend(cycle, scope, questions, total_figures, readers),
    )


# --- The chart -----------------------------------------------------------------------------------------


def survey_chart_rows(report: SurveyReport) -> list[dict]:
    """The cells the chart draws: the total, the levels and the page's blocks, as in the tables."""
    rows = [report.total, *report.levels, *report.rows]
    separator = get_format("DECIMAL_SEPARATOR")
    return [
        {
            "row": f"{row.label} ({row.level_name})" if row.level_name and row.unit else row.label,
            "column": question.rater_text,
            "mean": round(cell.mean, 2) if cell.mean is not None else None,
            "label": two_decimals(cell.mean, separator) if cell.mean is not None else "–",
        }
        for row in rows
        for question, cell in zip(report.questions, row.cells, strict=True)
    ]


def survey_spec(report: SurveyReport) -> dict:
    values = survey_chart_rows(report)
    return heat_grid_spec(
        values,
        columns=[q.rater_text for q in report.questions],
        rows=list(dict.fromkeys(v["row"] for v in values)),
    )
