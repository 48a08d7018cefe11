"""Leader development: the development dialogue (LUS) between a leader and their superior, and LUS rounds.

A dialogue runs through phases (`DialogueStatus`): planned, prepared (the data pack frozen and both
parties' ratings handed in), held, plan agreed (the summary approved by both), followed up. An LUS round
gives every leader of a unit's subtree a dialogue with their superior, due down the chain: a leader's own
dialogue before those of the leaders below them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PREPARED = "prepared", pgettext_lazy("dialogue phase", "Prepared")
    HELD = "held", _("Held")
    AGREED = "agreed", _("Plan agreed")
    FOLLOWED_UP = "followed_up", _("Followed up")


class DialogueRound(models.Model):
    """An LUS round: a dialogue for every leader in the unit's subtree within the period."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "-pk"]
        verbose_name = _("LUS round")
        verbose_name_plural = _("LUS rounds")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="dialogue_round_period"),
        ]

    def __str__(self) -> str:
        return self.name


class Dialogue(models.Model):
    """One development dialogue (LUS) of a leader with their superior, on the expectations of the leader's
    level in the foundation's version that was published when it was planned."""

    leader = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="dialogues", verbose_name=_("leader")
    )
    superior = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,  # a superior erased (GDPR) leaves the leader's dialogue
        null=True,
        related_name="dialogues_led",
        verbose_name=_("superior"),
    )
    level = models.ForeignKey(
        "frameworks.Level", on_delete=models.PROTECT, related_name="+", verbose_name=_("leadership level")
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("The unit of the leader's post when the dialogue was planned."),
    )
    round = models.ForeignKey(
        DialogueRound, on_delete=models.CASCADE, null=True, blank=True, related_name="dialogues"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DialogueStatus, default=DialogueStatus.PLANNED
    )
    due = models.DateField(_("due by"), null=True, blank=True)
    scheduled_for = models.DateTimeField(_("date and time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "scheduled_for", "pk"]
        verbose_name = _("development dialogue")
        verbose_name_plural = _("development dialogues")
        constraints = [
            models.CheckConstraint(condition=~Q(leader=F("superior")), name="dialogue_not_with_oneself"),
            models.UniqueConstraint(
                fields=["round", "leader"], condition=Q(round__isnull=False), name="dialogue_once_a_round"
            ),
        ]

    def __str__(self) -> str:
        return str(self.leader)
