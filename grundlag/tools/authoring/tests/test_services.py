import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from grundlag.audit.models import AuditEvent
from grundlag.tools.authoring.forms import definition_yaml
from grundlag.tools.authoring.services import (
    tool_draft_create,
    tool_draft_delete,
    tool_draft_publish,
    tool_draft_save,
    tool_local_create,
    tool_variant_create,
)
from grundlag.tools.definitions import InvalidToolFile
from grundlag.tools.documents.selectors import toolbox_for_user
from grundlag.tools.models import Origin, Tool, ToolStatus, ToolVersion

from .conftest import LOCAL_TOOL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The problems' messages in English, the language they are written in."""
    with translation.override("en"):
        yield


def _problems(error: pytest.ExceptionInfo[InvalidToolFile]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def _export_all() -> list[dict]:
    out = io.StringIO()
    call_command("tools_export", "--all", stdout=out)
    return json.loads(out.getvalue())


def test_a_local_tool_is_saved_as_a_draft_that_leaders_do_not_see(builtin_tools, administrator, lis):
    version = tool_local_create(text=LOCAL_TOOL, name="tjekliste.yaml", by=administrator)

    assert (version.tool.key, version.tool.origin, version.number) == ("tjekliste-skolestart", "local", 1)
    assert version.status == ToolStatus.DRAFT
    assert version.content["fields"][1]["label"] == "Hvem byder de nye kolleger velkommen?"
    assert "tjekliste-skolestart" not in [v.tool.key for v in toolbox_for_user(user=lis)]
    assert "tjekliste-skolestart" not in [tool["key"] for tool in _export_all()]


def test_a_bad_definition_names_its_line_and_field_and_writes_nothing(builtin_tools, administrator):
    broken = LOCAL_TOOL.replace("      label: Er skemaerne lagt?\n", "      lable: Er skemaerne lagt?\n")

    with pytest.raises(InvalidToolFile) as error:
        tool_local_create(text=broken, name="tjekliste.yaml", by=administrator)

    problems = _problems(error)
    assert "tjekliste.yaml:15: content.fields[0].lable: unknown field" in problems
    assert "tjekliste.yaml:14: content.fields[0]: 'label' is required" in problems
    assert not Tool.objects.filter(origin=Origin.LOCAL).exists()
    assert not AuditEvent.objects.filter(user=administrator).exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key: [unclosed\n", "not valid YAML"),
        ("- a list\n- of things\n", "a tool definition is a mapping of fields"),
        ("just a sentence\n", "a tool definition is a mapping of fields"),
        ("", "a tool definition is a mapping of fields"),
        (LOCAL_TOOL.replace("grundlag.tool/1", "grundlag.tool/2"), "1: format: must be 'grundlag.tool/1'"),
        ("format: grundlag.tool/1\nkey: !!python/object/apply:os.system ['true']\n", "not valid YAML"),
        (LOCAL_TOOL.replace("Fiktiv Kommune", "x" * 20_001), "6: source.publisher: longer than 20000"),
        ("[" * 5000 + "]" * 5000, "nested deeper than a tool definition ever is"),
        (
            LOCAL_TOOL.replace("name: Tjekliste til skolestart", 'name: "Tjek\\0liste"'),
            "3: name: contains a NUL character",
        ),
        ('{"format": "grundlag.tool/1", "key": "x"}', "(document): 'name' is required"),
    ],
)
def test_hostile_or_broken_text_gets_a_clear_problem(builtin_tools, administrator, text, expected):
    with pytest.raises(InvalidToolFile) as error:
        tool_local_create(text=text, name="upload.yaml", by=administrator)

    assert any(expected in problem for problem in _problems(error)), _problems(error)
    assert not Tool.objects.filter(origin=Origin.LOCAL).exists()


def test_a_yaml_bomb_of_aliases_is_refused_before_it_is_expanded(builtin_tools, administrator):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    bomb = "format: grundlag.tool/1\n" + "\n".join(lines) + "\n"

    with pytest.raises(InvalidToolFile) as error:
        tool_local_create(text=bomb, name="bomb.yaml", by=administrator)

    assert _problems(error) == [
        "bomb.yaml:3: (document): YAML aliases (*a0) are not accepted: write the text out where it belongs"
    ]


def test_a_text_over_the_size_bound_is_refused_unread(builtin_tools, administrator):
    huge = LOCAL_TOOL + "notes: |\n" + ("  " + "x" * 98 + "\n") * 2100

    with pytest.raises(InvalidToolFile) as error:
        tool_local_create(text=huge, name="huge.yaml", by=administrator)

    assert "a definition may be at most 200 KB" in _problems(error)[0]


