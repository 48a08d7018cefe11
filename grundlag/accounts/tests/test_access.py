"""Every administrators' page and action refuses the other roles: anonymous, leader with staff, other unit."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_pages(people):
    lis, tom = people["lis"], people["tom"]
    return [
        ("get", reverse("audit:log")),
        ("get", reverse("accounts:users")),
        ("post", reverse("accounts:user_role", args=[tom.user.pk])),
        ("post", reverse("accounts:user_active", args=[tom.user.pk])),
        ("post", reverse("accounts:person_invite", args=[lis.pk])),
        ("get", reverse("accounts:person_erase", args=[lis.pk])),
        ("post", reverse("accounts:person_erase", args=[lis.pk])),
    ]


@pytest.mark.parametrize("persona", ["lis", "ulla"])
def test_signed_in_non_administrators_get_403_on_every_admin_page(client, small_organisation, persona):
    client.force_login(small_organisation["people"][persona].user)

    for method, url in admin_pages(small_organisation["people"]):
        assert getattr(client, method)(url).status_code == 403, url


def test_anonymous_visitors_get_403_on_every_admin_page(client, small_organisation):
    for method, url in admin_pages(small_organisation["people"]):
        assert getattr(client, method)(url).status_code == 403, url


def test_administrators_open_the_admin_pages(admin_client, small_organisation):
    for method, url in admin_pages(small_organisation["people"]):
        if method == "get":
            assert admin_client.get(url).status_code == 200, url


def test_the_export_answers_404_to_anyone_but_administrators_and_the_person(client, small_organisation):
    lis = small_organisation["people"]["lis"]
    url = reverse("accounts:person_export", args=[lis.pk])

    assert client.get(url).status_code == 404
    client.force_login(small_organisation["people"]["ulla"].user)
    assert client.get(url).status_code == 404
    client.force_login(small_organisation["people"]["dorte"].user)  # above her in the chain: still not hers
    assert client.get(url).status_code == 404


def test_a_missing_person_is_404_for_administrators(admin_client, small_organisation):
    assert admin_client.get(reverse("accounts:person_export", args=[999999])).status_code == 404
    assert admin_client.get(reverse("accounts:person_erase", args=[999999])).status_code == 404
