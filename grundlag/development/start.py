"""What leader development puts on the start page: my next dialogue, the dialogues I hold still to be
scheduled, and for an administrator the LUS rounds."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.rules import is_administrator
from grundlag.core.start import StartSection, start_sections

from .models import DialogueStatus
from .selectors import dialogues_by_role_for_user, rounds_for_user

ROUNDS_SHOWN = 3
OPEN = (DialogueStatus.PLANNED, DialogueStatus.PREPARED)


@start_sections
def development_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """A leader's next dialogue and those they hold not yet scheduled; an administrator's latest rounds."""
    mine, held = dialogues_by_role_for_user(user=user)
    upcoming = [dialogue for dialogue in mine if dialogue.status in OPEN]
    to_schedule = [d for d in held if d.status == DialogueStatus.PLANNED and d.scheduled_for is None]
    rounds = list(rounds_for_user(user=user)[:ROUNDS_SHOWN]) if is_administrator(user) else []
    if not (upcoming or to_schedule or rounds or held):
        return []
    return [
        StartSection(
            template="development/_start_dialogues.html",
            context={
                "next": upcoming[0] if upcoming else None,
                "to_schedule": len(to_schedule),
                "held": len(held),
                "rounds": rounds,
            },
            order=30,
        )
    ]
