"""The surveys (the conditions survey and the effect picture), read-only, as the survey report page has them.

Nothing here reads answers, blocks or aggregates: every figure comes from `survey_report`, which publishes
only sums of whole blocks with at least k respondents (`BlockGate` in
grundlag/evaluations/reports/anonymity.py). A figure the page hides is null here, with the reason the page
gives.
"""

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grundlag.core.replica import replica_reads
from grundlag.evaluations.models import Block
from grundlag.evaluations.reports.selectors import survey_cycle_get_for_user, survey_cycles_for_user
from grundlag.evaluations.reports.surveys import SurveyCell, SurveyReport, SurveyRow, survey_report

from .common import MAX_OFFSET, OBJECT_ERRORS, PAGE_ERRORS, Pagination, api_audit, api_user, id_path
from .evaluations import MEAN, VALUE_COUNTS, LevelOut

router = Router(tags=["surveys"])


# --- Schemas -------------------------------------------------------------------------------------


class SurveyOut(Schema):
    id: int = Field(description="The survey's (cycle's) id.")
    name: str
    instrument: Literal["conditions", "effects"] = Field(
        description="conditions: the Ledelse-tæt-på conditions survey; effects: the effect picture."
    )
    deadline: datetime.date


class SurveyQuestionOut(Schema):
    id: int
    text: str = Field(description="The statement as the respondents read it.")


class SurveyCellOut(Schema):
    question: int = Field(description="The question's id.")
    mean: float | None = Field(description=MEAN)
    count: int | None = Field(description="How many real scores the mean rests on; null when hidden.")
    value_counts: list[int] | None = Field(description=VALUE_COUNTS)


class SurveySummaryRowOut(Schema):
    label: str
    leaders: int
    invited: int
    answered: int
    respondents: int | None = Field(description="The respondents of the blocks shown; null when none is.")
    reason: str | None = Field(description="Why the row's figures are hidden; null when shown.")
    cells: list[SurveyCellOut] = Field(description="One per question, in the order of `questions`.")
    span_median: float | None = Field(
        description="Conditions survey: the median span of control of the row's leaders; null otherwise."
    )
    span_max: int | None = Field(
        description="Conditions survey: the largest span of control of the row's leaders; null otherwise."
    )


class SurveyBlockRowOut(SurveySummaryRowOut):
    unit: int = Field(description="The block's unit (its figures include the units below it).")
    level: LevelOut | None = Field(description="Conditions survey: the block's leadership level.")


class SurveyPaginationOut(Schema):
    page: int = Field(description="The page of block rows given (a page past the last gives the last).")
    pages: int
    rows: int = Field(description="Block rows on all pages together.")
    per_page: int


class SurveyCommentsOut(Schema):
    label: str = Field(description="The block row the comments come from.")
    question: int = Field(description="The open question's id.")
    question_text: str
    texts: list[str] | None = Field(description="The comments, sorted, without names; null when hidden.")
    reason: str | None = Field(description="Why the comments are hidden; null when shown.")


class SurveyTrendMeanOut(Schema):
    question: int = Field(description="The question's id in this survey (earlier ones matched by wording).")
    mean: float | None


class SurveyTrendOut(Schema):
    cycle: int = Field(description="The survey's id.")
    name: str
    current: bool = Field(description="Whether this is the survey asked for.")
    means: list[SurveyTrendMeanOut]


class SurveyReportOut(Schema):
    survey: SurveyOut
    k: int = Field(description="Respondents a block needs to be shown, and real scores a figure needs.")
    comment_k: int = Field(description="Respondents a block needs for its comments to be shown.")
    questions: list[SurveyQuestionOut]
    total: SurveySummaryRowOut = Field(description="Every block shown together (hidden blocks left out).")
    levels: list[SurveySummaryRowOut] = Field(description="Conditions survey: the blocks of each level.")
    rows: list[SurveyBlockRowOut] = Field(description="This page's blocks, by unit name and level.")
    pagination: SurveyPaginationOut
    blocks_hidden: int = Field(description="Blocks on all pages left out of every figure, the totals too.")
    comments: list[SurveyCommentsOut] = Field(description="Comments of this page's shown blocks.")
    trend: list[SurveyTrendOut] = Field(
        description="The total of earlier closed surveys of the same kind and this one, oldest first; "
        "empty when there are none earlier."
    )


