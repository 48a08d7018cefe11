"""Every write of the toolbox: loading the built-in tool definitions."""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from grundlag.audit.services import audit_record
from grundlag.frameworks.interchange import Problem

from .definitions import InvalidToolFile, builtin_files, read_file, tool_definition
from .models import Origin, Tool, ToolStatus, ToolVersion


def _with_defaults(definition: dict[str, Any]) -> dict[str, Any]:
    return {"name_is_descriptive": False, "notes": "", **definition}


@transaction.atomic
def tool_version_create(
    *, tool: Tool, definition: dict[str, Any], status: str, by: User | None = None
) -> ToolVersion:
    """Add the next version of a tool from a validated definition; the tool takes the version's name."""
    latest = tool.versions.order_by("-number").first()
    version = ToolVersion(
        tool=tool,
        number=latest.number + 1 if latest else 1,
        status=status,
        name=definition["name"],
        name_is_descriptive=definition.get("name_is_descriptive", False),
        source=definition["source"],
        credits=definition["credits"],
        notes=definition.get("notes", ""),
        content=definition["content"],
        published_at=timezone.now() if status == ToolStatus.PUBLISHED else None,
    )
    version.full_clean()
    version.save()
    tool.name = version.name
    tool.full_clean()
    tool.save()
    audit_record(user=by, action="tools.version_create", obj=version, detail=f"{tool.key} v{version.number}")
    return version


@transaction.atomic
def tool_builtin_load(*, definition: dict[str, Any], name: str) -> tuple[ToolVersion, str]:
    """Load one built-in definition: unchanged, or a new published version if the file changed."""
    tool = Tool.objects.filter(key=definition["key"]).first()
    if tool is not None and tool.origin != Origin.BUILTIN:
        raise InvalidToolFile([Problem(name, None, "key", f"'{tool.key}' is the key of a local tool")])
    if tool is None:
        tool = Tool(key=definition["key"], name=definition["name"], origin=Origin.BUILTIN)
        tool.full_clean()
        tool.save()
    latest = tool.versions.order_by("-number").first()
    if latest is not None and tool_definition(version=latest) == _with_defaults(definition):
        return latest, "unchanged"
    version = tool_version_create(tool=tool, definition=definition, status=ToolStatus.PUBLISHED)
    return version, "created" if latest is None else "new version"


def tools_builtin_load() -> list[tuple[ToolVersion, str]]:
    """Load every built-in tool shipped with Grundlag (idempotent: unchanged files change nothing)."""
    # Every file is read and validated first: one broken file loads nothing.
    definitions = [(read_file(path), str(path)) for path in builtin_files()]
    with transaction.atomic():
        return [tool_builtin_load(definition=d, name=name) for d, name in definitions]
