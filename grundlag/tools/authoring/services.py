"""Writes of local tools: adding one from a definition text, making a local variant of a built-in tool,
saving a draft's text, starting the next draft of a published tool, publishing a draft and deleting one. Only
the administrator writes here, and only local tools: a built-in tool's file is its source of truth. The audit
rows name the tool and its version, never its texts."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.interchange import Problem, file_problem

from ..definitions import InvalidToolFile, tool_definition, validate_definition
from ..documents.workflows import workflow_for
from ..models import Origin, Tool, ToolStatus, ToolVersion
from ..services import tool_version_create
from .checks import definition_read, variant_problems, workflow_problems

_By = User | None


def _require_author(by: _By) -> None:
    if by is None or not by.has_perm("tools.author_tools"):
        raise ValidationError(_("Only an administrator adds and changes local tools."), code="not_author")


def _require_local_draft(version: ToolVersion) -> None:
    if version.tool.origin != Origin.LOCAL:
        raise ValidationError(
            _("A built-in tool is never changed here: its file in grundlag/tools/builtin/ is its source."),
            code="builtin",
        )
    if version.status != ToolStatus.DRAFT:
        raise ValidationError(_("A published version never changes."), code="published")


def _key_refusal(key: str) -> str:
    """Why a new tool may not take this key, or ""."""
    taken = Tool.objects.filter(key=key).first()
    if taken is not None:
        return _("the key '%(key)s' is taken by the tool »%(name)s« (%(origin)s): choose another") % {
            "key": key,
            "name": taken.name,
            "origin": taken.get_origin_display(),
        }
    # A tool's page is /tools/<key>/: a key that is one of the toolbox's own addresses would never be shown.
    if resolve(reverse("tools:tool", kwargs={"key": key})).url_name != "tool":
        return _("'%(key)s' is a word of the toolbox's own addresses: choose another key") % {"key": key}
    return ""


def _latest_published(tool: Tool) -> ToolVersion | None:
    return tool.versions.filter(status=ToolStatus.PUBLISHED).order_by("-number").first()


def _variant_problems(*, tool: Tool, definition: dict[str, Any], text: str, name: str) -> list[Problem]:
    """What a variant (or a tool with a workflow) may not be: without a key of its built-in tool, or with a
    key its workflow uses for a field of its own."""
    workflow = workflow_for(tool=tool)
    problems = (
        workflow_problems(definition["content"], workflow=workflow, text=text, name=name) if workflow else []
    )
    builtin = _latest_published(tool.variant_of) if tool.variant_of is not None else None
    if builtin is None:
        return problems
    return problems + variant_problems(
        definition["content"], builtin_content=builtin.content, text=text, name=name
    )


@transaction.atomic
def tool_local_create(*, text: str, name: str, by: _By) -> ToolVersion:
    """Add a local tool from a definition text (an upload or pasted), as its first version, a draft; raises
    InvalidToolFile naming the line and field of every problem, and writes nothing then."""
    _require_author(by)
    definition = definition_read(text, name=name)
    refusal = _key_refusal(definition["key"])
    if refusal:
        raise InvalidToolFile([file_problem(text, name=name, path=("key",), message=refusal)])
    tool = Tool(key=definition["key"], name=definition["name"], origin=Origin.LOCAL)
    tool.full_clean()
    tool.save()
    return tool_version_create(tool=tool, definition=definition, status=ToolStatus.DRAFT, by=by)


@transaction.atomic
def tool_variant_create(*, builtin: Tool, key: str, name: str, by: _By) -> ToolVersion:
    """Make a local variant of a built-in tool: a draft copied from its latest published version under a new
    key and name, filled in with the built-in tool's workflow."""
    _require_author(by)
    source = _latest_published(builtin) if builtin.origin == Origin.BUILTIN else None
    if source is None:
        raise ValidationError(_("Only a published built-in tool has local variants."), code="not_builtin")
    refusal = _key_refusal(key)
    if refusal:
        raise ValidationError({"key": refusal}, code="key_taken")
    definition = {**tool_definition(version=source), "key": key, "name": name.strip() or source.name}
    problems = validate_definition(definition, name=key)
    if problems:
        raise ValidationError([str(problem) for problem in problems], code="invalid")
    tool = Tool(key=key, name=definition["name"], origin=Origin.LOCAL, variant_of=builtin)
    tool.full_clean()
    tool.save()
    return tool_version_create(tool=tool, definition=definition, status=ToolStatus.DRAFT, by=by)


