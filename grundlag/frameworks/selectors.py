"""Reads of leadership foundations: what is expected where, comparisons, history and search."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from grundlag.core.rules import require

from . import search
from .models import Expectation, ExpectationKind, Framework, FrameworkVersion, Level, Section, SectionText
from .rules import can_author


def frameworks_list(*, include_drafts: bool = False) -> QuerySet[Framework]:
    versions = Q() if include_drafts else Q(versions__status=FrameworkVersion.Status.PUBLISHED)
    return (
        Framework.objects.filter(versions__isnull=False)
        .annotate(version_count=Count("versions", filter=versions, distinct=True))
        .filter(version_count__gt=0)
        .order_by("name")
    )


def version_get(*, slug: str, number: int | None = None, include_drafts: bool = False) -> FrameworkVersion:
    """A version by framework slug and number (latest visible one without a number), or 404."""
    versions = FrameworkVersion.objects.select_related("framework", "parent__framework").filter(
        framework__slug=slug
    )
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    version = versions.filter(number=number).first() if number else versions.order_by("-number").first()
    if version is None:
        raise Http404("No such framework version.")
    return version


def version_get_for_user(
    *, user: User | AnonymousUser, slug: str, number: int | None = None
) -> FrameworkVersion:
    """A version the user may read: published ones for everyone, drafts too for authors; else 404."""
    return version_get(slug=slug, number=number, include_drafts=can_author(user))


def frameworks_for_user(*, user: User | AnonymousUser) -> list[tuple[Framework, FrameworkVersion]]:
    """Each framework the user may read with its latest version the user may read."""
    include_drafts = can_author(user)
    return [
        (framework, version_get(slug=framework.slug, include_drafts=include_drafts))
        for framework in frameworks_list(include_drafts=include_drafts)
    ]


def version_history_for_user(
    *, user: User | AnonymousUser, slug: str
) -> tuple[Framework, list[FrameworkVersion], QuerySet[FrameworkVersion]]:
    """A framework, its versions the user may read (newest first), and those versions with their changes."""
    include_drafts = can_author(user)
    framework = version_get(slug=slug, include_drafts=include_drafts).framework
    versions = list(framework.versions.order_by("-number"))
    if not include_drafts:
        versions = [v for v in versions if v.is_published]
    history = framework.versions.filter(id__in=[v.id for v in versions]).prefetch_related("changes__by")
    return framework, versions, history


def versions_to_compare(*, picked: list[str]) -> tuple[list[FrameworkVersion], list[FrameworkVersion]]:
    """The published versions anyone may compare, and the ones picked by id; 404 for an unknown pick.

    With nothing picked: the latest version of the first two frameworks.
    """
    published = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
    choices = list(published.select_related("framework").order_by("framework__name", "-number"))
    versions = []
    for value in picked:
        chosen = next((v for v in choices if str(v.id) == value), None)
        if chosen is None:
            raise Http404("No such framework version.")
        versions.append(chosen)
    if not picked:
        latest: dict[int, FrameworkVersion] = {}
        for v in choices:
            latest.setdefault(v.framework_id, v)
        versions = list(latest.values())[:2]
    return choices, versions


def authoring_for_user(*, user: User | AnonymousUser) -> None:
    """Refuse (403) anyone who may not author foundations, for the pages that only authors reach."""
    require(user, "frameworks.author")


def framework_to_author_get_for_user(*, user: User | AnonymousUser, slug: str) -> Framework:
    """A framework an author may start a draft of; 403 for anyone else, 404 for one that is not there."""
    authoring_for_user(user=user)
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise Http404
    return framework


def draft_get_for_user(*, user: User | AnonymousUser, slug: str, number: int) -> FrameworkVersion:
    """A draft an author may edit; 403 for anyone else and for a published version, 404 for none."""
    authoring_for_user(user=user)
    version = version_get(slug=slug, number=number, include_drafts=True)
    if version.is_published:
        raise PermissionDenied(_("A published version never changes."))
    return version


DraftItem = Section | Level | Expectation | SectionText


def draft_item_get(*, version: FrameworkVersion, model: type[DraftItem], pk: int) -> DraftItem:
    """A section, level, statement or text of the (already authorised) draft; 404 for one elsewhere."""
    lookup = {"section__version": version} if model is SectionText else {"version": version}
    item = model._default_manager.filter(pk=pk, **lookup).first()
    if item is None:
        raise Http404
    return item


def level_get(*, version: FrameworkVersion, key: str) -> Level:
    level = version.levels.select_related("group").filter(key=key).first()
    if level is None:
        raise Http404("No such level.")
    return level


def _kind_labels() -> dict[str, str]:
    """Each statement kind's label in the active language, translated once per call (`get_kind_display`
    translates once per statement: a tenth of a leader's page where the level has a hundred statements)."""
    return {kind: str(label) for kind, label in Expectation._meta.get_field("kind").flatchoices}


