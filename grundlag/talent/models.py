"""The talent pipeline's models (source 001: spot, motivate, qualify).

A `Talent` is one person's way through the pipeline: nominated by a leader (or signed up by themself),
awaiting their consent, clarifying their interest (a self-reflection against the first leadership level's
expectations, a conversation with their nearest leader, their own decision), then qualifying in a cohort of
a `Programme` with a mentor from another unit, whose practice assignments the trio assesses. A declined
nomination leaves no row but a count (`DeclinedCount`). The talent's records have no reverse relation on
`Person`: they are read only through the talent selectors.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    NOMINATED = "nominated", _("Awaiting consent")
    CLARIFYING = "clarifying", _("Clarifying interest")
    GOING_ON = "going_on", _("Going on, awaiting a programme")
    IN_PROGRAMME = "in_programme", _("In a programme")
    STOPPED = "stopped", _("Stopped")


# Where a talent is shown: a talent in a programme whose every assignment the trio has assessed as met is
# ready (worked out from the assessments, never stored).
READY = "ready"


class Interest(models.TextChoices):
    APPEALS = "appeals", _("This appeals to me")
    UNSURE = "unsure", _("I am not sure")
    NOT_FOR_ME = "not_for_me", _("This does not appeal to me")


class Decision(models.TextChoices):
    GO_ON = "go_on", _("I want to go on towards leadership")
    STOP = "stop", _("I stop here")


class Programme(models.Model):
    """A qualifying programme run by the administrator: practice assignments tied to the first leadership
    level's expectations, run in cohorts."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    level = models.ForeignKey(
        "frameworks.Level", on_delete=models.PROTECT, related_name="+", verbose_name=_("leadership level")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """One run of a programme: its dates, its activities and its talents."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="cohort_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Course")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    OTHER = "other", _("Other activity")


class Activity(models.Model):
    """A dated activity of a cohort: a course, a network meeting (maybe an event of a leader forum)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind, default=ActivityKind.COURSE)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    description = models.TextField(_("description"), max_length=5000, blank=True)
    event = models.ForeignKey(
        "networks.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event of a leader forum"),
    )

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """A practice assignment of a programme: a bounded leadership task tied to one expectation of the first
    leadership level."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    expectation = models.ForeignKey(
        "frameworks.Expectation", on_delete=models.PROTECT, related_name="+", verbose_name=_("expectation")
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("practice assignment")
        verbose_name_plural = _("practice assignments")

    def __str__(self) -> str:
        return self.title


class Talent(models.Model):
    """One person's way through the pipeline, from the nomination (or their own sign-up) on."""

    person = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("talent")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.NOMINATED)
    nominated_by = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    reason = models.TextField(_("reason"), max_length=5000, blank=True)
    leader = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nearest leader"),
    )
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        "frameworks.Level", on_delete=models.PROTECT, related_name="+", verbose_name=_("leadership level")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    reflection = models.TextField(_("my reflection"), max_length=10000, blank=True)
    reflected_at = models.DateTimeField(null=True, blank=True)
    conversation_held_on = models.DateField(_("held on"), null=True, blank=True)
    conversation_notes = models.TextField(_("shared notes"), max_length=10000, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision, blank=True)
    decision_note = models.TextField(_("why"), max_length=5000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, null=True, blank=True, related_name="talents"
    )
    mentor = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor"),
    )
    enrolled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("talent")
        verbose_name_plural = _("talents")
        constraints = [
            # One way through the pipeline at a time; a talent who stopped may be nominated again.
            models.UniqueConstraint(
                fields=["person"], condition=~Q(stage="stopped"), name="talent_one_open_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_stage_display()})"


class ReflectionAnswer(models.Model):
    """The talent's answer to one expectation of the first leadership level in their self-reflection."""

    talent = models.ForeignKey(Talent, on_delete=models.CASCADE, related_name="reflection_answers")
    expectation = models.ForeignKey("frameworks.Expectation", on_delete=models.CASCADE, related_name="+")
    interest = models.CharField(_("interest"), max_length=20, choices=Interest)

    class Meta:
        ordering = ["expectation__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "expectation"], name="reflection_one_per_expectation")
        ]

    def __str__(self) -> str:
        return self.get_interest_display()


class AssessorRole(models.TextChoices):
    TALENT = "talent", _("The talent")
    LEADER = "leader", _("The nearest leader")
    MENTOR = "mentor", _("The mentor")


class Outcome(models.TextChoices):
    MET = "met", _("Met: ready at this expectation")
    PARTLY = "partly", _("Partly met")
    NOT_YET = "not_yet", _("Not yet")


class Assessment(models.Model):
    """One of the trio's assessment of a talent's practice assignment; given once, by each of the three."""

    talent = models.ForeignKey(Talent, on_delete=models.CASCADE, related_name="assessments")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("assessed by"), max_length=10, choices=AssessorRole)
    assessor = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("assessment"), max_length=10, choices=Outcome)
    note = models.TextField(_("what the assessment rests on"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assignment__position", "assignment_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "assignment", "role"], name="assessment_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.get_outcome_display()}"


class DeclinedCount(models.Model):
    """How many nominations were declined, per year and unit: all that a declined nomination leaves."""

    year = models.PositiveIntegerField()
    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="+")
    declined = models.PositiveIntegerField(default=0)  # no who, no when: the decliner leaves no trace

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="declined_once_per_year_unit")]

    def __str__(self) -> str:
        return f"{self.year}: {self.declined}"
