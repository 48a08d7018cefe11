"""The management commands: validate, import, export and diff framework files."""

import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from grundlag.frameworks.interchange import dump
from grundlag.frameworks.models import Framework, FrameworkVersion
from grundlag.frameworks.services import (
    draft_create,
    expectation_save,
    item_delete,
    version_to_document,
)
from grundlag.frameworks.tests.documents import database_counts, imported, line_of, small_document

pytestmark = pytest.mark.django_db


def run(command, *args, **options):
    """Run a command; return (stdout, stderr)."""
    stdout, stderr = StringIO(), StringIO()
    call_command(command, *args, stdout=stdout, stderr=stderr, **options)
    return stdout.getvalue(), stderr.getvalue()


def run_failing(command, *args, **options):
    """Run a command that must fail; return (the CommandError, stderr)."""
    stderr = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(command, *args, stdout=StringIO(), stderr=stderr, **options)
    return raised.value, stderr.getvalue()


def write(tmp_path, name, document, fmt=None):
    path = tmp_path / name
    path.write_text(dump(document, fmt=fmt or name.rsplit(".", 1)[1]), encoding="utf-8")
    return path


def invalid_document():
    document = small_document()
    document["version"]["sections"][0]["expectations"][2]["level"] = "mellemleder"
    return document


# --- framework_validate -----------------------------------------------------------------------------


def test_it_says_a_valid_file_is_valid_and_imports_nothing(tmp_path):
    path = write(tmp_path, "lille.yaml", small_document())

    stdout, _stderr = run("framework_validate", str(path))

    assert stdout.strip() == f"{path}: lille v1 is valid."
    assert not Framework.objects.exists()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_names_file_line_and_field_when_validation_fails(fmt, tmp_path):
    path = write(tmp_path, f"lille.{fmt}", invalid_document())
    line = line_of(path.read_text(encoding="utf-8"), "mellemleder")

    error, stderr = run_failing("framework_validate", str(path))

    assert f"{path}: 1 problem(s); nothing imported." == str(error)
    assert stderr.strip() == (
        f"{path}:{line}: version.sections[0].expectations[2].level: unknown level 'mellemleder'"
    )


def test_it_names_a_syntax_error_with_its_line(tmp_path):
    path = tmp_path / "lille.json"
    path.write_text('{\n  "format": "grundlag.framework/1",\n  "slug": "lille"\n  "name": "x"\n}\n')

    _error, stderr = run_failing("framework_validate", str(path))

    assert stderr.startswith(f"{path}:4: (document): not valid JSON")


def test_it_validates_every_document_of_a_json_list(tmp_path):
    path = write(tmp_path, "alle.json", [small_document(slug="en"), small_document(slug="to")])

    stdout, _stderr = run("framework_validate", str(path))

    assert stdout.splitlines() == [f"{path}: en v1 is valid.", f"{path}: to v1 is valid."]


# --- framework_import -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_imports_a_file_and_reports_unchanged_the_second_time(fmt, tmp_path):
    path = write(tmp_path, f"lille.{fmt}", small_document())

    first, _stderr = run("framework_import", str(path))
    counts = database_counts()
    second, _stderr = run("framework_import", str(path))

    assert first.strip() == "lille v1: created"
    assert second.strip() == "lille v1: unchanged"
    assert database_counts() == counts
    assert version_to_document(version=FrameworkVersion.objects.get()) == small_document()


def test_it_imports_nothing_from_an_invalid_file_and_names_file_line_and_field(tmp_path):
    imported(small_document(slug="findes"))
    path = write(tmp_path, "lille.yaml", invalid_document())
    line = line_of(path.read_text(encoding="utf-8"), "level: mellemleder")
    counts = database_counts()

    error, stderr = run_failing("framework_import", str(path))

    assert "nothing imported" in str(error)
    assert f"{path}:{line}: version.sections[0].expectations[2].level: unknown level" in stderr
    assert database_counts() == counts


def test_it_names_the_line_of_an_unknown_parent_and_imports_nothing(tmp_path):
    document = small_document()
    document["version"]["parent"] = {"framework": "findes-ikke", "version": 2}
    path = write(tmp_path, "lille.yaml", document)
    line = line_of(path.read_text(encoding="utf-8"), "parent:")

    _error, stderr = run_failing("framework_import", str(path))

    assert stderr.strip() == f"{path}:{line}: version.parent: unknown parent version findes-ikke v2"
    assert not Framework.objects.exists()