@dataclass
class SectionContent:
    """One section as a reader sees it: its texts and the statements that apply."""

    section: Section
    texts: list[SectionText] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    inherited: bool = False

    @property
    def expectations_by_kind(self) -> list[tuple[str, list[Expectation]]]:
        groups: dict[str, list[Expectation]] = {}
        labels = _kind_labels()
        for expectation in self.expectations:
            groups.setdefault(labels.get(expectation.kind, expectation.kind), []).append(expectation)
        return list(groups.items())

    @property
    def expectations_by_kind_and_level(self) -> list[tuple[str, str, list[Expectation]]]:
        """Statements grouped by kind and level: the common ones first, then level by level."""
        groups: dict[tuple, list[Expectation]] = {}
        labels = _kind_labels()
        ordered = sorted(self.expectations, key=lambda e: (e.level.position if e.level else -1, e.position))
        for expectation in ordered:
            key = (
                labels.get(expectation.kind, expectation.kind),
                expectation.level.name if expectation.level else "",
            )
            groups.setdefault(key, []).append(expectation)
        return [(kind, level, items) for (kind, level), items in groups.items()]


def version_lineage(*, version: FrameworkVersion) -> list[FrameworkVersion]:
    """The version's ancestors, root first, then the version itself."""
    lineage = [version]
    parent = version.parent
    while parent is not None:
        lineage.insert(0, parent)
        parent = parent.parent
    return lineage


def _sections_with(
    versions: list[FrameworkVersion], expectation_filter: Q, *, own: FrameworkVersion
) -> list[SectionContent]:
    sections = (
        Section.objects.filter(version__in=versions)
        .select_related("version")
        .prefetch_related("texts")
        .order_by("version__number", "position", "id")
    )
    by_version = {v.id: index for index, v in enumerate(versions)}
    contents = {
        s.id: SectionContent(section=s, texts=list(s.texts.all()), inherited=s.version_id != own.id)
        for s in sorted(sections, key=lambda s: (by_version[s.version_id], s.position, s.id))
    }
    expectations = (
        Expectation.objects.filter(version__in=versions)
        .filter(expectation_filter)
        .select_related("level")
        .order_by("position", "id")
    )
    for expectation in expectations:
        contents[expectation.section_id].expectations.append(expectation)
    return list(contents.values())


# A published version never changes (authoring works on drafts, and an import refuses to replace a published
# version), so what it expects at a level is read once per process: "my page" and the start page of every
# leader on a level share it. The key holds the version's creation time, so a database made again with the
# same ids (as in the tests) never finds another database's content.
_PUBLISHED_EXPECTED: dict[tuple[int, str, str], list[SectionContent]] = {}
_PUBLISHED_EXPECTED_MAX = 512


def expected_at_level(*, version: FrameworkVersion, level: Level) -> list[SectionContent]:
    """Parent's common part + parent's same-key level + this version's common part + the level's own."""
    key = (version.pk, version.created_at.isoformat(), level.key)
    known = _PUBLISHED_EXPECTED.get(key)
    if known is not None:
        return known
    lineage = version_lineage(version=version)
    same_level = Q(level__key=level.key) & Q(level__version__in=lineage)
    sections = _sections_with(lineage, Q(level__isnull=True) | same_level, own=version)
    expected = [s for s in sections if s.expectations or s.texts]
    if all(v.is_published for v in lineage):
        if len(_PUBLISHED_EXPECTED) >= _PUBLISHED_EXPECTED_MAX:
            _PUBLISHED_EXPECTED.clear()
        _PUBLISHED_EXPECTED[key] = expected
    return expected


