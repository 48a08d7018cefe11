import pytest

from grundlag.tools import definitions
from grundlag.tools.definitions import InvalidToolFile, read_definition, read_file

GOOD = """\
format: grundlag.tool/1
key: lille-vaerktoej
name: Lille værktøj
source:
  title: Fælles om Ledelse
credits: []
content:
  axes:
    - key: a
      poles: [{key: a1, label: A1}, {key: a2, label: A2}]
    - key: b
      poles: [{key: b1, label: B1}, {key: b2, label: B2}]
  quadrants:
    - key: a1-b1
      poles: [a1, b1]
      values: [Noget]
"""


def problems(text: str, name: str = "tools/lille.yaml") -> list[str]:
    with pytest.raises(InvalidToolFile) as error:
        read_definition(text, name=name)
    return [str(p) for p in error.value.problems]


def test_it_reads_a_valid_definition():
    assert read_definition(GOOD, name="lille.yaml")["key"] == "lille-vaerktoej"


def test_it_names_the_file_line_and_field_of_a_missing_text():
    text = GOOD.replace("      values: [Noget]\n", "      values: []\n")
    assert problems(text) == ["tools/lille.yaml:16: content.quadrants[0].values: [] should be non-empty"]


def test_it_names_an_unknown_field_and_a_wrong_kind_of_text():
    text = GOOD + "  texts:\n    - kind: hint\n      text: Noget\n  colour: red\n"
    assert problems(text) == [
        "tools/lille.yaml:20: content.colour: unknown field",
        "tools/lille.yaml:18: content.texts[0].kind: 'hint' is not one of introduction, instruction, "
        "question, gap, note",
    ]


def test_it_names_a_missing_required_field_and_an_empty_name():
    text = GOOD.replace("credits: []\n", "").replace("name: Lille værktøj", 'name: " "')
    assert problems(text) == [
        "tools/lille.yaml:1: (document): 'credits' is required",
        "tools/lille.yaml:3: name: must not be empty",
    ]


def test_it_refuses_duplicate_keys_and_a_quadrant_off_the_axes():
    text = GOOD.replace("poles: [a1, b1]", "poles: [a1, a2]").replace("- key: b\n", "- key: a\n")
    assert problems(text) == [
        "tools/lille.yaml:11: content.axes[1].key: duplicate key 'a'",
        "tools/lille.yaml:15: content.quadrants[0].poles: "
        "a quadrant lies between one pole of each of two axes",
    ]
    assert problems(GOOD.replace("poles: [a1, b1]", "poles: [a1, c1]")) == [
        "tools/lille.yaml:15: content.quadrants[0].poles: unknown pole 'c1' (the poles are the axes' poles)"
    ]


def test_it_says_a_file_is_not_yaml():
    assert problems("key: [unclosed\n") == [
        "tools/lille.yaml:2: (document): not valid YAML: expected ',' or ']', but got '<stream end>'"
    ]


def test_a_builtin_files_key_must_be_its_file_name(tmp_path, monkeypatch):
    monkeypatch.setattr(definitions, "BUILTIN_DIR", tmp_path)
    (tmp_path / "andet-navn.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InvalidToolFile) as error:
        read_file(tmp_path / "andet-navn.yaml")
    assert str(error.value) == f"{tmp_path}/andet-navn.yaml:2: key: must be the file's name 'andet-navn'"


def test_every_builtin_file_is_valid():
    assert [read_file(path)["key"] for path in definitions.builtin_files()] == [
        path.stem for path in definitions.builtin_files()
    ]
