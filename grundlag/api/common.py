"""What every endpoint shares: error bodies, limits on input, pagination and the audit of reads."""

import datetime
import re
from typing import Annotated, Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator

from grundlag.audit.services import audit_record

from .models import ApiToken

MAX_LIMIT = 500
DEFAULT_LIMIT = 100
# Far beyond any organisation, and small enough that every database accepts offset + limit.
MAX_OFFSET = 1_000_000_000
# Database ids are 64-bit; a larger number can name nothing and must not reach the database.
MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def id_path(description: str):
    """A database id in the path: out of range is 422, never a query that overflows (500)."""
    return Path(..., ge=1, le=MAX_ID, description=description)


# PostgreSQL refuses NUL in text; such input is a client error, not a server one.
NO_NUL = r"^[^\x00]*$"


def _iso_day(value: Any) -> Any:
    # Pydantic would also read "0" or "1700000000" as a day (a Unix time); the API promises ISO 8601 only.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Give a day as YYYY-MM-DD.")
    return value


Day = Annotated[datetime.date, BeforeValidator(_iso_day)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]]


READ_ERRORS = {401: ErrorOut, 422: ValidationErrorOut}
NOT_FOUND_ERRORS = {**READ_ERRORS, 404: ErrorOut}
PAGE_ERRORS = {**READ_ERRORS, 403: ErrorOut}
OBJECT_ERRORS = {**PAGE_ERRORS, 404: ErrorOut}


class ApiRequest(HttpRequest):
    """A request as the API sees it once authenticated: ninja sets `auth` to the caller; a bearer token's
    request also carries the token (`api_token`, set in grundlag.api.auth)."""

    auth: Any
    api_token: ApiToken


def api_user(request: HttpRequest) -> Any:
    """The user the call acts as: the token's user or the signed-in user."""
    return cast(ApiRequest, request).auth


def api_audit(request: HttpRequest, *, action: str, obj=None, detail: str = "") -> None:
    """Record a sensitive read, naming the token (by id) when one was used."""
    token = getattr(request, "api_token", None)
    via = f"token {token.pk}" if token is not None else "session"
    audit_record(user=api_user(request), action=action, obj=obj, detail=f"{detail}; {via}" if detail else via)


class Pagination(LimitOffsetPagination):
    """`limit` (1–500, default 100) and `offset`; the answer has `items` and the total `count`."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items (at most 500).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def __init__(self, *, audit_action: str | None = None, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
        self.audit_action = audit_action

    def paginate_queryset(
        self, queryset: QuerySet, pagination: LimitOffsetPagination.Input, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        if self.audit_action:
            page[self.items_attribute] = items = list(page[self.items_attribute])
            api_audit(
                request,
                action=self.audit_action,
                detail=f"{len(items)} of {page['count']} from offset {pagination.offset}",
            )
        return page
