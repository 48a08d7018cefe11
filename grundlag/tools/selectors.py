"""Reads of the toolbox: the published tools and their definitions as exported."""

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from .definitions import tool_definition
from .models import ToolStatus, ToolVersion


def tool_versions_published() -> QuerySet[ToolVersion]:
    """The latest published version of every tool, by key."""
    latest = (
        ToolVersion.objects.filter(tool=OuterRef("tool"), status=ToolStatus.PUBLISHED)
        .order_by("-number")
        .values("pk")[:1]
    )
    return (
        ToolVersion.objects.filter(status=ToolStatus.PUBLISHED, pk=Subquery(latest))
        .select_related("tool", "tool__variant_of")
        .order_by("tool__key")
    )


def tool_export(*, version: ToolVersion) -> dict[str, Any]:
    """One tool as `tools_export` prints it: its definition with its origin, version and status."""
    definition = tool_definition(version=version)
    del definition["format"]
    return {
        **definition,
        "origin": version.tool.origin,
        "variant_of": version.tool.variant_of.key if version.tool.variant_of else None,
        "version": version.number,
        "status": version.status,
    }
