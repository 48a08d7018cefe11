"""Writes of a unit's notes and of the comments on its figures.

A leader of the unit itself writes them (`indicators.write_unit_notes`); only the author changes or deletes
their own. Every write is audited with the unit as its object and never the text, and a private note's audit
row is the shared notes' own, so the log does not tell that a note is private. At a person's erasure their
private notes are deleted and their shared notes and comments stay as the unit's knowledge, without an author.
"""

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import person_for_user

from ..models import FigureComment, Indicator, UnitNote
from .selectors import WRITE, CommentPeriod, comment_periods

_By = User | AnonymousUser | None


def _writer(*, unit: Unit, by: _By) -> Person:
    """The person writing on the unit: a leader of the unit itself, else a refusal."""
    person = person_for_user(user=by) if by is not None else None
    if by is None or person is None or not by.has_perm(WRITE, unit):
        raise ValidationError(
            _("Only a leader of the unit writes notes and comments on it."), code="not_a_leader_of_the_unit"
        )
    return person


def _own(*, author_id: int | None, by: _By) -> None:
    person = person_for_user(user=by) if by is not None else None
    if person is None or author_id != person.pk:
        raise ValidationError(_("Only its author changes or deletes it."), code="not_the_author")


def _not_ahead(observed_on: datetime.date) -> None:
    if observed_on > timezone.localdate():
        raise ValidationError(
            {"observed_on": _("The date is the day it happened: not a day to come.")}, code="future"
        )


@transaction.atomic
def unit_note_create(
    *,
    unit: Unit,
    data_type: str,
    kind: str,
    observed_on: datetime.date,
    title: str,
    text: str,
    private: bool,
    by: _By,
) -> UnitNote:
    """A dated note of qualitative data on the unit, shared with those who see its figures or private."""
    author = _writer(unit=unit, by=by)
    _not_ahead(observed_on)
    note = UnitNote(
        unit=unit,
        data_type=data_type,
        kind=kind,
        observed_on=observed_on,
        title=title.strip(),
        text=text.strip(),
        author=author,
        private=private,
    )
    note.full_clean()
    note.save()
    audit_record(user=by, action="indicators.note_add", obj=unit)
    return note


@transaction.atomic
def unit_note_update(
    *,
    note: UnitNote,
    data_type: str,
    kind: str,
    observed_on: datetime.date,
    title: str,
    text: str,
    private: bool,
    by: _By,
) -> UnitNote:
    """Change one's own note, whether it is shared or private too, while one still leads the unit."""
    _own(author_id=note.author_id, by=by)
    _writer(unit=note.unit, by=by)
    _not_ahead(observed_on)
    note.data_type, note.kind, note.observed_on = data_type, kind, observed_on
    note.title, note.text, note.private = title.strip(), text.strip(), private
    note.full_clean()
    note.save()
    audit_record(user=by, action="indicators.note_update", obj=note.unit)
    return note


@transaction.atomic
def unit_note_delete(*, note: UnitNote, by: _By) -> None:
    """Delete one's own note."""
    _own(author_id=note.author_id, by=by)
    audit_record(user=by, action="indicators.note_delete", obj=note.unit)
    note.delete()


def _period_of(*, unit: Unit, indicator: Indicator, period: CommentPeriod | None) -> CommentPeriod | None:
    periods = comment_periods(unit=unit, indicator=indicator)
    if not periods:
        raise ValidationError(
            _("The unit has no figures of this indicator to comment on."), code="no_figures"
        )
    if period is not None and period not in periods:
        raise ValidationError({"period": _("The unit has no figures of that period.")}, code="period")
    return period


def _comment_period_set(comment: FigureComment, period: CommentPeriod | None) -> None:
    comment.period_kind = period.kind if period else ""
    comment.period_start = period.start if period else None
    comment.period = period.label if period else ""


@transaction.atomic
def figure_comment_create(
    *, unit: Unit, indicator: Indicator, period: CommentPeriod | None, text: str, by: _By
) -> FigureComment:
    """A leader's comment on the unit's figures of the indicator: of one period, or of all (None)."""
    author = _writer(unit=unit, by=by)
    comment = FigureComment(unit=unit, indicator=indicator, text=text.strip(), author=author)
    _comment_period_set(comment, _period_of(unit=unit, indicator=indicator, period=period))
    comment.full_clean()
    comment.save()
    audit_record(user=by, action="indicators.comment_add", obj=unit, detail=f"indicator={indicator.key}")
    return comment


@transaction.atomic
def figure_comment_update(
    *, comment: FigureComment, period: CommentPeriod | None, text: str, by: _By
) -> FigureComment:
    """Change one's own comment (its text and the period it is about) while one still leads the unit."""
    _own(author_id=comment.author_id, by=by)
    _writer(unit=comment.unit, by=by)
    _comment_period_set(comment, _period_of(unit=comment.unit, indicator=comment.indicator, period=period))
    comment.text = text.strip()
    comment.full_clean()
    comment.save()
    audit_record(
        user=by,
        action="indicators.comment_update",
        obj=comment.unit,
        detail=f"indicator={comment.indicator.key}",
    )
    return comment


@transaction.atomic
def figure_comment_delete(*, comment: FigureComment, by: _By) -> None:
    """Delete one's own comment."""
    _own(author_id=comment.author_id, by=by)
    audit_record(
        user=by,
        action="indicators.comment_delete",
        obj=comment.unit,
        detail=f"indicator={comment.indicator.key}",
    )
    comment.delete()


@transaction.atomic
def notes_person_erase(*, person: Person) -> None:
    """The person's part of an erasure: their private notes are deleted (no one else ever reads them); their
    shared notes and comments stay as the unit's knowledge, without an author."""
    UnitNote.objects.filter(author=person, private=True).delete()
    UnitNote.objects.filter(author=person).update(author=None)
    FigureComment.objects.filter(author=person).update(author=None)
