from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKind(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction")
    PRINCIPLE = "principle", _("Principle")
    DISCIPLINE = "discipline", _("Leadership discipline")
    ROLE = "role", _("Role expectations")
    BEHAVIOUR = "behaviour", _("Behaviour")
    CONDITION = "condition", _("Conditions")
    POSSIBILITY = "possibility", _("What the conditions make possible")
    EFFECT = "effect", _("Effect picture")
    THEME = "theme", _("Theme")
    TOOL = "tool", _("Tool")
    SERVICE = "service", _("Service")
    FORUM = "forum", _("Leader forum")
    RECOMMENDATION = "recommendation", _("Recommendation")
    REFLECTION = "reflection", _("Reflection")
    PROJECT = "project", _("Project")


class TextKind(models.TextChoices):
    INTRODUCTION = "introduction", _("Introduction")
    AMBITION = "ambition", _("Ambition")
    LEAD_IN = "lead_in", _("Lead-in")
    PURPOSE = "purpose", _("Purpose")
    BODY = "body", _("Text")
    GAP = "gap", _("Missing from the source")
    NOTE = "note", _("Note")


class ExpectationKind(models.TextChoices):
    PRINCIPLE = "principle", _("Shared principle")
    YOU_CAN_EXPECT = "you_can_expect", _("You can expect")
    BEHAVIOUR = "behaviour", _("Behaviour")
    MUST_SUCCEED_WITH = "must_succeed_with", _("I must succeed with")
    RESPONSIBILITY = "responsibility", _("My responsibility and primary tasks")
    MUST_BE_ABLE_TO = "must_be_able_to", _("I must be able to")
    CONDITION = "condition", _("Condition")
    ENABLED_BY_CONDITIONS = "enabled_by_conditions", _("What the conditions make possible")
    EFFECT = "effect", _("Intended effect")
    THEME = "theme", _("Theme")
    QUESTION = "question", _("Question")
    STEP = "step", _("Step")
    REFLECTION_QUESTION = "reflection_question", _("Reflection question")
    RECOMMENDATION = "recommendation", _("Recommendation")
    STATEMENT = "statement", _("Statement")


class Framework(models.Model):
    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("leadership foundation")
        verbose_name_plural = _("leadership foundations")

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("extends"),
    )
    source_code = models.CharField(_("source code"), max_length=20, blank=True)
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    source_publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    source_document = models.CharField(_("source document"), max_length=200, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["framework__name", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="unique_version_number")]

    def __str__(self) -> str:
        return f"{self.framework.name} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class LevelGroup(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="level_groups")
    key = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_level_group_key")]

    def __str__(self) -> str:
        return self.name


class Level(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="levels")
    group = models.ForeignKey(
        LevelGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="levels"
    )
    key = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_level_key")]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=SectionKind)
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_section_key")]

    def __str__(self) -> str:
        return self.title


class SectionText(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(_("kind"), max_length=30, choices=TextKind)
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Expectation(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="expectations")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="expectations")
    level = models.ForeignKey(
        Level, on_delete=models.CASCADE, null=True, blank=True, related_name="expectations"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ExpectationKind)
    text = models.TextField(_("text"))
    source_ref = models.CharField(_("source reference"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["version", "level"])]

    def __str__(self) -> str:
        return self.text[:60]


class FrameworkChange(models.Model):
    """Who changed what in a framework version, and when."""

    class Action(models.TextChoices):
        IMPORTED = "imported", _("imported")
        DRAFT_CREATED = "draft created", _("draft started")
        DRAFT_DISCARDED = "draft discarded", _("draft discarded")
        PUBLISHED = "published", _("published")
        SECTION_ADDED = "section added", _("section added")
        SECTION_CHANGED = "section changed", _("section changed")
        SECTION_DELETED = "section deleted", _("section deleted")
        LEVEL_ADDED = "level added", _("level added")
        LEVEL_CHANGED = "level changed", _("level changed")
        LEVEL_DELETED = "level deleted", _("level deleted")
        EXPECTATION_ADDED = "expectation added", _("expectation added")
        EXPECTATION_CHANGED = "expectation changed", _("expectation changed")
        EXPECTATION_DELETED = "expectation deleted", _("expectation deleted")
        REORDERED = "reordered", _("order changed")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=60, choices=Action)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.summary[:60]}"

    @property
    def by_name(self) -> str:
        return (self.by.get_full_name() or self.by.get_username()) if self.by else ""


class SearchEntry(models.Model):
    """One searchable text of a version, with where it sits (kept in step by services)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="search_entries")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True)
    level = models.ForeignKey(Level, on_delete=models.CASCADE, null=True)
    expectation = models.ForeignKey(Expectation, on_delete=models.CASCADE, null=True)
    text = models.TextField()

    def __str__(self) -> str:
        return self.text[:60]
