"""Leadership foundations, read-only: published versions, and drafts for those who may author."""

import datetime

from django.db.models import Max, Q
from django.http import HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from grundlag.frameworks.models import Framework, FrameworkVersion
from grundlag.frameworks.rules import can_author
from grundlag.frameworks.selectors import frameworks_list, version_content, version_get, version_get_for_user

from .common import OBJECT_ERRORS, READ_ERRORS, Pagination, api_user

router = Router(tags=["frameworks"])

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class FrameworkOut(Schema):
    slug: str
    name: str
    owner: str
    description: str
    latest_version: int = Field(description="The number of the newest version the caller may read.")


class VersionRef(Schema):
    framework: str = Field(description="The framework's slug.")
    number: int


class VersionSummaryOut(Schema):
    number: int
    label: str
    status: str = Field(description="draft or published")
    parent: VersionRef | None = Field(description="The version this one extends (its common part).")
    created_at: datetime.datetime
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_parent(version: FrameworkVersion) -> dict | None:
        parent = version.parent
        return {"framework": parent.framework.slug, "number": parent.number} if parent else None


class FrameworkDetailOut(Schema):
    slug: str
    name: str
    owner: str
    description: str
    versions: list[VersionSummaryOut] = Field(description="The versions the caller may read, newest first.")


class LevelGroupOut(Schema):
    key: str
    name: str


class FrameworkLevelOut(Schema):
    key: str
    name: str
    group: str | None = Field(description="The level group's key.")
    description: str

    @staticmethod
    def resolve_group(level) -> str | None:
        return level.group.key if level.group else None


class TextOut(Schema):
    kind: str
    text: str


class ExpectationOut(Schema):
    kind: str
    text: str
    level: str | None = Field(description="The key of the level it applies to; null: every level.")
    source_ref: str

    @staticmethod
    def resolve_level(expectation) -> str | None:
        return expectation.level.key if expectation.level else None


class SectionOut(Schema):
    key: str
    kind: str
    title: str
    texts: list[TextOut]
    expectations: list[ExpectationOut]


class VersionOut(VersionSummaryOut):
    framework: str = Field(description="The framework's slug.")
    source_title: str
    source_publisher: str
    source_url: str
    level_groups: list[LevelGroupOut]
    levels: list[FrameworkLevelOut]
    sections: list[SectionOut] = Field(
        description="The version's own sections; a parent's are in the parent."
    )

    @staticmethod
    def resolve_framework(version: FrameworkVersion) -> str:
        return version.framework.slug

    @staticmethod
    def resolve_level_groups(version: FrameworkVersion) -> list:
        return list(version.level_groups.all())

    @staticmethod
    def resolve_levels(version: FrameworkVersion) -> list:
        return list(version.levels.select_related("group"))

    @staticmethod
    def resolve_sections(version: FrameworkVersion) -> list[dict]:
        return [
            {
                "key": content.section.key,
                "kind": content.section.kind,
                "title": content.section.title,
                "texts": content.texts,
                "expectations": content.expectations,
            }
            for content in version_content(version=version)
        ]


def _slug_path():
    return Path(..., max_length=80, pattern=SLUG_PATTERN, description="The framework's identifier.")


@router.get(
    "/frameworks",
    response={200: list[FrameworkOut], **READ_ERRORS},
    url_name="framework_list",
    operation_id="framework_list",
)
@paginate(Pagination)
def framework_list(request: HttpRequest):
    """The leadership foundations with at least one version the caller may read."""
    include_drafts = can_author(api_user(request))
    readable = Q() if include_drafts else Q(versions__status=FrameworkVersion.Status.PUBLISHED)
    return (
        frameworks_list(include_drafts=include_drafts)
        .annotate(latest_version=Max("versions__number", filter=readable))
        .order_by("name", "id")
    )


@router.get(
    "/frameworks/{slug}",
    response={200: FrameworkDetailOut, **OBJECT_ERRORS},
    url_name="framework_detail",
    operation_id="framework_detail",
)
def framework_detail(request: HttpRequest, slug: str = _slug_path()):
    """One foundation with its versions."""
    include_drafts = can_author(api_user(request))
    framework: Framework = version_get(slug=slug, include_drafts=include_drafts).framework
    versions = framework.versions.select_related("parent__framework").order_by("-number")
    if not include_drafts:
        versions = versions.filter(status=FrameworkVersion.Status.PUBLISHED)
    return {
        "slug": framework.slug,
        "name": framework.name,
        "owner": framework.owner,
        "description": framework.description,
        "versions": list(versions),
    }


@router.get(
    "/frameworks/{slug}/versions/{number}",
    response={200: VersionOut, **OBJECT_ERRORS},
    url_name="framework_version",
    operation_id="framework_version",
)
def framework_version(
    request: HttpRequest,
    slug: str = _slug_path(),
    number: int = Path(..., ge=1, le=2_147_483_647, description="The version number."),
):
    """One version's levels, sections, texts and expectations."""
    return version_get_for_user(user=api_user(request), slug=slug, number=number)
