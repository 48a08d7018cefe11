"""The interchange format: what imports, what is refused (located, all or nothing), and round trips."""

import json

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grundlag.frameworks.interchange import (
    InvalidFrameworkFile,
    dump,
    read_documents,
    schema,
)
from grundlag.frameworks.models import (
    Expectation,
    ExpectationKind,
    Framework,
    FrameworkVersion,
    SectionKind,
    TextKind,
)
from grundlag.frameworks.services import frameworks_import, frameworks_import_file, version_to_document
from grundlag.frameworks.tests.documents import database_counts, line_of, small_document

pytestmark = pytest.mark.django_db


def import_text(text, *, name):
    """Read and import a file's text the way the upload and the import command do."""
    return frameworks_import(documents=read_documents(text, name=name), name=name, text=text)


def needle(fmt, key, value):
    return f"{key}: {value}" if fmt == "yaml" else f'"{key}": "{value}"'


@pytest.fixture
def existing():
    """Something already in the database, so that 'imports nothing' is not trivially true."""
    version, _outcome = frameworks_import(documents=[small_document(slug="findes")], name="findes.yaml")[0]
    return version


# --- A valid file ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_imports_a_valid_file(fmt, tmp_path):
    path = tmp_path / f"lille.{fmt}"
    path.write_text(dump(small_document(), fmt=fmt), encoding="utf-8")

    [(version, outcome)] = frameworks_import_file(path=path)

    assert outcome == "created"
    assert version.framework.slug == "lille"
    assert version.is_published
    assert version.published_at is not None
    assert [level.key for level in version.levels.all()] == ["direktoer", "leder"]
    assert version.levels.get(key="direktoer").group.key == "chefer"
    assert [section.key for section in version.sections.all()] == ["principper", "strategi"]
    assert version.expectations.count() == 4
    assert version.expectations.get(source_ref="side 2").section.key == "strategi"
    assert version_to_document(version=version) == small_document()
    assert version.changes.get().action == "imported"


def test_it_imports_a_json_list_parents_before_children_whatever_their_order_in_the_file():
    parent = small_document(slug="foraelder")
    child = small_document(slug="barn")
    child["version"]["parent"] = {"framework": "foraelder", "version": 1}

    results = import_text(dump([child, parent], fmt="json"), name="begge.json")

    assert [(v.framework.slug, outcome) for v, outcome in results] == [
        ("foraelder", "created"),
        ("barn", "created"),
    ]
    assert FrameworkVersion.objects.get(framework__slug="barn").parent.framework.slug == "foraelder"


# --- Invalid files: located, and nothing imported ------------------------------------------------


def test_it_locates_a_yaml_syntax_error_and_imports_nothing(existing):
    text = dump(small_document(), fmt="yaml").replace(
        "title: Strategisk ledelse", "title: Strategisk: ledelse"
    )
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="lille.yaml")

    [problem] = raised.value.problems
    line = line_of(text, "title: Strategisk: ledelse")
    assert (problem.file, problem.line, problem.field) == ("lille.yaml", line, "")
    assert (
        str(problem) == f"lille.yaml:{line}: (document): not valid YAML: mapping values are not allowed here"
    )
    assert database_counts() == before


def test_it_locates_an_unclosed_yaml_bracket_where_the_parser_finds_it(existing):
    text = dump(small_document(), fmt="yaml").replace("title: Strategisk ledelse", "title: [Strategisk")

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="lille.yaml")

    # YAML may continue a bracket on the next line, so the parser can only tell there.
    assert raised.value.problems[0].line == line_of(text, "title: [Strategisk") + 1


def test_it_gives_the_exact_line_of_a_yaml_error_inside_a_block(existing):
    text = dump(small_document(), fmt="yaml").replace(
        "  status: published", "  status: published\n bad: indent"
    )
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="lille.yaml")

    [problem] = raised.value.problems
    assert problem.line == line_of(text, " bad: indent")
    assert database_counts() == before


def test_it_locates_a_json_syntax_error_and_imports_nothing(existing):
    text = dump(small_document(), fmt="json").replace(
        '"title": "Strategisk ledelse",', '"title": "Strategisk ledelse"'
    )
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="lille.json")

    [problem] = raised.value.problems
    assert problem.file == "lille.json"
    # JSON reports the missing comma where the next member starts.
    assert problem.line == line_of(text, '"title": "Strategisk ledelse"') + 1
    assert problem.message.startswith("not valid JSON")
    assert database_counts() == before


def _unknown_field(document):
    document["version"]["sections"][1]["colour"] = "rød"


def _missing_title(document):
    del document["version"]["sections"][1]["title"]


