"""Reading and validating the tool definition format (docs/tools.md, tool.schema.json)."""

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from grundlag.frameworks.interchange import InvalidFrameworkFile, Path_, Problem, file_problem, parse_text

from .models import ToolVersion

FORMAT = "grundlag.tool/1"
SCHEMA_PATH = Path(__file__).with_name("tool.schema.json")
BUILTIN_DIR = Path(__file__).with_name("builtin")

# The lists of a definition's content whose items carry a key that must be unique in the list.
_KEYED_LISTS = ("axes", "quadrants", "fields", "steps", "questions", "roles", "areas", "data_types")


class InvalidToolFile(Exception):
    """A definition that cannot be loaded; each problem names the file, the field and what is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml"))


def validate_definition(definition: Any, *, name: str, text: str = "") -> list[Problem]:
    """The schema's and the consistency checks' problems with one definition; none means it is valid."""
    problems: list[Problem] = []

    def problem(path: Path_, message: str) -> None:
        problems.append(file_problem(text, name=name, path=path, message=message))

    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for error in sorted(validator.iter_errors(definition), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            for extra in sorted(map(str, set(error.instance) - set(error.schema.get("properties", {})))):
                problem((*path, extra), "unknown field")
            continue
        problem(path, _schema_message(error))
    if not problems:
        _check_consistency(definition["content"], problem)
    return problems


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


def _check_consistency(content: dict[str, Any], problem: Any) -> None:
    """Keys unique in their list; each quadrant lies between one pole of each axis."""
    for part in _KEYED_LISTS:
        seen: set[str] = set()
        for index, item in enumerate(content.get(part, [])):
            if item["key"] in seen:
                problem(("content", part, index, "key"), f"duplicate key '{item['key']}'")
            seen.add(item["key"])
    axis_of = {pole["key"]: axis["key"] for axis in content.get("axes", []) for pole in axis["poles"]}
    for index, quadrant in enumerate(content.get("quadrants", [])):
        path = ("content", "quadrants", index, "poles")
        unknown = [pole for pole in quadrant["poles"] if pole not in axis_of]
        if unknown:
            problem(path, f"unknown pole '{unknown[0]}' (the poles are the axes' poles)")
        elif len({axis_of[pole] for pole in quadrant["poles"]}) != 2:
            problem(path, "a quadrant lies between one pole of each of two axes")


def read_definition(text: str, *, name: str) -> dict[str, Any]:
    """Parse and validate one definition (YAML or JSON); raises InvalidToolFile naming every problem."""
    try:
        definition = parse_text(text, name=name)
    except InvalidFrameworkFile as error:
        raise InvalidToolFile(error.problems) from None
    problems = validate_definition(definition, name=name, text=text)
    if problems:
        raise InvalidToolFile(problems)
    return definition


def read_file(path: Path | str) -> dict[str, Any]:
    """A definition read from a file; a built-in file's key must be its file name."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidToolFile([Problem(str(path), None, "", "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidToolFile([Problem(str(path), None, "", "not UTF-8 text")]) from None
    definition = read_definition(text, name=str(path))
    if path.parent == BUILTIN_DIR and definition["key"] != path.stem:
        raise InvalidToolFile(
            [
                file_problem(
                    text, name=str(path), path=("key",), message=f"must be the file's name '{path.stem}'"
                )
            ]
        )
    return definition


def tool_definition(*, version: ToolVersion) -> dict[str, Any]:
    """A version written out in the definition format of docs/tools.md (what a file holds)."""
    return {
        "format": FORMAT,
        "key": version.tool.key,
        "name": version.name,
        "name_is_descriptive": version.name_is_descriptive,
        "source": version.source,
        "credits": version.credits,
        "notes": version.notes,
        "content": version.content,
    }
