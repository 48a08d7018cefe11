"""Private pages and files are never stored by a browser or a proxy (`Cache-Control: private, no-store`);
the public pages of anonymous visitors stay cacheable, and a view's own Cache-Control is kept."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import patch_cache_control

from config import settings as production_settings
from grundlag.api.services import api_token_create
from grundlag.core.middleware import PrivateNoStoreMiddleware
from grundlag.tools.documents.services import document_create
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

pytestmark = pytest.mark.django_db


def not_stored(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def lis(small_organisation):
    return small_organisation["people"]["lis"]


@pytest.fixture
def lis_document(lis):
    tools_builtin_load()
    return document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Møde på Ærø", by=lis.user)


def test_a_signed_in_persons_private_page_is_not_stored(client, lis_document):
    client.force_login(lis_document.owner.user)

    response = client.get(reverse("tools:document", args=[lis_document.pk]))

    assert response.status_code == 200
    assert not_stored(response)


def test_a_pdf_download_is_not_stored(client, lis_document):
    client.force_login(lis_document.owner.user)

    response = client.get(reverse("tools:pdf", args=[lis_document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert not_stored(response)


def test_an_api_call_with_a_token_is_not_stored(client, administrator):
    _token, plaintext = api_token_create(user=administrator, name="Lønsystem", by=administrator)

    response = client.get("/api/v1/people", headers={"Authorization": f"Bearer {plaintext}"})
    refused = client.get("/api/v1/people", headers={"Authorization": "Bearer not-a-token"})

    assert response.status_code == 200
    assert not_stored(response)
    assert refused.status_code == 401
    assert not_stored(refused)


def test_an_anonymous_visitors_public_page_is_unchanged(client):
    response = client.get(reverse("core:accessibility"))

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_response_that_sets_the_session_cookie_is_not_stored():
    request = RequestFactory().get("/tilgaengelighed/")
    request.user = AnonymousUser()

    def view(request):
        response = HttpResponse("logged out")
        response.delete_cookie(settings.SESSION_COOKIE_NAME)
        return response

    assert not_stored(PrivateNoStoreMiddleware(view)(request))


def test_a_views_own_cache_control_is_kept_for_a_signed_in_person(lis):
    request = RequestFactory().get("/some/page/")
    request.user = lis.user

    def view(request):
        response = HttpResponse("a chart's data")
        patch_cache_control(response, private=True, max_age=60)
        return response

    assert PrivateNoStoreMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"


def test_the_api_token_pages_never_cache_is_kept(admin_client):
    response = admin_client.get(reverse("api:tokens"))

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_it_runs_after_whitenoise_so_static_files_keep_their_max_age():
    middleware = production_settings.MIDDLEWARE
    ours = middleware.index("grundlag.core.middleware.PrivateNoStoreMiddleware")

    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < ours
    assert ours < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
