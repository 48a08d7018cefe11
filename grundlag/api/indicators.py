"""Indicators (data-informed leadership): their definitions, a unit's figures through the publication gate,
and a bulk write of observations for data warehouses through the very same importer as files.

Nothing here reads observations itself: a unit's figures come from the indicators' selectors, which read them
through `grundlag/indicators/publication.py` (minimum n, lowest level, secondary suppression), so a withheld
figure is `null` here with the gate's reason, and its value, n and standard deviation are never in the answer.
The write takes the long format of `indicators_export --format json` and hands it to `indicators_import`,
which checks every row as it checks a file; any problem refuses the whole request and nothing is written.
"""

import datetime
import json
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import ConfigDict, ValidationError

from grundlag.core.replica import replica_reads
from grundlag.indicators.publication import Shown
from grundlag.indicators.selectors import (
    UnitFigure,
    indicators_for_user,
    indicators_manage_for_user,
    unit_figures_for_user,
    unit_get_for_user,
)
from grundlag.indicators.services import ImportOutcome, indicators_import

from .common import (
    NO_NUL,
    NOT_FOUND_ERRORS,
    PAGE_ERRORS,
    ErrorOut,
    Pagination,
    ValidationErrorOut,
    api_user,
    id_path,
)

router = Router(tags=["indicators"])

# One request: at most this many observations, in a body of at most MAX_BODY_BYTES (Django's own bound on a
# request body, DATA_UPLOAD_MAX_MEMORY_SIZE, refuses larger ones first). A warehouse sends more in several.
MAX_OBSERVATIONS = 10_000
MAX_INDICATORS = 500
MAX_BODY_BYTES = 4 * 1024 * 1024
# A period as written: a school year, a year or a date (period_parse decides whether it is one).
PERIOD = r"^(\d{4}/\d{2}|\d{4}|\d{4}-\d{2}-\d{2})$"
# The file name the importer's messages carry for a request's rows.
REQUEST_NAME = "api"


# --- Schemas -------------------------------------------------------------------------------------


class IndicatorOut(Schema):
    key: str
    name: str
    description: str
    data_type: str = Field(
        description="resultatdata, processuelle-data, demografiske-data or perceptionsdata (the broad data "
        "concept)."
    )
    unit_of_measure: str
    scale_min: float | None
    scale_max: float | None
    decimals: int = Field(description="Decimals shown on the pages.")
    direction: str = Field(description="higher, lower or neutral: which way is better.")
    source: str
    credit: str = Field(description="The credit line the source requires, to be shown with its figures.")
    min_n: int = Field(description="The smallest n shown; a figure with a known n below it is withheld.")
    lowest_level: str = Field(
        description="unit, institution, municipality or national: the lowest level at which it is shown."
    )


class ObservationOut(Schema):
    indicator: str = Field(description="The indicator's key.")
    period: str = Field(description='As written: "2023/24" (school year), "2024" (year) or a date.')
    period_kind: str = Field(description="school_year, year or date.")
    period_start: datetime.date = Field(description="The period's first day (a school year: 1 August).")
    shown: bool = Field(description="Whether the publication gate shows the figure.")
    value: float | None = Field(description="The figure; null when withheld.")
    n: int | None = Field(
        description="What the figure rests on (answers, pupils), where known; null when withheld."
    )
    sd: float | None = Field(description="The standard deviation, where known; null when withheld.")
    reason: str | None = Field(
        description="Why the figure is withheld: level, not_published, too_few or secondary; null when shown."
    )
    reason_text: str | None = Field(description="The reason in words, as the pages say it; null when shown.")


# The rows' fields are given to the importer as text, so a wrong one gets the importer's own message (with its
# row) rather than a type error; the bounds here only keep what no row could hold from reaching it.
# What the description says is what is taken: "1" is no number and 0 no false.
STRICT = ConfigDict(strict=True)
Text = Annotated[str, Field(max_length=40, pattern=NO_NUL)]
Count = Annotated[int, Field(le=2**31 - 1)]
ShortCount = Annotated[str, Field(max_length=9, pattern=NO_NUL)]