def version_common_part(*, version: FrameworkVersion) -> list[SectionContent]:
    """Everything that applies at every level, the parent's part first."""
    return _sections_with(version_lineage(version=version), Q(level__isnull=True), own=version)


def version_content(*, version: FrameworkVersion) -> list[SectionContent]:
    """All of the version's own sections with all of their statements."""
    return _sections_with([version], Q(), own=version)


@dataclass
class LevelComparisonRow:
    section: Section
    cells: list[list[Expectation]]


def levels_compare(*, version: FrameworkVersion, levels: list[Level]) -> list[LevelComparisonRow]:
    """Level-specific statements of several levels, side by side per section."""
    rows = []
    for section in version.sections.all():
        cells = [[e for e in section.expectations.all() if e.level_id == level.id] for level in levels]
        if any(cells):
            rows.append(LevelComparisonRow(section=section, cells=cells))
    return rows


@dataclass
class FrameworkComparisonRow:
    kind: str
    label: str
    cells: list[list[SectionContent]]


def frameworks_compare(*, versions: list[FrameworkVersion]) -> list[FrameworkComparisonRow]:
    """Several frameworks' sections side by side, aligned by section kind."""
    contents = [version_content(version=v) for v in versions]
    kinds: list[str] = []
    for content in contents:
        for item in content:
            if item.section.kind not in kinds:
                kinds.append(item.section.kind)
    rows = []
    for kind in kinds:
        cells = [[item for item in content if item.section.kind == kind] for content in contents]
        label = next(item.section.get_kind_display() for cell in cells for item in cell)
        rows.append(FrameworkComparisonRow(kind=kind, label=label, cells=cells))
    return rows


# --- Search -----------------------------------------------------------------------------------


@dataclass
class SearchHit:
    version: FrameworkVersion
    section: Section | None
    level: Level | None
    highlighted: str


def frameworks_search(*, query: str, limit: int = 100) -> list[SearchHit]:
    """Full-text search over the latest published version of every framework."""
    query = query.strip()
    if not query:
        return []
    latest: dict[int, int] = {}
    published = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
    for version in published.order_by("framework_id", "-number").only("id", "framework_id"):
        latest.setdefault(version.framework_id, version.id)
    rows = search.run(query=query, version_ids=list(latest.values()), limit=limit)
    versions = FrameworkVersion.objects.select_related("framework").in_bulk({r.version_id for r in rows})
    sections = Section.objects.in_bulk({r.section_id for r in rows if r.section_id})
    levels = Level.objects.in_bulk({r.level_id for r in rows if r.level_id})
    return [
        SearchHit(
            version=versions[r.version_id],
            section=sections.get(r.section_id),
            level=levels.get(r.level_id),
            highlighted=r.highlighted,
        )
        for r in rows
    ]


def version_counts(*, versions: list[FrameworkVersion]) -> dict[int, list[tuple[str, int]]]:
    """What each version holds, for the list: its levels (if it has any), sections and expectations by kind.

    A foundation without levels is described by what it has (sections, principles, conditions…), never
    as "0 levels". Three queries whatever the number of versions.
    """
    ids = [version.pk for version in versions]
    levels = dict(
        Level.objects.filter(version__in=ids)
        .values_list("version")
        .annotate(n=Count("id"))
        .values_list("version", "n")
    )
    sections = dict(
        Section.objects.filter(version__in=ids)
        .values_list("version")
        .annotate(n=Count("id"))
        .values_list("version", "n")
    )
    kinds: dict[int, list[tuple[str, int]]] = {}
    by_kind = (
        Expectation.objects.filter(version__in=ids).values_list("version", "kind").annotate(n=Count("id"))
    )
    for version_id, kind, count in by_kind.order_by("version", "-n", "kind"):
        kinds.setdefault(version_id, []).append((str(ExpectationKind(kind).label), count))
    counts: dict[int, list[tuple[str, int]]] = {}
    for pk in ids:
        counts[pk] = [(_("Levels"), levels[pk])] if levels.get(pk) else []
        counts[pk] += [(_("Sections"), sections.get(pk, 0))] + kinds.get(pk, [])
    return counts
