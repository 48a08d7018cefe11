"""What action plans put on the start page: the next follow-ups of the plans the person writes in, and the
entries of the evaluation logs they keep whose day to look again is near. Nothing for someone without any;
a plan is shown only to its own people (never to an administrator).

Both lists come from one question to the database (a UNION of the two), as the start page asks every domain
for a fixed, small number of questions."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from grundlag.core.start import StartSection, start_sections
from grundlag.indicators.rules import units_led_ids
from grundlag.organisation.selectors import person_for_user

from .log.selectors import AHEAD_DAYS, OVERDUE_DAYS
from .models import ActionPlan, EvaluationEntry, FollowUp, PlanStatus

PLAN, ENTRY = "plan", "entry"


@dataclass(frozen=True)
class StartItem:
    """A plan's next follow-up or a log entry to look at again: what it is, its page, its unit, its day."""

    kind: str
    pk: int
    title: str
    unit_id: int
    unit_name: str
    on: datetime.date
    overdue: bool


def start_items_for_user(
    *, user: User | AnonymousUser, limit: int = 5
) -> tuple[list[StartItem], list[StartItem]]:
    """The next follow-ups of the plans under way or being written that the person writes in (the latest
    follow-up's next date, else the plan's evaluation date), and the entries of the logs of the units they
    lead whose day to look again is near; each list the earliest first, at most `limit` long."""
    person = person_for_user(user=user) if user.is_authenticated else None
    if person is None:
        return [], []
    today = timezone.localdate()
    columns = ("kind", "pk", "title", "unit_id", "unit__name", "on")
    latest_next = (
        FollowUp.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-pk").values("next_on")[:1]
    )
    writes_in = ActionPlan.objects.filter(Q(owner=person) | Q(team_members=person)).values("pk")
    plans = (
        ActionPlan.objects.filter(pk__in=writes_in, status__in=(PlanStatus.DRAFT, PlanStatus.ACTIVE))
        .annotate(
            kind=Value(PLAN, output_field=CharField()), on=Coalesce(Subquery(latest_next), "evaluate_on")
        )
        .filter(on__isnull=False)
        .order_by()
        .values_list(*columns)
    )
    entries = (
        EvaluationEntry.objects.filter(
            unit_id__in=units_led_ids(user=user),
            look_again_on__gte=today - datetime.timedelta(days=OVERDUE_DAYS),
            look_again_on__lte=today + datetime.timedelta(days=AHEAD_DAYS),
        )
        .annotate(kind=Value(ENTRY, output_field=CharField()), title=F("subject"), on=F("look_again_on"))
        .order_by()
        .values_list(*columns)
    )
    found: dict[str, list[StartItem]] = {PLAN: [], ENTRY: []}
    for kind, pk, title, unit_id, unit_name, on in plans.union(entries, all=True).order_by("on", "pk"):
        if len(found[kind]) < limit:
            found[kind].append(StartItem(kind, pk, title, unit_id, unit_name, on, on < today))
    return found[PLAN], found[ENTRY]


@start_sections
def actionplans_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    follow_ups, look_again = start_items_for_user(user=user)
    if not follow_ups and not look_again:
        return []
    return [
        StartSection(
            template="actionplans/plans/_start_plans.html",
            context={"follow_ups": follow_ups, "look_again": look_again},
            order=37,
        )
    ]
