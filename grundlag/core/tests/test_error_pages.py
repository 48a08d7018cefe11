"""Error pages in the site's look and the page's language, saying what happened and what to do next."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return response.content.decode()


def _is_the_site(page: str, language: str) -> bool:
    return f'<html lang="{language}"' in page and "grundlag-brand" in page and "Traceback" not in page


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/findes-ikke/", "da", "Siden findes ikke"), ("/en/nowhere/", "en", "Page not found")],
)
def test_an_address_that_leads_nowhere_gets_the_sites_404_page(client, path, language, heading):
    response = client.get(path)
    assert response.status_code == 404
    assert _is_the_site(_page(response), language) and f"<h1>{heading}</h1>" in _page(response)
    assert reverse("core:home") in _page(response)


def test_a_page_one_may_not_see_gets_the_sites_403_page_in_the_users_language(ulla_client):
    danish = ulla_client.get(reverse("core:administration"))
    assert danish.status_code == 403
    assert _is_the_site(_page(danish), "da") and "Du har ikke adgang til denne side" in _page(danish)
    english = ulla_client.get("/en" + reverse("core:administration"))
    assert english.status_code == 403 and "You do not have access to this page" in _page(english)


def test_a_malformed_request_gets_the_sites_400_page(client):
    response = client.get("/frameworks/", HTTP_HOST="not a host")
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke forstås" in _page(response)


@pytest.mark.urls("grundlag.core.tests.urls_raising")
def test_a_failing_page_gets_the_sites_500_page_in_its_language():
    client = Client(raise_request_exception=False)
    danish, english = client.get("/boom/"), client.get("/en/boom/")
    assert danish.status_code == english.status_code == 500
    assert _is_the_site(_page(danish), "da") and "Der gik noget galt" in _page(danish)
    assert "Something went wrong" in _page(english) and "a failing page" not in _page(english)


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Formularen kunne ikke sendes"), ("/en", "The form could not be sent")]
)
def test_a_form_sent_without_its_token_gets_the_sites_page_saying_what_to_do(prefix, heading):
    client = Client(enforce_csrf_checks=True)
    response = client.post(prefix + reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in _page(response) and "CSRF verification failed" not in _page(response)
