"""Action plans in a person's GDPR export and erasure. A plan is its people's: the plans the person owns are
in their own export only (`register_own_exporter`), never in one an administrator makes, as a plan is
invisible to an administrator on every page. Plans of others that the person writes in or reads are theirs to
read on the pages, not to export. The entries the person wrote in a unit's evaluation log are the unit's
record: they keep no name after the erasure."""

from typing import Any

from grundlag.accounts.gdpr import register_eraser, register_own_exporter
from grundlag.organisation.models import Person

from .models import ActionPlan, ProcessEntry
from .plans.services import plans_person_erase
from .process.services import processes_person_erase


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


@register_own_exporter
def action_plans(person: Person) -> dict[str, Any]:
    plans = ActionPlan.objects.filter(owner=person).select_related("unit").order_by("pk")
    return {
        "action_plans": [
            {
                "unit": plan.unit.name,
                "title": plan.title,
                "goal": plan.goal,
                "baseline": plan.baseline,
                "evaluation": plan.evaluation,
                "evaluate_on": _day(plan.evaluate_on),
                "status": plan.status,
                "team_members": [member.name for member in plan.team_members.all()],
                "shared_with_superior": plan.shared_with_superior,
                "actions": [
                    {"what": a.what, "who": a.who, "when": a.when, "episode": a.episode, "signs": a.signs}
                    for a in plan.actions.all()
                ],
                "follow_ups": [
                    {"held_on": _day(f.held_on), "signs_seen": f.signs_seen, "note": f.note}
                    for f in plan.follow_ups.all()
                ],
                "created_at": plan.created_at.isoformat(),
                "updated_at": plan.updated_at.isoformat(),
            }
            for plan in plans
        ]
    }


@register_eraser
def action_plans_erase(person: Person) -> None:
    """Action plans' and 5F processes' part of the person's erasure (the services `plans_person_erase` and
    `processes_person_erase`)."""
    plans_person_erase(person=person)
    processes_person_erase(person=person)


@register_own_exporter
def process_contributions(person: Person) -> dict[str, Any]:
    """What the person wrote in 5F processes (the others' contributions are theirs)."""
    entries = ProcessEntry.objects.filter(author=person).select_related("process").order_by("pk")
    return {
        "process_contributions": [
            {
                "process": entry.process.title,
                "step": entry.step,
                "text": entry.text,
                "created_at": entry.created_at.isoformat(),
            }
            for entry in entries
        ]
    }
