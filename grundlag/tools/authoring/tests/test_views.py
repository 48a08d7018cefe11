import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from grundlag.tools.authoring.checks import MAX_BYTES
from grundlag.tools.authoring.services import tool_draft_publish, tool_local_create, tool_variant_create
from grundlag.tools.models import Tool, ToolDocument

from .conftest import LOCAL_TOOL

pytestmark = pytest.mark.django_db


def _client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(builtin_tools, administrator):
    return tool_local_create(text=LOCAL_TOOL, name="tjekliste.yaml", by=administrator)


def _urls(draft) -> list[tuple[str, str]]:
    key, number = draft.tool.key, draft.number
    return [
        ("get", reverse("tools:authoring")),
        ("get", reverse("tools:authoring_new")),
        ("get", reverse("tools:authoring_variant")),
        ("get", reverse("tools:authoring_variant") + "?of=feedbackmodel"),
        ("get", reverse("tools:authoring_edit", args=[key, number])),
        ("get", reverse("tools:authoring_preview", args=[key, number])),
        ("post", reverse("tools:authoring_publish", args=[key, number])),
        ("post", reverse("tools:authoring_delete", args=[key, number])),
        ("post", reverse("tools:authoring_draft_create", args=[key])),
    ]


def test_only_the_administrator_reaches_the_authoring_pages(draft, admin_client, lis_client):
    anonymous = Client()
    for _method, url in _urls(draft)[:6]:
        assert admin_client.get(url).status_code == 200, url
    for method, url in _urls(draft):
        assert getattr(lis_client, method)(url).status_code == 403, url
        response = getattr(anonymous, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    assert draft.tool.versions.count() == 1


def test_the_list_shows_local_tools_with_their_versions_and_says_built_in_tools_are_not_edited(
    draft, admin_client
):
    page = admin_client.get(reverse("tools:authoring")).content.decode()

    assert "Tjekliste til skolestart" in page and "Kladde" in page
    assert "grundlag/tools/builtin/" in page
    assert '<option value="feedbackmodel">Feedbackmodel med afsæt i observation</option>' in page
    assert reverse("tools:authoring") in admin_client.get(reverse("tools:toolbox")).content.decode()


def test_a_pasted_definition_is_saved_as_a_draft(builtin_tools, admin_client):
    response = admin_client.post(reverse("tools:authoring_new"), {"text": LOCAL_TOOL})

    assert response.status_code == 302
    assert response["Location"] == reverse("tools:authoring_edit", args=["tjekliste-skolestart", 1])
    assert Tool.objects.get(key="tjekliste-skolestart").origin == "local"


def test_an_uploaded_file_with_a_problem_is_shown_with_its_line_and_field_and_saves_nothing(
    builtin_tools, admin_client
):
    upload = SimpleUploadedFile("tjekliste.yaml", LOCAL_TOOL.replace("  title:", "  titel:").encode())

    response = admin_client.post(reverse("tools:authoring_new"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 422
    assert "tjekliste.yaml blev ikke gemt" in page
    assert "Linje 5, <code>source.titel</code>: unknown field" in page
    assert not Tool.objects.filter(origin="local").exists()


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("stor.yaml", b"x" * (MAX_BYTES + 1)), "Teksten er større end 200,0"),
        (SimpleUploadedFile("billede.png", b"\x89PNG"), ".yaml, .yml eller .json"),
        (SimpleUploadedFile("binaer.yaml", b"\xff\xfe\x00\x01"), "ikke UTF-8"),
        (SimpleUploadedFile("bombe.yaml", b"a: &a [x, x]\nb: [*a, *a]\n"), "YAML-aliasser (*a)"),
        (SimpleUploadedFile("liste.yaml", b"- 1\n- 2\n"), "ikke en liste"),
    ],
)
def test_a_hostile_or_wrong_upload_gets_a_clear_message(builtin_tools, admin_client, upload, expected):
    response = admin_client.post(reverse("tools:authoring_new"), {"file": upload})

    assert response.status_code == 422
    assert expected in response.content.decode()
    assert not Tool.objects.filter(origin="local").exists()


def test_neither_or_both_of_file_and_text_is_refused(builtin_tools, admin_client):
    upload = SimpleUploadedFile("t.yaml", LOCAL_TOOL.encode())
    assert (
        "Upload en fil eller indsæt"
        in admin_client.post(reverse("tools:authoring_new"), {"text": " "}).content.decode()
    )
    both = admin_client.post(reverse("tools:authoring_new"), {"file": upload, "text": LOCAL_TOOL})
    assert both.status_code == 422 and "ikke begge" in both.content.decode()


