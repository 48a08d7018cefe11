"""Reads of the confidential advice. A request and its thread are read by its requester and by the leader
consultants (settings.NETWORKS_CONSULTANTS) and by no one else: for anyone else, the requester's superior
and an administrator included, a request is not there (404), so a refusal tells nothing. Who is a consultant
is a setting of the installation, never a role an administrator can give themself.

Nothing here is in the API: no router reads these selectors.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404

from grundlag.organisation.models import Person
from grundlag.organisation.selectors import is_leader, person_for_user

from ..models import AdviceMessage, AdviceRequest
from ..rules import is_consultant

Viewer = User | AnonymousUser


def advice_retention_days() -> int:
    """Days a handled request is kept before it is deleted with its thread (`advice_requests_erase_expired`):
    settings.NETWORKS_ADVICE_RETENTION_DAYS."""
    return settings.NETWORKS_ADVICE_RETENTION_DAYS


def is_consultant_for_user(*, user: Viewer) -> bool:
    """Whether the user is a leader consultant (named in settings.NETWORKS_CONSULTANTS)."""
    return bool(is_consultant(user))


def advice_consultant_users() -> list[User]:
    """The active accounts of the leader consultants, in the order the setting names them."""
    names = list(settings.NETWORKS_CONSULTANTS)
    users = get_user_model().objects.filter(username__in=names, is_active=True).select_related("person")
    return sorted(users, key=lambda user: names.index(user.get_username()))


def consultant_name(*, user: User) -> str:
    """A consultant as the requester meets them: their person's name, else the account's full name."""
    person = person_for_user(user=user)
    return person.name if person is not None else (user.get_full_name() or user.get_username())


def advice_consultant_names() -> list[str]:
    """The leader consultants by name: the people who read every request (said before anything is written)."""
    return [consultant_name(user=user) for user in advice_consultant_users()]


@dataclass(frozen=True)
class AdviceRow:
    """A request in a list: when it last moved, how many messages, and whether a reply waits for the
    requester (the last message is a consultant's and the request is open) or the requester waits for a
    consultant (the last message is the requester's)."""

    request: AdviceRequest
    last_at: datetime.datetime | None
    messages: int
    reply_waiting: bool
    awaiting_consultant: bool


def _with_last_message(requests: QuerySet[AdviceRequest]) -> QuerySet[AdviceRequest]:
    last = AdviceMessage.objects.filter(request=OuterRef("pk")).order_by("-created_at", "-pk")
    return requests.annotate(
        last_author_id=Subquery(last.values("author_id")[:1]),
        last_at=Subquery(last.values("created_at")[:1]),
        message_count=Count("messages", distinct=True),
    ).select_related("requester")


def _row(request: Any) -> AdviceRow:
    by_requester = request.last_author_id is not None and request.last_author_id == request.requester_id
    is_open = request.handled_at is None
    return AdviceRow(
        request=request,
        last_at=request.last_at,
        messages=request.message_count,
        reply_waiting=is_open and request.message_count > 0 and not by_requester,
        awaiting_consultant=is_open and by_requester,
    )


def _rows(requests: QuerySet[AdviceRequest]) -> list[AdviceRow]:
    return [_row(request) for request in _with_last_message(requests)]


@dataclass(frozen=True)
class AdvicePage:
    """The leader's own page: who they are, whether they may ask, the consultants by name, their requests."""

    person: Person
    may_ask: bool
    consultants: list[str]
    requests: list[AdviceRow]
    retention_days: int


def _has_own_page(*, user: Viewer) -> bool:
    person = person_for_user(user=user) if user.is_active else None
    return person is not None and (
        is_leader(person=person) or AdviceRequest.objects.filter(requester=person).exists()
    )


def advice_page_for_user(*, user: Viewer) -> AdvicePage:
    """The signed-in person's own requests, and whether they may ask (a leader may); 404 for anyone who is
    neither a leader nor has asked before (an administrator who is no one included)."""
    person = person_for_user(user=user)
    if person is None or not _has_own_page(user=user):
        raise Http404
    own = AdviceRequest.objects.filter(requester=person)
    may_ask = is_leader(person=person)
    return AdvicePage(
        person=person,
        may_ask=may_ask,
        consultants=advice_consultant_names(),
        requests=sorted(_rows(own), key=lambda row: row.request.created_at, reverse=True),
        retention_days=advice_retention_days(),
    )


def advice_requester_for_user(*, user: Viewer) -> Person:
    """The signed-in leader, who may ask for advice; 404 for anyone who is not a leader."""
    person = person_for_user(user=user) if user.is_active else None
    if person is None or not is_leader(person=person):
        raise Http404
    return person


def _readable(*, user: Viewer, request: AdviceRequest) -> bool:
    if is_consultant_for_user(user=user):
        return True
    person = person_for_user(user=user) if user.is_active else None
    return person is not None and person.pk == request.requester_id


def advice_request_get_for_user(*, user: Viewer, pk: int) -> AdviceRequest:
    """A request the user may read: their own, or any for a consultant; 404 for any other, whoever asks."""
    request = AdviceRequest.objects.filter(pk=pk).select_related("requester").first()
    if request is None or not _readable(user=user, request=request):
        raise Http404
    return request


@dataclass(frozen=True)
class AdviceThread:
    request: AdviceRequest
    messages: list[AdviceMessage]
    is_requester: bool
    is_consultant: bool
    consultants: list[str]
    retention_days: int


def advice_thread_for_user(*, user: Viewer, pk: int) -> AdviceThread:
    """A request with its messages, oldest first, and what the user is to it; 404 as the request."""
    request = advice_request_get_for_user(user=user, pk=pk)
    person = person_for_user(user=user)
    return AdviceThread(
        request=request,
        messages=list(AdviceMessage.objects.filter(request=request).select_related("author")),
        is_requester=person is not None and person.pk == request.requester_id,
        is_consultant=is_consultant_for_user(user=user),
        consultants=advice_consultant_names(),
        retention_days=advice_retention_days(),
    )


@dataclass(frozen=True)
class ConsultantLists:
    open: list[AdviceRow]
    handled: list[AdviceRow]
    retention_days: int
    own_page: bool  # the consultant has a page of their own requests too (a leader, or one who asked)


def advice_requests_for_user(*, user: Viewer) -> ConsultantLists:
    """Every request, open and handled, the latest activity first; 404 for anyone but a consultant (an
    administrator included)."""
    if not is_consultant_for_user(user=user):
        raise Http404
    rows = sorted(
        _rows(AdviceRequest.objects.all()),
        key=lambda row: row.last_at or row.request.created_at,
        reverse=True,
    )
    return ConsultantLists(
        open=[row for row in rows if row.request.handled_at is None],
        handled=[row for row in rows if row.request.handled_at is not None],
        retention_days=advice_retention_days(),
        own_page=_has_own_page(user=user),
    )


@dataclass(frozen=True)
class AdviceAtStart:
    """The start page's part: for a consultant the open requests (how many, the newest); for a requester
    the requests where a consultant's reply waits."""

    open_count: int
    newest_open: AdviceRequest | None
    replies_waiting: list[AdviceRow]


def advice_at_start_for_user(*, user: Viewer) -> AdviceAtStart:
    consultant = is_consultant_for_user(user=user)
    open_requests = AdviceRequest.objects.filter(handled_at__isnull=True)
    person = person_for_user(user=user) if user.is_active else None
    own_open = open_requests.filter(requester=person) if person is not None else AdviceRequest.objects.none()
    return AdviceAtStart(
        open_count=open_requests.count() if consultant else 0,
        newest_open=open_requests.select_related("requester").first() if consultant else None,
        replies_waiting=[row for row in _rows(own_open) if row.reply_waiting],
    )


# --- The requester's own copy (their GDPR export of the advice) -----------------------------------------


def advice_requests_document(*, person: Person) -> dict[str, Any]:
    """The person's own requests, each with its whole thread (who wrote each message, by name)."""
    requests = AdviceRequest.objects.filter(requester=person).order_by("created_at", "pk")
    messages = AdviceMessage.objects.filter(request__in=requests).select_related("author")
    by_request: dict[int, list[AdviceMessage]] = {}
    for message in messages:
        by_request.setdefault(message.request_id, []).append(message)
    return {
        "advice_requests": [
            {
                "subject": request.subject,
                "created_at": request.created_at.isoformat(),
                "handled_at": request.handled_at.isoformat() if request.handled_at else None,
                "messages": [
                    {
                        "from": "me" if message.author_id == person.pk else "consultant",
                        "author": message.author.name if message.author else None,
                        "text": message.text,
                        "at": message.created_at.isoformat(),
                    }
                    for message in by_request.get(request.pk, [])
                ],
            }
            for request in requests
        ]
    }


def advice_export_for_user(*, user: Viewer) -> tuple[Person, dict[str, Any]]:
    """The signed-in person's own requests and threads as one JSON-ready document; 404 for anyone who has
    no page of their own here. Only the requester ever receives it."""
    page = advice_page_for_user(user=user)
    return page.person, advice_requests_document(person=page.person)


def advice_messages_written_count(*, person: Person) -> int:
    """How many messages the person wrote on other people's requests (as a consultant): a count only, since
    the messages would name whoever asked."""
    return AdviceMessage.objects.filter(author=person).exclude(request__requester=person).count()
