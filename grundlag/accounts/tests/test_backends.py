"""Permissions come from the rules alone: Django's permission tables grant nothing and are never read."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_a_django_model_permission_grants_nothing(small_organisation):
    lis = get_user_model().objects.get(pk=small_organisation["people"]["lis"].user.pk)
    lis.user_permissions.add(Permission.objects.get(codename="add_user"))
    lis = get_user_model().objects.get(pk=lis.pk)

    assert not lis.has_perm("auth.add_user")
    assert not lis.has_perm("evaluations.manage_cycles")  # a leader, not an administrator
    assert lis.has_perm("organisation.view_chart")  # the leader's rule still holds


def test_a_pages_menu_checks_its_permissions_without_reading_permission_tables(client, small_organisation):
    client.force_login(small_organisation["people"]["lis"].user)

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/tilgaengelighed/")

    assert page.status_code == 200
    assert not [q["sql"] for q in queries if "auth_permission" in q["sql"]]
    # Whether the user is a leader is asked once, though the menu asks for it three times.
    assert len([q for q in queries if '"organisation_post"' in q["sql"]]) == 1
