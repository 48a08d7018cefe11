"""What leader development puts on the start page: my next dialogue, the dialogues I hold still to be
scheduled, and for an administrator the LUS rounds."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.rules import is_administrator
from grundlag.core.start import StartSection, start_sections

from .dialogues.selectors import dialogues_at_start_for_user, rounds_for_user

ROUNDS_SHOWN = 3


@start_sections
def development_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """A leader's next dialogue and those they hold not yet scheduled; an administrator's latest rounds."""
    at_start = dialogues_at_start_for_user(user=user)
    rounds = list(rounds_for_user(user=user)[:ROUNDS_SHOWN]) if is_administrator(user) else []
    if not (
        at_start.next or at_start.held or rounds or at_start.below_due_soon or at_start.below_follow_ups_due
    ):
        return []
    return [
        StartSection(
            template="development/_start_dialogues.html",
            context={
                "next": at_start.next,
                "next_needs": at_start.next_needs,
                "to_rate": at_start.to_rate,
                "below_due_soon": at_start.below_due_soon,
                "below_follow_ups_due": at_start.below_follow_ups_due,
                "below_follow_ups_overdue": at_start.below_follow_ups_overdue,
                "to_schedule": at_start.to_schedule,
                "held": at_start.held,
                "rounds": rounds,
            },
            order=30,
        )
    ]
