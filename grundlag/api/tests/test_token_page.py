"""The administrators' page for API tokens: list, make (plaintext shown once) and revoke."""

import datetime
import html

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grundlag.api.models import ApiToken
from grundlag.api.services import api_token_create
from grundlag.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGE = reverse("api:tokens")


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def integration(db):
    """An integration account: a user with no person behind it."""
    return get_user_model().objects.create_user(username="hr-sync")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["lis", "ulla"])
def test_the_page_is_for_administrators_only(client, users, persona):
    client.force_login(users[persona])
    token, _plaintext = api_token_create(user=users["admin"], name="HR-system", by=users["admin"])

    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "Mine", "user": users[persona].pk}).status_code == 403
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert ApiToken.objects.count() == 1


def test_it_lists_the_tokens(client, users):
    token, plaintext = api_token_create(user=users["lis"], name="Skolesystem", by=users["lis"])
    client.force_login(users["admin"])

    response = client.get(PAGE)

    page = text(response)
    assert response.status_code == 200
    assert "Skolesystem" in page
    assert "lis" in page
    assert token.prefix in page
    assert plaintext not in page


def test_a_new_token_is_shown_once_and_works(client, users):
    client.force_login(users["admin"])

    response = client.post(PAGE, {"name": "Lønsystem", "user": users["admin"].pk})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(name="Lønsystem")
    assert token.user == users["admin"]
    assert token.created_by == users["admin"]
    plaintext = response.context["plaintext"]
    assert f'value="{plaintext}"' in response.content.decode()
    assert plaintext not in text(client.get(PAGE))
    client.logout()
    api = client.get("/api/v1/people", headers={"Authorization": f"Bearer {plaintext}"})
    assert api.status_code == 200
    assert api.json()["count"] == 9  # the administrator's reach: everyone


def test_a_token_may_act_as_its_maker_or_an_integration_account_only(client, users, integration):
    client.force_login(users["admin"])

    offered = set(client.get(PAGE).context["form"].fields["user"].queryset)

    assert offered == {users["admin"], integration}


def test_the_page_refuses_a_token_acting_as_another_person(client, users):
    client.force_login(users["admin"])

    response = client.post(PAGE, {"name": "Snoop", "user": users["lis"].pk})

    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert "plaintext" not in response.context
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("person", ["lis", "ulla"])
def test_the_service_refuses_a_token_acting_as_another_person(users, person):
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=users[person], name="Snoop", by=users["admin"])

    assert "user" in refused.value.message_dict
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api.token.create").exists()


def test_a_person_may_make_a_token_acting_as_themself(users):
    token, _plaintext = api_token_create(user=users["lis"], name="Mine", by=users["lis"])

    assert (token.user, token.created_by) == (users["lis"], users["lis"])


def test_an_administrator_may_make_a_token_for_an_integration_account(client, users, integration):
    client.force_login(users["admin"])

    response = client.post(PAGE, {"name": "HR-sync", "user": integration.pk})

    assert response.status_code == 200
    assert ApiToken.objects.get(name="HR-sync").user == integration
    event = AuditEvent.objects.get(action="api.token.create")
    assert event.user == users["admin"]


def test_a_token_can_be_made_to_expire(client, users, integration):
    client.force_login(users["admin"])
    day = timezone.localdate() + datetime.timedelta(days=30)

    client.post(PAGE, {"name": "Pilot", "user": integration.pk, "expires": day.isoformat()})

    expires = timezone.localtime(ApiToken.objects.get(name="Pilot").expires_at)
    assert expires.date() == day + datetime.timedelta(days=1)
    assert (expires.hour, expires.minute) == (0, 0)


def test_it_refuses_an_expiry_in_the_past_and_a_missing_name(client, users):
    client.force_login(users["admin"])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(PAGE, {"name": "", "user": users["admin"].pk, "expires": yesterday.isoformat()})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "expires"}
    assert 'class="form-error-message"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token(client, users):
    token, plaintext = api_token_create(user=users["lis"], name="Skolesystem", by=users["lis"])
    client.force_login(users["admin"])

    response = client.post(reverse("api:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    client.logout()
    assert client.get("/api/v1/people", headers={"Authorization": f"Bearer {plaintext}"}).status_code == 401


def test_revoking_an_unknown_token_is_not_found(client, users):
    client.force_login(users["admin"])

    assert client.post(reverse("api:token_revoke", args=[999999])).status_code == 404


def test_the_page_lives_under_each_language_prefix(client, users):
    client.force_login(users["admin"])

    response = client.get("/en" + PAGE)

    assert response.status_code == 200
    assert "<h1>API tokens</h1>" in response.content.decode()
