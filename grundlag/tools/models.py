from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    BUILTIN = "builtin", _("Built-in")
    LOCAL = "local", _("Local")


class ToolStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Tool(models.Model):
    """A tool of the toolbox, built-in (shipped in grundlag/tools/builtin/) or the organisation's own."""

    key = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    variant_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="variants",
        verbose_name=_("variant of"),
        help_text=_("A local variant of a built-in tool is filled in with the built-in tool's workflow."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def __str__(self) -> str:
        return self.name

    @property
    def workflow_key(self) -> str:
        """The key its workflow is registered under: a variant's is its built-in tool's."""
        return self.variant_of.key if self.variant_of_id and self.variant_of else self.key


class ToolVersion(models.Model):
    """One version of a tool's definition: its source, credits and content, validated by tool.schema.json."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="versions", verbose_name=_("tool"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=ToolStatus.choices, default=ToolStatus.DRAFT
    )
    name = models.CharField(_("name"), max_length=300)
    name_is_descriptive = models.BooleanField(_("name not in the source"), default=False)
    source = models.JSONField(_("source"), default=dict, blank=True)
    credits = models.JSONField(_("credits"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    content = models.JSONField(_("content"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["tool__key", "number"]
        verbose_name = _("tool version")
        verbose_name_plural = _("tool versions")
        constraints = [
            models.UniqueConstraint(fields=["tool", "number"], name="tools_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == ToolStatus.PUBLISHED


class LibraryAudience(models.TextChoices):
    """Who reads a document in the knowledge-sharing library, besides those it is shared with."""

    NONE = "", _("Not in the library")
    UNIT = "unit", _("The leaders of my unit and the units below it")
    ORGANISATION = "organisation", _("Every leader in the organisation")


class ToolDocument(models.Model):
    """A person's filled-in tool: the fields of the tool version it was started on, kept with a revision
    number so that two people saving at once never overwrite each other. Private to its owner unless shared
    with team members (who read and edit) or with the owner's superiors (who read). The owner has no reverse
    relation to it: it is read only through the selectors, which filter on who asks."""

    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="documents", verbose_name=_("tool"))
    version = models.ForeignKey(
        ToolVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("tool version")
    )
    owner = models.ForeignKey(
        "organisation.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(_("content"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    team_members = models.ManyToManyField(
        "organisation.Person", blank=True, related_name="+", verbose_name=_("team members")
    )
    shared_with_superior = models.BooleanField(_("shared with the superior"), default=False)
    library_audience = models.CharField(
        _("in the library for"), max_length=20, choices=LibraryAudience.choices, default="", blank=True
    )
    library_unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library unit"),
    )
    sections = models.ManyToManyField(
        "frameworks.Section", blank=True, related_name="+", verbose_name=_("sections of the foundation")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("tool document")
        verbose_name_plural = _("tool documents")

    def __str__(self) -> str:
        return self.title


class ToolDocumentRevision(models.Model):
    """One saved state of a document: who saved it, when, and what it held."""

    document = models.ForeignKey(
        ToolDocument, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("tool document")
    )
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(_("content"), default=dict, blank=True)
    by = models.ForeignKey(
        "organisation.Person", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("tool document revision")
        verbose_name_plural = _("tool document revisions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="tools_document_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} r{self.number}"


class LibraryEntry(models.Model):
    """The searchable text of a document in the knowledge-sharing library, kept in step with the document by
    tools/library/services.py; a document outside the library has none. In SQLite an FTS5 table follows it
    (migration 0004); PostgreSQL searches it with Danish stemming at query time."""

    document = models.OneToOneField(
        ToolDocument, on_delete=models.CASCADE, related_name="+", verbose_name=_("tool document")
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")

    def __str__(self) -> str:
        return self.title
