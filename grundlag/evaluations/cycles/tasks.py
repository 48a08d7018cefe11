"""Work done outside the request: the invitations and reminders of evaluation cycles."""

from django_tasks import task

from grundlag.core.resumable import resumable

from ..responding.services import invitation_emails_send


@resumable
@task()
def invitations_send(
    *, invitation_ids: list[int], reminder: bool, reminder_number: int | None = None
) -> None:
    """E-mail each still-pending invitation its single-use link, in the rater's language.

    The arguments (kept in the task table) hold only ids: the token is made when the e-mail is. Resumable:
    a run again after its worker was killed skips what the killed run had sent.
    """
    invitation_emails_send(invitation_ids=invitation_ids, reminder=reminder, reminder_number=reminder_number)
