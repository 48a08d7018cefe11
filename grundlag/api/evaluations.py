"""360° evaluation results, read-only, through the same selectors and anonymity gate as the report pages.

Nothing here reads answers, responses or aggregates: every figure comes from `leader_report` or
`org_heatmap`, which publish only sums of whole publishable atoms (grundlag/evaluations/reports/anonymity.py).
A figure the pages hide is null here, with the reason the pages give.
"""

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grundlag.core.replica import replica_reads
from grundlag.evaluations.models import Cycle, Evaluee
from grundlag.evaluations.reports.leader import (
    Cell,
    CommentBlock,
    LeaderReport,
    Statement,
    TrendPoint,
    leader_report,
)
from grundlag.evaluations.reports.org import HeatCell, HeatRow, org_heatmap
from grundlag.evaluations.reports.selectors import (
    org_cycles_for_user,
    org_report_cycle_get_for_user,
    org_report_unit_get_for_user,
    report_evaluee_get_for_user,
    reports_for_user,
)

from .common import (
    NOT_FOUND_ERRORS,
    OBJECT_ERRORS,
    PAGE_ERRORS,
    READ_ERRORS,
    Id,
    Pagination,
    api_audit,
    api_user,
    id_path,
)

router = Router(tags=["evaluations"])

VALUE_COUNTS = "How many answered 1, 2, 3, 4 and 5 (in that order); null when hidden."
MEAN = "The mean score (1–5); null when too few scores to show."


# --- Schemas: the report -------------------------------------------------------------------------


class CycleOut(Schema):
    id: int
    name: str
    deadline: datetime.date
    status: str = Field(description="launched or closed; figures exist only once closed.")


class LevelOut(Schema):
    key: str
    name: str


class ReportSummaryOut(Schema):
    id: int = Field(description="The evaluated leader's id in this cycle (the path of the report).")
    cycle: CycleOut
    leader: str = Field(description="The evaluated leader's name.")
    unit: int = Field(description="The id of the unit the leader was evaluated in.")
    level: LevelOut | None = Field(description="The leadership level the questionnaire was drawn for.")
    ready: bool = Field(description="Whether the cycle is closed, so that the report has figures.")


class ColumnOut(Schema):
    key: str = Field(description="The rater group (self, superior, employee, peer, other) or others.")
    label: str
    respondents: int


class HiddenGroupOut(Schema):
    label: str
    reason: str


def _mean(cell: Cell) -> float | None:
    return cell.figure.mean if cell.figure else None


def _count(cell: Cell) -> int | None:
    return cell.figure.count if cell.figure else None


def _value_counts(cell: Cell) -> list[int] | None:
    return list(cell.figure.value_counts) if cell.figure else None


class SectionCellOut(Schema):
    column: str = Field(description="The column's key.")
    mean: float | None = Field(description=MEAN)
    count: int | None = Field(description="How many real scores the mean rests on; null when hidden.")
    value_counts: list[int] | None = Field(description=VALUE_COUNTS)
    not_asked: bool = Field(
        description="True when the column's rater group was not asked this statement (for a section: any of "
        "its statements); the figures are then null for that reason, not hidden."
    )

    @staticmethod
    def resolve_column(cell: Cell) -> str:
        return cell.column.key

    resolve_mean = staticmethod(_mean)
    resolve_count = staticmethod(_count)
    resolve_value_counts = staticmethod(_value_counts)


class StatementCellOut(SectionCellOut):
    dont_know: float | None = Field(
        description="The share (0–1) of “Ved ikke” among the group's answers; null for others or when hidden."
    )


class StatementOut(Schema):
    question: int = Field(description="The question's id.")
    text: str = Field(description="The statement as the raters read it.")
    cells: list[StatementCellOut]

    @staticmethod
    def resolve_question(statement: Statement) -> int:
        return statement.question.pk

    @staticmethod
    def resolve_text(statement: Statement) -> str:
        return statement.question.rater_text


class SectionOut(Schema):
    key: str
    title: str
    cells: list[SectionCellOut]
    statements: list[StatementOut]


