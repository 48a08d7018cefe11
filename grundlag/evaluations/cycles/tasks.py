"""Work done outside the request: the invitations and reminders of evaluation cycles."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from grundlag.accounts.services import audit_record

from .models import Invitation
from .tokens import invitation_token


def answer_link(token: str) -> str:
    """The single-use address a rater answers at."""
    return settings.SITE_URL.rstrip("/") + reverse("evaluations:answer_start", kwargs={"token": token})


@task()
def invitations_send(*, invitation_ids: list[int], reminder: bool) -> None:
    """E-mail each still-pending invitation its single-use link, in the rater's language.

    The arguments (kept in the task table) hold only ids: the token is made here and exists only in
    the e-mail. The audit record says how many were sent, never to whom.
    """
    invitations = (
        Invitation.objects.filter(pk__in=invitation_ids, status=Invitation.Status.PENDING)
        .exclude(email="")
        .select_related("evaluee__person", "evaluee__cycle", "evaluee__unit")
        .order_by("pk")
    )
    sent, cycle = 0, None
    now = timezone.now()
    for invitation in invitations:
        cycle = invitation.evaluee.cycle
        if cycle.status != cycle.Status.LAUNCHED:
            continue
        language = invitation.language or settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "invitation": invitation,
                "leader_name": invitation.evaluee.person.name,
                "unit_name": invitation.evaluee.unit.name,
                "is_self": invitation.group == "self",
                "cycle": cycle,
                "deadline": cycle.deadline,
                "link": answer_link(invitation_token(invitation)),
                "reminder": reminder,
            }
            subject = "".join(
                loader.render_to_string("evaluations/email/invitation_subject.txt", context).splitlines()
            )
            body = loader.render_to_string("evaluations/email/invitation_body.txt", context)
        message = EmailMultiAlternatives(
            subject, body, None, [invitation.email], headers={"Content-Language": language}
        )
        message.send()
        if reminder:
            invitation.reminders_sent += 1
            invitation.save(update_fields=["reminders_sent"])
        else:
            invitation.sent_at = now
            invitation.save(update_fields=["sent_at"])
        sent += 1
    if cycle is not None:
        action = "evaluations.reminders_sent" if reminder else "evaluations.invitations_sent"
        audit_record(user=None, action=action, obj=cycle, detail=f"sent={sent} asked={len(invitation_ids)}")
