"""The organisation Grundlag serves: units in a tree, people, and their posts with history."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Which import owns a record; a full import only ends what its own source brought."""

    MANUAL = "manual", _("Entered by hand")
    HR = "hr", _("HR export")
    OS2MO = "os2mo", _("OS2mo")
    INSTITUTION_REGISTER = "institution_register", _("Institution register")
    GENERATOR = "generator", _("Fictional organisation")


class ActiveOnQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Records whose period covers the day (open ends count as open)."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class Unit(models.Model):
    source = models.CharField(_("source"), max_length=30, choices=Source.choices, default=Source.MANUAL)
    key = models.CharField(
        _("identifier"), max_length=100, help_text=_("The unit's identifier in its source.")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Kept by the services: ids from the top down ("/1/5/23/"), so a subtree is one indexed prefix query.
    path = models.CharField(max_length=1000, db_index=True, default="", editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="unique_unit_key"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="unit_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    source = models.CharField(_("source"), max_length=30, choices=Source.choices, default=Source.MANUAL)
    key = models.CharField(
        _("identifier"), max_length=100, help_text=_("The person's identifier in its source.")
    )
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="da"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="unique_person_key")]
        indexes = [models.Index(fields=["email"], name="person_email")]

    def __str__(self):
        return self.name


class Post(models.Model):
    """A person's engagement in a unit: title, framework level, manager and period."""

    source = models.CharField(_("source"), max_length=30, choices=Source.choices, default=Source.MANUAL)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="posts", verbose_name=_("person")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="posts", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    level = models.ForeignKey(
        "frameworks.Level",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leadership level"),
    )
    manager = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_posts",
        verbose_name=_("manager"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        ordering = ["unit__name", "person__name"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="post_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(manager=F("person")), name="post_not_self_managed"),
        ]
        indexes = [
            models.Index(fields=["manager", "end_date"], name="post_manager"),
            models.Index(fields=["person", "end_date"], name="post_person"),
        ]

    def __str__(self):
        return f"{self.person} — {self.title or self.unit}"

    @property
    def is_leadership_post(self) -> bool:
        return self.level_id is not None


class UnitPlacement(models.Model):
    """Where a unit sat in the tree over a period, kept once a unit has moved.

    `Unit.parent` is always today's placement; a unit that has never moved has no rows here.
    When an import moves a unit, the old parent is kept up to the day before and the new one
    opens, so "the organisation on 1 March" shows the unit where it was on that day.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="placements", verbose_name=_("unit")
    )
    parent = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("parent unit"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        ordering = ["unit", F("start_date").asc(nulls_first=True)]  # the open-ended first placement first
        verbose_name = _("unit placement")
        verbose_name_plural = _("unit placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.unit} ⊂ {self.parent or '—'}"


class ChainState(models.Model):
    """One row: how often the posts' chain columns have been written, and for which day and write the kept
    chain (`ChainLink`) was built. A database trigger on the posts counts the writes (migration 0003)."""

    generation = models.BigIntegerField(default=0)
    built_generation = models.BigIntegerField(null=True)
    built_for = models.DateField(null=True)

    def __str__(self) -> str:
        return f"chain {self.generation}, built from {self.built_generation} for {self.built_for}"


class ChainLink(models.Model):
    """The leadership chain of one day kept as a table: `manager_id` leads `person_id`, directly or through
    the leaders below them. Plain ids, no foreign keys: the rows are rebuilt whole, never edited."""

    manager_id = models.BigIntegerField()
    person_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["manager_id", "person_id"], name="chain_link_unique")]
        indexes = [models.Index(fields=["person_id", "manager_id"], name="chain_link_person")]

    def __str__(self) -> str:
        return f"{self.manager_id} leads {self.person_id}"


class ChainLeader(models.Model):
    """Each leader of the day's kept chain with their main post (a leadership level first, then the oldest)
    and how many people report to them directly: the span of control as a table, rebuilt with the chain."""

    person_id = models.BigIntegerField(unique=True)
    post_id = models.BigIntegerField()
    level_id = models.BigIntegerField(null=True)
    direct_reports = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.person_id}: {self.direct_reports} direct reports"