class CommentBlockOut(Schema):
    question: int = Field(description="The open question's id.")
    question_text: str
    label: str = Field(description="The rater group.")
    texts: list[str] | None = Field(description="The comments, sorted, without names; null when hidden.")
    reason: str | None = Field(description="Why the comments are hidden; null when shown.")

    @staticmethod
    def resolve_question(block: CommentBlock) -> int:
        return block.question.pk

    @staticmethod
    def resolve_question_text(block: CommentBlock) -> str:
        return block.question.rater_text

    @staticmethod
    def resolve_reason(block: CommentBlock) -> str | None:
        return None if block.texts is not None else block.reason


class TrendPointOut(Schema):
    cycle: int = Field(description="The cycle's id.")
    name: str
    self_mean: float | None
    others_mean: float | None
    current: bool = Field(description="Whether this is the report's own cycle.")

    @staticmethod
    def resolve_cycle(point: TrendPoint) -> int:
        return point.cycle.pk

    @staticmethod
    def resolve_name(point: TrendPoint) -> str:
        return point.cycle.name


class ReportOut(ReportSummaryOut):
    # Left out (not null) while the cycle is open: the endpoint answers with exclude_unset.
    columns: list[ColumnOut] | None = Field(None, description="The groups shown, and all others together.")
    hidden: list[HiddenGroupOut] | None = Field(None, description="The groups left out whole, and why.")
    sections: list[SectionOut] | None = None
    blind_spots: list[int] | None = Field(
        None, description="Ids of statements where self is at least one point above all others."
    )
    hidden_strengths: list[int] | None = Field(
        None, description="Ids of statements where self is at least one point below all others."
    )
    comments: list[CommentBlockOut] | None = None
    trend: list[TrendPointOut] | None = Field(
        None, description="The mean of every statement in this and the leader's earlier closed cycles."
    )


def _report_summary(evaluee: Evaluee) -> dict:
    return {
        "id": evaluee.pk,
        "cycle": evaluee.cycle,
        "leader": evaluee.person.name,
        "unit": evaluee.unit_id,
        "level": {"key": evaluee.level_key, "name": evaluee.level_name} if evaluee.level_key else None,
        "ready": evaluee.cycle.status == Cycle.Status.CLOSED,
    }


def _report_body(report: LeaderReport) -> dict:
    body = _report_summary(report.evaluee)
    if not report.ready:
        return body
    return body | {
        "columns": report.columns,
        "hidden": report.hidden,
        "sections": report.sections,
        "blind_spots": [statement.question.pk for statement in report.blind_spots],
        "hidden_strengths": [statement.question.pk for statement in report.hidden_strengths],
        "comments": report.comments,
        "trend": report.trend,
    }


# --- Schemas: the heatmap ------------------------------------------------------------------------


class HeatColumnOut(Schema):
    key: str = Field(description="The section's key.")
    title: str


class HeatCellOut(Schema):
    column: str = Field(description="The column's (section's) key.")
    mean: float | None = Field(description=MEAN)
    count: int | None = Field(description="How many real scores the mean rests on; null when hidden.")
    respondents: int | None = Field(description="The respondents the cell rests on; null when hidden.")
    reason: str | None = Field(description="Why the cell is hidden; null when shown.")
    not_asked: bool = Field(
        description="True when no statement of the section was put to employees, peer leaders or others: "
        "the cell is empty for that reason, not hidden."
    )

    @staticmethod
    def resolve_column(cell: HeatCell) -> str:
        return cell.column.key

    @staticmethod
    def resolve_count(cell: HeatCell) -> int | None:
        return cell.figure.count if cell.figure else None

    @staticmethod
    def resolve_respondents(cell: HeatCell) -> int | None:
        return cell.respondents if cell.figure else None

    @staticmethod
    def resolve_reason(cell: HeatCell) -> str | None:
        return None if cell.figure else cell.reason