def test_it_refuses_to_change_a_published_version(tmp_path):
    imported(small_document())
    changed = small_document()
    changed["version"]["sections"][1]["title"] = "Strategi"
    path = write(tmp_path, "lille.yaml", changed)
    line = line_of(path.read_text(encoding="utf-8"), "number: 1")

    _error, stderr = run_failing("framework_import", str(path))

    assert stderr.startswith(f"{path}:{line}: version.number: lille v1 is published and differs")
    assert FrameworkVersion.objects.get().sections.filter(title="Strategisk ledelse").exists()


def test_it_names_a_missing_file(tmp_path):
    _error, stderr = run_failing("framework_import", str(tmp_path / "ingen.yaml"))

    assert stderr.strip() == f"{tmp_path / 'ingen.yaml'}: (document): file not found"


# --- framework_export -------------------------------------------------------------------------------


def test_it_exports_the_latest_version_as_yaml_by_default():
    imported(small_document(number=1), small_document(number=2, name="Lille, anden udgave"))

    stdout, _stderr = run("framework_export", "lille")

    assert yaml.safe_load(stdout) == small_document(number=2, name="Lille, anden udgave")


def test_it_exports_a_chosen_version_as_json():
    imported(small_document(number=1), small_document(number=2))

    stdout, _stderr = run("framework_export", "lille", "--version", "1", "--format", "json")

    assert json.loads(stdout) == version_to_document(version=FrameworkVersion.objects.get(number=1))
    assert json.loads(stdout)["version"]["number"] == 1


def test_it_exports_every_version_as_one_json_list_parents_before_children():
    parent = small_document(slug="moder")
    child = small_document(slug="datter")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    imported(parent, child)
    newer_parent = imported(small_document(slug="moder", number=2))[0]
    newer_child = small_document(slug="datter", number=2)
    newer_child["version"]["parent"] = {"framework": "moder", "version": newer_parent.number}
    imported(newer_child)

    stdout, _stderr = run("framework_export", "--all")

    documents = json.loads(stdout)
    keys = [(d["slug"], d["version"]["number"]) for d in documents]
    assert sorted(keys) == [("datter", 1), ("datter", 2), ("moder", 1), ("moder", 2)]
    for position, document in enumerate(documents):
        parent_ref = document["version"].get("parent")
        if parent_ref:
            assert keys.index((parent_ref["framework"], parent_ref["version"])) < position


def test_it_exports_all_in_a_form_that_imports_again_unchanged(tmp_path):
    child = small_document(slug="datter")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    imported(small_document(slug="moder"), child)
    path = tmp_path / "alle.json"
    path.write_text(run("framework_export", "--all")[0], encoding="utf-8")

    stdout, _stderr = run("framework_import", str(path))

    assert stdout.splitlines() == ["moder v1: unchanged", "datter v1: unchanged"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["ingen"], "No framework 'ingen'."),
        (["lille", "--version", "7"], "No framework 'lille' with version 7."),
        ([], "Name a framework (its slug) or use --all."),
    ],
)
def test_it_refuses_to_export_what_does_not_exist(args, message):
    imported(small_document())

    error, _stderr = run_failing("framework_export", *args)

    assert str(error) == message


# --- framework_diff ---------------------------------------------------------------------------------


def test_it_lists_what_changed_between_two_versions(administrator):
    [version] = imported(small_document())
    draft = draft_create(framework=version.framework, by=administrator)
    changed = draft.expectations.get(text="Vi tager ansvar for helheden.")
    expectation_save(version=draft, by=administrator, expectation=changed, text="Vi tager ansvar for alt.")
    item_delete(version=draft, by=administrator, item=draft.expectations.get(text="Skaber trivsel i teamet."))
    expectation_save(
        version=draft,
        by=administrator,
        section=draft.sections.get(key="strategi"),
        kind="you_can_expect",
        text="Vi måler på effekten.",
    )

    stdout, _stderr = run("framework_diff", "lille", "1", "2")

    assert stdout.splitlines() == [
        "~ [Fælles principper]",
        "    - Vi tager ansvar for helheden.",
        "    + Vi tager ansvar for alt.",
        "- [Fælles principper · Leder] Skaber trivsel i teamet.",
        "+ [Strategisk ledelse] Vi måler på effekten.",
        "lille v1 → v2: 1 added, 1 removed, 1 changed",
    ]


def test_it_says_so_when_two_versions_are_the_same(administrator):
    [version] = imported(small_document())
    draft_create(framework=version.framework, by=administrator)

    stdout, _stderr = run("framework_diff", "lille", "1", "2")

    assert stdout.strip() == "lille v1 → v2: 0 added, 0 removed, 0 changed"


def test_it_refuses_to_diff_a_version_that_does_not_exist():
    imported(small_document())

    error, _stderr = run_failing("framework_diff", "lille", "1", "3")

    assert str(error) == "lille has no version 3."