class ObservationIn(Schema):
    model_config = STRICT

    indicator: str = Field(max_length=80, pattern=NO_NUL, description="The indicator's key.")
    unit: str = Field(
        max_length=300,
        pattern=NO_NUL,
        description="The unit's key (e.g. an INST_NR) or name, as in a file; see docs/indicators.md.",
    )
    period: str = Field(max_length=20, pattern=NO_NUL, description='"2023/24", "2024" or "2024-03-01".')
    value: float | Text | None = Field(
        None, description="A number (a point as the decimal mark); null: not published."
    )
    n: Count | ShortCount | None = Field(None, description="A whole number of 0 or more, where known.")
    sd: float | Text | None = Field(None, description="The standard deviation, where known.")


Name = Annotated[str, Field(max_length=300, pattern=NO_NUL)]


class IndicatorIn(Schema):
    """An indicator's definition, as a mapping file writes it (docs/indicators.md); the importer checks it."""

    model_config = STRICT

    key: str = Field(max_length=80, pattern=NO_NUL)
    name: Name
    data_type: str = Field(max_length=30, pattern=NO_NUL)
    direction: str = Field(max_length=10, pattern=NO_NUL)
    description: str = Field("", max_length=10_000, pattern=NO_NUL)
    unit_of_measure: str = Field("", max_length=60, pattern=NO_NUL)
    scale: list[float | None] | None = Field(None, min_length=2, max_length=2, description="[from, to]")
    decimals: int = Field(1, ge=0, le=10)
    source: Name = ""
    credit: Name = ""
    min_n: int = Field(5, ge=1, le=2**31 - 1)
    lowest_level: str = Field("unit", max_length=20, pattern=NO_NUL)


class ObservationsIn(Schema):
    model_config = STRICT

    indicators: list[IndicatorIn] = Field(
        [], max_length=MAX_INDICATORS, description="Definitions to create or update first (optional)."
    )
    observations: list[ObservationIn] = Field(max_length=MAX_OBSERVATIONS)
    dry_run: bool = Field(False, description="Check everything and count what would change; write nothing.")


class CountsOut(Schema):
    new: int
    changed: int
    unchanged: int


class ImportOut(Schema):
    applied: bool = Field(description="Whether it was written (false for a dry run).")
    dry_run: bool
    rows: int = Field(description="Observations in the request.")
    matched_units: int
    indicators: CountsOut
    observations: CountsOut


class ProblemOut(Schema):
    row: int | None = Field(
        description="The observation's place in `observations` (from 1); null: the request."
    )
    field: str = Field(description="The field or column at fault, where one is.")
    message: str
    unit_not_found: bool = Field(
        description="A row whose unit is not found: a file import skips it, the API refuses the request."
    )


class ImportRefusedOut(Schema):
    detail: str
    problems: list[ProblemOut] = Field(description="Every problem found, in the order of the rows.")


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with its `$defs` put in place of their references (the body's schema stands alone in the
    OpenAPI description: the endpoint reads its body itself, after refusing whoever may not write)."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


WRITE_ERRORS = {400: ImportRefusedOut, 401: ErrorOut, 403: ErrorOut, 413: ErrorOut, 422: ValidationErrorOut}


# --- Reads ---------------------------------------------------------------------------------------


@router.get(
    "/indicators",
    response={200: list[IndicatorOut], **PAGE_ERRORS},
    url_name="indicator_list",
    operation_id="indicator_list",
)
@paginate(Pagination)
def indicator_list(request: HttpRequest):
    """Every indicator's definition, by name, for administrators and leaders (else 403)."""
    return indicators_for_user(user=api_user(request))


def _observation(figure: UnitFigure) -> dict[str, Any]:
    shown = figure.figure if isinstance(figure.figure, Shown) else None
    return {
        "indicator": figure.indicator.key,
        "period": figure.period,
        "period_kind": figure.period_kind,
        "period_start": figure.period_start,
        "shown": shown is not None,
        "value": None if shown is None else float(shown.value),
        "n": None if shown is None else shown.n,
        "sd": None if shown is None or shown.sd is None else float(shown.sd),
        "reason": None if shown is not None else figure.figure.reason.value,  # type: ignore[union-attr]
        "reason_text": None if shown is not None else figure.figure.label,  # type: ignore[union-attr]
    }