def test_a_key_taken_by_a_built_in_or_local_tool_or_an_address_is_refused(builtin_tools, administrator):
    tool_local_create(text=LOCAL_TOOL, name="first.yaml", by=administrator)
    for key, expected in [
        ("feedbackmodel", "is taken by the tool »Feedbackmodel med afsæt i observation« (Built-in)"),
        ("tjekliste-skolestart", "is taken by the tool »Tjekliste til skolestart« (Local)"),
        ("local", "is a word of the toolbox's own addresses"),
        ("documents", "is a word of the toolbox's own addresses"),
    ]:
        text = LOCAL_TOOL.replace("key: tjekliste-skolestart", f"key: {key}")
        with pytest.raises(InvalidToolFile) as error:
            tool_local_create(text=text, name="second.yaml", by=administrator)
        [problem] = _problems(error)
        assert problem.startswith("second.yaml:2: key: ") and f"'{key}' {expected}" in problem, problem
    assert Tool.objects.filter(origin=Origin.LOCAL).count() == 1


def test_only_an_administrator_adds_a_local_tool(builtin_tools, lis):
    with pytest.raises(ValidationError):
        tool_local_create(text=LOCAL_TOOL, name="x.yaml", by=lis)
    assert not Tool.objects.filter(origin=Origin.LOCAL).exists()


def test_publishing_shows_the_tool_to_leaders_and_in_the_export(builtin_tools, administrator, lis):
    draft = tool_local_create(text=LOCAL_TOOL, name="tjekliste.yaml", by=administrator)

    tool_draft_publish(version=draft, by=administrator)

    assert "tjekliste-skolestart" in [v.tool.key for v in toolbox_for_user(user=lis)]
    exported = next(tool for tool in _export_all() if tool["key"] == "tjekliste-skolestart")
    assert (exported["origin"], exported["version"], exported["status"]) == ("local", 1, "published")
    assert exported["content"]["fields"][0]["label"] == "Er skemaerne lagt?"
    event = AuditEvent.objects.get(action="tools.draft_publish")
    assert event.detail == "tjekliste-skolestart v1"


def test_a_new_draft_of_a_published_tool_leaves_the_published_one_in_the_toolbox(
    builtin_tools, administrator, lis
):
    tool_draft_publish(
        version=tool_local_create(text=LOCAL_TOOL, name="t.yaml", by=administrator), by=administrator
    )
    tool = Tool.objects.get(key="tjekliste-skolestart")

    draft = tool_draft_create(tool=tool, by=administrator)
    tool_draft_save(
        version=draft,
        text=LOCAL_TOOL.replace("Er skemaerne lagt?", "Er alle skemaer lagt?"),
        by=administrator,
    )

    assert draft.number == 2
    shown = next(v for v in toolbox_for_user(user=lis) if v.tool.key == "tjekliste-skolestart")
    assert (shown.number, shown.content["fields"][0]["label"]) == (1, "Er skemaerne lagt?")
    with pytest.raises(ValidationError, match="already has a draft: version 2"):
        tool_draft_create(tool=tool, by=administrator)

    tool_draft_publish(version=draft, by=administrator)

    shown = next(v for v in toolbox_for_user(user=lis) if v.tool.key == "tjekliste-skolestart")
    assert (shown.number, shown.content["fields"][0]["label"]) == (2, "Er alle skemaer lagt?")
    assert ToolVersion.objects.get(tool=tool, number=1).status == ToolStatus.PUBLISHED


def test_a_draft_keeps_its_key_and_a_saved_text_is_audited_without_its_content(builtin_tools, administrator):
    draft = tool_local_create(text=LOCAL_TOOL, name="t.yaml", by=administrator)

    with pytest.raises(InvalidToolFile) as error:
        tool_draft_save(
            version=draft, text=LOCAL_TOOL.replace("tjekliste-skolestart", "andet"), by=administrator
        )
    assert _problems(error) == [
        "tjekliste-skolestart.yaml:2: key: must stay 'tjekliste-skolestart', the key of this tool"
    ]

    tool_draft_save(version=draft, text=LOCAL_TOOL.replace("Tjekliste til", "Tjek før"), by=administrator)

    draft.refresh_from_db()
    assert draft.name == draft.tool.name == "Tjek før skolestart"
    event = AuditEvent.objects.get(action="tools.draft_save")
    assert event.detail == "tjekliste-skolestart v1"


