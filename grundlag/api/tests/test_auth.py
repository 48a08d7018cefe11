"""Token authentication: a token acts as its user; unknown, revoked and expired tokens get one 401."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from grundlag.api.models import ApiToken
from grundlag.api.services import api_token_create, api_token_revoke
from grundlag.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"


def bearer(plaintext):
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.fixture
def made(users):
    return api_token_create(user=users["admin"], name="HR-system", by=users["admin"])


def test_it_stores_only_the_hash_of_a_new_token(made):
    token, plaintext = made

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext.startswith(stored.prefix)
    assert len(stored.prefix) < len(plaintext) // 3
    for field in ApiToken._meta.concrete_fields:
        assert plaintext not in str(getattr(stored, field.attname))


def test_it_makes_a_different_token_each_time(users):
    first = api_token_create(user=users["lis"], name="A", by=users["lis"])[1]
    second = api_token_create(user=users["lis"], name="A", by=users["lis"])[1]

    assert first != second


def test_it_audits_making_and_revoking_a_token_without_the_token(made, users):
    token, plaintext = made
    api_token_revoke(token=token, by=users["admin"])

    events = AuditEvent.objects.filter(object_type="api.apitoken", object_id=str(token.pk))
    assert sorted(events.values_list("action", flat=True)) == ["api.token.create", "api.token.revoke"]
    assert all(event.user == users["admin"] for event in events)
    for event in events:
        assert plaintext not in event.detail
        assert token.prefix not in event.detail


def test_a_valid_token_acts_as_its_user(client, made):
    _token, plaintext = made

    response = client.get(UNITS, headers=bearer(plaintext))

    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_a_lowercase_scheme_is_accepted(client, made):
    response = client.get(UNITS, headers={"Authorization": f"bearer {made[1]}"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "header", ["Bearer gl_unknown", "Bearer ", "Bearer", "Token abc", "Basic YWRtaW46eA=="]
)
def test_an_unknown_or_malformed_token_is_refused(client, org, header):
    response = client.get(UNITS, headers={"Authorization": header})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == client.get(UNITS).json()


def _refusal(client, plaintext):
    response = client.get(UNITS, headers=bearer(plaintext))
    assert response.status_code == 401
    return response.json()


def test_revoked_expired_and_unknown_tokens_get_the_same_answer(client, users, made):
    token, plaintext = made
    revoked = api_token_create(user=users["admin"], name="Old", by=users["admin"])
    api_token_revoke(token=revoked[0], by=users["admin"])
    expired = api_token_create(
        user=users["admin"],
        name="Pilot",
        by=users["admin"],
        expires=timezone.now() - datetime.timedelta(seconds=1),
    )

    unknown_body = _refusal(client, plaintext + "x")
    assert _refusal(client, revoked[1]) == unknown_body
    assert _refusal(client, expired[1]) == unknown_body
    assert client.get(UNITS, headers=bearer(plaintext)).status_code == 200


def test_a_token_works_until_it_expires(client, users):
    token, plaintext = api_token_create(
        user=users["admin"],
        name="Pilot",
        by=users["admin"],
        expires=timezone.now() + datetime.timedelta(hours=1),
    )
    assert client.get(UNITS, headers=bearer(plaintext)).status_code == 200

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get(UNITS, headers=bearer(plaintext)).status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client, users, made):
    users["admin"].is_active = False
    users["admin"].save()

    assert client.get(UNITS, headers=bearer(made[1])).status_code == 401


def test_a_broken_token_is_refused_even_with_a_session(client, users):
    client.force_login(users["admin"])

    assert client.get(UNITS).status_code == 200
    assert client.get(UNITS, headers=bearer("gl_broken")).status_code == 401


def test_anonymous_calls_are_refused(client, org):
    response = client.get(UNITS)

    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(client, made):
    token, plaintext = made
    assert token.last_used_at is None

    client.get(UNITS, headers=bearer(plaintext))
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    client.get(UNITS, headers=bearer(plaintext))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    earlier = first - datetime.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get(UNITS, headers=bearer(plaintext))

    assert first is not None and abs(first - timezone.now()) < datetime.timedelta(minutes=1)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > earlier + datetime.timedelta(minutes=1)


def test_a_refused_token_is_not_marked_as_used(client, users, made):
    token, plaintext = made
    api_token_revoke(token=token, by=users["admin"])

    client.get(UNITS, headers=bearer(plaintext))

    assert ApiToken.objects.get(pk=token.pk).last_used_at is None


def test_revoking_twice_keeps_the_first_time(users, made):
    token, _plaintext = made
    first = api_token_revoke(token=token, by=users["admin"]).revoked_at

    again = api_token_revoke(token=ApiToken.objects.get(pk=token.pk), by=users["admin"])

    assert again.revoked_at == first
