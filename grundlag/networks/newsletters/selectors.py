"""Who reads and writes a forum's newsletters.

The forum's organisers (an administrator organises every forum) write, preview and send them; its members and
organisers read the sent ones in the archive. A draft is seen by the organisers only. To anyone else the
archive and every newsletter are not there (404), whether the forum is open to them or not.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from grundlag.organisation.models import Person

from ..events.selectors import ForumAccess, forum_get_for_user
from ..models import Forum, Membership, Newsletter, NewsletterDelivery

Viewer = User | AnonymousUser


@dataclass(frozen=True)
class ForumNewsletters:
    """What the forum's page shows of its newsletters: the sent ones, the latest first, and (for its
    organisers) the drafts."""

    sent: list[Newsletter]
    drafts: list[Newsletter]


def _counted(newsletters: QuerySet[Newsletter]) -> QuerySet[Newsletter]:
    return newsletters.annotate(
        delivered=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
        deliveries_count=Count("deliveries"),
    )


def _reader(*, user: Viewer, slug: str) -> tuple[Forum, ForumAccess]:
    forum, access = forum_get_for_user(user=user, slug=slug)
    if not (access.member or access.organiser):
        raise Http404
    return forum, access


def newsletters_for_forum(*, forum: Forum, access: ForumAccess) -> ForumNewsletters:
    """The forum's newsletters for its page: for its members and organisers; nothing for anyone else."""
    if not (access.member or access.organiser):
        return ForumNewsletters(sent=[], drafts=[])
    newsletters = _counted(Newsletter.objects.filter(forum=forum))
    return ForumNewsletters(
        sent=list(newsletters.filter(sent_at__isnull=False)),
        drafts=list(newsletters.filter(sent_at__isnull=True)) if access.organiser else [],
    )


def newsletters_for_user(*, user: Viewer, slug: str) -> tuple[Forum, ForumAccess, ForumNewsletters]:
    """The forum's newsletter archive; 404 for anyone but its members and organisers."""
    forum, access = _reader(user=user, slug=slug)
    return forum, access, newsletters_for_forum(forum=forum, access=access)


def newsletter_get_for_user(*, user: Viewer, slug: str, pk: int) -> tuple[Newsletter, ForumAccess]:
    """One of the forum's newsletters: a sent one for its members and organisers, a draft (or one being sent)
    for its organisers only; 404 for anyone else."""
    forum, access = _reader(user=user, slug=slug)
    newsletter = (
        _counted(Newsletter.objects.filter(forum=forum, pk=pk)).select_related("forum", "created_by").first()
    )
    if newsletter is None or (newsletter.sent_at is None and not access.organiser):
        raise Http404
    return newsletter, access


def newsletter_to_write_get_for_user(*, user: Viewer, slug: str, pk: int) -> Newsletter:
    """A newsletter the user organises, to edit, send or delete; 404 outside the forum, 403 for a member."""
    newsletter, access = newsletter_get_for_user(user=user, slug=slug, pk=pk)
    if not access.organiser:
        raise PermissionDenied
    return newsletter


def newsletter_forum_get_for_user(*, user: Viewer, slug: str) -> Forum:
    """A forum the user organises, to write a newsletter to; 404 for one not open to them, 403 for one they
    do not organise."""
    forum, access = forum_get_for_user(user=user, slug=slug)
    if not access.organiser:
        raise PermissionDenied
    return forum


def newsletter_recipients(*, forum: Forum) -> QuerySet[Person]:
    """The forum's members who receive its newsletters and have an e-mail address (not erased)."""
    members = Membership.objects.filter(forum=forum, newsletters=True).values("person_id")
    return Person.objects.filter(pk__in=members, erased_at__isnull=True).exclude(email="")


def newsletter_is_draft(*, newsletter: Newsletter) -> bool:
    """Whether the newsletter can still be changed: not sent, and not being sent."""
    return (
        newsletter.sent_at is None and not NewsletterDelivery.objects.filter(newsletter=newsletter).exists()
    )


def newsletter_undelivered(*, newsletter: Newsletter) -> list[Person]:
    """The recipients a sent newsletter did not reach (their e-mail failed), for its organisers."""
    return [
        delivery.person
        for delivery in NewsletterDelivery.objects.filter(newsletter=newsletter, sent_at__isnull=True)
        .select_related("person")
        .order_by("person__name")
    ]


def newsletters_received_by(*, person: Person) -> QuerySet[NewsletterDelivery]:
    """The newsletters sent to the person (for their GDPR export)."""
    return (
        NewsletterDelivery.objects.filter(person=person, sent_at__isnull=False)
        .select_related("newsletter__forum")
        .order_by("pk")
    )


def newsletters_written_by(*, person: Person) -> QuerySet[Newsletter]:
    """The newsletters the person's account wrote (for their GDPR export)."""
    if person.user_id is None:
        return Newsletter.objects.none()
    return Newsletter.objects.filter(created_by_id=person.user_id).select_related("forum").order_by("pk")
