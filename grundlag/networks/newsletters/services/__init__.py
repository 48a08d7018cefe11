"""Writes of newsletters: writing, changing and deleting a draft (the forum's organisers), and delivering a
sent one (the background task's service). Sending, which queues the task, is in `background.py`.

Delivery makes one `NewsletterDelivery` per recipient and marks each sent before its e-mail goes, in a
transaction of its own: a retried or doubled task finds it marked and sends nothing twice. An e-mail the mail
server refused is unmarked, so that a later try reaches that person.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.organisation.models import Person

from ...events.selectors import forum_access
from ...models import Forum, Newsletter, NewsletterDelivery
from ..formatting import Formatted, format_body
from ..selectors import newsletter_is_draft, newsletter_recipients

logger = logging.getLogger(__name__)

_By = User | AnonymousUser | None


def newsletter_organiser_check(*, forum: Forum, by: _By) -> None:
    """Refuse anyone but the forum's organisers (and administrators)."""
    if by is None or not forum_access(user=by, forum=forum).organiser:
        raise ValidationError(
            _("Only the forum's organisers write and send its newsletters."), code="not_organiser"
        )


def _draft_check(*, newsletter: Newsletter) -> None:
    if not newsletter_is_draft(newsletter=newsletter):
        raise ValidationError(
            _("The newsletter has been sent: it is kept as it was sent and cannot be changed."), code="sent"
        )


@transaction.atomic
def newsletter_create(*, forum: Forum, subject: str, body: str, by: _By) -> Newsletter:
    """A draft newsletter to the forum's members."""
    newsletter_organiser_check(forum=forum, by=by)
    newsletter = Newsletter(
        forum=forum,
        subject=" ".join(subject.split()),
        body=body.strip(),
        created_by=by if isinstance(by, User) else None,
    )
    newsletter.full_clean()
    newsletter.save()
    audit_record(user=by, action="networks.newsletter_create", obj=newsletter)
    return newsletter


@transaction.atomic
def newsletter_update(*, newsletter: Newsletter, subject: str, body: str, by: _By) -> Newsletter:
    """Change a draft."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    newsletter_organiser_check(forum=newsletter.forum, by=by)
    _draft_check(newsletter=newsletter)
    newsletter.subject = " ".join(subject.split())
    newsletter.body = body.strip()
    newsletter.full_clean()
    newsletter.save(update_fields=["subject", "body"])
    audit_record(user=by, action="networks.newsletter_update", obj=newsletter)
    return newsletter


@transaction.atomic
def newsletter_delete(*, newsletter: Newsletter, by: _By) -> None:
    """Delete a draft."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    newsletter_organiser_check(forum=newsletter.forum, by=by)
    _draft_check(newsletter=newsletter)
    audit_record(user=by, action="networks.newsletter_delete", obj=newsletter)
    newsletter.delete()


def newsletter_recipients_add(*, newsletter: Newsletter) -> int:
    """One delivery for each of the forum's members who receives its newsletters and has an e-mail address
    (none twice); returns how many deliveries are still to send."""
    NewsletterDelivery.objects.bulk_create(
        [
            NewsletterDelivery(newsletter=newsletter, person=person)
            for person in newsletter_recipients(forum=newsletter.forum)
        ],
        ignore_conflicts=True,
    )
    return NewsletterDelivery.objects.filter(newsletter=newsletter, sent_at__isnull=True).count()


def forum_page_url(*, forum: Forum) -> str:
    """The forum's page, where a member unsubscribes, as an address outside the site."""
    return settings.SITE_URL.rstrip("/") + reverse("networks:forum", args=[forum.slug]) + "#newsletter"


def newsletter_email(
    *, newsletter: Newsletter, formatted: Formatted, recipient: Person
) -> EmailMultiAlternatives:
    """The newsletter's e-mail to one recipient: plain text and HTML, the line on how to unsubscribe in the
    recipient's language, and a List-Unsubscribe header pointing to the forum's page."""
    language = recipient.language or settings.LANGUAGE_CODE
    link = forum_page_url(forum=newsletter.forum)
    with translation.override(language):
        context = {"newsletter": newsletter, "forum": newsletter.forum, "body": formatted, "link": link}
        text = render_to_string("networks/newsletter_email.txt", context)
        html = render_to_string("networks/newsletter_email.html", {**context, "language": language})
    email = EmailMultiAlternatives(
        newsletter.subject,
        text,
        None,
        [recipient.email],
        headers={"Content-Language": language, "List-Unsubscribe": f"<{link}>"},
    )
    email.attach_alternative(html, "text/html")
    return email


def _deliver_one(*, delivery: NewsletterDelivery, newsletter: Newsletter, formatted: Formatted) -> bool:
    """Mark the delivery sent, then send it; unmark it if the mail server refused it. Whether it went."""
    with transaction.atomic():
        if not NewsletterDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        ):
            return False  # another run has it
    try:
        newsletter_email(newsletter=newsletter, formatted=formatted, recipient=delivery.person).send()
    except Exception:
        logger.exception(
            "The newsletter %s was not delivered to person %s.", newsletter.pk, delivery.person_id
        )
        NewsletterDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
        return False
    return True


def newsletter_deliver(*, newsletter: Newsletter) -> int:
    """E-mail the newsletter to each of the forum's members who receives it and has an e-mail address, once:
    a delivery per recipient, marked before its e-mail goes (see the module's docstring). A person who has
    unsubscribed or left meanwhile is skipped. The newsletter is then sent (archived). Returns the e-mails
    sent."""
    newsletter = Newsletter.objects.select_related("forum").get(pk=newsletter.pk)
    if newsletter.sent_at is None:
        newsletter_recipients_add(newsletter=newsletter)
    receiving = set(newsletter_recipients(forum=newsletter.forum).values_list("pk", flat=True))
    pending = NewsletterDelivery.objects.filter(newsletter=newsletter, sent_at__isnull=True)
    pending.exclude(person_id__in=receiving).delete()  # unsubscribed (or left) since it was sent
    formatted = format_body(newsletter.body)
    sent = failed = 0
    for delivery in pending.select_related("person"):
        if _deliver_one(delivery=delivery, newsletter=newsletter, formatted=formatted):
            sent += 1
        else:
            failed += 1
    Newsletter.objects.filter(pk=newsletter.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    audit_record(
        user=None, action="networks.newsletter_deliver", obj=newsletter, detail=f"sent={sent} failed={failed}"
    )
    return sent


@transaction.atomic
def newsletters_person_erase(*, person: Person) -> None:
    """The person's part of an erasure: the record of which newsletters were sent to them is deleted."""
    NewsletterDelivery.objects.filter(person=person).delete()
