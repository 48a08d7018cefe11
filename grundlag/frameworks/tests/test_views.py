"""The pages: reading for everyone, drafts hidden, authoring for administrators only."""

import html
import io
import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from grundlag.frameworks.interchange import dump, schema
from grundlag.frameworks.models import Expectation, Framework, FrameworkVersion, Level, Section
from grundlag.frameworks.services import (
    draft_create,
    expectation_save,
    version_publish,
    version_to_document,
)
from grundlag.frameworks.tests.documents import database_counts, imported, line_of, small_document

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def danish():
    """Start each test in Danish: a request under /en/ leaves English active in its thread."""
    with translation.override("da"):
        yield


def page_text(response) -> str:
    """The page as a reader sees its text: entities decoded, non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def url(name, version, **kwargs):
    return reverse(
        f"frameworks:{name}", kwargs={"slug": version.framework.slug, "number": version.number} | kwargs
    )


# --- Reading: every page, for anonymous users ----------------------------------------------------------


def test_it_lists_the_published_frameworks(client, published):
    response = client.get(reverse("frameworks:list"))

    assert response.status_code == 200
    assert "<h1>Ledelsesgrundlag</h1>" in page_text(response)
    assert "Lille ledelsesgrundlag" in page_text(response)
    assert url("version", published) in page_text(response)


@pytest.mark.parametrize("with_number", [False, True])
def test_it_shows_a_framework_with_its_levels_and_content(client, published, with_number):
    address = url("version", published) if with_number else reverse("frameworks:detail", args=["lille"])

    response = client.get(address)

    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>Lille ledelsesgrundlag</h1>" in text
    assert url("level", published, key="direktoer") in text
    assert url("level", published, key="leder") in text
    for expectation in published.expectations.all():
        assert expectation.text in text


def test_it_shows_what_is_expected_at_a_level(client, published):
    response = client.get(url("level", published, key="leder"))

    text = page_text(response)
    assert response.status_code == 200
    assert "Leder" in text
    assert "Vi tager ansvar for helheden." in text
    assert "Skaber trivsel i teamet." in text
    assert "Vi oversætter strategien til handling." in text
    assert "Sætter retning for hele organisationen." not in text


def test_it_shows_the_parents_common_part_on_a_childs_level_page(client):
    child = small_document(slug="datter", name="Datterens grundlag")
    child["version"]["parent"] = {"framework": "moder", "version": 1}
    child["version"]["sections"] = child["version"]["sections"][1:]
    child["version"]["sections"][0]["expectations"][0]["text"] = "Datteren oversætter strategien."
    _parent, version = imported(small_document(slug="moder"), child)

    text = page_text(client.get(url("level", version, key="leder")))

    assert "Vi tager ansvar for helheden." in text
    assert "Skaber trivsel i teamet." in text
    assert "Datteren oversætter strategien." in text


def test_it_compares_levels_side_by_side(client, published):
    response = client.get(url("levels_compare", published), {"level": ["direktoer", "leder"]})

    text = page_text(response)
    assert response.status_code == 200
    assert "Sætter retning for hele organisationen." in text
    assert "Skaber trivsel i teamet." in text


def test_it_compares_frameworks_side_by_side(client, published):
    [other] = imported(small_document(slug="anden", name="Et andet grundlag"))

    response = client.get(reverse("frameworks:compare"), {"version": [published.pk, other.pk]})

    text = page_text(response)
    assert response.status_code == 200
    assert "Lille ledelsesgrundlag v1" in text
    assert "Et andet grundlag v1" in text
    assert "Vi tager ansvar for helheden." in text


def test_it_compares_the_first_two_frameworks_without_a_choice(client, published):
    imported(small_document(slug="anden", name="Et andet grundlag"))

    response = client.get(reverse("frameworks:compare"))

    assert response.status_code == 200
    assert "Et andet grundlag v1" in page_text(response)


def test_it_shows_the_history_and_what_changed_between_versions(client, published, administrator):
    draft = draft_create(framework=published.framework, by=administrator)
    expectation_save(
        version=draft,
        by=administrator,
        expectation=draft.expectations.get(text="Skaber trivsel i teamet."),
        text="Skaber arbejdsglæde i teamet.",
    )
    version_publish(version=draft, by=administrator)

    response = client.get(reverse("frameworks:history", args=["lille"]), {"a": 1, "b": 2})

    text = page_text(response)
    assert response.status_code == 200
    assert "<del>Skaber trivsel i teamet.</del>" in text
    assert "<ins>Skaber arbejdsglæde i teamet.</ins>" in text
    assert "Anne Admin" in text


def test_it_finds_and_marks_words_on_the_search_page(client, published):
    response = client.get(reverse("frameworks:search"), {"q": "trivsel"})

    assert response.status_code == 200
    assert "<mark>trivsel</mark>" in response.content.decode()
    assert url("level", published, key="leder") in page_text(response)


def test_it_escapes_html_from_the_content_on_the_search_page(client):
    document = small_document()
    document["version"]["sections"][1]["expectations"][0]["text"] = "Aldrig <script>alert('x')</script> her."
    imported(document)

    response = client.get(reverse("frameworks:search"), {"q": "aldrig"})

    content = response.content.decode()
    assert "<mark>Aldrig</mark>" in content
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_it_shows_a_job_description_with_the_post_and_the_levels_expectations(client, published):
    response = client.get(
        url("job_description", published, key="leder"),
        {"title": "Afdelingsleder", "unit": "Skoleafdelingen"},
    )

    text = page_text(response)
    assert response.status_code == 200
    assert "Afdelingsleder" in text
    assert "Skoleafdelingen" in text
    assert "Skaber trivsel i teamet." in text
    assert "Vi tager ansvar for helheden." in text
    assert "Sætter retning for hele organisationen." not in text


def test_it_makes_a_job_description_as_pdf(client, published):
    response = client.get(url("job_description_pdf", published, key="leder"), {"title": "Afdelingsleder"})

    content = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]


def test_it_makes_a_job_description_as_docx(client, published):
    response = client.get(url("job_description_docx", published, key="leder"), {"title": "Afdelingsleder"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Afdelingsleder" in text
    assert "Skaber trivsel i teamet." in text
    assert "Vi tager ansvar for helheden." in text
    assert "Sætter retning for hele organisationen." not in text


@pytest.mark.parametrize("fmt, load", [("yaml", yaml.safe_load), ("json", json.loads)])
def test_it_exports_a_version_as_a_file(client, published, fmt, load):
    response = client.get(url("export", published, fmt=fmt))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="lille-v1.{fmt}"'
    assert load(response.content.decode()) == version_to_document(version=published)


def test_it_serves_the_json_schema(client):
    response = client.get(reverse("frameworks:schema"))

    assert response.status_code == 200
    assert response.json() == schema()


@pytest.mark.parametrize(
    "path, english",
    [
        ("/frameworks/", "<h1>Leadership foundations</h1>"),
        ("/frameworks/lille/v1/levels/leder/", "What is expected at the level Leder"),
        ("/frameworks/lille/v1/levels/leder/job-description/", "Job description"),
        ("/frameworks/search/?q=trivsel", "Search the leadership foundations"),
        ("/frameworks/lille/history/", "Version history of Lille ledelsesgrundlag"),
        ("/frameworks/compare/", "Compare foundations"),
    ],
)
def test_it_speaks_english_under_en(client, published, path, english):
    danish = client.get(path)
    response = client.get(f"/en{path}")

    assert response.status_code == 200
    assert english in page_text(response)
    assert english not in page_text(danish)
    assert '<html lang="en">' in response.content.decode()


def test_it_answers_404_for_an_unknown_framework_or_level(client, published):
    assert client.get(reverse("frameworks:detail", args=["ingen"])).status_code == 404
    assert client.get(url("level", published, key="ingen")).status_code == 404
    assert client.get(reverse("frameworks:version", args=["lille", 9])).status_code == 404


# --- Drafts are for administrators' eyes only --------------------------------------------------------


def draft_pages(draft):
    return [
        url("version", draft),
        url("level", draft, key="leder"),
        url("levels_compare", draft),
        url("job_description", draft, key="leder"),
        url("job_description_pdf", draft, key="leder"),
        url("job_description_docx", draft, key="leder"),
        url("export", draft, fmt="yaml"),
        reverse("frameworks:history", args=["lille"]) + f"?a=1&b={draft.number}",
    ]


@pytest.mark.parametrize("who", ["anonymous", "leader"])
def test_it_hides_drafts_from_everyone_but_administrators(who, client, leader, draft):
    if who == "leader":
        client.force_login(leader)

    for page in draft_pages(draft):
        assert client.get(page).status_code == 404, page


def test_it_shows_drafts_to_administrators(admin_client, draft):
    for page in draft_pages(draft):
        assert admin_client.get(page).status_code == 200, page


def test_it_leaves_a_framework_with_only_a_draft_out_of_the_list(client, admin_client):
    imported(small_document(slug="kladde", name="Kun en kladde", status="draft"))

    assert "Kun en kladde" in page_text(admin_client.get(reverse("frameworks:list")))
    client.logout()
    assert "Kun en kladde" not in page_text(client.get(reverse("frameworks:list")))
    assert client.get(reverse("frameworks:detail", args=["kladde"])).status_code == 404


def test_it_shows_the_latest_published_version_while_a_draft_is_open(client, draft):
    response = client.get(reverse("frameworks:detail", args=["lille"]))

    assert response.status_code == 200
    assert response.context["version"].number == 1


# --- Authoring: administrators only --------------------------------------------------------------------


def authoring_requests(version):
    """(method, address, data) of every authoring URL of a version."""
    section = version.sections.get(key="strategi")
    level = version.levels.get(key="leder")
    expectation = version.expectations.get(text="Vi tager ansvar for helheden.")
    text = version.sections.get(key="principper").texts.get()
    return [
        ("post", reverse("frameworks:upload"), {"file": SimpleUploadedFile("x.yaml", b"format: x")}),
        ("post", reverse("frameworks:draft_create", args=[version.framework.slug]), {}),
        ("get", url("edit", version), {}),
        ("post", url("section_add", version), {"new-section-title": "Ny", "new-section-kind": "theme"}),
        ("get", url("section_edit", version, pk=section.pk), {}),
        ("post", url("section_edit", version, pk=section.pk), {f"section-{section.pk}-title": "Ny"}),
        ("post", url("level_add", version), {"new-level-name": "Ny", "new-level-key": "ny"}),
        ("get", url("level_edit", version, pk=level.pk), {}),
        ("post", url("level_edit", version, pk=level.pk), {f"level-{level.pk}-name": "Ny"}),
        ("get", url("expectation_add", version, section_id=section.pk), {}),
        (
            "post",
            url("expectation_add", version, section_id=section.pk),
            {"text": "Ny.", "kind": "statement"},
        ),
        ("get", url("expectation_edit", version, section_id=section.pk, pk=expectation.pk), {}),
        (
            "post",
            url("expectation_edit", version, section_id=section.pk, pk=expectation.pk),
            {"text": "Ny.", "kind": "statement"},
        ),
        ("get", url("text_add", version, section_id=section.pk), {}),
        ("get", url("text_edit", version, section_id=text.section_id, pk=text.pk), {}),
        ("post", url("item_delete", version, kind="section", pk=section.pk), {}),
        ("post", url("item_delete", version, kind="level", pk=level.pk), {}),
        ("post", url("item_delete", version, kind="expectation", pk=expectation.pk), {}),
        ("post", url("item_move", version, kind="section", pk=section.pk, direction="up"), {}),
        ("post", url("item_move", version, kind="level", pk=level.pk, direction="up"), {}),
        ("post", url("item_move", version, kind="expectation", pk=expectation.pk, direction="down"), {}),
        ("post", url("publish", version), {}),
        ("post", url("discard", version), {}),
    ]


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("who", ["anonymous", "leader"])
def test_it_forbids_authoring_to_anyone_but_administrators(who, htmx, client, leader, draft):
    if who == "leader":
        client.force_login(leader)
    before = database_counts()
    document = version_to_document(version=draft)

    for method, address, data in authoring_requests(draft):
        response = getattr(client, method)(address, data, headers=HTMX if htmx else {})
        assert response.status_code == 403, (method, address)

    assert database_counts() == before
    assert version_to_document(version=draft) == document


def test_it_refuses_every_edit_of_a_published_version_even_to_administrators(admin_client, published):
    before = database_counts()
    document = version_to_document(version=published)

    for method, address, data in authoring_requests(published):
        if address in (reverse("frameworks:upload"), reverse("frameworks:draft_create", args=["lille"])):
            continue  # not edits of this version
        response = getattr(admin_client, method)(address, data)
        assert response.status_code == 403, (method, address)

    assert database_counts() == before
    assert version_to_document(version=published) == document


def test_it_starts_a_draft_for_an_administrator(admin_client, published, administrator):
    response = admin_client.post(reverse("frameworks:draft_create", args=["lille"]))

    draft = FrameworkVersion.objects.get(number=2)
    assert response.status_code == 302
    assert response["Location"] == url("edit", draft)
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert draft.changes.get().by == administrator


def test_it_refuses_a_second_draft_with_a_message(admin_client, draft):
    response = admin_client.post("/en" + reverse("frameworks:draft_create", args=["lille"]), follow=True)

    assert FrameworkVersion.objects.count() == 2
    assert "This framework already has a draft. Finish or discard it first." in page_text(response)


def test_it_shows_the_editor_of_a_draft(admin_client, draft):
    response = admin_client.get(url("edit", draft))

    text = page_text(response)
    assert response.status_code == 200
    assert 'id="editor"' in text
    assert "Vi tager ansvar for helheden." in text
    assert url("section_add", draft) in text


@pytest.mark.parametrize("htmx", [False, True])
def test_it_adds_a_section(htmx, admin_client, draft, administrator):
    response = admin_client.post(
        url("section_add", draft),
        {"new-section-title": "Trivsel", "new-section-kind": "theme", "new-section-key": "trivsel"},
        headers=HTMX if htmx else {},
    )

    assert draft.sections.filter(key="trivsel", title="Trivsel", kind="theme").exists()
    assert draft.changes.order_by("-id").first().by == administrator
    if htmx:
        assert response.status_code == 200
        assert "<html" not in response.content.decode()
        assert "Trivsel" in page_text(response)
    else:
        assert response.status_code == 302
        assert response["Location"] == url("edit", draft)


@pytest.mark.parametrize("htmx", [False, True])
def test_it_shows_the_errors_of_an_invalid_section(htmx, admin_client, draft):
    response = admin_client.post(
        url("section_add", draft),
        {"new-section-title": "", "new-section-kind": "theme", "new-section-key": "strategi"},
        headers=HTMX if htmx else {},
    )

    assert response.status_code == 422
    assert ("<html" in response.content.decode()) is not htmx
    assert draft.sections.count() == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_it_edits_a_section(htmx, admin_client, draft):
    section = draft.sections.get(key="strategi")
    address = url("section_edit", draft, pk=section.pk)

    form = admin_client.get(address, headers=HTMX if htmx else {})
    response = admin_client.post(
        address,
        {
            f"section-{section.pk}-title": "Strategi og retning",
            f"section-{section.pk}-kind": "discipline",
            f"section-{section.pk}-key": "strategi",
        },
        headers=HTMX if htmx else {},
    )

    assert form.status_code == 200
    assert ("<html" in form.content.decode()) is not htmx
    assert response.status_code == (200 if htmx else 302)
    section.refresh_from_db()
    assert section.title == "Strategi og retning"


@pytest.mark.parametrize("htmx", [False, True])
def test_it_adds_and_edits_a_level(htmx, admin_client, draft):
    added = admin_client.post(
        url("level_add", draft),
        {"new-level-name": "Mellemleder", "new-level-key": "mellemleder", "new-level-group": ""},
        headers=HTMX if htmx else {},
    )
    level = draft.levels.get(key="mellemleder")
    changed = admin_client.post(
        url("level_edit", draft, pk=level.pk),
        {
            f"level-{level.pk}-name": "Leder af ledere",
            f"level-{level.pk}-key": "mellemleder",
            f"level-{level.pk}-group": draft.level_groups.get().pk,
        },
        headers=HTMX if htmx else {},
    )

    assert added.status_code == changed.status_code == (200 if htmx else 302)
    level.refresh_from_db()
    assert (level.name, level.group.key) == ("Leder af ledere", "chefer")


def test_it_refuses_a_level_key_already_used(admin_client, draft):
    response = admin_client.post(
        url("level_add", draft), {"new-level-name": "Igen", "new-level-key": "leder"}
    )

    assert response.status_code == 422
    assert draft.levels.count() == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_it_adds_and_edits_an_expectation(htmx, admin_client, draft):
    section = draft.sections.get(key="strategi")
    leader = draft.levels.get(key="leder")
    form = admin_client.get(
        url("expectation_add", draft, section_id=section.pk), headers=HTMX if htmx else {}
    )
    added = admin_client.post(
        url("expectation_add", draft, section_id=section.pk),
        {"text": "Omsætter strategien.", "kind": "behaviour", "level": leader.pk},
        headers=HTMX if htmx else {},
    )
    expectation = section.expectations.get(text="Omsætter strategien.")
    changed = admin_client.post(
        url("expectation_edit", draft, section_id=section.pk, pk=expectation.pk),
        {"text": "Omsætter strategien til mål.", "kind": "behaviour", "level": ""},
        headers=HTMX if htmx else {},
    )

    assert form.status_code == 200
    assert ("<html" in form.content.decode()) is not htmx
    assert added.status_code == changed.status_code == (200 if htmx else 302)
    expectation.refresh_from_db()
    assert (expectation.text, expectation.level) == ("Omsætter strategien til mål.", None)


def test_it_refuses_an_expectation_without_text(admin_client, draft):
    section = draft.sections.get(key="strategi")

    response = admin_client.post(
        url("expectation_add", draft, section_id=section.pk), {"text": "", "kind": "step"}
    )

    assert response.status_code == 422
    assert section.expectations.count() == 1


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "kind, model, lookup",
    [
        ("section", Section, {"key": "strategi"}),
        ("level", Level, {"key": "leder"}),
        ("expectation", Expectation, {"text": "Vi tager ansvar for helheden."}),
    ],
)
def test_it_deletes_an_item(kind, model, lookup, htmx, admin_client, draft):
    item = model.objects.get(version=draft, **lookup)

    response = admin_client.post(
        url("item_delete", draft, kind=kind, pk=item.pk), headers=HTMX if htmx else {}
    )

    assert response.status_code == (200 if htmx else 302)
    assert not model.objects.filter(pk=item.pk).exists()


def test_it_will_not_delete_an_item_of_another_version(admin_client, published, draft):
    item = published.sections.get(key="strategi")

    response = admin_client.post(url("item_delete", draft, kind="section", pk=item.pk))

    assert response.status_code == 404
    assert Section.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_it_moves_items(htmx, admin_client, draft):
    strategy = draft.sections.get(key="strategi")
    director = draft.levels.get(key="direktoer")

    up = admin_client.post(
        url("item_move", draft, kind="section", pk=strategy.pk, direction="up"), headers=HTMX if htmx else {}
    )
    down = admin_client.post(
        url("item_move", draft, kind="level", pk=director.pk, direction="down"), headers=HTMX if htmx else {}
    )

    assert up.status_code == down.status_code == (200 if htmx else 302)
    assert list(draft.sections.values_list("key", flat=True)) == ["strategi", "principper"]
    assert list(draft.levels.values_list("key", flat=True)) == ["leder", "direktoer"]


def test_it_publishes_a_draft(admin_client, client, draft):
    response = admin_client.post(url("publish", draft))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == url("version", draft)
    assert draft.is_published
    client.logout()
    assert client.get(url("version", draft)).status_code == 200


def test_it_discards_a_draft(admin_client, draft):
    response = admin_client.post(url("discard", draft))

    assert response.status_code == 302
    assert response["Location"] == reverse("frameworks:history", args=["lille"])
    assert not FrameworkVersion.objects.filter(pk=draft.pk).exists()


# --- Uploads --------------------------------------------------------------------------------------------


def upload(client, name, content):
    file = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    return client.post(reverse("frameworks:upload"), {"file": file}, follow=True)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_it_imports_an_uploaded_file(fmt, admin_client, administrator):
    response = upload(admin_client, f"lille.{fmt}", dump(small_document(), fmt=fmt))

    version = FrameworkVersion.objects.get(framework__slug="lille")
    assert response.status_code == 200
    assert "Lille ledelsesgrundlag" in page_text(response)
    assert version_to_document(version=version) == small_document()
    assert version.changes.get().by == administrator


def test_it_shows_where_an_uploaded_file_is_wrong_and_imports_nothing(admin_client, published):
    document = small_document(slug="ny")
    document["version"]["sections"][0]["expectations"][2]["level"] = "mellemleder"
    text = dump(document, fmt="yaml")
    before = database_counts()

    response = upload(admin_client, "ny.yaml", text)

    line = line_of(text, "level: mellemleder")
    assert (
        f"ny.yaml:{line}: version.sections[0].expectations[2].level: unknown level 'mellemleder'"
        in page_text(response)
    )
    assert database_counts() == before


def test_it_refuses_an_upload_that_changes_a_published_version(admin_client, published):
    document = small_document()
    document["version"]["sections"][1]["title"] = "Strategi"
    before = database_counts()

    response = upload(admin_client, "lille.yaml", dump(document, fmt="yaml"))

    assert "lille v1 is published and differs from this file" in page_text(response)
    assert database_counts() == before


@override_settings(FRAMEWORK_UPLOAD_MAX_BYTES=100)
def test_it_refuses_an_oversized_upload(admin_client):
    response = upload(admin_client, "lille.yaml", dump(small_document(), fmt="yaml"))

    text = page_text(response)
    assert "lille.yaml" in text
    assert "100 bytes" in text
    assert not Framework.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [("lille.txt", "format: x"), ("lille.yaml", "æøå".encode("latin-1"))],
)
def test_it_refuses_an_upload_that_is_not_a_framework_file(name, content, admin_client):
    response = upload(admin_client, name, content)

    assert response.status_code == 200
    assert name in page_text(response)
    assert not Framework.objects.exists()
