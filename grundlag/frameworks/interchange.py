"""Reading, validating and writing the framework interchange format (docs/interchange-format.md)."""

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

FORMAT = "grundlag.framework/1"
SCHEMA_PATH = Path(__file__).with_name("framework.schema.json")
BUILTIN_DIR = Path(__file__).with_name("builtin")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located by file, line and field."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(document)'}: {self.message}"


class InvalidFrameworkFile(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def field_name(path: Path_) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


@lru_cache(maxsize=4)
def _line_map(text: str) -> dict[Path_, int]:
    """Map every field path of a YAML (or JSON) text to the 1-based line it starts on."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[Path_, int] = {}

    def walk(node: yaml.Node, path: Path_) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, key_node.value)
                walk(value_node, child)
                lines[child] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    if root is not None:
        walk(root, ())
    return lines


def _line_for(lines: dict[Path_, int], path: Path_) -> int | None:
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def parse_text(text: str, *, name: str) -> Any:
    """Parse YAML or JSON (by extension, else by content); syntax errors become Problems."""
    is_json = name.endswith(".json") or (not name.endswith((".yaml", ".yml")) and text.lstrip()[:1] in "[{")
    try:
        if is_json:
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as error:
        raise InvalidFrameworkFile(
            [Problem(name, error.lineno, "", f"not valid JSON: {error.msg}")]
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        raise InvalidFrameworkFile([Problem(name, line, "", f"not valid YAML: {reason}")]) from None


def file_problem(text: str, *, name: str, path: Path_, message: str, index: int | None = None) -> Problem:
    """A Problem with a field of a document in file `name` (index: its place in a list of documents)."""
    lines = _line_map(text) if text else {}
    if index is None:
        return Problem(name, _line_for(lines, path), field_name(path), message)
    return Problem(f"{name}[{index}]", _line_for(lines, (index, *path)), field_name(path), message)


def holds_list(text: str) -> bool:
    """True if the file's text holds a list of documents rather than one."""
    return bool(text) and (0,) in _line_map(text)


def validate_document(
    document: Any, *, name: str, text: str = "", document_index: int | None = None
) -> list[Problem]:
    """Schema and consistency checks of one document; an empty list means it is valid.

    `name` and `text` are the file the document came from, for line numbers; `document_index`
    is the document's place in it if the file holds a list of documents.
    """
    problems: list[Problem] = []

    def problem(path: Path_, message: str) -> None:
        problems.append(file_problem(text, name=name, index=document_index, path=path, message=message))

    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # Point at each unknown field itself, not at the object that holds it.
            for extra in sorted(map(str, set(error.instance) - set(error.schema.get("properties", {})))):
                problem((*path, extra), "unknown field")
            continue
        problem(path, _schema_message(error))
    if problems:
        return problems
    for path, value in _strings(document):
        if "\x00" in value:
            problem(path, "must not contain NUL characters")
    if problems:
        return problems

    version = document["version"]
    group_keys = _unique_keys(version.get("level_groups", []), ("version", "level_groups"), problem)
    level_keys = _unique_keys(version.get("levels", []), ("version", "levels"), problem)
    _unique_keys(version["sections"], ("version", "sections"), problem)
    for index, level in enumerate(version.get("levels", [])):
        if "group" in level and level["group"] not in group_keys:
            problem(("version", "levels", index, "group"), f"unknown level group '{level['group']}'")
    for s_index, section in enumerate(version["sections"]):
        for e_index, expectation in enumerate(section.get("expectations", [])):
            if "level" in expectation and expectation["level"] not in level_keys:
                problem(
                    ("version", "sections", s_index, "expectations", e_index, "level"),
                    f"unknown level '{expectation['level']}'",
                )
    parent = version.get("parent")
    if parent and parent["framework"] == document["slug"]:
        problem(("version", "parent", "framework"), "a version cannot extend its own framework")
    return problems


def _strings(value: Any, path: Path_ = ()):
    """Every string in a document, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "pattern" and error.validator_value.startswith("^[a-z0-9]"):
        return f"{error.instance!r} must be lower-case letters, digits and hyphens"
    if error.validator == "pattern":
        return "must not be empty"
    return error.message


def _unique_keys(items: list[dict], path: Path_, problem) -> set[str]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item["key"] in seen:
            problem((*path, index, "key"), f"duplicate key '{item['key']}'")
        seen.add(item["key"])
    return seen


def read_documents(text: str, *, name: str) -> list[dict[str, Any]]:
    """Parse and validate a file holding one document or a JSON list of documents."""
    data = parse_text(text, name=name)
    documents = data if isinstance(data, list) else [data]
    problems: list[Problem] = []
    in_list = isinstance(data, list)
    for index, document in enumerate(documents):
        problems += validate_document(
            document,
            name=name,
            text=text,
            document_index=index if in_list else None,
        )
    if problems:
        raise InvalidFrameworkFile(problems)
    return documents


def read_text(path: Path | str) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidFrameworkFile([Problem(str(path), None, "", "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidFrameworkFile([Problem(str(path), None, "", "not UTF-8 text")]) from None


def read_file(path: Path | str) -> list[dict[str, Any]]:
    return read_documents(read_text(path), name=str(path))


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML reads NEL and the Unicode line and paragraph separators as line breaks, which
    # other styles fold into spaces; only the double-quoted style keeps them (escaped).
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(documents: Any, *, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(documents, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(documents, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml"))
