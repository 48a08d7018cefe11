"""Leader development's part of a person's GDPR export. Every export, an administrator's too, has the
dialogues the person holds as the leader or as the superior (dates, place, phase; the other party by name)
and the plans they keep or are a member of (the leader, the team, its members). What was said, rated and
planned (ratings with reasons, shared notes, goals, actions, evidence, reflection) is refused to an
administrator on the pages, so it is in the person's own export only (`register_own_exporter`): the
leader's own dialogues as they see them, and of the dialogues a superior holds only what the superior rated
and put on the agenda, not the leader's words. Their private notes, private goals and sparring log are in
their own export only too; another person's are never in it."""

from typing import Any

from django.db.models import QuerySet

from grundlag.accounts.gdpr import register_eraser, register_exporter, register_own_exporter
from grundlag.organisation.models import Person

from .models import (
    AgendaItem,
    Dialogue,
    Goal,
    Party,
    Plan,
    PrivateNote,
    RatingSheet,
    SectionRating,
    SparringSession,
)
from .services import development_person_erase


def _ratings(dialogue: Dialogue, party: str) -> list[dict[str, Any]]:
    """The party's own ratings, and the other party's once both are handed in (as the dialogue shows them)."""
    sheets = {sheet.party: sheet for sheet in RatingSheet.objects.filter(dialogue=dialogue)}
    both_in = len(sheets) == 2 and all(sheet.handed_in_at for sheet in sheets.values())
    return _rating_rows([sheet for sheet in sheets.values() if sheet.party == party or both_in])


def _own_ratings(dialogue: Dialogue, party: str) -> list[dict[str, Any]]:
    return _rating_rows(list(RatingSheet.objects.filter(dialogue=dialogue, party=party)))


def _rating_rows(shown: list[RatingSheet]) -> list[dict[str, Any]]:
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


def _agenda(dialogue: Dialogue) -> list[dict[str, Any]]:
    return [
        {"title": item.title, "shared_notes": item.notes, "done": item.done}
        for item in AgendaItem.objects.filter(dialogue=dialogue)
    ]


def _dialogue_row(dialogue: Dialogue, other: Person | None) -> dict[str, Any]:
    """What a dialogue is, never what was said or rated in it."""
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
    }


def _dialogues() -> QuerySet[Dialogue]:
    return Dialogue.objects.select_related("leader", "superior", "level", "round").order_by("pk")


@register_exporter
def development_dialogues(person: Person) -> dict[str, Any]:
    """The dialogues the person holds, as the leader or the superior: dates, phase, the other party. What was
    said and rated in them is in the person's own export only, as the pages refuse it to an administrator."""
    return {
        "development_dialogues": [_dialogue_row(d, d.superior) for d in _dialogues().filter(leader=person)],
        "development_dialogues_held": [
            _dialogue_row(d, d.leader) for d in _dialogues().filter(superior=person)
        ],
    }


@register_own_exporter
def development_dialogue_contents(person: Person) -> dict[str, Any]:
    """What the person sees in their own dialogues (the ratings, the superior's once both are handed in, and
    the agenda with its shared notes); of those they hold as the superior, only what they themself rated and
    put on the agenda: the leader's own words are the leader's."""
    return {
        "development_dialogue_contents": [
            {"dialogue": d.pk, "ratings": _ratings(d, Party.LEADER), "agenda": _agenda(d)}
            for d in _dialogues().filter(leader=person)
        ],
        "development_dialogue_contents_held": [
            {
                "dialogue": d.pk,
                "my_ratings": _own_ratings(d, Party.SUPERIOR),
                "agenda_items_i_added": [
                    item.title for item in AgendaItem.objects.filter(dialogue=d, added_by=Party.SUPERIOR)
                ],
            }
            for d in _dialogues().filter(superior=person)
        ],
    }


def _goal_row(goal: Goal) -> dict[str, Any]:
    return {
        "title": goal.title,
        "description": goal.description,
        "section": goal.section.title if goal.section else None,
        "expectation": goal.expectation.text if goal.expectation else None,
        "report_statement": goal.report_statement,
        "status": goal.status,
        "shared": goal.shared,
        "agreed_in_dialogue": goal.dialogue_id,
        "actions": [
            {
                "text": action.text,
                "who": action.owner,
                "due": action.due.isoformat() if action.due else None,
                "done_on": action.done_on.isoformat() if action.done_on else None,
                "evidence": action.evidence,
                "reflection": action.reflection,
            }
            for action in goal.actions.all()
        ],
    }


@register_own_exporter
def development_private_notes(person: Person) -> dict[str, Any]:
    """The person's own private notes in their dialogues: only they ever read them."""
    notes = (
        PrivateNote.objects.filter(author=person).select_related("item").order_by("item__dialogue_id", "pk")
    )
    return {
        "development_private_notes": [
            {"dialogue": note.item.dialogue_id, "agenda_item": note.item.title, "note": note.text}
            for note in notes
        ]
    }


def _plans_document(person: Person, *, shared: bool) -> list[dict[str, Any]]:
    plans = _persons_plans(person)
    goals = Goal.objects.select_related("section", "expectation").prefetch_related("actions")
    return [
        {
            "id": plan.pk,
            "leader": plan.leader.name,
            "team_name": plan.team_name,
            "members": [member.name for member in plan.members.all()],
            "goals": [_goal_row(goal) for goal in goals.filter(plan=plan, shared=shared)],
        }
        for plan in plans
    ]


def _persons_plans(person: Person) -> QuerySet[Plan]:
    return (
        (Plan.objects.filter(leader=person) | Plan.objects.filter(members=person))
        .distinct()
        .select_related("leader")
        .order_by("pk")
    )


@register_exporter
def development_plan_memberships(person: Person) -> dict[str, Any]:
    """Which plans the person keeps or is a member of, never their goals: an administrator is refused them."""
    return {
        "development_plan_memberships": [
            {
                "id": plan.pk,
                "leader": plan.leader.name,
                "team_name": plan.team_name,
                "members": [member.name for member in plan.members.all()],
            }
            for plan in _persons_plans(person)
        ]
    }


@register_own_exporter
def development_plans(person: Person) -> dict[str, Any]:
    """The person's own plan and the team plans they keep or are a member of, with the goals shared with the
    superior. Plans of others that share goals with the person are not theirs."""
    return {"development_plans_with_goals": _plans_document(person, shared=True)}


@register_own_exporter
def development_private_goals(person: Person) -> dict[str, Any]:
    """The goals of the same plans that are not shared: in the person's own export only."""
    return {"development_plans_private_goals": _plans_document(person, shared=False)}


@register_own_exporter
def development_sparring(person: Person) -> dict[str, Any]:
    """The person's own sparring log: no one else's is ever theirs to read."""
    sessions = SparringSession.objects.filter(leader=person).prefetch_related("sections", "steps")
    return {
        "sparring_sessions": [
            {
                "kind": session.kind,
                "with_whom": session.partner,
                "held_on": session.held_on.isoformat(),
                "themes": [section.title for section in session.sections.all()],
                "notes": session.notes,
                "next_steps": [step.text for step in session.steps.all()],
            }
            for session in sessions.order_by("held_on", "pk")
        ]
    }


@register_eraser
def development_erase(person: Person) -> None:
    """Leader development's part of the person's erasure (a service: `development_person_erase`)."""
    development_person_erase(person=person)
