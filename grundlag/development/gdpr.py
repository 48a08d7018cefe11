"""Leader development's part of a person's GDPR export: the dialogues they hold, as the leader or as the
superior (dates, place, phase; the other party by name, as the person meets them in the dialogue), with what
the person sees in each: the ratings (the other party's only once both are handed in), the agenda with its
shared notes, and their own private notes. Another person's private notes are never in it."""

from typing import Any

from grundlag.accounts.gdpr import register_exporter
from grundlag.organisation.models import Person

from .models import AgendaItem, Dialogue, Party, PrivateNote, RatingSheet, SectionRating


def _ratings(dialogue: Dialogue, party: str) -> list[dict[str, Any]]:
    sheets = {sheet.party: sheet for sheet in RatingSheet.objects.filter(dialogue=dialogue)}
    both_in = len(sheets) == 2 and all(sheet.handed_in_at for sheet in sheets.values())
    shown = [sheet for sheet in sheets.values() if sheet.party == party or both_in]
    return [
        {
            "party": rating.sheet.party,
            "section": rating.section.title,
            "value": rating.value,
            "not_relevant": rating.not_relevant,
            "reason": rating.reason,
        }
        for rating in SectionRating.objects.filter(sheet__in=shown).select_related("sheet", "section")
    ]


def _agenda(dialogue: Dialogue, person: Person) -> list[dict[str, Any]]:
    items = list(AgendaItem.objects.filter(dialogue=dialogue))
    own = dict(PrivateNote.objects.filter(item__in=items, author=person).values_list("item_id", "text"))
    return [
        {
            "title": item.title,
            "shared_notes": item.notes,
            "done": item.done,
            "my_private_note": own.get(item.pk),
        }
        for item in items
    ]


@register_exporter
def development_dialogues(person: Person) -> dict[str, Any]:
    def row(dialogue: Dialogue, other: Person | None, party: str) -> dict[str, Any]:
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
            "held_at": dialogue.held_at.isoformat() if dialogue.held_at else None,
            "ratings": _ratings(dialogue, party),
            "agenda": _agenda(dialogue, person),
        }

    related = Dialogue.objects.select_related("leader", "superior", "level", "round").order_by("pk")
    return {
        "development_dialogues": [row(d, d.superior, Party.LEADER) for d in related.filter(leader=person)],
        "development_dialogues_held": [
            row(d, d.leader, Party.SUPERIOR) for d in related.filter(superior=person)
        ],
    }
