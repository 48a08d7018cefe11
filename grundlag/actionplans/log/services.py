"""Writes of a unit's evaluation log: an entry written and changed by the leaders of the unit. The audit rows
name the unit, never what an entry says."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.indicators.models import Indicator
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import person_for_user

from ..models import ActionPlan, EvaluationEntry
from ..rules import is_plan_reader_person, leads_unit_itself

_By = User | AnonymousUser | None


def _writer_check(*, unit: Unit, by: _By) -> None:
    if by is None or not leads_unit_itself(by, unit):
        raise ValidationError(
            _("Only the leaders of the unit write in its evaluation log."), code="not_leader"
        )


def _plan_check(*, unit: Unit, plan: ActionPlan | None, by: _By) -> None:
    """A tied plan is one of the unit's that the writer reads."""
    if plan is None:
        return
    person = person_for_user(user=by) if by is not None else None
    if plan.unit_id != unit.pk or not is_plan_reader_person(plan=plan, person=person):
        raise ValidationError(_("An entry is tied to an action plan of the unit that you read."), code="plan")


def _entry_fill(entry: EvaluationEntry, **fields: Any) -> None:
    for name in ("subject", "data_used", "conclusion", "decision"):
        setattr(entry, name, (fields[name] or "").strip())
    entry.evaluated_on, entry.look_again_on = fields["evaluated_on"], fields["look_again_on"]
    entry.plan = fields["plan"]
    if entry.look_again_on is not None and entry.look_again_on <= entry.evaluated_on:
        raise ValidationError(_("The day to look again comes after the evaluation."), code="look_again")


@transaction.atomic
def evaluation_create(
    *,
    unit: Unit,
    evaluated_on: datetime.date,
    subject: str,
    by: _By,
    data_used: str = "",
    indicators: Iterable[Indicator] = (),
    conclusion: str = "",
    decision: str = "",
    look_again_on: datetime.date | None = None,
    plan: ActionPlan | None = None,
) -> EvaluationEntry:
    """Write an entry in the unit's log: what was evaluated, with which data (words and indicators), what
    was concluded and decided, when to look again, and the action plan it concerns if any."""
    _writer_check(unit=unit, by=by)
    _plan_check(unit=unit, plan=plan, by=by)
    entry = EvaluationEntry(unit=unit, author=person_for_user(user=by) if by is not None else None)
    _entry_fill(
        entry,
        evaluated_on=evaluated_on,
        subject=subject,
        data_used=data_used,
        conclusion=conclusion,
        decision=decision,
        look_again_on=look_again_on,
        plan=plan,
    )
    return _entry_save(entry, indicators=indicators, by=by, action="actionplans.evaluation_create")


def _entry_save(
    entry: EvaluationEntry, *, indicators: Iterable[Indicator], by: _By, action: str
) -> EvaluationEntry:
    entry.full_clean()
    entry.save()
    entry.indicators.set(list(indicators))
    audit_record(user=by, action=action, obj=entry)
    return entry


@transaction.atomic
def evaluation_update(
    *,
    entry: EvaluationEntry,
    evaluated_on: datetime.date,
    subject: str,
    by: _By,
    data_used: str = "",
    indicators: Iterable[Indicator] = (),
    conclusion: str = "",
    decision: str = "",
    look_again_on: datetime.date | None = None,
    plan: ActionPlan | None = None,
) -> EvaluationEntry:
    """Change an entry of the log; a tie to a plan the writer does not read is kept as it was."""
    _writer_check(unit=entry.unit, by=by)
    person = person_for_user(user=by) if by is not None else None
    if entry.plan is not None and not is_plan_reader_person(plan=entry.plan, person=person):
        plan = entry.plan  # tied by someone who reads it: this writer neither sees nor changes it
    else:
        _plan_check(unit=entry.unit, plan=plan, by=by)
    _entry_fill(
        entry,
        evaluated_on=evaluated_on,
        subject=subject,
        data_used=data_used,
        conclusion=conclusion,
        decision=decision,
        look_again_on=look_again_on,
        plan=plan,
    )
    return _entry_save(entry, indicators=indicators, by=by, action="actionplans.evaluation_update")
