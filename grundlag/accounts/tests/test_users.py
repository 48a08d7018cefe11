"""The users and roles page: administrators grant and revoke the role and (de)activate accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from grundlag.audit.models import AuditEvent

from .conftest import english, page_text

pytestmark = pytest.mark.django_db


def test_it_lists_users_with_their_person_role_status_and_last_login(admin_client, small_organisation):
    response = admin_client.get(english("accounts:users"))

    text = page_text(response)
    assert response.status_code == 200
    assert "Lis Leder" in text
    assert "Administrator" in text
    assert '<th scope="col">Last login</th>' in text
    assert {u.username for u in response.context["page"]} >= {"admin", "lis", "tom", "ulla", "dorte"}


def test_an_administrator_grants_and_revokes_the_role_and_it_is_audited(
    admin_client, administrator, small_organisation
):
    lis_user = small_organisation["people"]["lis"].user
    url = reverse("accounts:user_role", args=[lis_user.pk])

    admin_client.post(url, {"administrator": "true"})
    lis_user.refresh_from_db()
    assert lis_user.is_staff
    assert lis_user.has_perm("audit.view_log")

    admin_client.post(url, {"administrator": "false"})
    lis_user.refresh_from_db()
    assert not lis_user.is_staff
    details = list(
        AuditEvent.objects.filter(action="user.role").order_by("id").values_list("detail", flat=True)
    )
    assert details == ["administrator granted", "administrator revoked"]


def test_an_administrator_cannot_remove_their_own_role(admin_client, administrator):
    response = admin_client.post(
        reverse("accounts:user_role", args=[administrator.pk]), {"administrator": "false"}, follow=True
    )

    administrator.refresh_from_db()
    assert administrator.is_staff
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AuditEvent.objects.filter(action="user.role").exists()


def test_an_administrator_deactivates_and_activates_an_account(admin_client, small_organisation):
    ulla_user = small_organisation["people"]["ulla"].user
    url = reverse("accounts:user_active", args=[ulla_user.pk])

    admin_client.post(url, {"active": "false"})
    ulla_user.refresh_from_db()
    assert not ulla_user.is_active

    admin_client.post(url, {"active": "true"})
    ulla_user.refresh_from_db()
    assert ulla_user.is_active
    assert AuditEvent.objects.filter(action="user.active", object_id=str(ulla_user.pk)).count() == 2


def test_a_deactivated_account_cannot_log_in(client, small_organisation):
    ulla_user = small_organisation["people"]["ulla"].user
    ulla_user.is_active = False
    ulla_user.save()

    response = client.post(reverse("login"), {"username": "ulla", "password": "x-test-pass-1"})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_an_administrator_cannot_deactivate_themselves(admin_client, administrator):
    admin_client.post(reverse("accounts:user_active", args=[administrator.pk]), {"active": "false"})

    administrator.refresh_from_db()
    assert administrator.is_active


def test_changes_are_post_only(admin_client, small_organisation):
    lis_user = small_organisation["people"]["lis"].user

    assert admin_client.get(reverse("accounts:user_role", args=[lis_user.pk])).status_code == 405
    assert get_user_model().objects.get(pk=lis_user.pk).is_staff is False
