"""Leader development: the development dialogue (LUS) between a leader and their superior, and LUS rounds.

A dialogue runs through phases (`DialogueStatus`): planned, prepared (the data pack frozen and both
parties' ratings handed in), held, plan agreed (the summary approved by both), followed up. An LUS round
gives every leader of a unit's subtree a dialogue with their superior, due down the chain: a leader's own
dialogue before those of the leaders below them.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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
    # Preparation opened: the data pack frozen, the agenda made, both rating sheets started.
    opened_at = models.DateTimeField(_("preparation opened"), null=True, blank=True)
    # The leader lets the superior read the summary of their latest 360° report in the pack, where the cycle
    # itself does not show the report to the superior.
    report_shared = models.BooleanField(_("report shared with the superior"), default=False)
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    # The leader has answered "did it help?" (`SealedImpactAnswer`), which is not linked to the dialogue.
    impact_answered = models.BooleanField(default=False, editable=False)

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


class Party(models.TextChoices):
    """The two parties of a dialogue."""

    LEADER = "leader", pgettext_lazy("dialogue party", "Leader")
    SUPERIOR = "superior", pgettext_lazy("dialogue party", "Superior")


class DialoguePack(models.Model):
    """The data the dialogue is prepared on, put together and frozen when preparation opens: the sections
    to rate, the summary of the leader's latest closed 360° report, the survey figures of the leader's units,
    the span of control and the previous dialogue (see `pack.py` for its shape)."""

    dialogue = models.OneToOneField(Dialogue, on_delete=models.CASCADE, related_name="pack")
    made_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("data pack")
        verbose_name_plural = _("data packs")

    def __str__(self) -> str:
        return str(self.dialogue)


class RatingSheet(models.Model):
    """One party's rating of the leader against the level's expectations, section by section. Neither party
    sees the other's sheet until both are handed in."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="sheets")
    party = models.CharField(_("party"), max_length=10, choices=Party)
    handed_in_at = models.DateTimeField(_("handed in"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating sheet")
        verbose_name_plural = _("rating sheets")
        constraints = [models.UniqueConstraint(fields=["dialogue", "party"], name="one_sheet_a_party")]

    def __str__(self) -> str:
        return f"{self.dialogue} – {self.get_party_display()}"


class SectionRating(models.Model):
    """A party's rating of one section: a value on the evaluations' scale (1–5) or "not relevant", with a
    short reason."""

    sheet = models.ForeignKey(RatingSheet, on_delete=models.CASCADE, related_name="ratings")
    section = models.ForeignKey("frameworks.Section", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    not_relevant = models.BooleanField(_("not relevant"), default=False)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("section rating")
        verbose_name_plural = _("section ratings")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "section"], name="one_rating_a_section"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=1, value__lte=5) & Q(not_relevant=False)),
                name="rating_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return str(self.section)


class AgendaSource(models.TextChoices):
    SECTION = "section", _("Section of the foundation")
    TOPIC = "topic", _("Topic added by a party")
    CARRIED = "carried", _("Carried over from the last dialogue")


class AgendaItem(models.Model):
    """An item of the dialogue's agenda with the notes both parties share."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(default=0)
    source = models.CharField(_("source"), max_length=10, choices=AgendaSource)
    section = models.ForeignKey(
        "frameworks.Section", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    added_by = models.CharField(_("added by"), max_length=10, choices=Party, blank=True)
    notes = models.TextField(_("shared notes"), max_length=10000, blank=True)
    done = models.BooleanField(_("done"), default=False)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class PrivateNote(models.Model):
    """A note on an agenda item that only its author ever sees. No reverse relation from the item or the
    person, so nothing that walks a dialogue or a person can reach it: only `private_notes_for_user` reads
    it, and only the author's own."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey("organisation.Person", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("private note"), max_length=10000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [models.UniqueConstraint(fields=["item", "author"], name="one_private_note_an_item")]

    def __str__(self) -> str:
        return str(self.pk)


# --- Agreement and follow-up ---------------------------------------------------------------------------


class Agreement(models.Model):
    """A version of what a dialogue agreed: a summary and the development goals (the `Goal`s the dialogue
    put in the leader's plan). Both parties approve a version; once both have, it is read-only and frozen in
    `content`. A change after that opens the next version, which both approve again."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveIntegerField(_("version"), default=1)
    summary = models.TextField(_("summary"), max_length=10000, blank=True)
    leader_approved_at = models.DateTimeField(_("approved by the leader"), null=True, blank=True)
    superior_approved_at = models.DateTimeField(_("approved by the superior"), null=True, blank=True)
    # The summary and goals as both approved them: {"summary": str, "goals": [{"title", "description",
    # "section", "expectation"}]}; empty until both have approved.
    content = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dialogue", "-version"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [models.UniqueConstraint(fields=["dialogue", "version"], name="one_agreement_version")]

    def __str__(self) -> str:
        return f"{self.dialogue} v{self.version}"

    @property
    def approved(self) -> bool:
        return self.leader_approved_at is not None and self.superior_approved_at is not None


class FollowUp(models.Model):
    """A status follow-up on what a dialogue agreed (one or two per dialogue), with its shared notes."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="follow_ups")
    due = models.DateField(_("date"))
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    # The reminders sent: before the date, and once when it has passed without being held.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    overdue_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.dialogue} {self.due}"