def test_the_draft_is_edited_as_labelled_yaml_text_and_a_problem_keeps_what_was_typed(draft, admin_client):
    url = reverse("tools:authoring_edit", args=[draft.tool.key, draft.number])
    page = admin_client.get(url).content.decode()
    assert '<label class="form-label" for="id_text">Værktøjets definition (YAML)' in page
    assert "grundlag-code" in page and "key: tjekliste-skolestart" in page

    typed = LOCAL_TOOL.replace("kind: introduction", "kind: intro")
    response = admin_client.post(url, {"text": typed})

    assert response.status_code == 422
    assert "Linje 11, <code>content.texts[0].kind</code>" in response.content.decode()
    assert "kind: intro\n" in response.content.decode()
    draft.refresh_from_db()
    assert draft.content["texts"][0]["kind"] == "introduction"

    saved = admin_client.post(url, {"text": LOCAL_TOOL.replace("Gå listen", "Gå hele listen")})
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.content["texts"][0]["text"].startswith("Gå hele listen")


def test_the_preview_shows_the_draft_as_the_tool_page_does(draft, admin_client):
    page = admin_client.get(reverse("tools:authoring_preview", args=[draft.tool.key, draft.number]))

    content = page.content.decode()
    assert "Gå listen igennem i ledelsesteamet inden skolestart." in content
    assert "Hvem byder de nye kolleger velkommen?" in content
    assert "Ledelsesteamet på Ahorn Skole, 2026" in content


def test_publishing_puts_the_tool_in_the_leaders_toolbox(draft, admin_client, lis_client):
    toolbox = reverse("tools:toolbox")
    assert "Tjekliste til skolestart" not in lis_client.get(toolbox).content.decode()
    assert lis_client.get(reverse("tools:tool", args=[draft.tool.key])).status_code == 404

    response = admin_client.post(reverse("tools:authoring_publish", args=[draft.tool.key, draft.number]))

    assert response["Location"] == reverse("tools:tool", args=[draft.tool.key])
    assert "Tjekliste til skolestart" in lis_client.get(toolbox).content.decode()
    assert lis_client.get(reverse("tools:tool", args=[draft.tool.key])).status_code == 200
    # A published version is not a draft any more: it never changes.
    assert (
        admin_client.get(reverse("tools:authoring_edit", args=[draft.tool.key, draft.number])).status_code
        == 403
    )


def test_deleting_a_draft_from_its_page(draft, admin_client):
    response = admin_client.post(reverse("tools:authoring_delete", args=[draft.tool.key, draft.number]))

    assert response["Location"] == reverse("tools:authoring")
    assert not Tool.objects.filter(key=draft.tool.key).exists()


def test_a_built_in_tool_has_no_authoring_pages(builtin_tools, admin_client):
    assert admin_client.get(reverse("tools:authoring_edit", args=["feedbackmodel", 1])).status_code == 404
    assert (
        admin_client.post(reverse("tools:authoring_draft_create", args=["feedbackmodel"])).status_code == 404
    )


def test_a_variant_is_offered_the_lokal_key_and_made_from_the_page(builtin_tools, admin_client):
    url = reverse("tools:authoring_variant") + "?of=feedbackmodel"
    page = admin_client.get(url).content.decode()
    assert 'value="feedbackmodel-lokal"' in page
    assert 'value="Feedbackmodel med afsæt i observation (lokal variant)"' in page

    response = admin_client.post(url, {"key": "feedbackmodel-lokal", "name": "Feedback på Ahorn Skole"})

    assert response["Location"] == reverse("tools:authoring_edit", args=["feedbackmodel-lokal", 1])
    assert Tool.objects.get(key="feedbackmodel-lokal").variant_of.key == "feedbackmodel"
    again = admin_client.post(url, {"key": "feedbackmodel-lokal", "name": "Igen"})
    assert again.status_code == 422 and "bruges allerede af værktøjet" in again.content.decode()
    assert 'value="feedbackmodel-lokal-2"' in admin_client.get(url).content.decode()
    assert admin_client.get(reverse("tools:authoring_variant") + "?of=nothing").status_code == 404


def test_a_document_of_a_variant_is_filled_in_with_the_built_in_workflow(
    builtin_tools, administrator, small_organisation, lis_client
):
    variant = tool_variant_create(
        builtin=Tool.objects.get(key="feedbackmodel"),
        key="feedbackmodel-lokal",
        name="Feedback på Ahorn Skole",
        by=administrator,
    )
    variant.content["steps"][0]["name"] = "1. Det, jeg så"
    variant.save()
    tool_draft_publish(version=variant, by=administrator)

    response = lis_client.post(reverse("tools:start", args=["feedbackmodel-lokal"]))

    document = ToolDocument.objects.get(tool__key="feedbackmodel-lokal")
    assert response["Location"] == reverse("tools:document", args=[document.pk])
    page = lis_client.get(response["Location"]).content.decode()
    assert "1. Det, jeg så" in page  # the variant's text
    assert "Jeg ser..." in page  # the sentence starters, as the feedback workflow shows them
    assert 'name="oplevelse"' in page and 'name="purpose"' in page
