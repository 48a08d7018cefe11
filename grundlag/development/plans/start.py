"""What the development plans put on the start page of a leader: the next actions of the plans they work on,
the overdue marked, and the way to their plan and sparring log."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from .selectors import is_plan_leader_for_user, next_actions_for_user

NEXT_ACTIONS_SHOWN = 3


@start_sections
def plan_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """A leader's next undone actions with a date, in the plans they work on; nothing for anyone else."""
    if not is_plan_leader_for_user(user=user):
        return []  # a team plan's members are leaders too
    actions = next_actions_for_user(user=user, limit=NEXT_ACTIONS_SHOWN)
    return [
        StartSection(template="development/_plan_start.html", context={"next_actions": actions}, order=35)
    ]
