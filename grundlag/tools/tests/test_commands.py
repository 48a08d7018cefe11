import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_load_builtin_says_what_it_did_and_is_safe_to_run_again():
    first = run("tools_load_builtin")
    assert "feedbackmodel v1: created" in first
    assert "feedbackmodel v1: unchanged" in run("tools_load_builtin")


def test_export_all_prints_the_whole_toolbox_as_json_sorted_by_key(builtin_tools):
    toolbox = json.loads(run("tools_export", "--all"))
    assert [tool["key"] for tool in toolbox] == sorted(builtin_tools)
    cvf = next(tool for tool in toolbox if tool["key"] == "paradoksmodel")
    assert cvf["credits"] == [
        "Lüscher, 2012: Inspireret af Competing Values Framework: Cameron, Quinn, Degraff, Thakor"
    ]
    assert cvf["source"]["publisher"] == "Kolding Kommune"
    assert (cvf["origin"], cvf["version"], cvf["status"]) == ("builtin", 1, "published")
    assert cvf["variant_of"] is None
    assert len(cvf["content"]["quadrants"]) == 4
    for tool in toolbox:
        assert tool["content"] == builtin_tools[tool["key"]].content


def test_export_is_deterministic_and_keeps_danish_letters(builtin_tools):
    first = run("tools_export", "--all")
    assert first == run("tools_export", "--all")
    assert "Ståsted" in first and "\\u" not in first


def test_export_of_one_tool(builtin_tools):
    roles = json.loads(run("tools_export", "konsulentroller"))
    assert [role["key"] for role in roles["content"]["roles"]] == [
        "understoettende",
        "udfordrende",
        "retningsgivende",
        "kvalitetsvurderende",
    ]


def test_export_refuses_an_unknown_tool_and_a_missing_argument(builtin_tools):
    with pytest.raises(CommandError, match="ingen-saadan"):
        run("tools_export", "ingen-saadan")
    with pytest.raises(CommandError):
        run("tools_export")


def test_export_shows_the_latest_published_version(builtin_tools):
    version = builtin_tools["noter"]
    version.pk = None
    version.number, version.status, version.content = 2, "draft", {}
    version.save()
    assert json.loads(run("tools_export", "noter"))["version"] == 1