class HeatRowOut(Schema):
    key: str = Field(description="A unit's id, itself (the unit's own leaders) or a level's key.")
    label: str
    unit: int | None = Field(description="The unit to look into with ?unit=; null for a level or itself.")
    leaders: int
    invited: int = Field(description="Invitations of employees, peer leaders and others.")
    answered: int
    rate: int | None = Field(description="answered / invited in per cent; null when none were invited.")
    cells: list[HeatCellOut]
    trend: list[float | None] = Field(description="The row's mean over every section, per trend cycle.")

    @staticmethod
    def resolve_unit(row: HeatRow) -> int | None:
        return row.unit.pk if row.unit is not None else None


class TrendCycleOut(Schema):
    id: int
    name: str


class HeatmapOut(Schema):
    cycle: CycleOut
    unit: int | None = Field(description="The unit whose child units are the rows; null: the caller's top.")
    by: str = Field(description="unit or level")
    columns: list[HeatColumnOut]
    rows: list[HeatRowOut]
    trend_cycles: list[TrendCycleOut] = Field(
        description="This and the earlier closed cycles, oldest first; empty when there are none earlier."
    )

    @staticmethod
    def resolve_unit(heatmap) -> int | None:
        return heatmap.unit.pk if heatmap.unit is not None else None


class HeatmapFilters(Schema):
    unit: Id | None = Field(None, description="Rows are this unit's child units and its own leaders.")
    by: Literal["unit", "level"] = Field("unit", description="Rows by unit (default) or by level.")


# --- Reports -------------------------------------------------------------------------------------


@router.get(
    "/evaluation-reports",
    response={200: list[ReportSummaryOut], **READ_ERRORS},
    url_name="evaluation_report_list",
    operation_id="evaluation_report_list",
)
@paginate(Pagination)
def evaluation_report_list(request: HttpRequest):
    """The caller's own reports and those they may read as the superior, newest cycle first."""
    return [_report_summary(evaluee) for evaluee in reports_for_user(user=api_user(request))]


@router.get(
    "/evaluation-reports/{evaluee_id}",
    response={200: ReportOut, **NOT_FOUND_ERRORS},
    url_name="evaluation_report_detail",
    operation_id="evaluation_report_detail",
    exclude_unset=True,
)
@replica_reads
def evaluation_report_detail(request: HttpRequest, evaluee_id: int = id_path("The report's id.")):
    """One leader's report as the report page shows it; only the header until the cycle closes."""
    user = api_user(request)
    evaluee = report_evaluee_get_for_user(user=user, evaluee_id=evaluee_id)
    report = leader_report(evaluee=evaluee, viewer=user)
    api_audit(request, action="report.api", obj=evaluee)
    return _report_body(report)


# --- The organisation heatmap --------------------------------------------------------------------


@router.get(
    "/evaluation-cycles",
    response={200: list[CycleOut], **PAGE_ERRORS},
    url_name="evaluation_cycle_list",
    operation_id="evaluation_cycle_list",
)
@paginate(Pagination)
def evaluation_cycle_list(request: HttpRequest):
    """The closed cycles the caller may see in the organisation heatmap, newest first."""
    return org_cycles_for_user(user=api_user(request))


@router.get(
    "/evaluation-cycles/{cycle_id}/heatmap",
    response={200: HeatmapOut, **OBJECT_ERRORS},
    url_name="evaluation_heatmap",
    operation_id="evaluation_heatmap",
)
@replica_reads
def evaluation_heatmap(
    request: HttpRequest, filters: Query[HeatmapFilters], cycle_id: int = id_path("The cycle's id.")
):
    """Sections × child units (or levels) of a closed cycle, as far as the caller may see."""
    user = api_user(request)
    cycle = org_report_cycle_get_for_user(user=user, cycle_id=cycle_id)
    unit = org_report_unit_get_for_user(user=user, unit_id=filters.unit)
    heatmap = org_heatmap(cycle=cycle, viewer=user, unit=unit, by=filters.by)
    api_audit(
        request, action="org_report.api", obj=cycle, detail=f"unit={unit.pk if unit else ''} by={filters.by}"
    )
    return heatmap
