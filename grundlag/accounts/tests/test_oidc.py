"""Single sign-on: claims are matched to exactly one person; unknown and ambiguous logins are refused."""

from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from grundlag.accounts.models import AuditEvent
from grundlag.accounts.oidc import PersonOIDCBackend
from grundlag.organisation.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SECRET = "provider-shared-secret-for-tests"
OIDC = override_settings(
    OIDC_ENABLED=True,
    OIDC_RP_CLIENT_ID="grundlag",
    OIDC_RP_CLIENT_SECRET=SECRET,
    OIDC_RP_SIGN_ALGO="HS256",
    OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.example/authorize",
    OIDC_OP_TOKEN_ENDPOINT="https://idp.example/token",
    OIDC_OP_USER_ENDPOINT="https://idp.example/userinfo",
    OIDC_PERSON_ID_CLAIM="employee_id",
    ROOT_URLCONF="grundlag.accounts.tests.oidc_urls",
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "rules.permissions.ObjectPermissionBackend",
        "django.contrib.auth.backends.ModelBackend",
        "grundlag.accounts.oidc.PersonOIDCBackend",
    ],
)


@pytest.fixture
def backend():
    with OIDC:
        yield PersonOIDCBackend()


def test_it_matches_a_person_by_email_whatever_the_case(backend, small_organisation):
    lis = small_organisation["people"]["lis"]
    claims = {"email": "LIS@Fiktiv.Example.DK"}

    assert backend.verify_claims(claims)
    assert list(backend.filter_users_by_claims(claims)) == [lis.user]


def test_it_matches_a_person_by_the_identifier_claim(backend, small_organisation):
    claims = {"employee_id": "dorte"}

    assert backend.verify_claims(claims)
    assert list(backend.filter_users_by_claims(claims)) == [small_organisation["people"]["dorte"].user]


def test_it_creates_and_links_a_user_for_a_matched_person_without_one(backend, small_organisation):
    carl = small_organisation["people"]["carl"]
    claims = {"email": "carl@fiktiv.example.dk"}
    assert not backend.filter_users_by_claims(claims).exists()

    user = backend.create_user(claims)

    carl.refresh_from_db()
    assert carl.user == user
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="account.sso_link", object_id=str(carl.pk)).exists()


def test_it_refuses_claims_that_match_no_person(backend, small_organisation):
    claims = {"email": "stranger@example.dk", "employee_id": "nobody"}

    assert not backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None


def test_it_refuses_claims_that_match_several_people(backend, small_organisation):
    PersonFactory(key="lis-2", name="Lis Anden", email="lis@fiktiv.example.dk")
    claims = {"email": "lis@fiktiv.example.dk"}

    assert not backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None


def test_it_refuses_when_email_and_identifier_point_at_different_people(backend, small_organisation):
    assert not backend.verify_claims({"email": "lis@fiktiv.example.dk", "employee_id": "bo"})


def test_it_does_not_trust_an_email_the_provider_has_not_verified(backend, small_organisation):
    assert not backend.verify_claims({"email": "lis@fiktiv.example.dk", "email_verified": False})


def test_it_refuses_an_erased_person(backend, small_organisation):
    lis = small_organisation["people"]["lis"]
    lis.erased_at = "2025-01-01T00:00:00Z"
    lis.save()

    assert not backend.verify_claims({"email": "lis@fiktiv.example.dk"})


def sign_in_through_the_provider(client, userinfo: dict):
    """Start at /oidc/authenticate/, then come back to the callback with the provider's answers mocked."""
    start = client.get(reverse("oidc_authentication_init") + "?next=/frameworks/")
    query = parse_qs(urlparse(start["Location"]).query)
    id_token = jwt.encode(
        {"sub": "abc", "nonce": query["nonce"][0], "aud": "grundlag"}, SECRET, algorithm="HS256"
    )
    token_answer = mock.Mock(status_code=200, json=lambda: {"id_token": id_token, "access_token": "at-1"})
    userinfo_answer = mock.Mock(headers={"content-type": "application/json"}, json=lambda: userinfo)
    with (
        mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token_answer) as token_call,
        mock.patch("mozilla_django_oidc.auth.requests.get", return_value=userinfo_answer),
    ):
        response = client.get(
            reverse("oidc_authentication_callback"), {"code": "c-1", "state": query["state"][0]}
        )
    assert token_call.call_args.kwargs["data"]["code"] == "c-1"
    return start, response


def test_the_full_flow_logs_the_matched_person_in(client, small_organisation):
    lis = small_organisation["people"]["lis"]
    with OIDC:
        start, response = sign_in_through_the_provider(client, {"email": "lis@fiktiv.example.dk"})

        assert start["Location"].startswith("https://idp.example/authorize?")
        assert response.status_code == 302
        assert response["Location"] == "/frameworks/"
        assert client.get("/frameworks/").context["user"] == lis.user
    assert AuditEvent.objects.filter(action="auth.login", user=lis.user).exists()


def test_the_full_flow_refuses_an_unknown_person(client, small_organisation):
    users_before = get_user_model().objects.count()
    with OIDC:
        _start, response = sign_in_through_the_provider(client, {"email": "stranger@example.dk"})

        assert response.status_code == 302
        assert response["Location"] == "/login/?sso=refused"
        assert client.get(response["Location"]).context["sso_refused"]
        assert not client.get("/frameworks/").context["user"].is_authenticated
    assert get_user_model().objects.count() == users_before


def test_the_login_page_says_why_single_sign_on_refused(client):
    response = client.get("/en/login/?sso=refused")

    assert "Single sign-on did not let you in" in response.content.decode()