# --- From the page's report to the answer ----------------------------------------------------------


def _cells(report: SurveyReport, cells: list[SurveyCell]) -> list[dict]:
    return [
        {
            "question": question.pk,
            "mean": cell.figure.mean if cell.figure else None,
            "count": cell.figure.count if cell.figure else None,
            "value_counts": list(cell.figure.value_counts) if cell.figure else None,
        }
        for question, cell in zip(report.questions, cells, strict=True)
    ]


def _summary_row(report: SurveyReport, row: SurveyRow) -> dict:
    return {
        "label": row.label,
        "leaders": row.leaders,
        "invited": row.invited,
        "answered": row.answered,
        # A shown block has at least k respondents, so 0 means that none is shown.
        "respondents": row.respondents or None,
        "reason": row.reason or None,
        "cells": _cells(report, row.cells),
        "span_median": row.span_median if report.shows_spans else None,
        "span_max": row.span_max if report.shows_spans else None,
    }


def _block_row(report: SurveyReport, row: SurveyRow, block: Block) -> dict:
    level = {"key": block.level_key, "name": block.level_name} if block.level_key else None
    return _summary_row(report, row) | {"unit": block.unit_id, "level": level}


def _survey(cycle) -> dict:
    return {"id": cycle.pk, "name": cycle.name, "instrument": cycle.instrument, "deadline": cycle.deadline}


def _report_body(report: SurveyReport) -> dict:
    page = report.page
    # The page's rows are made from the page's blocks, in the same order.
    blocks = list(page.object_list)
    return {
        "survey": _survey(report.cycle),
        "k": report.k,
        "comment_k": report.comment_k,
        "questions": [{"id": q.pk, "text": q.rater_text} for q in report.questions],
        "total": _summary_row(report, report.total),
        "levels": [_summary_row(report, row) for row in report.levels],
        "rows": [_block_row(report, row, block) for row, block in zip(report.rows, blocks, strict=True)],
        "pagination": {
            "page": page.number,
            "pages": page.paginator.num_pages,
            "rows": page.paginator.count,
            "per_page": page.paginator.per_page,
        },
        "blocks_hidden": report.blocks_hidden,
        "comments": [
            {
                "label": comments.label,
                "question": comments.question.pk,
                "question_text": comments.question.rater_text,
                "texts": comments.texts,
                "reason": None if comments.texts is not None else comments.reason,
            }
            for comments in report.comments
        ],
        "trend": [
            {
                "cycle": point.cycle.pk,
                "name": point.cycle.name,
                "current": point.current,
                "means": [
                    {"question": question.pk, "mean": cell.mean}
                    for question, cell in zip(report.questions, point.cells, strict=True)
                ],
            }
            for point in report.trend
        ],
    }


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/surveys",
    response={200: list[SurveyOut], **PAGE_ERRORS},
    url_name="survey_list",
    operation_id="survey_list",
)
@paginate(Pagination)
def survey_list(request: HttpRequest):
    """The closed surveys with blocks the caller may see, newest first."""
    return [_survey(cycle) for cycle in survey_cycles_for_user(user=api_user(request))]


@router.get(
    "/surveys/{cycle_id}",
    response={200: SurveyReportOut, **OBJECT_ERRORS},
    url_name="survey_report",
    operation_id="survey_report",
)
@replica_reads
def survey_report_detail(
    request: HttpRequest,
    cycle_id: int = id_path("The survey's id."),
    page: int = Query(1, ge=1, le=MAX_OFFSET, description="The page of block rows (50 a page)."),
):
    """A closed survey's figures per block, as far as the caller may see, as on the survey page."""
    user = api_user(request)
    cycle = survey_cycle_get_for_user(user=user, cycle_id=cycle_id)
    report = survey_report(cycle=cycle, viewer=user, page=page)
    api_audit(request, action="survey_report.api", obj=cycle, detail=f"page={report.page.number}")
    return _report_body(report)