# --- Development plans ---------------------------------------------------------------------------------


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    ACTIVE = "active", _("Under way")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class Plan(models.Model):
    """A development plan: a leader's own (one each, kept from year to year), or a leadership team's, which
    its leader keeps with the team's other leaders as members."""

    leader = models.ForeignKey(
        "organisation.Person",
        on_delete=models.CASCADE,
        related_name="development_plans",
        verbose_name=_("leader"),
    )
    team_name = models.CharField(
        _("leadership team"),
        max_length=200,
        blank=True,
        help_text=_(
            "Empty for the leader's own plan; the team's name for a plan the leader keeps with a team."
        ),
    )
    members = models.ManyToManyField(
        "organisation.Person",
        blank=True,
        related_name="team_plans",
        verbose_name=_("the team's other leaders"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.UniqueConstraint(
                fields=["leader"], condition=Q(team_name=""), name="one_own_plan_a_leader"
            ),
        ]

    def __str__(self) -> str:
        return self.team_name or str(self.leader)


class Goal(models.Model):
    """A development goal, tied to an expectation of the leader's level (or a section of the foundation) and
    optionally to a statement of their 360° report. Private to the leader unless shared with the superior;
    a goal agreed in a dialogue is shared, as both parties agreed it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    section = models.ForeignKey(
        "frameworks.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("section of the foundation"),
    )
    expectation = models.ForeignKey(
        "frameworks.Expectation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("expectation"),
    )
    report_statement = models.CharField(_("statement of the 360° report"), max_length=1000, blank=True)
    shared = models.BooleanField(_("shared with the superior"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus, default=GoalStatus.OPEN)
    dialogue = models.ForeignKey(
        Dialogue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("agreed in the dialogue"),
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """A step towards a goal: who, by when, whether it is done, what shows it, and what the leader learned."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("who"), max_length=200, blank=True)
    due = models.DateField(_("by when"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    reflection = models.TextField(_("reflection"), max_length=5000, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    # Where the action came from, if a sparring session's next step was added to the plan.
    sparring_step = models.OneToOneField(
        "SparringStep", on_delete=models.SET_NULL, null=True, blank=True, related_name="action"
    )

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text


# --- Sparring ------------------------------------------------------------------------------------------


class SparringKind(models.TextChoices):
    SUPERIOR = "superior", _("With my superior")
    PEER = "peer", _("With a peer")
    MENTOR = "mentor", _("With a mentor")
    CONSULTANT = "consultant", _("With a consultant")


class SparringSession(models.Model):
    """A leader's own log of a sparring session: with whom, when, on which sections of the foundation, what
    came of it. Only the leader reads their log."""

    leader = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("leader")
    )
    kind = models.CharField(_("sparring"), max_length=12, choices=SparringKind)
    partner = models.CharField(_("with whom"), max_length=200, blank=True)
    held_on = models.DateField(_("date"))
    sections = models.ManyToManyField(
        "frameworks.Section", blank=True, related_name="+", verbose_name=_("themes")
    )
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("sparring session")
        verbose_name_plural = _("sparring sessions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class SparringStep(models.Model):
    """A next step agreed in a sparring session; with one action it becomes an action of the leader's plan."""

    session = models.ForeignKey(SparringSession, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("next step"), max_length=500)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self) -> str:
        return self.text


# --- Did it help? --------------------------------------------------------------------------------------


class SealedImpactAnswer(models.Model):
    """A leader's answer to "did the dialogue and the plan develop you as a leader?", sealed
    (`evaluations.sealing`) with the unit and level it is counted under: nothing in the row links it to the
    dialogue or the person (a random id, no time but the year, the same size for every answer), so only the
    application, holding the key, can count the answers, and only in groups of at least k."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveSmallIntegerField()
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("sealed impact answer")
        verbose_name_plural = _("sealed impact answers")

    def __str__(self) -> str:
        return str(self.pk)


class InsightYear(models.Model):
    """The administrator's insight into a year that has ended, made once and frozen: the groups of leaders
    shown and their figures, as `insight.publication` allows. A published year is never counted again, so no
    figure can be watched changing by one leader; the year's sealed answers are deleted when it is made, as a
    cycle's are when it closes."""

    year = models.PositiveSmallIntegerField(unique=True)
    closed_at = models.DateTimeField(auto_now_add=True)
    sections = models.JSONField(default=dict)
    impact = models.JSONField(default=dict)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("published insight year")
        verbose_name_plural = _("published insight years")

    def __str__(self) -> str:
        return str(self.year)
