"""Who reads and who authors the leadership foundations, for the three personas: the administrator, Lis
(a school leader) and Ulla (a teacher at the other school)."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grundlag.frameworks.models import FrameworkVersion
from grundlag.frameworks.services import draft_create

pytestmark = pytest.mark.django_db

SLUG = "aarhus-boern-og-unge"
SCHOOL_LEADER = "dagtilbuds-skole-og-fu-leder"


@pytest.fixture
def clients(admin_client, lis_client, ulla_client):
    return {"administrator": admin_client, "lis": lis_client, "ulla": ulla_client}


@pytest.fixture
def aarhus(small_organisation, builtin_frameworks):
    return builtin_frameworks[SLUG]


@pytest.fixture
def aarhus_draft(aarhus, administrator):
    return draft_create(framework=aarhus.framework, by=administrator)


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_published_framework_and_its_levels_are_readable_by_all_three(clients, aarhus):
    level = aarhus.levels.get(key=SCHOOL_LEADER)
    framework_url = reverse("frameworks:detail", args=[SLUG])
    level_url = reverse("frameworks:level", args=[SLUG, aarhus.number, SCHOOL_LEADER])

    for persona, client in clients.items():
        page = client.get(framework_url)
        level_page = client.get(level_url)
        assert (page.status_code, level_page.status_code) == (200, 200), persona
        assert aarhus.framework.name in text(page), persona
        assert level.name in text(level_page), persona


@pytest.mark.parametrize("persona", ["lis", "ulla"])
def test_a_leader_and_an_outsider_cannot_start_a_draft_or_upload_a_framework(clients, aarhus, persona):
    client = clients[persona]
    versions_before = FrameworkVersion.objects.count()

    start = client.post(reverse("frameworks:draft_create", args=[SLUG]))
    upload = client.post(
        reverse("frameworks:upload"), {"file": SimpleUploadedFile("x.yaml", b"format: grundlag")}
    )

    assert (start.status_code, upload.status_code) == (403, 403)
    assert FrameworkVersion.objects.count() == versions_before


def test_the_administrator_starts_a_draft(admin_client, aarhus):
    response = admin_client.post(reverse("frameworks:draft_create", args=[SLUG]))

    draft = FrameworkVersion.objects.get(framework=aarhus.framework, number=aarhus.number + 1)
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert response.status_code == 302
    assert response["Location"] == reverse("frameworks:edit", args=[SLUG, draft.number])


@pytest.mark.parametrize("persona", ["lis", "ulla"])
def test_a_leader_and_an_outsider_neither_see_nor_edit_nor_publish_a_draft(clients, aarhus_draft, persona):
    client, number = clients[persona], aarhus_draft.number

    assert client.get(reverse("frameworks:version", args=[SLUG, number])).status_code == 404
    assert client.get(reverse("frameworks:edit", args=[SLUG, number])).status_code == 403
    assert client.post(reverse("frameworks:publish", args=[SLUG, number])).status_code == 403
    assert client.post(reverse("frameworks:discard", args=[SLUG, number])).status_code == 403
    aarhus_draft.refresh_from_db()
    assert aarhus_draft.status == FrameworkVersion.Status.DRAFT


def test_the_administrator_sees_and_edits_a_draft(admin_client, aarhus_draft):
    version = admin_client.get(reverse("frameworks:version", args=[SLUG, aarhus_draft.number]))
    editor = admin_client.get(reverse("frameworks:edit", args=[SLUG, aarhus_draft.number]))

    assert (version.status_code, editor.status_code) == (200, 200)
    assert editor.context["version"] == aarhus_draft
