"""An action plan follows the toolbox's action-plan template (handleplansskabelon, source 002): Mål, Ståsted,
Tiltag og Tegn, Evaluering. The template's questions are read from the toolbox's content, never copied here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    ACTIVE = "active", _("Under way")
    EVALUATED = "evaluated", _("Evaluated")
    DROPPED = "dropped", _("Dropped")


class ActionPlan(models.Model):
    """A unit's action plan, owned by a leader, written with the leadership team's members (who read and edit)
    and shared with the owner's superiors (who read) when the owner says so. A revision number keeps two
    people saving at once from overwriting each other."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    owner = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    team_members = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="+", verbose_name=_("leadership team")
    )
    shared_with_superior = models.BooleanField(_("shared with the superior"), default=False)
    title = models.CharField(_("area of effort"), max_length=300)
    goal = models.TextField(_("goal"), max_length=10000, blank=True)
    baseline = models.TextField(_("baseline"), max_length=10000, blank=True)
    evaluation = models.TextField(_("evaluation"), max_length=10000, blank=True)
    evaluate_on = models.DateField(_("evaluate on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    expectations = models.ManyToManyField(
        "frameworks.Expectation", blank=True, related_name="+", verbose_name=_("expectations")
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("indicators")
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title


class BaselineFigure(models.Model):
    """An indicator's figure as the plan's Ståsted saw it, copied when attached: later imports never change
    it. Only what the publication gate showed is copied; a withheld figure keeps its reason, not a value."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="baseline_figures")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )  # None: the national figure
    period_kind = models.CharField(max_length=20)
    period_start = models.DateField()
    period = models.CharField(_("period"), max_length=20)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    n = models.PositiveIntegerField(_("n"), null=True, blank=True)
    sd = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    withheld = models.CharField(max_length=20, blank=True)  # the gate's reason when no value was shown
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator__name", "unit_id", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "unit", "period_kind", "period_start"],
                name="actionplans_baseline_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}"


class Action(models.Model):
    """A Tiltag with its Tegn: what to try, who does what and when, the episode or situation it is tied to,
    and the signs that it works."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("what we will try"), max_length=5000)
    who = models.CharField(_("who does what"), max_length=500, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    due = models.DateField(_("by when"), null=True, blank=True)
    episode = models.TextField(_("episode or situation"), max_length=5000, blank=True)
    signs = models.TextField(_("signs of success"), max_length=5000, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.what[:80]


class FollowUp(models.Model):
    """A look at the plan on a day: the signs seen, what was learned, and what is adjusted. The page shows it
    beside the indicators' trend since the baseline."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="follow_ups")
    held_on = models.DateField(_("date"))
    signs_seen = models.TextField(_("signs seen"), max_length=10000, blank=True)
    note = models.TextField(_("what we learned and adjust"), max_length=10000, blank=True)
    next_on = models.DateField(_("next follow-up"), null=True, blank=True)
    author = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.held_on}"


class PlanRevision(models.Model):
    """The plan as it was saved: its history, one row per saved revision."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    data = models.JSONField()
    saved_by = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "revision"], name="actionplans_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.revision}"


class EvaluationEntry(models.Model):
    """An entry of a unit's evaluation log (evalueringskultur): what was evaluated, with which data, what was
    concluded and decided, and when to look again."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    evaluated_on = models.DateField(_("date"))
    subject = models.CharField(_("what was evaluated"), max_length=300)
    data_used = models.TextField(_("with which data"), max_length=5000, blank=True)
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="+", verbose_name=_("indicators")
    )
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("action plan"),
    )
    conclusion = models.TextField(_("what was concluded"), max_length=10000, blank=True)
    decision = models.TextField(_("what was decided"), max_length=10000, blank=True)
    look_again_on = models.DateField(_("look again on"), null=True, blank=True)
    author = models.ForeignKey("organisation.Person", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluation log")

    def __str__(self) -> str:
        return self.subject


class ProcessStep(models.TextChoices):
    """The five phases of the 5F model; the values are the step keys of the toolbox's `5f-modellen`."""

    FOKUSER = "fokuser", "1. Fokusér"
    FORSTAA = "forstaa", "2. Forstå"
    FORESTIL = "forestil", "3. Forestil"
    FASTSLAA = "fastslaa", "4. Fastslå"
    FRIGOER = "frigoer", "5. Frigør"


class Process(models.Model):
    """A 5F process (appreciative inquiry) of a leader or a leadership team for a unit: the owner and the team
    members write in it; the Frigør step's decisions become the actions of a new action plan."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    owner = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    team_members = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="+", verbose_name=_("leadership team")
    )
    title = models.CharField(_("title"), max_length=300)
    tool_version = models.ForeignKey(
        "tools.ToolVersion", on_delete=models.PROTECT, related_name="+"
    )  # the 5F model's content the process was started on
    step = models.CharField(
        _("step"), max_length=10, choices=ProcessStep.choices, default=ProcessStep.FOKUSER
    )
    plan = models.OneToOneField(
        ActionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="process",
        verbose_name=_("action plan"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("5F process")
        verbose_name_plural = _("5F processes")

    def __str__(self) -> str:
        return self.title


class ProcessEntry(models.Model):
    """One person's contribution to a step; several people write in the same step without overwriting each
    other. In the Frigør step each entry is a decision, which becomes an action of the new plan."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="entries")
    step = models.CharField(_("step"), max_length=10, choices=ProcessStep.choices)
    text = models.TextField(_("text"), max_length=10000)
    author = models.ForeignKey("organisation.Person", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.process_id} {self.step}"
