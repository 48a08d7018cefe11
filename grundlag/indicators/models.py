from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DataType(models.TextChoices):
    """The four kinds of data of the broad data concept (det brede databegreb, source 002); the values are the
    keys of the toolbox's `det-brede-databegreb` tool."""

    RESULT = "resultatdata", _("Result data")
    PROCESS = "processuelle-data", _("Process data")
    DEMOGRAPHIC = "demografiske-data", _("Demographic data")
    PERCEPTION = "perceptionsdata", _("Perception data")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEUTRAL = "neutral", _("Neither higher nor lower is better")


class PublicationLevel(models.TextChoices):
    """The lowest level of the organisation at which an indicator's figures may be shown."""

    UNIT = "unit", _("Any unit")
    INSTITUTION = "institution", _("An institution and the units above it")
    MUNICIPALITY = "municipality", _("A municipality and above")
    NATIONAL = "national", _("Only the national figure")


class PeriodKind(models.TextChoices):
    SCHOOL_YEAR = "school_year", _("School year")
    YEAR = "year", _("Calendar year")
    DATE = "date", _("Date")


class Indicator(models.Model):
    """What is measured: its data type, unit of measure and scale, which way is better, the source and the
    credit line the source requires, and the publication rule (the smallest n shown, the lowest level)."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    data_type = models.CharField(_("data type"), max_length=30, choices=DataType.choices)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60, blank=True)
    scale_min = models.DecimalField(_("scale from"), max_digits=14, decimal_places=4, null=True, blank=True)
    scale_max = models.DecimalField(_("scale to"), max_digits=14, decimal_places=4, null=True, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    credit = models.CharField(_("credit line"), max_length=300, blank=True)
    min_n = models.PositiveIntegerField(_("smallest n shown"), default=5, validators=[MinValueValidator(1)])
    lowest_level = models.CharField(
        _("lowest level shown"),
        max_length=20,
        choices=PublicationLevel.choices,
        default=PublicationLevel.UNIT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One figure: an indicator for a unit (none: the national figure) and a period, with n and the standard
    deviation where known. A value of None is a figure that was not published (a blank in a file), never 0."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name=_("indicator")
    )
    unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    period_kind = models.CharField(_("period kind"), max_length=20, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period = models.CharField(_("period"), max_length=20)  # as people write it: "2023/24", "2024", a date
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    n = models.PositiveIntegerField(_("n"), null=True, blank=True)
    sd = models.DecimalField(_("standard deviation"), max_digits=14, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["indicator", "period_start", "unit"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period_kind", "period_start"],
                condition=Q(unit__isnull=False),
                name="indicators_observation_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start"],
                condition=Q(unit__isnull=True),
                name="indicators_observation_national_unique",
            ),
        ]
        indexes = [models.Index(fields=["unit", "indicator", "period_start"], name="indicators_obs_unit")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.unit_id or 'national'} {self.period}"


# --- Qualitative data: notes on a unit and comments on its figures (docs/indicators.md) --------------------


class NoteKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    OBSERVATION = "observation", _("Observation")
    STORY = "story", _("Story")
    OTHER = "other", _("Other")


class UnitNote(models.Model):
    """A dated note of qualitative data about a unit (an interview, an observation, a story), with its data
    type, so the broad data concept is whole beside the figures. Written by a leader of the unit; shared
    with those who may see the unit's figures, or private: then only its author ever reads it. No reverse
    relations: only the notes' selectors, which filter on who asks, read notes."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    data_type = models.CharField(
        _("data type"), max_length=30, choices=DataType.choices, default=DataType.PERCEPTION
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices, default=NoteKind.INTERVIEW)
    # The day the interview, observation or story happened; the school year or year it belongs to follows
    # from it (a school year starts on 1 August), as the figures' periods do.
    observed_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("note"), max_length=20000)
    author = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    private = models.BooleanField(_("only me"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("note on a unit")
        verbose_name_plural = _("notes on a unit")
        indexes = [models.Index(fields=["unit", "observed_on"], name="indicators_note_unit")]

    def __str__(self) -> str:
        return str(self.pk)


class FigureComment(models.Model):
    """A leader's comment on their unit's figures of one indicator: what lies behind them. About one period
    (kept as an observation keeps it) or, without one, about all of them. Read by those who may see the
    unit's figures."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name=_("indicator")
    )
    period_kind = models.CharField(_("period kind"), max_length=20, choices=PeriodKind.choices, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period = models.CharField(_("period"), max_length=20, blank=True)  # as the observation writes it
    text = models.TextField(_("comment"), max_length=5000)
    author = models.ForeignKey(
        "organisation.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("comment on figures")
        verbose_name_plural = _("comments on figures")
        indexes = [models.Index(fields=["unit", "indicator"], name="indicators_comment_unit")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(period_kind="") & Q(period_start__isnull=True) & Q(period=""))
                | (~Q(period_kind="") & Q(period_start__isnull=False) & ~Q(period="")),
                name="indicators_comment_period_whole",
            ),
        ]

    def __str__(self) -> str:
        return str(self.pk)
