"""A leader's 360° report, built only from the anonymity gate's publishable figures."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Cycle, Evaluee, Question, QuestionKind, RaterGroup
from .anonymity import ANONYMOUS_GROUPS, Figure, Gate, comment_threshold, gate_load, threshold
from .selectors import report_trend_evaluees_earlier, report_trend_evaluees_for_user

# A difference of at least one scale point between self and others is worth a conversation.
GAP = 1.0
OTHERS = "others"
REPORT_GROUPS = (RaterGroup.SELF, RaterGroup.SUPERIOR, *ANONYMOUS_GROUPS)
# Every rater group except self; the gate leaves out the superior where the cycle does not show them.
OTHER_GROUPS = (RaterGroup.SUPERIOR, *ANONYMOUS_GROUPS)


@dataclass
class Column:
    key: str
    label: str
    respondents: int


@dataclass
class HiddenGroup:
    label: str
    reason: str


@dataclass
class Cell:
    column: Column
    figure: Figure | None
    dont_know: float | None = None
    # The statement (every statement, for a section) was not put to the column's group(s): no figure at all.
    not_asked: bool = False

    @property
    def dont_know_percent(self) -> int | None:
        return None if self.dont_know is None else round(self.dont_know * 100)


@dataclass
class Statement:
    question: Question
    cells: list[Cell]
    self_mean: float | None = None
    others_mean: float | None = None

    @property
    def group_cells(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.column.key != OTHERS]

    @property
    def gap(self) -> float | None:
        if self.self_mean is None or self.others_mean is None:
            return None
        return self.self_mean - self.others_mean


@dataclass
class Section:
    key: str
    title: str
    cells: list[Cell]
    statements: list[Statement] = field(default_factory=list)


@dataclass
class CommentBlock:
    question: Question
    label: str
    texts: list[str] | None  # None: the group's comments are hidden
    reason: str = ""


@dataclass
class TrendPoint:
    cycle: Cycle
    self_mean: float | None
    others_mean: float | None
    current: bool = False


@dataclass
class LeaderReport:
    evaluee: Evaluee
    ready: bool  # figures exist only once the cycle is closed, so they cannot be watched changing
    columns: list[Column] = field(default_factory=list)
    hidden: list[HiddenGroup] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    comments: list[CommentBlock] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)

    @property
    def statements(self) -> list[Statement]:
        return [statement for section in self.sections for statement in section.statements]

    @property
    def blind_spots(self) -> list[Statement]:
        return [s for s in self.statements if s.gap is not None and s.gap >= GAP]

    @property
    def hidden_strengths(self) -> list[Statement]:
        return [s for s in self.statements if s.gap is not None and -s.gap >= GAP]


def group_label(group: str) -> str:
    if group == OTHERS:
        return _("All others")
    return str(RaterGroup(group).label)


def fewer_than(k: int) -> str:
    return _("fewer than %(k)s answers") % {"k": k}


# --- The report ----------------------------------------------------------------------------------


def _questions(evaluee: Evaluee) -> list[Question]:
    return list(
        Question.objects.filter(cycle_id=evaluee.cycle_id, level_key__in=["", evaluee.level_key]).order_by(
            "position", "id"
        )
    )


def _columns(gate: Gate, evaluee: Evaluee) -> tuple[list[Column], list[HiddenGroup]]:
    columns, hidden = [], []
    for group in REPORT_GROUPS:
        n = gate.respondent_count(evaluee.pk, group)
        if gate.group_shown(evaluee.pk, group):
            columns.append(Column(key=group, label=group_label(group), respondents=n))
        elif group == RaterGroup.SUPERIOR and not evaluee.cycle.superior_shown:
            hidden.append(
                HiddenGroup(
                    group_label(group), _("the cycle keeps the superior leader's answers out of the report")
                )
            )
        elif group in ANONYMOUS_GROUPS:
            hidden.append(HiddenGroup(group_label(group), fewer_than(threshold(group))))
        elif gate.identified_crowded(evaluee.pk, group):
            hidden.append(
                HiddenGroup(
                    group_label(group), _("more than one person answered in a group meant for one person")
                )
            )
        else:
            hidden.append(HiddenGroup(group_label(group), _("no answer")))
    if any(column.key != RaterGroup.SELF for column in columns):
        others_n = sum(c.respondents for c in columns if c.key != RaterGroup.SELF)
        columns.append(Column(key=OTHERS, label=group_label(OTHERS), respondents=others_n))
    return columns, hidden


def _groups_of(column: Column) -> tuple[str, ...]:
    return OTHER_GROUPS if column.key == OTHERS else (column.key,)


def _mean(gate: Gate, evaluee_id: int, groups, question_ids) -> float | None:
    figure = gate.figure(evaluee_ids=[evaluee_id], groups=groups, question_ids=question_ids)
    return figure.mean if figure else None


def _not_asked(question: Question, column: Column, columns: list[Column]) -> bool:
    """Whether the question was put to none of the column's groups (for "All others": to no shown group)."""
    if column.key != OTHERS:
        return not question.is_asked_of(column.key)
    shown = [c.key for c in columns if c.key not in (OTHERS, RaterGroup.SELF)]
    return all(not question.is_asked_of(group) for group in shown)


