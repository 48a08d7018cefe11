"""Action plans' part of a development dialogue's data pack: the plans the leader owns and shares with the
superior (a plan kept within its team stays out: the superior reads the pack too), with their status, the
actions done of all, and the next follow-up."""

from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from grundlag.development.dialogues.pack import pack_part
from grundlag.development.models import Dialogue

from .models import ActionPlan, FollowUp, PlanStatus


@pack_part(key="actionplans", template="actionplans/_pack_plans.html", order=20)
def pack_plans(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    latest_next = (
        FollowUp.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-pk").values("next_on")[:1]
    )
    plans = (
        ActionPlan.objects.filter(owner=dialogue.leader, shared_with_superior=True)
        .exclude(status=PlanStatus.DROPPED)
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
            "title": plan.title,
            "unit": plan.unit.name,
            "status": plan.status,
            "actions": plan.actions_total,
            "done": plan.actions_done,
            "next": plan.next_on.isoformat() if plan.next_on else None,
        }
        for plan in plans
    ]