def _bad_key(document):
    document["version"]["sections"][1]["key"] = "Strategisk Ledelse"


def _wrong_section_kind(document):
    document["version"]["sections"][1]["kind"] = "chapter"


def _wrong_expectation_kind(document):
    document["version"]["sections"][1]["expectations"][0]["kind"] = "wish"


def _wrong_text_kind(document):
    document["version"]["sections"][0]["texts"][0]["kind"] = "preface"


def _duplicate_section_key(document):
    document["version"]["sections"][1]["key"] = "principper"


def _duplicate_level_key(document):
    document["version"]["levels"][1]["key"] = "direktoer"
    document["version"]["sections"][0]["expectations"][2]["level"] = "direktoer"


def _unknown_level(document):
    document["version"]["sections"][0]["expectations"][2]["level"] = "mellemleder"


def _unknown_group(document):
    document["version"]["levels"][1]["group"] = "ukendt"


# (how to break the document, the field named, words of the message, the line's needle (key, value, nth))
INVALID = {
    "unknown field": (_unknown_field, "version.sections[1].colour", "unknown field", ("colour", "rød", 1)),
    "missing required field": (
        _missing_title,
        "version.sections[1]",
        "'title' is required",
        ("key", "strategi", 1),
    ),
    "bad key pattern": (
        _bad_key,
        "version.sections[1].key",
        "lower-case letters, digits and hyphens",
        ("key", "Strategisk Ledelse", 1),
    ),
    "wrong section kind": (
        _wrong_section_kind,
        "version.sections[1].kind",
        "'chapter' is not one of",
        ("kind", "chapter", 1),
    ),
    "wrong expectation kind": (
        _wrong_expectation_kind,
        "version.sections[1].expectations[0].kind",
        "'wish' is not one of",
        ("kind", "wish", 1),
    ),
    "wrong text kind": (
        _wrong_text_kind,
        "version.sections[0].texts[0].kind",
        "'preface' is not one of",
        ("kind", "preface", 1),
    ),
    "duplicate section key": (
        _duplicate_section_key,
        "version.sections[1].key",
        "duplicate key 'principper'",
        ("key", "principper", 2),
    ),
    "duplicate level key": (
        _duplicate_level_key,
        "version.levels[1].key",
        "duplicate key 'direktoer'",
        ("key", "direktoer", 2),
    ),
    "expectation with an unknown level": (
        _unknown_level,
        "version.sections[0].expectations[2].level",
        "unknown level 'mellemleder'",
        ("level", "mellemleder", 1),
    ),
    "level with an unknown group": (
        _unknown_group,
        "version.levels[1].group",
        "unknown level group 'ukendt'",
        ("group", "ukendt", 1),
    ),
}


def expected_line(text, fmt, key, value, occurrence, field):
    line = line_of(text, needle(fmt, key, value), occurrence)
    if field == "version.sections[1]" and fmt == "json":
        return line - 1  # a missing field is reported where its object starts: the "{" line
    return line


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("case", INVALID.keys())
def test_it_names_file_line_and_field_of_an_invalid_file_and_imports_nothing(case, fmt, existing):
    breaks, field, message, (key, value, occurrence) = INVALID[case]
    document = small_document()
    breaks(document)
    text = dump(document, fmt=fmt)
    name = f"lille.{fmt}"
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name=name)

    line = expected_line(text, fmt, key, value, occurrence, field)
    located = [p for p in raised.value.problems if p.field == field]
    assert located, raised.value.problems
    [problem] = located
    assert (problem.file, problem.line) == (name, line)
    assert message in problem.message
    assert str(problem) == f"{name}:{line}: {field}: {problem.message}"
    assert database_counts() == before


def test_it_reports_every_problem_of_a_file_at_once():
    document = small_document()
    _unknown_level(document)
    _unknown_group(document)

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(dump(document, fmt="yaml"), name="lille.yaml")

    assert {p.field for p in raised.value.problems} == {
        "version.sections[0].expectations[2].level",
        "version.levels[1].group",
    }


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_locates_an_unknown_parent_version_and_imports_nothing(fmt, existing):
    document = small_document()
    document["version"]["parent"] = {"framework": "findes-ikke", "version": 1}
    text = dump(document, fmt=fmt)
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name=f"lille.{fmt}")

    [problem] = raised.value.problems
    assert problem.field == "version.parent"
    assert problem.line == line_of(text, "parent")
    assert "unknown parent version findes-ikke v1" in problem.message
    assert database_counts() == before


