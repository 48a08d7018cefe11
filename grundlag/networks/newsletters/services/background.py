"""Sending a newsletter: the service that queues the delivery task, apart from the services the task calls."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record

from ...models import Newsletter, NewsletterDelivery
from ..tasks import newsletter_deliver_task
from . import newsletter_organiser_check, newsletter_recipients_add


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, by: User | AnonymousUser | None) -> int:
    """Send the newsletter in the background: its recipients are fixed now (it can no longer be changed) and
    the task delivers it (`newsletter_deliver`). Sending again reaches only those not reached yet. Returns the
    number of e-mails to send."""
    newsletter = Newsletter.objects.select_for_update().select_related("forum").get(pk=newsletter.pk)
    newsletter_organiser_check(forum=newsletter.forum, by=by)
    pending = NewsletterDelivery.objects.filter(newsletter=newsletter, sent_at__isnull=True)
    if newsletter.sent_at is not None and not pending.exists():
        raise ValidationError(_("The newsletter has been sent."), code="sent")
    count = (
        newsletter_recipients_add(newsletter=newsletter) if newsletter.sent_at is None else pending.count()
    )
    audit_record(user=by, action="networks.newsletter_send", obj=newsletter, detail=f"recipients={count}")
    newsletter_deliver_task.enqueue(newsletter_id=newsletter.pk)
    return count
