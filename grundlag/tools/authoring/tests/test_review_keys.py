"""A hostile review of local variants: a variant may add items to its built-in tool, but none whose key is a
name its workflow gives a field of its own (a relation's "picked", a meeting's "previous", any document's
"revision"), which would take that field's place and break the documents filled in with it."""

import copy

import pytest
import yaml
from django.utils import translation

from grundlag.tools.authoring.checks import workflow_problems
from grundlag.tools.authoring.services import tool_draft_publish, tool_draft_save, tool_variant_create
from grundlag.tools.definitions import InvalidToolFile, tool_definition
from grundlag.tools.documents.workflows import workflow_for
from grundlag.tools.models import Tool, ToolStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _variant(key, administrator):
    return tool_variant_create(
        builtin=Tool.objects.get(key=key), key=f"{key}-lokal", name="Vores", by=administrator
    )


def _with(variant, change):
    definition = copy.deepcopy(tool_definition(version=variant))
    change(definition["content"])
    return yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)


def _question(key):
    return {"key": key, "text": "Et nyt spørgsmål"}


@pytest.mark.parametrize(
    ("tool", "change", "key"),
    [
        # A relation's pick would become a text, and saving a relation then fails on an unknown pick.
        ("relationsanalysen", lambda c: c["steps"][-1]["questions"].append(_question("picked")), "picked"),
        # The link to the meeting planned from would become a text, and the page fails on reading it.
        (
            "moedeplanlaegning",
            lambda c: c["questions"].append({**_question("previous"), "group": 1}),
            "previous",
        ),
        (
            "moedeplanlaegning",
            lambda c: c["table"]["columns"].append({"key": "finished", "question": "?"}),
            "finished",
        ),
        # The revision a save is checked against would become a text, and no save would ever match it.
        (
            "feedbackmodel",
            lambda c: c["steps"].append({**copy.deepcopy(c["steps"][-1]), "key": "revision", "number": 9}),
            "revision",
        ),
        ("noter", lambda c: c["fields"].append({"key": "title", "label": "Titel"}), "title"),
    ],
)
def test_a_variant_may_not_add_a_key_its_workflow_uses_for_a_field_of_its_own(
    builtin_tools, administrator, tool, change, key
):
    variant = _variant(tool, administrator)
    before = variant.content

    with pytest.raises(InvalidToolFile) as error:
        tool_draft_save(version=variant, text=_with(variant, change), by=administrator)

    variant.refresh_from_db()
    assert variant.content == before
    assert any(
        f"'{key}'" in problem.message and "workflow" in problem.message for problem in error.value.problems
    ), [str(problem) for problem in error.value.problems]


def test_a_variant_with_such_a_key_is_not_published(builtin_tools, administrator):
    variant = _variant("relationsanalysen", administrator)
    variant.content["steps"][-1]["questions"].append(_question("picked"))
    variant.save(update_fields=["content"])  # as if written before the check existed

    with pytest.raises(Exception, match="picked"):
        tool_draft_publish(version=variant, by=administrator)

    variant.refresh_from_db()
    assert variant.status == ToolStatus.DRAFT


def test_a_variant_may_add_a_question_of_its_own(builtin_tools, administrator):
    variant = _variant("moedeplanlaegning", administrator)

    tool_draft_save(
        version=variant,
        text=_with(variant, lambda c: c["questions"].append({**_question("forplejning"), "group": 5})),
        by=administrator,
    )

    variant.refresh_from_db()
    assert variant.content["questions"][-1]["key"] == "forplejning"


def test_no_built_in_tool_has_a_key_its_workflow_uses_for_a_field_of_its_own(builtin_tools):
    for version in builtin_tools.values():
        workflow = workflow_for(tool=version.tool)
        if workflow is not None:
            assert workflow_problems(version.content, workflow=workflow, text="", name=version.tool.key) == []
