"""Reading a definition an administrator uploads or types, safely, and the checks that only local tools need.

The text is someone's upload, so it is bounded before it is parsed: at most MAX_BYTES, no YAML aliases (an
alias repeats what an anchor holds, and a few lines of nested aliases expand to billions of items), no
nesting deeper than any definition needs and no text longer than MAX_TEXT characters. Only then is it read
with `yaml.safe_load` and validated by `definitions.validate_definition`, so that every refusal is a
Problem naming the line and the field, never an error page.

A local variant is filled in with its built-in tool's workflow, which reads the built-in tool's keys (its
steps, fields, questions, …): a variant may change every text, but keeps every key.
"""

from collections.abc import Iterator
from typing import Any

import yaml
from django.utils.translation import gettext as _

from grundlag.frameworks.interchange import InvalidFrameworkFile, Path_, Problem, file_problem, parse_text

from ..definitions import FORMAT, InvalidToolFile, validate_definition
from ..documents.workflows.base import DocumentForm
from ..models import ToolVersion

MAX_BYTES = 200 * 1024
MAX_DEPTH = 12  # a definition nests at most six levels (content.steps[0].questions[0].key)
MAX_TEXT = 20_000  # characters in one text; the longest text of the built-in tools has about 1,000

# The lists of a definition's content whose items carry a key, and the keyed lists inside their items.
_KEYED = {
    "axes": ("poles",),
    "quadrants": (),
    "fields": ("questions",),
    "steps": ("questions",),
    "questions": (),
    "roles": (),
    "areas": (),
    "data_types": (),
}

# The lists whose items' keys a workflow makes the names of fields (a question's key names its text field).
_FIELD_KEYED = {"fields": ("questions",), "steps": ("questions",), "questions": ()}


def _bounds_problems(text: str, *, name: str) -> list[Problem]:
    """The text's size, aliases and depth, read from YAML's event stream (which expands nothing)."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return [
            Problem(
                name,
                None,
                "",
                _("the text is %(size)s KB; a definition may be at most %(limit)s KB")
                % {"size": -(-size // 1024), "limit": MAX_BYTES // 1024},
            )
        ]
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent):
                message = _("YAML aliases (*%(alias)s) are not accepted: write the text out where it belongs")
                return [Problem(name, line, "", message % {"alias": event.anchor})]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return [Problem(name, line, "", _("nested deeper than a tool definition ever is"))]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # parse_text names the syntax error with its line
    return []


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _text_refusal(value: str) -> str:
    """Why one text of a definition is refused before the schema sees it, or ""."""
    if len(value) > MAX_TEXT:
        return _("longer than %(limit)s characters") % {"limit": MAX_TEXT}
    if "\x00" in value:  # a NUL (written "\0" in YAML) cannot be stored in every database
        return _("contains a NUL character")
    return ""


def _parse(text: str, *, name: str) -> Any:
    try:
        return parse_text(text, name=name)
    except InvalidFrameworkFile as error:
        raise InvalidToolFile(error.problems) from None
    except RecursionError:
        raise InvalidToolFile(
            [Problem(name, None, "", _("nested deeper than a tool definition ever is"))]
        ) from None


def definition_read(text: str, *, name: str) -> dict[str, Any]:
    """A definition read from an administrator's text, bounded and validated; raises InvalidToolFile whose
    problems name the line and the field of everything wrong."""
    problems = _bounds_problems(text, name=name)
    if problems:
        raise InvalidToolFile(problems)
    definition = _parse(text, name=name)
    if not isinstance(definition, dict):
        message = _(
            "a tool definition is a mapping of fields (format, key, name, …), not a list or a single value"
        )
        raise InvalidToolFile([Problem(name, 1 if text.strip() else None, "", message)])
    if definition.get("format") != FORMAT:
        message = _("must be '%(format)s', the format of docs/tools.md") % {"format": FORMAT}
        raise InvalidToolFile([file_problem(text, name=name, path=("format",), message=message)])
    problems = [
        file_problem(text, name=name, path=path, message=message)
        for path, value in _strings(definition)
        for message in [_text_refusal(value)]
        if message
    ]
    problems = problems or validate_definition(definition, name=name, text=text)
    if problems:
        raise InvalidToolFile(problems)
    return definition


def _keys(content: dict[str, Any]) -> Iterator[tuple[Path_, str, str]]:
    """Every key of a content: where it is (a path to show), the item it belongs to ("" for a list's own
    items) and the key."""
    for part, inner_parts in _KEYED.items():
        for item in content.get(part, []):
            yield ("content", part), "", item["key"]
            for inner in inner_parts:
                for inner_item in item.get(inner, []):
                    yield ("content", part), f"{item['key']}.{inner}", inner_item["key"]
    for column in content.get("table", {}).get("columns", []):
        yield ("content", "table", "columns"), "", column["key"]


def variant_problems(
    content: dict[str, Any], *, builtin_content: dict[str, Any], text: str, name: str
) -> list[Problem]:
    """The built-in tool's keys that a variant's content has lost (the workflow reads them)."""
    kept = {(path, owner, key) for path, owner, key in _keys(content)}
    problems = []
    for path, owner, key in _keys(builtin_content):
        if (path, owner, key) in kept:
            continue
        where = f"{path[-1]}" if not owner else f"{path[-1]}.{owner}"
        message = _(
            "the key '%(key)s' of the built-in tool (in %(where)s) is missing: a variant keeps every key "
            "of its built-in tool, because its workflow reads them; the texts may change"
        ) % {"key": key, "where": where}
        problems.append(file_problem(text, name=name, path=path, message=message))
    return problems


def _field_keys(content: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    for part, inner_parts in _FIELD_KEYED.items():
        for item in content.get(part, []):
            yield ("content", part), item["key"]
            for inner in inner_parts:
                for inner_item in item.get(inner, []):
                    yield ("content", part), inner_item["key"]
    for column in content.get("table", {}).get("columns", []):
        yield ("content", "table", "columns"), column["key"]


def workflow_names(workflow: type[DocumentForm]) -> set[str]:
    """The names a workflow gives its own fields, parts and rows' fields, and the keys it keeps in a document
    besides them, whatever a tool's content says."""
    form = workflow(version=ToolVersion(content={}))
    names = set(form.fields) | set(workflow.kept_keys)
    for part_name, (part, formset) in form.formsets.items():
        names |= {part_name, *formset.form(version=form.version, **part.kwargs).fields}
    return names


def workflow_problems(
    content: dict[str, Any], *, workflow: type[DocumentForm], text: str, name: str
) -> list[Problem]:
    """The keys of a content that would take the place of a field of the workflow's own (a field, a question,
    a step or a column whose key is e.g. "revision" or a relation's "picked")."""
    reserved = workflow_names(workflow)
    return [
        file_problem(
            text,
            name=name,
            path=path,
            message=_(
                "the key '%(key)s' is a name the workflow of this tool uses for a field of its own: choose "
                "another key"
            )
            % {"key": key},
        )
        for path, key in _field_keys(content)
        if key in reserved
    ]
