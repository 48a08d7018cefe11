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
