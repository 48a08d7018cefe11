"""Reads of the local tools' authoring, for the administrator only: every other role gets 403 (an anonymous
visitor is sent to log in by the views). Built-in tools are not found here (404): they are never edited."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from grundlag.core.rules import require

from ..models import Origin, Tool, ToolStatus, ToolVersion
from ..selectors import tool_versions_published

Viewer = User | AnonymousUser

VARIANT_SUFFIX = "-lokal"


@dataclass(frozen=True)
class LocalTool:
    """A local tool with its versions (the newest first), its draft and its latest published version."""

    tool: Tool
    versions: list[ToolVersion]
    draft: ToolVersion | None
    published: ToolVersion | None


@dataclass(frozen=True)
class VariantStart:
    """A built-in tool to make a variant of, with the key and name the new variant is offered."""

    builtin: ToolVersion
    key: str
    name: str


def authoring_for_user(*, user: Viewer) -> None:
    """Refuse (403) anyone but the administrator, for the pages only an author reaches."""
    require(user, "tools.author_tools")


def local_tools_for_user(*, user: Viewer) -> list[LocalTool]:
    """Every local tool and variant with its versions, by key; 403 for anyone but the administrator."""
    authoring_for_user(user=user)
    tools = (
        Tool.objects.filter(origin=Origin.LOCAL)
        .select_related("variant_of")
        .prefetch_related(Prefetch("versions", queryset=ToolVersion.objects.order_by("-number")))
    )
    rows = []
    for tool in tools:
        versions = list(tool.versions.all())
        draft = next((v for v in versions if v.status == ToolStatus.DRAFT), None)
        published = next((v for v in versions if v.status == ToolStatus.PUBLISHED), None)
        rows.append(LocalTool(tool=tool, versions=versions, draft=draft, published=published))
    return rows


def builtin_tools_for_user(*, user: Viewer) -> list[ToolVersion]:
    """The built-in tools a variant can be made of (their latest published versions), by key."""
    authoring_for_user(user=user)
    return list(tool_versions_published().filter(tool__origin=Origin.BUILTIN))


def _free_key(key: str) -> str:
    candidate, number = key, 1
    while Tool.objects.filter(key=candidate).exists():
        number += 1
        candidate = f"{key}-{number}"
    return candidate


def variant_start_for_user(*, user: Viewer, of: str) -> VariantStart | None:
    """The built-in tool named `of` with the key ("<key>-lokal", numbered if taken) and the name its new
    variant is offered; None when none is named, 404 for one that is not a published built-in tool."""
    authoring_for_user(user=user)
    if not of:
        return None
    builtin = tool_versions_published().filter(tool__origin=Origin.BUILTIN, tool__key=of).first()
    if builtin is None:
        raise Http404
    return VariantStart(
        builtin=builtin,
        key=_free_key(f"{builtin.tool.key}{VARIANT_SUFFIX}"),
        name=_("%(name)s (local variant)") % {"name": builtin.name},
    )


def local_tool_get_for_user(*, user: Viewer, key: str) -> Tool:
    """A local tool; 404 for a built-in one or none, 403 for anyone but the administrator."""
    authoring_for_user(user=user)
    tool = Tool.objects.filter(key=key, origin=Origin.LOCAL).select_related("variant_of").first()
    if tool is None:
        raise Http404
    return tool


def tool_draft_get_for_user(*, user: Viewer, key: str, number: int) -> ToolVersion:
    """A draft of a local tool to edit, preview, publish or delete; 404 for none, 403 for a published
    version (it never changes) and for anyone but the administrator."""
    tool = local_tool_get_for_user(user=user, key=key)
    version = tool.versions.filter(number=number).select_related("tool", "tool__variant_of").first()
    if version is None:
        raise Http404
    if version.status != ToolStatus.DRAFT:
        raise PermissionDenied(_("A published version never changes."))
    return version
