"""Leader networks: forums, their events and places, reflection questions, newsletters, advice requests.

A place on an event (`Place`) is one person's sign-up and runs through `PlaceStatus`: signed up, on the
waiting list, offered a freed place (held until the offer expires), and the ends (cancelled, declined,
expired, removed by an organiser). Every change of a place is a `PlaceChange` row, so the list can be
explained afterwards. An offered place counts against the capacity: it is held for the person offered.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone with a login")
    LEADERS = "leaders", _("Leaders")
    LEADERS_OF_LEADERS = "leaders_of_leaders", _("Leaders of leaders")
    NAMED = "named", _("Only the people named")


class Forum(models.Model):
    """A leader forum (lederforum) on a theme, open to an audience: a rule on who leads whom, optionally
    within a unit's subtree, and the people named besides (e.g. administration staff)."""

    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    theme = models.CharField(_("theme"), max_length=300)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    source_section = models.ForeignKey(
        "frameworks.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the foundation"),
    )
    audience = models.CharField(
        _("open to"), max_length=20, choices=Audience.choices, default=Audience.LEADERS_OF_LEADERS
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("within the unit"),
        help_text=_("Empty: the whole organisation."),
    )
    invited = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="+", verbose_name=_("also open to")
    )
    organisers = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="organised_forums", verbose_name=_("organisers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.theme


class Membership(models.Model):
    """A person's membership of a forum, and whether they receive its newsletters."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    newsletters = models.BooleanField(_("receives the newsletter"), default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["forum", "person"], name="one_membership")]

    def __str__(self) -> str:
        return f"{self.person} – {self.forum}"


class Event(models.Model):
    """A dated event of a forum: where (a town and an address, or a video link), how many places, and the
    last moment to sign up. `uid` and `sequence` are the event's identity in calendars: every change a
    calendar should show raises the sequence."""

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="events", verbose_name=_("forum"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    town = models.CharField(_("town"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    signup_deadline = models.DateTimeField(_("sign up by"))
    organisers = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_has_places"),
        ]
        indexes = [models.Index(fields=["forum", "starts"])]

    def __str__(self) -> str:
        return self.title

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class PlaceStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", pgettext_lazy("place", "Cancelled")
    DECLINED = "declined", _("Declined the offer")
    EXPIRED = "expired", _("Offer expired")
    REMOVED = "removed", _("Removed by an organiser")


ACTIVE_PLACES = (PlaceStatus.SIGNED_UP, PlaceStatus.WAITING, PlaceStatus.OFFERED)
HELD_PLACES = (PlaceStatus.SIGNED_UP, PlaceStatus.OFFERED)


class Place(models.Model):
    """One person's sign-up for an event. `queued` orders the waiting list (first come, first offered; an
    organiser may move a person to the top); `offer_expires_at` is when an offered place passes on."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="places")
    person = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=PlaceStatus.choices)
    queued = models.PositiveBigIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer holds until"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(status__in=["signed_up", "waiting", "offered"]),
                name="one_active_place",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"


class PlaceChange(models.Model):
    """What changed a place, when, by whom (none: the system, e.g. an offer that expired) and why."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(_("status"), max_length=10, choices=PlaceStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("change of a place")
        verbose_name_plural = _("changes of places")

    def __str__(self) -> str:
        return f"{self.place}: {self.status}"


class CalendarFeed(models.Model):
    """A person's personal calendar feed: the address carries a secret whose hash alone is kept; a new
    secret revokes the old address."""

    person = models.OneToOneField("organisation.Person", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.person)


# --- Reflection questions ------------------------------------------------------------------------------


class ReflectionSet(models.Model):
    """Questions for a forum's or an event's group to reflect on, e.g. taken from a section of a
    foundation (source 001's questions on Ledelseskommissionen's recommendations)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="reflection_sets")
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="reflection_sets"
    )
    title = models.CharField(_("title"), max_length=300)
    source_section = models.ForeignKey(
        "frameworks.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the foundation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("set of reflection questions")
        verbose_name_plural = _("sets of reflection questions")

    def __str__(self) -> str:
        return self.title


class ReflectionQuestion(models.Model):
    set = models.ForeignKey(ReflectionSet, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"), max_length=2000)
    expectation = models.ForeignKey(
        "frameworks.Expectation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("reflection question")
        verbose_name_plural = _("reflection questions")

    def __str__(self) -> str:
        return self.text


class ReflectionNote(models.Model):
    """A note the group shares on a question: written by one member, read by the whole group."""

    question = models.ForeignKey(ReflectionQuestion, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("shared note")
        verbose_name_plural = _("shared notes")

    def __str__(self) -> str:
        return self.text[:50]


# --- Newsletters ----------------------------------------------------------------------------------------


class Newsletter(models.Model):
    """A newsletter an organiser writes to a forum's members: a draft until sent, then archived on the
    forum's page. Sending runs in the background, one `NewsletterDelivery` per recipient, so a retried
    send never mails anyone twice."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="newsletters")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        max_length=20000,
        help_text=_(
            "Plain text. A blank line starts a new paragraph, a line starting with “- ” is a bullet, "
            "*words between stars* are emphasised and web addresses become links."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self) -> str:
        return self.subject


class NewsletterDelivery(models.Model):
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "person"], name="one_delivery")]

    def __str__(self) -> str:
        return f"{self.newsletter} → {self.person}"


# --- Confidential advice --------------------------------------------------------------------------------


class AdviceRequest(models.Model):
    """A leader's request for a confidential conversation with a leader consultant. Read only by the
    requester and the consultants (settings.NETWORKS_CONSULTANTS): no reverse relation on the person, no
    audit row that names it, not in the API or any export but the requester's own GDPR export."""

    requester = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")

    def __str__(self) -> str:
        return self.subject


class AdviceMessage(models.Model):
    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.text[:50]
