"""What the confidential advice puts on the start page: for a leader consultant the open requests (how many,
the newest); for a requester the requests where a consultant's reply waits. Nothing for anyone else."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from .selectors import advice_at_start_for_user, is_consultant_for_user


@start_sections
def advice_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    at_start = advice_at_start_for_user(user=user)
    consultant = is_consultant_for_user(user=user)
    if not (consultant or at_start.replies_waiting):
        return []
    return [
        StartSection(
            template="networks/_start_advice.html",
            context={
                "consultant": consultant,
                "open_count": at_start.open_count,
                "newest_open": at_start.newest_open,
                "replies_waiting": at_start.replies_waiting,
            },
            order=25,
        )
    ]