@transaction.atomic
def tool_draft_save(*, version: ToolVersion, text: str, by: _By, name: str = "") -> ToolVersion:
    """Replace a draft's definition by an edited text; its key stays, and a variant keeps its built-in tool's
    keys. Raises InvalidToolFile naming the line and field of every problem, and changes nothing then."""
    _require_author(by)
    _require_local_draft(version)
    tool = version.tool
    name = name or f"{tool.key}.yaml"
    definition = definition_read(text, name=name)
    if definition["key"] != tool.key:
        message = _("must stay '%(key)s', the key of this tool") % {"key": tool.key}
        raise InvalidToolFile([file_problem(text, name=name, path=("key",), message=message)])
    problems = _variant_problems(tool=tool, definition=definition, text=text, name=name)
    if problems:
        raise InvalidToolFile(problems)
    version.name = definition["name"]
    version.name_is_descriptive = definition.get("name_is_descriptive", False)
    version.source = definition["source"]
    version.credits = definition["credits"]
    version.notes = definition.get("notes", "")
    version.content = definition["content"]
    version.full_clean()
    version.save()
    tool.name = version.name
    tool.full_clean()
    tool.save(update_fields=["name"])
    audit_record(user=by, action="tools.draft_save", obj=version, detail=f"{tool.key} v{version.number}")
    return version


@transaction.atomic
def tool_draft_create(*, tool: Tool, by: _By) -> ToolVersion:
    """Start the next version of a published local tool as a draft, a copy of the published one, which
    leaders keep seeing until the draft is published."""
    _require_author(by)
    if tool.origin != Origin.LOCAL:
        raise ValidationError(
            _("A built-in tool is never changed here: its file in grundlag/tools/builtin/ is its source."),
            code="builtin",
        )
    draft = tool.versions.filter(status=ToolStatus.DRAFT).first()
    if draft is not None:
        raise ValidationError(
            _("This tool already has a draft: version %(number)s.") % {"number": draft.number},
            code="has_draft",
        )
    published = _latest_published(tool)
    if published is None:
        raise ValidationError(_("This tool has no published version to start from."), code="unpublished")
    return tool_version_create(
        tool=tool, definition=tool_definition(version=published), status=ToolStatus.DRAFT, by=by
    )


@transaction.atomic
def tool_draft_publish(*, version: ToolVersion, by: _By) -> ToolVersion:
    """Publish a draft: leaders see it in the toolbox from now on, in place of the version before it. Its
    definition is checked again (a variant against its built-in tool as it is now)."""
    _require_author(by)
    _require_local_draft(version)
    tool = version.tool
    definition = tool_definition(version=version)
    name = f"{tool.key}.yaml"
    problems = validate_definition(definition, name=name) or _variant_problems(
        tool=tool, definition=definition, text="", name=name
    )
    if problems:
        raise ValidationError([str(problem) for problem in problems], code="invalid")
    version.status = ToolStatus.PUBLISHED
    version.published_at = timezone.now()
    version.full_clean()
    version.save(update_fields=["status", "published_at"])
    tool.name = version.name
    tool.full_clean()
    tool.save(update_fields=["name"])
    audit_record(user=by, action="tools.draft_publish", obj=version, detail=f"{tool.key} v{version.number}")
    return version


@transaction.atomic
def tool_draft_delete(*, version: ToolVersion, by: _By) -> bool:
    """Delete a draft; a local tool that had only this draft goes with it. Whether the tool went too."""
    _require_author(by)
    _require_local_draft(version)
    tool = version.tool
    audit_record(user=by, action="tools.draft_delete", obj=tool, detail=f"{tool.key} v{version.number}")
    version.delete()
    published = _latest_published(tool)
    if published is None and not tool.versions.exists():
        tool.delete()
        return True
    tool.name = published.name if published else tool.name
    tool.full_clean()
    tool.save(update_fields=["name"])
    return False
