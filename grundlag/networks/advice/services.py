"""Writes of the confidential advice: a leader's request with its first message, a message in the thread (by
the requester or a consultant), a consultant marking a request handled or open again, the requester's
erasure, and deleting handled requests once they are old.

No audit rows, on purpose. The audit log is read by the administrators, and a row would tell them who asked
for advice and when, which is the one thing the requester was promised they would not learn. For the same
reason the e-mails (to the consultants of a new request or message, to the requester of a consultant's
reply) say only that there is something new, with the link: never the subject, the text or who asked. They
are sent when the transaction commits, not queued as a background task, because a task's arguments stay in
a table that an administrator's tools can read.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.organisation.models import Person
from grundlag.organisation.selectors import is_leader, person_for_user

from ..models import AdviceMessage, AdviceRequest
from .selectors import advice_consultant_users, advice_retention_days, is_consultant_for_user

logger = logging.getLogger(__name__)

_By = User | AnonymousUser | None


# --- E-mails ----------------------------------------------------------------------------------------------


def _email(*, address: str, language: str, name: str, kind: str, request_pk: int) -> EmailMultiAlternatives:
    """One notice: `kind` is "consultant" (a new request or message) or "requester" (a consultant's reply)."""
    with translation.override(language):
        context = {
            "recipient_name": name,
            "link": settings.SITE_URL.rstrip("/") + reverse("networks:advice_request", args=[request_pk]),
        }
        subject = "".join(render_to_string(f"networks/advice_email_{kind}_subject.txt", context).splitlines())
        body = render_to_string(f"networks/advice_email_{kind}_body.txt", context)
    return EmailMultiAlternatives(subject, body, None, [address], headers={"Content-Language": language})


def _send(emails: list[EmailMultiAlternatives]) -> None:
    """Send after the commit; a failure is logged without anyone's address (the request is saved anyway)."""
    for email in emails:
        try:
            email.send()
        except Exception:  # noqa: BLE001  (a mail server's refusal must not undo or break the page)
            logger.warning("A notice of confidential advice could not be sent.")


def _consultant_emails(*, request: AdviceRequest, author: User | None) -> list[EmailMultiAlternatives]:
    emails = []
    for user in advice_consultant_users():
        if author is not None and user.pk == author.pk:
            continue
        person = person_for_user(user=user)
        address = (person.email if person is not None and person.erased_at is None else "") or user.email
        if not address:
            continue
        language = person.language if person is not None else settings.LANGUAGE_CODE
        name = person.name if person is not None else (user.get_full_name() or user.get_username())
        emails.append(
            _email(address=address, language=language, name=name, kind="consultant", request_pk=request.pk)
        )
    return emails


def _requester_emails(*, request: AdviceRequest) -> list[EmailMultiAlternatives]:
    requester = request.requester
    address = requester.email or (requester.user.email if requester.user else "")
    if not address or requester.erased_at is not None:
        return []
    language = requester.language or settings.LANGUAGE_CODE
    return [
        _email(
            address=address, language=language, name=requester.name, kind="requester", request_pk=request.pk
        )
    ]


# --- Requests and messages ---------------------------------------------------------------------------------


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a message."), code="empty")
    return text


@transaction.atomic
def advice_request_create(*, requester: Person, subject: str, text: str, by: _By) -> AdviceRequest:
    """A leader asks the leader consultants for a confidential conversation: the request with its subject and
    first message. The consultants are told by e-mail that there is a new request (nothing more)."""
    person = person_for_user(user=by) if by is not None else None
    if person is None or person.pk != requester.pk:
        raise ValidationError(_("Only the leader themself can ask for advice."), code="not_requester")
    if not is_leader(person=requester):
        raise ValidationError(_("Requests for advice are for leaders."), code="not_leader")
    if not advice_consultant_users():
        raise ValidationError(
            _(
                "No leader consultant is named yet, so there is no one to read a request. "
                "Ask your HR department."
            ),
            code="no_consultants",
        )
    request = AdviceRequest(requester=requester, subject=" ".join(subject.split()))
    request.full_clean()
    request.save()
    message = AdviceMessage(request=request, author=requester, text=_text(text))
    message.full_clean()
    message.save()
    transaction.on_commit(
        partial(_send, _consultant_emails(request=request, author=by if isinstance(by, User) else None))
    )
    return request


def _writer(*, request: AdviceRequest, by: _By) -> tuple[bool, Person | None]:
    """Whether the writer is the requester, and their person; a refusal for anyone but the requester and the
    consultants."""
    person = person_for_user(user=by) if by is not None else None
    if person is not None and person.pk == request.requester_id:
        return True, person
    if by is not None and is_consultant_for_user(user=by):
        return False, person
    raise ValidationError(_("Only the requester and the leader consultants write here."), code="not_party")


@transaction.atomic
def advice_message_add(*, request: AdviceRequest, text: str, by: _By) -> AdviceMessage:
    """A message in the request's thread, by the requester or a consultant. The requester's message opens a
    handled request again and tells the consultants; a consultant's message tells the requester."""
    by_requester, person = _writer(request=request, by=by)
    message = AdviceMessage(request=request, author=person, text=_text(text))
    message.full_clean()
    message.save()
    if by_requester:
        if request.handled_at is not None:
            request.handled_at = None
            request.save(update_fields=["handled_at"])
        emails = _consultant_emails(request=request, author=by if isinstance(by, User) else None)
    else:
        emails = _requester_emails(request=request)
    transaction.on_commit(partial(_send, emails))
    return message


def _consultant(*, by: _By) -> None:
    if by is None or not is_consultant_for_user(user=by):
        raise ValidationError(_("Only a leader consultant marks a request handled."), code="not_consultant")


@transaction.atomic
def advice_request_handle(*, request: AdviceRequest, by: _By) -> AdviceRequest:
    """A consultant marks the request handled (marking it again keeps the first time)."""
    _consultant(by=by)
    if request.handled_at is None:
        request.handled_at = timezone.now()
        request.full_clean()
        request.save(update_fields=["handled_at"])
    return request


@transaction.atomic
def advice_request_reopen(*, request: AdviceRequest, by: _By) -> AdviceRequest:
    """A consultant opens a handled request again."""
    _consultant(by=by)
    if request.handled_at is not None:
        request.handled_at = None
        request.save(update_fields=["handled_at"])
    return request


# --- Erasure and retention ---------------------------------------------------------------------------------


@transaction.atomic
def advice_person_erase(*, person: Person) -> int:
    """The person's part of their erasure: their requests, each with its whole thread; the count deleted.
    Messages they wrote as a consultant stay in the requesters' threads, under their erased name."""
    own = AdviceRequest.objects.filter(requester=person)
    count = own.count()
    own.delete()
    return count


@transaction.atomic
def advice_requests_erase_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete every request handled more than the retention period ago, with its thread; how many. Run
    daily (`networks_advice_erase_expired`)."""
    before = (now or timezone.now()) - datetime.timedelta(days=advice_retention_days())
    expired = AdviceRequest.objects.filter(handled_at__isnull=False, handled_at__lt=before)
    ids = list(expired.values_list("pk", flat=True))
    AdviceRequest.objects.filter(pk__in=ids).delete()
    return len(ids)
