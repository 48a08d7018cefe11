"""Single sign-on: claims are matched to exactly one person; unknown and ambiguous logins are refused."""

from unittest import mock
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from grundlag.accounts.oidc import PersonOIDCBackend
from grundlag.audit.models import AuditEvent
from grundlag.organisation.models import Source
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
    OIDC_PERSON_ID_CLAIM="",
    OIDC_PERSON_SOURCE="",
    OIDC_TRUST_EMAIL=False,
    ROOT_URLCONF="grundlag.accounts.tests.oidc_urls",
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "rules.permissions.ObjectPermissionBackend",
        "grundlag.accounts.backends.PasswordBackend",
        "grundlag.accounts.oidc.PersonOIDCBackend",
    ],
)


@pytest.fixture
def backend():
    with OIDC:
        yield PersonOIDCBackend()


@pytest.fixture
def id_backend():
    """An installation that matches on the provider's employee number only."""
    with OIDC, override_settings(OIDC_PERSON_ID_CLAIM="employee_id"):
        yield PersonOIDCBackend()


def test_it_matches_a_person_by_email_whatever_the_case(backend, small_organisation):
    lis = small_organisation["people"]["lis"]
    claims = {"email": "LIS@Fiktiv.Example.DK", "email_verified": True}

    assert backend.verify_claims(claims)
    assert list(backend.filter_users_by_claims(claims)) == [lis.user]


def test_it_matches_a_person_by_the_identifier_claim(id_backend, small_organisation):
    claims = {"employee_id": "dorte"}

    assert id_backend.verify_claims(claims)
    assert list(id_backend.filter_users_by_claims(claims)) == [small_organisation["people"]["dorte"].user]


def test_it_creates_and_links_a_user_for_a_matched_person_without_one(backend, small_organisation):
    carl = small_organisation["people"]["carl"]
    claims = {"email": "carl@fiktiv.example.dk", "email_verified": True}
    assert not backend.filter_users_by_claims(claims).exists()

    user = backend.create_user(claims)

    carl.refresh_from_db()
    assert carl.user == user
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="account.sso_link", object_id=str(carl.pk)).exists()


def test_it_refuses_claims_that_match_no_person(backend, small_organisation):
    claims = {"email": "stranger@example.dk", "email_verified": True}

    assert not backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None


def test_it_refuses_claims_that_match_several_people(backend, small_organisation):
    PersonFactory(key="lis-2", name="Lis Anden", email="lis@fiktiv.example.dk")
    claims = {"email": "lis@fiktiv.example.dk", "email_verified": True}

    assert not backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None


def test_it_does_not_trust_an_email_the_provider_has_not_verified(backend, small_organisation):
    assert not backend.verify_claims({"email": "lis@fiktiv.example.dk", "email_verified": False})


@pytest.mark.parametrize("verified", [None, "true", 1])
def test_it_does_not_trust_an_email_without_a_verified_claim_of_true(backend, small_organisation, verified):
    """Entra ID often leaves email_verified out, and its address may be editable ("nOAuth")."""
    claims = {"email": "lis@fiktiv.example.dk"}
    if verified is not None:
        claims["email_verified"] = verified

    assert not backend.verify_claims(claims)
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None


def test_an_installation_can_trust_the_providers_email(backend, small_organisation):
    with override_settings(OIDC_TRUST_EMAIL=True):
        claims = {"email": "lis@fiktiv.example.dk"}
        assert backend.verify_claims(claims)
        assert list(backend.filter_users_by_claims(claims)) == [small_organisation["people"]["lis"].user]
        assert not backend.verify_claims({"email": "stranger@example.dk"})


def test_with_an_identifier_claim_the_email_is_never_matched(id_backend, small_organisation):
    lis_email = {"email": "lis@fiktiv.example.dk", "email_verified": True}

    assert not id_backend.verify_claims(lis_email)
    assert not id_backend.filter_users_by_claims(lis_email).exists()
    assert id_backend.create_user(lis_email) is None
    with override_settings(OIDC_TRUST_EMAIL=True):
        assert not id_backend.verify_claims(lis_email)
    # Lis's (verified) address does not turn Bo's identifier into Lis's login.
    claims = {**lis_email, "employee_id": "bo"}
    assert list(id_backend.filter_users_by_claims(claims)) == [small_organisation["people"]["bo"].user]


def test_it_refuses_an_identifier_found_in_two_sources(id_backend, small_organisation):
    PersonFactory(key="dorte", source=Source.HR, name="Dorte fra HR", email="dorte.hr@fiktiv.example.dk")

    assert not id_backend.verify_claims({"employee_id": "dorte"})


def test_the_identifier_is_matched_within_the_configured_source(id_backend, small_organisation):
    from_hr = PersonFactory(
        key="dorte", source=Source.HR, name="Dorte fra HR", email="d.hr@fiktiv.example.dk"
    )
    claims = {"employee_id": "dorte"}

    with override_settings(OIDC_PERSON_SOURCE=Source.HR):
        assert id_backend.verify_claims(claims)
        user = id_backend.create_user(claims)
        from_hr.refresh_from_db()
        assert from_hr.user == user
    with override_settings(OIDC_PERSON_SOURCE=Source.OS2MO):
        assert not id_backend.verify_claims(claims)


def test_it_refuses_an_erased_person(backend, small_organisation):
    lis = small_organisation["people"]["lis"]
    lis.erased_at = "2025-01-01T00:00:00Z"
    lis.save()

    assert not backend.verify_claims({"email": "lis@fiktiv.example.dk", "email_verified": True})


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
        start, response = sign_in_through_the_provider(
            client, {"email": "lis@fiktiv.example.dk", "email_verified": True}
        )

        assert start["Location"].startswith("https://idp.example/authorize?")
        assert response.status_code == 302
        assert response["Location"] == "/frameworks/"
        assert client.get("/frameworks/").context["user"] == lis.user
    assert AuditEvent.objects.filter(action="auth.login", user=lis.user).exists()


def test_the_full_flow_refuses_an_unknown_person(client, small_organisation):
    users_before = get_user_model().objects.count()
    with OIDC:
        _start, response = sign_in_through_the_provider(
            client, {"email": "stranger@example.dk", "email_verified": True}
        )

        assert response.status_code == 302
        assert response["Location"] == "/login/?sso=refused"
        assert client.get(response["Location"]).context["sso_refused"]
        assert not client.get("/frameworks/").context["user"].is_authenticated
    assert get_user_model().objects.count() == users_before


def test_the_login_page_says_why_single_sign_on_refused(client):
    response = client.get("/en/login/?sso=refused")

    assert "Single sign-on did not let you in" in response.content.decode()
