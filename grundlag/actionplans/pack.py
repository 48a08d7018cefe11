"""Action plans' part of a development dialogue's data pack: the plans the leader owns and shares with the
superior (a plan kept within its team stays out: the superior reads the pack too), with their status, the
actions done of all, and the next follow-up. Frozen when the preparation opens, as the pack is; but a plan the
leader stops sharing (or drops, or erases) leaves the pack at the next read (`plans_still_shared`)."""

from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from grundlag.development.dialogues.pack import pack_part
from grundlag.development.models import Dialogue

from .models import ActionPlan, FollowUp, PlanStatus


def _shared_with_superior():
    return ActionPlan.objects.filter(shared_with_superior=True).exclude(status=PlanStatus.DROPPED)


def plans_still_shared(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The frozen plans still shared with the superior (an entry frozen without its plan's id: none)."""
    ids = {entry.get("id") for entry in data}
    still = set(
        _shared_with_superior()
        .filter(pk__in=[pk for pk in ids if isinstance(pk, int)])
        .values_list("pk", flat=True)
    )
    return [entry for entry in data if entry.get("id") in still]


@pack_part(
    key="actionplans", template="actionplans/_pack_plans.html", order=20, still_shown=plans_still_shared
)
def pack_plans(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    latest_next = (
        FollowUp.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-pk").values("next_on")[:1]
    )
    plans = (
        _shared_with_superior()
        .filter(owner=dialogue.leader)
        .annotate(
            actions_total=Count("actions", distinct=True),
            actions_done=Count("actions", filter=Q(actions__done_on__isnull=False), distinct=True),
            next_on=Coalesce(Subquery(latest_next), "evaluate_on"),
        )
        .select_related("unit")
        .order_by("unit__name", "title", "pk")
    )
    return [
        {
            "id": plan.pk,
            "title": plan.title,
            "unit": plan.unit.name,
            "status": plan.status,
            "actions": plan.actions_total,
            "done": plan.actions_done,
            "next": plan.next_on.isoformat() if plan.next_on else None,
        }
        for plan in plans
    ]
