"""Reads of a unit's notes and of the comments on its figures, by who asks.

A shared note and a comment are read with the unit's figures: by those with `indicators.view_unit_figures`
on the unit (its leaders, the leaders above it and the administrator). A private note is read by its author
alone; for everyone else, the administrator too, it does not exist: it is in no list and its page is a 404.
Writing is for the unit's own leaders (`indicators.write_unit_notes`), and a note or comment is changed and
deleted by its author only.
"""

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user
from grundlag.tools.definitions import BUILTIN_DIR, read_file
from grundlag.tools.selectors import tool_versions_published

from ..models import FigureComment, Indicator, Observation, UnitNote

Viewer = User | AnonymousUser

VIEW = "indicators.view_unit_figures"
WRITE = "indicators.write_unit_notes"
BROAD_DATA_TOOL = "det-brede-databegreb"  # the toolbox's tool of the broad data concept (source 002)


@dataclass(frozen=True)
class NotesAccess:
    """A unit whose notes and comments the user reads, and whether they write on it."""

    unit: Unit
    can_write: bool


@dataclass(frozen=True)
class CommentPeriod:
    """A period of the unit's figures of an indicator, as the observations keep it."""

    kind: str
    start: datetime.date
    label: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.start.isoformat()}"


@dataclass(frozen=True)
class DataTypeGuidance:
    """One data type of the broad data concept with the source's explanation and examples."""

    key: str
    name: str
    explanation: str
    examples: list[str]


def notes_access(*, user: Viewer, unit: Unit) -> NotesAccess | None:
    """Whether the user reads (and writes) the unit's notes; None for one who may not see its figures."""
    if not user.has_perm(VIEW, unit):
        return None
    return NotesAccess(unit=unit, can_write=user.has_perm(WRITE, unit))


def notes_unit_get_for_user(*, user: Viewer, pk: int) -> NotesAccess:
    """A unit whose notes the user reads; 404 for no such unit and for one whose figures are not theirs."""
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    access = notes_access(user=user, unit=unit) if unit is not None else None
    if access is None:
        raise Http404
    return access


def notes_unit_to_write_get_for_user(*, user: Viewer, pk: int) -> Unit:
    """A unit the user writes notes and comments on; 404 as for reading, 403 for one who reads them but is
    not a leader of the unit itself (a leader above it, the administrator)."""
    access = notes_unit_get_for_user(user=user, pk=pk)
    if not access.can_write:
        raise PermissionDenied
    return access.unit


def notes_author_for_user(*, user: Viewer) -> Person | None:
    """The person the user writes notes as (their own notes are theirs to change), or None."""
    return person_for_user(user=user) if user.is_authenticated and user.is_active else None


def unit_notes_for_user(*, user: Viewer, unit: Unit, data_type: str = "") -> QuerySet[UnitNote]:
    """The unit's shared notes and the user's own private ones, the latest first, of one data type if given;
    404 for one who may not see the unit's figures."""
    if notes_access(user=user, unit=unit) is None:
        raise Http404
    author = notes_author_for_user(user=user)
    visible = Q(private=False)
    if author is not None:
        visible |= Q(private=True, author=author)
    notes = UnitNote.objects.filter(unit=unit).filter(visible).select_related("author")
    return notes.filter(data_type=data_type) if data_type else notes


def unit_note_get_for_user(*, user: Viewer, pk: int) -> UnitNote:
    """One of the user's own notes, to change or delete. 404 for a note the user may not read (another's
    private note, or any note of a unit whose figures are not theirs), 403 for another's shared note."""
    note = UnitNote.objects.select_related("unit", "author").filter(pk=pk).first()
    if note is None:
        raise Http404
    author = notes_author_for_user(user=user)
    if author is not None and note.author_id == author.pk:
        return note
    if note.private or notes_access(user=user, unit=note.unit) is None:
        raise Http404
    raise PermissionDenied


def figure_comments_for_user(
    *, user: Viewer, unit: Unit, indicator: Indicator | None = None
) -> QuerySet[FigureComment]:
    """The comments on the unit's figures (of one indicator, if given), the latest first; 404 for one who may
    not see the unit's figures."""
    if notes_access(user=user, unit=unit) is None:
        raise Http404
    comments = FigureComment.objects.filter(unit=unit).select_related("author", "indicator")
    return comments.filter(indicator=indicator) if indicator is not None else comments


def figure_comment_get_for_user(*, user: Viewer, pk: int) -> FigureComment:
    """One of the user's own comments, to change or delete: 404 for one on a unit whose figures are not the
    user's, 403 for another's comment."""
    comment = FigureComment.objects.select_related("unit", "indicator", "author").filter(pk=pk).first()
    if comment is None or notes_access(user=user, unit=comment.unit) is None:
        raise Http404
    author = notes_author_for_user(user=user)
    if author is None or comment.author_id != author.pk:
        raise PermissionDenied
    return comment


def comment_periods(*, unit: Unit, indicator: Indicator) -> list[CommentPeriod]:
    """The periods the unit has figures of the indicator for, the latest first."""
    rows = (
        Observation.objects.filter(unit=unit, indicator=indicator)
        .order_by("-period_start", "period_kind")
        .values_list("period_kind", "period_start", "period")
    )
    return [CommentPeriod(kind=kind, start=start, label=label) for kind, start, label in rows]


def comment_indicator_get_for_user(
    *, user: Viewer, unit_pk: int, indicator_key: str
) -> tuple[Unit, Indicator, list[CommentPeriod]]:
    """A unit the user comments on, one of its indicators (one it has figures of) and their periods; 404 for
    an unknown indicator or one without figures of the unit, and as `notes_unit_to_write_get_for_user`."""
    unit = notes_unit_to_write_get_for_user(user=user, pk=unit_pk)
    indicator = Indicator.objects.filter(key=indicator_key).first()
    periods = comment_periods(unit=unit, indicator=indicator) if indicator is not None else []
    if indicator is None or not periods:
        raise Http404
    return unit, indicator, periods


def data_types_guidance() -> list[DataTypeGuidance]:
    """The broad data concept's four data types with their explanation and examples, in the source's order,
    from the toolbox's stored tool (its latest published version; the shipped file where the toolbox is not
    loaded yet)."""
    version = tool_versions_published().filter(tool__key=BROAD_DATA_TOOL).first()
    content = version.content if version is not None else _shipped_content()
    return [
        DataTypeGuidance(
            key=item["key"],
            name=item["name"],
            explanation=item.get("explanation", ""),
            examples=list(item.get("examples", [])),
        )
        for item in content.get("data_types", [])
    ]


@cache
def _shipped_content() -> dict[str, Any]:
    return read_file(BUILTIN_DIR / f"{BROAD_DATA_TOOL}.yaml")["content"]
