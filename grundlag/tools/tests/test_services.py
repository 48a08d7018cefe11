import shutil

import pytest

from grundlag.audit.models import AuditEvent
from grundlag.tools import definitions
from grundlag.tools.definitions import InvalidToolFile
from grundlag.tools.models import Origin, Tool, ToolVersion
from grundlag.tools.services import tools_builtin_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def builtin_copy(tmp_path, monkeypatch):
    """The built-in files in a folder of their own, to change one."""
    folder = tmp_path / "builtin"
    shutil.copytree(definitions.BUILTIN_DIR, folder)
    monkeypatch.setattr(definitions, "BUILTIN_DIR", folder)
    return folder


def test_it_loads_every_builtin_tool_once(builtin_tools):
    assert len(builtin_tools) == len(definitions.builtin_files()) == 11
    assert AuditEvent.objects.filter(action="tools.version_create").count() == 11


def test_loading_twice_changes_nothing(builtin_tools):
    before = list(ToolVersion.objects.values())
    events = AuditEvent.objects.count()
    again = tools_builtin_load()
    assert {outcome for _, outcome in again} == {"unchanged"}
    assert list(ToolVersion.objects.values()) == before
    assert AuditEvent.objects.count() == events


def test_a_changed_builtin_file_makes_a_new_version(builtin_copy):
    tools_builtin_load()
    path = builtin_copy / "noter.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("plads til egne noter", "plads"), encoding="utf-8"
    )
    outcomes = {version.tool.key: (version.number, outcome) for version, outcome in tools_builtin_load()}
    assert outcomes["noter"] == (2, "new version")
    assert outcomes["feedbackmodel"] == (1, "unchanged")
    assert list(Tool.objects.get(key="noter").versions.values_list("number", "status")) == [
        (1, "published"),
        (2, "published"),
    ]


def test_a_broken_builtin_file_loads_nothing_and_names_the_file_and_field(builtin_copy):
    path = builtin_copy / "noter.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: ", "lable: "), encoding="utf-8")
    with pytest.raises(InvalidToolFile) as error:
        tools_builtin_load()
    assert [str(p) for p in error.value.problems] == [
        f"{path}:15: content.fields[0].lable: unknown field",
        f"{path}:14: content.fields[0]: 'label' is required",
    ]
    assert not Tool.objects.exists()


def test_a_builtin_tool_never_takes_the_key_of_a_local_tool():
    Tool.objects.create(key="noter", name="Vores noter", origin=Origin.LOCAL)
    with pytest.raises(InvalidToolFile, match="'noter' is the key of a local tool"):
        tools_builtin_load()
    assert not ToolVersion.objects.exists()
