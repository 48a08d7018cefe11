"""The audit log in words: every action code written anywhere has a sentence, and the page shows it."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from grundlag.audit.models import AuditEvent
from grundlag.audit.selectors import audit_events_described
from grundlag.audit.sentences import SENTENCES, action_label
from grundlag.audit.services import audit_record

from .conftest import english, page_text

GRUNDLAG = Path(__file__).resolve().parents[2]
AUDITING_CALLS = {"audit_record", "api_audit", "paginate"}


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _assigned(function: ast.AST, name: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found |= _strings(node.value)
    return found


def _codes_in(tree: ast.Module) -> set[str]:
    codes: set[str] = set()
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for function in functions:
        for call in ast.walk(function):
            if not isinstance(call, ast.Call):
                continue
            callee = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            if callee not in AUDITING_CALLS:
                continue
            for keyword in call.keywords:
                if keyword.arg in {"action", "audit_action"}:
                    codes |= _strings(keyword.value)
                    if isinstance(keyword.value, ast.Name) and keyword.value.id not in {"action"}:
                        codes |= _assigned(function, keyword.value.id)
                    if isinstance(keyword.value, ast.Name) and keyword.value.id == "action":
                        codes |= _assigned(function, "action")
    # Decorators sit outside the function bodies: @paginate(..., audit_action="...").
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "paginate":
            for keyword in call.keywords:
                if keyword.arg == "audit_action":
                    codes |= _strings(keyword.value)
    return codes


def action_codes_in_the_code_base() -> set[str]:
    codes: set[str] = set()
    for path in GRUNDLAG.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes


def test_it_finds_the_action_codes_written_in_the_code_base():
    codes = action_codes_in_the_code_base()

    # A check on the check: the codes written directly, through a variable and through the API's helpers.
    assert {
        "evaluations.cycle_launch",
        "evaluations.reminders_sent",
        "api.person.list",
        "report.api",
    } <= codes
    assert {"evaluations.nomination_decline", "user.role"} <= codes


def test_every_action_code_in_the_code_base_has_a_sentence():
    missing = sorted(code for code in action_codes_in_the_code_base() if code not in SENTENCES)

    assert missing == [], f"add a sentence to grundlag/audit/sentences.py for {missing}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_sentence_is_translated_and_names_its_placeholders_only(language):
    for code, sentence in SENTENCES.items():
        with translation.override(language):
            text = str(sentence).format(who="W", object="O")
        assert "{" not in text, code
        if language == "da":
            with translation.override("en"):
                english = str(sentence).format(who="W", object="O")
            assert text != english, f"{code} has no Danish sentence"


@pytest.mark.django_db
def test_the_page_shows_who_did_what_to_what_in_words_with_a_link(
    admin_client, administrator, small_organisation
):
    AuditEvent.objects.all().delete()
    lis = small_organisation["people"]["lis"]
    audit_record(user=lis.user, action="person.view", obj=small_organisation["people"]["tom"])

    text = page_text(admin_client.get(english("audit:log")))

    tom = reverse("organisation:person", args=[small_organisation["people"]["tom"].pk])
    assert f'Lis Leder viewed <a href="{tom}">Tom Lærer</a>' in text
    assert "person.view</code>" not in text


@pytest.mark.django_db
def test_the_page_speaks_danish_on_danish_pages(admin_client, administrator, small_organisation):
    AuditEvent.objects.all().delete()
    audit_record(
        user=administrator,
        action="user.role",
        obj=small_organisation["people"]["lis"].user,
        detail="administrator granted",
    )

    text = page_text(admin_client.get(reverse("audit:log")))

    assert f'admin gjorde <a href="{reverse("accounts:users")}">Lis Leder</a> til administrator' in text


@pytest.mark.django_db
def test_an_unknown_code_and_a_deleted_record_still_read_as_a_sentence(administrator, small_organisation):
    tina = small_organisation["people"]["tina"]
    unknown = audit_record(user=administrator, action="frameworks.something_new", obj=tina)
    gone = audit_record(user=None, action="person.view", obj=tina)
    AuditEvent.objects.filter(pk=gone.pk).update(object_id="999999")

    with translation.override("en"):
        described = audit_events_described(events=[unknown, AuditEvent.objects.get(pk=gone.pk)])

    assert str(described[0].sentence).startswith("admin did »frameworks.something_new« to <a href=")
    assert str(described[1].sentence) == "Someone not signed in viewed no. 999999 (no longer exists)"


def test_the_filter_names_actions_in_words():
    with translation.override("en"):
        assert action_label("evaluations.cycle_launch") == "… launched the evaluation …"
        assert action_label("made.up") == "made.up"


@pytest.mark.django_db
def test_an_import_run_by_a_command_is_not_said_to_be_by_someone_not_signed_in(admin_client, administrator):
    AuditEvent.objects.all().delete()
    audit_record(user=None, action="organisation.import", detail="rows=3")
    audit_record(user=administrator, action="organisation.import", detail="rows=3")

    text = page_text(admin_client.get(reverse("audit:log")))

    assert "Organisationen blev importeret af en kommando eller et planlagt job" in text
    assert "admin importerede organisationen" in text
    assert "ikke-indlogget" not in text