def _statement(gate: Gate, evaluee: Evaluee, question: Question, columns: list[Column]) -> Statement:
    cells = []
    for column in columns:
        if _not_asked(question, column, columns):
            cells.append(Cell(column=column, figure=None, not_asked=True))
            continue
        figure = gate.figure(evaluee_ids=[evaluee.pk], groups=_groups_of(column), question_ids=[question.pk])
        dont_know = (
            None
            if column.key == OTHERS
            else gate.dont_know_share(evaluee_id=evaluee.pk, group=column.key, question_id=question.pk)
        )
        cells.append(Cell(column=column, figure=figure, dont_know=dont_know))
    # Self and "All others" are columns where shown; where not, nothing of theirs is publishable either.
    figures = {cell.column.key: cell.figure for cell in cells}
    self_figure, others_figure = figures.get(RaterGroup.SELF), figures.get(OTHERS)
    return Statement(
        question=question,
        cells=cells,
        self_mean=self_figure.mean if self_figure else None,
        others_mean=others_figure.mean if others_figure else None,
    )


def _sections(
    gate: Gate, evaluee: Evaluee, questions: list[Question], columns: list[Column]
) -> list[Section]:
    sections: dict[str, Section] = {}
    for question in questions:
        if question.kind != QuestionKind.SCALE:
            continue
        key = question.section_key or question.section_title
        section = sections.get(key)
        if section is None:
            section = sections[key] = Section(key=key, title=question.section_title, cells=[])
        section.statements.append(_statement(gate, evaluee, question, columns))
    for section in sections.values():
        # A section's figure is the sum of its statements' figures: the same publishable atoms, added once.
        section.cells = [
            Cell(
                column=column,
                figure=_sum([s.cells[i].figure for s in section.statements]),
                not_asked=all(s.cells[i].not_asked for s in section.statements),
            )
            for i, column in enumerate(columns)
        ]
    return list(sections.values())


def _sum(figures: list[Figure | None]) -> Figure | None:
    shown = [figure for figure in figures if figure is not None]
    return sum(shown[1:], shown[0]) if shown else None


def _comments(gate: Gate, evaluee: Evaluee, questions: list[Question]) -> list[CommentBlock]:
    blocks = []
    for question in questions:
        if question.kind != QuestionKind.OPEN:
            continue
        for group in REPORT_GROUPS:
            if not gate.group_shown(evaluee.pk, group):
                continue  # the group's reason is given once, above
            texts = gate.comments_for(evaluee_id=evaluee.pk, group=group, question_id=question.pk)
            reason = "" if texts is not None else fewer_than(comment_threshold(group))
            blocks.append(
                CommentBlock(question=question, label=group_label(group), texts=texts, reason=reason)
            )
    return blocks


def _trend(gate: Gate, evaluees: list[Evaluee], current: Evaluee) -> list[TrendPoint]:
    points = []
    for evaluee in evaluees:
        ids = list(
            Question.objects.filter(
                cycle_id=evaluee.cycle_id, level_key__in=["", evaluee.level_key], kind=QuestionKind.SCALE
            ).values_list("pk", flat=True)
        )
        points.append(
            TrendPoint(
                cycle=evaluee.cycle,
                self_mean=_mean(gate, evaluee.pk, [RaterGroup.SELF], ids),
                others_mean=_mean(gate, evaluee.pk, OTHER_GROUPS, ids),
                current=evaluee.pk == current.pk,
            )
        )
    return points


def leader_report(*, evaluee: Evaluee, viewer) -> LeaderReport:
    """Everything the report shows, each figure from whole publishable atoms (see anonymity.py).

    `viewer` None: the report as the leader sees it, every earlier report of theirs in the trend (the PDF
    made when the cycle closes, `reports.services.report_pdfs_make`)."""
    if evaluee.cycle.status != Cycle.Status.CLOSED:
        return LeaderReport(evaluee=evaluee, ready=False)
    trend_evaluees = (
        report_trend_evaluees_for_user(user=viewer, evaluee=evaluee)
        if viewer is not None
        else [*report_trend_evaluees_earlier(evaluee=evaluee), evaluee]
    )
    gate = gate_load(evaluees=trend_evaluees)
    questions = _questions(evaluee)
    columns, hidden = _columns(gate, evaluee)
    return LeaderReport(
        evaluee=evaluee,
        ready=True,
        columns=columns,
        hidden=hidden,
        sections=_sections(gate, evaluee, questions, columns),
        comments=_comments(gate, evaluee, questions),
        trend=_trend(gate, trend_evaluees, evaluee) if len(trend_evaluees) > 1 else [],
    )