def test_it_locates_the_invalid_second_document_of_a_json_list_and_imports_neither(existing):
    first, second = small_document(slug="en"), small_document(slug="to")
    _unknown_level(second)
    text = dump([first, second], fmt="json")
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="begge.json")

    [problem] = raised.value.problems
    assert problem.file == "begge.json[1]"
    assert problem.field == "version.sections[0].expectations[2].level"
    assert problem.line == line_of(text, '"level": "mellemleder"')
    assert database_counts() == before


def test_it_rolls_back_the_first_document_of_a_list_when_the_second_fails_on_import(existing):
    first, second = small_document(slug="en"), small_document(slug="to")
    second["version"]["parent"] = {"framework": "findes-ikke", "version": 3}
    text = dump([first, second], fmt="json")
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="begge.json")

    [problem] = raised.value.problems
    assert problem.file == "begge.json[1]"
    assert problem.field == "version.parent"
    assert problem.line == line_of(text, '"parent"')
    assert database_counts() == before
    assert not Framework.objects.filter(slug="en").exists()


def test_it_refuses_text_with_nul_characters_which_a_database_cannot_store(existing):
    document = small_document()
    document["version"]["sections"][1]["title"] = "Strategisk\x00ledelse"
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(dump(document, fmt="json"), name="lille.json")

    [problem] = raised.value.problems
    assert problem.field == "version.sections[1].title"
    assert database_counts() == before


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(InvalidFrameworkFile) as raised:
        frameworks_import_file(path=tmp_path / "ingen.yaml")

    assert raised.value.problems[0].message == "file not found"


# --- Importing again ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_reports_reimporting_the_same_file_as_unchanged_and_changes_nothing(fmt):
    text = dump(small_document(), fmt=fmt)
    [(first, _created)] = import_text(text, name=f"lille.{fmt}")
    before = database_counts()

    [(again, outcome)] = import_text(text, name=f"lille.{fmt}")

    assert outcome == "unchanged"
    assert again.pk == first.pk
    assert database_counts() == before


def test_it_refuses_a_file_that_changes_a_published_version_with_a_clear_message():
    import_text(dump(small_document(), fmt="yaml"), name="lille.yaml")
    changed = small_document()
    changed["version"]["sections"][0]["expectations"][0]["text"] = "Vi tager ansvar for alt."
    text = dump(changed, fmt="yaml")
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="lille.yaml")

    [problem] = raised.value.problems
    assert problem.field == "version.number"
    assert problem.line == line_of(text, "number: 1")
    assert "lille v1 is published" in problem.message
    assert "never changes" in problem.message
    assert "new version number" in problem.message
    assert database_counts() == before
    assert Expectation.objects.filter(text="Vi tager ansvar for helheden.").exists()


def test_it_replaces_a_draft_with_a_changed_file():
    import_text(dump(small_document(status="draft"), fmt="yaml"), name="lille.yaml")
    changed = small_document(status="draft")
    changed["version"]["sections"][0]["expectations"][0]["text"] = "Vi tager ansvar for alt."

    [(version, outcome)] = import_text(dump(changed, fmt="yaml"), name="lille.yaml")

    assert outcome == "replaced"
    assert version_to_document(version=version) == changed
    assert FrameworkVersion.objects.count() == 1


def test_it_refuses_to_replace_a_draft_that_another_version_extends():
    parent = small_document(slug="moder", status="draft")
    child = small_document(slug="datter")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    import_text(dump([parent, child], fmt="json"), name="begge.json")
    changed = small_document(slug="moder", status="draft")
    changed["version"]["sections"][1]["title"] = "Strategi"
    text = dump(changed, fmt="yaml")
    before = database_counts()

    with pytest.raises(InvalidFrameworkFile) as raised:
        import_text(text, name="moder.yaml")

    [problem] = raised.value.problems
    assert (problem.field, problem.line) == ("version.number", line_of(text, "number: 1"))
    assert "datter v1" in problem.message
    assert database_counts() == before


def test_it_accepts_a_file_with_empty_optional_fields_as_the_same_version():
    import_text(dump(small_document(), fmt="yaml"), name="lille.yaml")
    padded = small_document()
    padded["description"] = ""
    padded["version"]["label"] = ""
    padded["version"]["sections"][1]["texts"] = []

    [(_version, outcome)] = import_text(dump(padded, fmt="json"), name="lille.json")

    assert outcome == "unchanged"


