"""Reads of a unit's evaluation log. It is read by the same people as the unit's figures (the administrator
and the leaders of the unit or of a unit above it: `actionplans.view_log`) and written by the leaders of
the unit itself (`actionplans.write_log`); anyone else gets 403 (a unit is no secret, its log is). An entry
tied to an action plan names the plan only to someone who may read the plan: a plan is private to its
people."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.indicators.models import Indicator
from grundlag.indicators.rules import units_led_ids
from grundlag.organisation.models import Unit

from ..models import ActionPlan, EvaluationEntry
from ..plans.selectors import plans_for_user

Viewer = User | AnonymousUser

# The start page reminds of an entry to look at again from two months before its day to a month after it.
AHEAD_DAYS = 60
OVERDUE_DAYS = 30


def log_units_for_user(*, user: Viewer) -> list[Unit]:
    """The units whose log the signed-in person writes (those they lead), by name; for an administrator who
    leads none, the units with a log; 403 for anyone else."""
    require(user, "actionplans.view_logs")
    led = units_led_ids(user=user)
    units = (
        Unit.objects.filter(pk__in=led)
        if led
        else Unit.objects.filter(pk__in=EvaluationEntry.objects.values("unit_id"))
    )
    return list(units.order_by("name", "pk"))


def log_unit_for_user(*, user: Viewer, pk: int, write: bool = False) -> Unit:
    """A unit whose log the person reads (or, asked for writing, writes); 404 for no such unit, 403 for anyone
    who may not."""
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    require(user, "actionplans.write_log" if write else "actionplans.view_log", unit)
    return unit


@dataclass(frozen=True)
class EntryView:
    """An entry as the person asking sees it: the plan it is tied to only if they may read the plan."""

    entry: EvaluationEntry
    plan: ActionPlan | None
    indicators: list[Indicator]


def _views(*, user: Viewer, entries: QuerySet[EvaluationEntry]) -> list[EntryView]:
    readable = set(plans_for_user(user=user).values_list("pk", flat=True))
    return [
        EntryView(
            entry=entry,
            plan=entry.plan if entry.plan_id in readable else None,
            indicators=list(entry.indicators.all()),
        )
        for entry in entries.select_related("plan", "author").prefetch_related("indicators")
    ]


def log_entries_for_user(*, user: Viewer, unit: Unit) -> list[EntryView]:
    """The log of a unit the person reads (the caller has checked it), the latest first."""
    require(user, "actionplans.view_log", unit)
    return _views(user=user, entries=EvaluationEntry.objects.filter(unit=unit))


def log_entry_get_for_user(*, user: Viewer, pk: int) -> EvaluationEntry:
    """An entry for its unit's leaders to change; 404 for no such entry, 403 for anyone else."""
    entry = EvaluationEntry.objects.filter(pk=pk).select_related("unit", "plan").first()
    if entry is None:
        raise Http404
    require(user, "actionplans.write_log", entry.unit)
    return entry


def log_writable_for_user(*, user: Viewer, unit: Unit) -> bool:
    """Whether the person writes in the unit's log (leads the unit itself)."""
    return bool(user.has_perm("actionplans.write_log", unit))


def log_plan_choices_for_user(*, user: Viewer, unit: Unit) -> QuerySet[ActionPlan]:
    """The plans an entry of the unit may be tied to: the unit's plans the person reads."""
    return plans_for_user(user=user).filter(unit=unit)


def log_indicator_choices() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("name", "key")