@router.get(
    "/units/{unit_id}/observations",
    response={200: list[ObservationOut], **NOT_FOUND_ERRORS},
    url_name="unit_observations",
    operation_id="unit_observations",
)
@paginate(Pagination)
@replica_reads
def unit_observations(
    request: HttpRequest,
    unit_id: int = id_path("The unit's id."),
    indicator: str | None = Query(
        None, max_length=80, pattern=NO_NUL, description="Only this indicator (key)."
    ),
    period: str | None = Query(
        None,
        pattern=PERIOD,
        description='Only this period: "2023/24", "2024" or "2024-03-01" (none such: no figures).',
    ),
):
    """A unit's figures, by indicator and period, as the publication gate lets them be shown: a withheld
    figure has `null` figures and its reason. 404 for a unit whose figures the caller may not see."""
    user = api_user(request)
    unit = unit_get_for_user(user=user, pk=unit_id)
    figures = unit_figures_for_user(user=user, unit=unit, indicator_key=indicator, period=period)
    return [_observation(figure) for figure in figures]


# --- The bulk write ------------------------------------------------------------------------------


def _body(request: HttpRequest) -> ObservationsIn | Status:
    """The body checked against the schema: 413 when too large, 422 (as ninja says it) when not the schema."""
    length = request.headers.get("Content-Length", "")
    too_large = Status(
        413,
        {
            "detail": _("A request may be at most %(mb)s MB: send the rows in several.")
            % {"mb": MAX_BODY_BYTES // 2**20}
        },
    )
    if length.isdigit() and int(length) > min(MAX_BODY_BYTES, _django_limit()):
        return too_large
    try:
        raw = request.body
    except RequestDataTooBig:
        return too_large
    try:
        return ObservationsIn.model_validate_json(raw or b"null")
    except ValidationError as error:
        details = json.loads(error.json(include_url=False, include_context=False, include_input=False))
        raise NinjaValidationError([{**d, "loc": ["body", *d["loc"]]} for d in details]) from None


def _django_limit() -> int:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return MAX_BODY_BYTES if limit is None else int(limit)


def _document(body: ObservationsIn) -> bytes:
    """The request as the JSON the importer reads (an export's shape: indicators and long rows)."""
    definitions = [definition.model_dump(exclude_unset=True) for definition in body.indicators]
    rows = [
        {name: None if value is None else str(value) for name, value in row.model_dump().items()}
        for row in body.observations
    ]
    return json.dumps({"indicators": definitions, "observations": rows}).encode()


def _refused(outcome: ImportOutcome) -> dict[str, Any]:
    problems = [
        {"row": p.row, "field": p.column, "message": p.message, "unit_not_found": p.warning}
        for p in outcome.problems
    ]
    detail = ngettext(
        "Nothing was written: %(count)s problem.", "Nothing was written: %(count)s problems.", len(problems)
    ) % {"count": len(problems)}
    return {"detail": detail, "problems": problems}


def _counts(outcome: ImportOutcome, kind: str) -> dict[str, int]:
    return {category: outcome.counts[category][kind] for category in ("new", "changed", "unchanged")}


@router.post(
    "/observations",
    response={200: ImportOut, **WRITE_ERRORS},
    url_name="observations_import",
    operation_id="observations_import",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inlined(ObservationsIn.model_json_schema())}},
        }
    },
)
def observations_import(request: HttpRequest):
    """Write observations in bulk (administrators only, else 403): every row is checked by the importer as a
    file's rows are, and either all are written in one transaction or, with any problem (a row whose unit is
    not found included), none: 400 with every problem. `dry_run` checks and counts without writing."""
    user = api_user(request)
    indicators_manage_for_user(user=user)
    body = _body(request)
    if isinstance(body, Status):
        return body
    outcome = indicators_import(
        data=_document(body), filename=REQUEST_NAME, dry_run=body.dry_run, by=user, whole=True
    )
    if outcome.problems:
        return Status(400, _refused(outcome))
    return Status(
        200,
        {
            "applied": outcome.applied,
            "dry_run": body.dry_run,
            "rows": outcome.rows,
            "matched_units": outcome.matched_units,
            "indicators": _counts(outcome, "indicators"),
            "observations": _counts(outcome, "observations"),
        },
    )