def test_the_editor_text_of_a_draft_saves_back_unchanged(builtin_tools, administrator):
    variant = tool_variant_create(
        builtin=Tool.objects.get(key="paradoksmodel"), key="paradoks-lokal", name="Paradoks", by=administrator
    )
    before = (variant.source, variant.credits, variant.notes, variant.content)

    tool_draft_save(version=variant, text=definition_yaml(version=variant), by=administrator)

    variant.refresh_from_db()
    assert (variant.source, variant.credits, variant.notes, variant.content) == before


def test_a_variant_is_a_copy_of_the_built_in_tool_under_its_own_key(builtin_tools, administrator):
    feedback = Tool.objects.get(key="feedbackmodel")

    variant = tool_variant_create(
        builtin=feedback, key="feedbackmodel-lokal", name="Vores feedback", by=administrator
    )

    assert variant.tool.variant_of == feedback
    assert variant.tool.workflow_key == "feedbackmodel"
    assert (variant.tool.origin, variant.status, variant.name) == ("local", "draft", "Vores feedback")
    assert variant.content == builtin_tools["feedbackmodel"].content
    assert variant.credits == builtin_tools["feedbackmodel"].credits
    with pytest.raises(ValidationError) as error:
        tool_variant_create(builtin=feedback, key="feedbackmodel-lokal", name="Igen", by=administrator)
    assert "is taken by the tool" in error.value.message_dict["key"][0]


def test_a_variant_changes_texts_but_keeps_the_built_in_tools_keys(builtin_tools, administrator):
    variant = tool_variant_create(
        builtin=Tool.objects.get(key="feedbackmodel"),
        key="feedbackmodel-lokal",
        name="Vores",
        by=administrator,
    )
    text = definition_yaml(version=variant)

    tool_draft_save(
        version=variant, text=text.replace("Ydre sansninger, observationer", "Det, du så"), by=administrator
    )
    with pytest.raises(InvalidToolFile) as error:
        tool_draft_save(
            version=variant, text=text.replace("key: oplevelse", "key: foelelse"), by=administrator
        )

    variant.refresh_from_db()
    assert variant.content["steps"][0]["description"] == "Det, du så"
    [problem] = error.value.problems
    assert problem.field == "content.steps"
    assert problem.line is not None
    assert "the key 'oplevelse' of the built-in tool (in steps) is missing" in problem.message


def test_deleting_the_only_draft_of_a_new_tool_removes_the_tool(builtin_tools, administrator):
    draft = tool_local_create(text=LOCAL_TOOL, name="t.yaml", by=administrator)

    assert tool_draft_delete(version=draft, by=administrator) is True

    assert not Tool.objects.filter(key="tjekliste-skolestart").exists()
    assert AuditEvent.objects.get(action="tools.draft_delete").detail == "tjekliste-skolestart v1"


def test_deleting_the_draft_of_a_published_tool_keeps_the_published_version(
    builtin_tools, administrator, lis
):
    tool_draft_publish(
        version=tool_local_create(text=LOCAL_TOOL, name="t.yaml", by=administrator), by=administrator
    )
    draft = tool_draft_create(tool=Tool.objects.get(key="tjekliste-skolestart"), by=administrator)

    assert tool_draft_delete(version=draft, by=administrator) is False

    assert list(
        ToolVersion.objects.filter(tool__key="tjekliste-skolestart").values_list("number", "status")
    ) == [(1, "published")]
    assert "tjekliste-skolestart" in [v.tool.key for v in toolbox_for_user(user=lis)]


def test_built_in_tools_and_published_versions_never_change_here(builtin_tools, administrator):
    builtin = builtin_tools["feedbackmodel"]
    published = tool_local_create(text=LOCAL_TOOL, name="t.yaml", by=administrator)
    tool_draft_publish(version=published, by=administrator)

    for version in (builtin, published):
        with pytest.raises(ValidationError):
            tool_draft_save(version=version, text=LOCAL_TOOL, by=administrator)
        with pytest.raises(ValidationError):
            tool_draft_publish(version=version, by=administrator)
        with pytest.raises(ValidationError):
            tool_draft_delete(version=version, by=administrator)
    with pytest.raises(ValidationError):
        tool_draft_create(tool=builtin.tool, by=administrator)
    with pytest.raises(ValidationError):
        tool_variant_create(builtin=published.tool, key="x-lokal", name="X", by=administrator)
