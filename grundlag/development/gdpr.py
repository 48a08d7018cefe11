"""Leader development's part of a person's GDPR export: the dialogues they hold, as the leader or as the
superior (dates, place, phase; the other party by name, as the person meets them in the dialogue)."""

from typing import Any

from grundlag.accounts.gdpr import register_exporter
from grundlag.organisation.models import Person

from .models import Dialogue


@register_exporter
def development_dialogues(person: Person) -> dict[str, Any]:
    def row(dialogue: Dialogue, other: Person | None) -> dict[str, Any]:
        return {
            "id": dialogue.pk,
            "with": other.name if other is not None else None,
            "level": dialogue.level.name,
            "round": dialogue.round.name if dialogue.round else None,
            "status": dialogue.status,
            "due": dialogue.due.isoformat() if dialogue.due else None,
            "scheduled_for": dialogue.scheduled_for.isoformat() if dialogue.scheduled_for else None,
            "place": dialogue.place,
            "video_url": dialogue.video_url,
        }

    related = Dialogue.objects.select_related("leader", "superior", "level", "round").order_by("pk")
    return {
        "development_dialogues": [row(d, d.superior) for d in related.filter(leader=person)],
        "development_dialogues_held": [row(d, d.leader) for d in related.filter(superior=person)],
    }
