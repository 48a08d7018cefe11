"""The start page: the front door after signing in, made of each domain's sections."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_visitor_who_is_not_signed_in_is_shown_the_foundations(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("frameworks:list")


def test_signing_in_lands_on_the_start_page(leader_with_staff):
    leader_with_staff.set_password("a-long-pass-phrase-1")
    leader_with_staff.save()
    client = Client()
    response = client.post(
        reverse("login"), {"username": "lis", "password": "a-long-pass-phrase-1"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Velkommen, Lis Leder" in response.content.decode()


def test_the_start_page_speaks_english_on_english_pages(lis_client):
    page = lis_client.get("/en/").content.decode()
    assert "Welcome, Lis Leder" in page
    assert "What is expected of you" in page


def test_an_account_with_nothing_waiting_is_told_so(leader):
    client = Client()
    client.force_login(leader)
    page = client.get(reverse("core:home")).content.decode()
    assert "Der venter ikke noget på dig her." in page


def test_the_start_page_asks_the_database_a_fixed_number_of_questions(
    lis_client, admin_client, django_assert_max_num_queries
):
    for client in (lis_client, admin_client):
        client.get(reverse("core:home"))  # the session and the account, read once
        # 16; two for development's plan and chain, two for the networks (place, advice), one for talent,
        # one for action plans (their follow-ups and the logs' entries in one UNION; the units led are asked
        # once a request, by the indicators' part too), two for the indicators (the units led, asked once a
        # request for the menu, the key figures and the action plans alike; the key figures of those units)
        with django_assert_max_num_queries(25):
            assert client.get(reverse("core:home")).status_code == 200