# --- Round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_round_trips_every_builtin_framework_through_export_and_import(fmt, builtin_frameworks):
    exported = {slug: version_to_document(version=version) for slug, version in builtin_frameworks.items()}
    files = {slug: dump(document, fmt=fmt) for slug, document in exported.items()}
    # Parents first: a version can only be imported once the one it extends exists.
    order = sorted(exported, key=lambda slug: "parent" in exported[slug]["version"])
    FrameworkVersion.objects.filter(parent__isnull=False).delete()
    Framework.objects.all().delete()

    for slug in order:
        [(version, outcome)] = import_text(files[slug], name=f"{slug}.{fmt}")
        assert outcome == "created"
        assert version_to_document(version=version) == exported[slug]


# Random but valid content: any Unicode text except surrogates and NUL, with something visible in it.
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip())
_key = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z")


@st.composite
def documents(draw):
    group_keys = draw(st.lists(_key, max_size=2, unique=True))
    level_keys = draw(st.lists(_key, max_size=3, unique=True))
    section_keys = draw(st.lists(_key, min_size=1, max_size=3, unique=True))

    def optional(document, key, strategy):
        value = draw(st.none() | strategy)
        if value is not None:
            document[key] = value

    levels = []
    for key in level_keys:
        level = {"key": key, "name": draw(_text)}
        optional(level, "group", st.sampled_from(group_keys) if group_keys else st.nothing())
        optional(level, "description", _text)
        levels.append(level)
    sections = []
    for key in section_keys:
        section = {"key": key, "kind": draw(st.sampled_from(SectionKind.values)), "title": draw(_text)}
        texts = draw(
            st.lists(
                st.fixed_dictionaries({"kind": st.sampled_from(TextKind.values), "text": _text}), max_size=2
            )
        )
        if texts:
            section["texts"] = texts
        expectations = []
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            expectation = {"kind": draw(st.sampled_from(ExpectationKind.values))}
            optional(expectation, "level", st.sampled_from(level_keys) if level_keys else st.nothing())
            expectation["text"] = draw(_text)
            optional(expectation, "source_ref", _text)
            expectations.append(expectation)
        if expectations:
            section["expectations"] = expectations
        sections.append(section)

    version = {"number": draw(st.integers(min_value=1, max_value=99))}
    optional(version, "label", _text)
    version["status"] = draw(st.sampled_from(FrameworkVersion.Status.values))
    source = {"title": draw(_text)}
    optional(source, "code", _text.filter(lambda text: len(text) <= 5))
    optional(source, "publisher", _text)
    optional(source, "url", st.sampled_from(["https://example.dk/grundlag.pdf", "https://eksempel.dk/"]))
    optional(version, "source", st.just(source))
    optional(version, "notes", _text)
    if group_keys:
        version["level_groups"] = [{"key": key, "name": draw(_text)} for key in group_keys]
    if levels:
        version["levels"] = levels
    version["sections"] = sections
    document = {"format": "grundlag.framework/1", "slug": draw(_key), "name": draw(_text)}
    optional(document, "owner", _text)
    optional(document, "description", _text)
    document["version"] = version
    return document


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents())
def test_it_round_trips_any_valid_document_through_file_and_database(fmt, document):
    text = dump(document, fmt=fmt)
    with transaction.atomic():
        [(version, _outcome)] = import_text(text, name=f"random.{fmt}")
        assert version_to_document(version=version) == document
        transaction.set_rollback(True)


def test_it_keeps_the_yaml_and_the_json_of_a_document_the_same_document():
    document = small_document()

    assert read_documents(dump(document, fmt="yaml"), name="a.yaml") == [document]
    assert read_documents(dump(document, fmt="json"), name="a.json") == [document]
    assert yaml.safe_load(dump(document, fmt="yaml")) == json.loads(dump(document, fmt="json"))


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029", "\r", "\r\n"])
def test_it_keeps_line_separators_inside_texts_when_writing_yaml(separator):
    document = small_document()
    document["name"] = f"Lille{separator}"
    document["version"]["sections"][0]["title"] = f"Fælles{separator}principper"

    assert read_documents(dump(document, fmt="yaml"), name="a.yaml") == [document]


# --- The schema and the models agree ---------------------------------------------------------------


def test_it_offers_in_the_schema_exactly_the_kinds_the_models_know():
    version = schema()["properties"]["version"]["properties"]
    section = version["sections"]["items"]["properties"]

    assert sorted(section["kind"]["enum"]) == sorted(SectionKind.values)
    assert sorted(section["texts"]["items"]["properties"]["kind"]["enum"]) == sorted(TextKind.values)
    assert sorted(section["expectations"]["items"]["properties"]["kind"]["enum"]) == sorted(
        ExpectationKind.values
    )
    assert sorted(version["status"]["enum"]) == sorted(FrameworkVersion.Status.values)
