"""Login, logout and throttling: a locked-out user gets a clear page, the logs get nothing personal."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from grundlag.audit.models import AuditEvent

from .conftest import english, page_text

pytestmark = pytest.mark.django_db

PASSWORD = "x-leader-pass-1"  # the root conftest's leader


def login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_logs_in_with_a_username_and_password(client, leader):
    response = login(client, "leder", PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("frameworks:list")).context["user"] == leader


def test_it_refuses_a_wrong_password_with_a_message_on_the_form(client, leader):
    response = login(client, "leder", "wrong")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not response.context["user"].is_authenticated


def test_the_login_page_labels_its_fields_and_links_to_password_reset(client):
    response = client.get(english("login"))

    text = page_text(response)
    assert '<label class="form-label" for="id_username">' in text
    assert '<label class="form-label" for="id_password">' in text
    assert english("password_reset") in text
    assert "single sign-on" not in text


def test_it_pauses_logins_after_the_failure_limit_with_a_429_page_saying_when(client, leader, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "leder", "wrong").status_code == 200

    locked = login(client, "leder", "wrong")

    assert locked.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in locked.templates]
    assert locked.context["minutes"] == 15
    assert locked.context["until"].strftime("%H:%M") in page_text(locked)
    assert "Content-Security-Policy" in locked
    # Even the right password is refused until the pause ends.
    assert login(client, "leder", PASSWORD).status_code == 429
    assert not client.get(reverse("frameworks:list")).context["user"].is_authenticated


def test_the_lockout_page_says_in_words_when_to_try_again(client, leader, settings):
    settings.AXES_FAILURE_LIMIT = 1

    response = client.post(english("login"), {"username": "leder", "password": "wrong"})

    text = page_text(response)
    assert response.status_code == 429
    assert "logging in is paused for 15 minutes" in text
    assert "Try again after" in text
    assert "Traceback" not in text


def test_the_pause_holds_one_username_at_one_address_only(client, leader, settings):
    settings.AXES_FAILURE_LIMIT = 2
    login(client, "leder", "wrong")
    assert login(client, "leder", "wrong").status_code == 429

    assert login(client, "leder", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_successful_login_resets_the_count_of_failures(client, leader, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login(client, "leder", "wrong")
    login(client, "leder", "wrong")
    login(client, "leder", PASSWORD)
    client.post(reverse("logout"))

    assert login(client, "leder", "wrong").status_code == 200
    assert login(client, "leder", "wrong").status_code == 200


def test_nothing_personal_is_logged_when_logins_fail(client, leader, caplog, settings):
    settings.AXES_FAILURE_LIMIT = 2
    caplog.set_level(logging.DEBUG)

    login(client, "leder", "secret-guess-1", address="192.0.2.77")
    login(client, "leder", "secret-guess-2", address="192.0.2.77")
    login(client, "no-such-person@example.dk", "secret-guess-3", address="192.0.2.77")

    assert any("AXES" in record.getMessage() for record in caplog.records)  # it did log, without names
    for record in caplog.records:
        message = record.getMessage()
        for personal in ("leder", "no-such-person", "192.0.2.77", "secret-guess"):
            assert personal not in message, f"{record.name} logged {personal!r}"


def test_logins_and_failed_logins_are_audited_without_the_attempted_name(client, leader):
    login(client, "leder", "wrong")
    login(client, "nobody-by-that-name", "wrong")
    login(client, "leder", PASSWORD)

    events = list(AuditEvent.objects.order_by("id").values_list("action", "user_id", "user_label"))
    assert events == [
        ("auth.login_failed", leader.pk, "leder"),
        ("auth.login_failed", None, ""),
        ("auth.login", leader.pk, "leder"),
    ]
    assert not AuditEvent.objects.filter(detail__contains="nobody").exists()


def test_logging_out_ends_the_session(client, leader):
    login(client, "leder", PASSWORD)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert not client.get(reverse("frameworks:list")).context["user"].is_authenticated
    assert AuditEvent.objects.filter(action="auth.logout", user=leader).exists()


@override_settings(OIDC_ENABLED=True, ROOT_URLCONF="grundlag.accounts.tests.oidc_urls")
def test_the_login_page_offers_single_sign_on_when_it_is_configured(client):
    response = client.get(english("login") + "?next=/frameworks/")

    text = page_text(response)
    assert "Log in with single sign-on" in text
    assert reverse("oidc_authentication_init") + "?next=/frameworks/" in text


# --- Behind a proxy: the pause holds one username from one real client address ------------------------

PROXY = "10.0.0.1"  # the reverse proxy in front of Grundlag, the peer of every request


def login_through_proxy(client, username, password, forwarded_for):
    """A login as the proxy passes it on: it appends the address it was reached from to X-Forwarded-For."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_the_pause_holds_the_username_only_from_the_failing_client(client, leader, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login_through_proxy(client, "leder", "wrong", "203.0.113.5").status_code == 200
    assert login_through_proxy(client, "leder", "wrong", "203.0.113.5").status_code == 429

    # The owner of the account, at another address behind the same proxy, still logs in.
    assert login_through_proxy(client, "leder", PASSWORD, "198.51.100.7").status_code == 302
    client.post(reverse("logout"))
    assert login_through_proxy(client, "leder", PASSWORD, "203.0.113.5").status_code == 429


def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_pause(client, leader, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    # The attacker sends an X-Forwarded-For of their own each time; the proxy appends their real address.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = login_through_proxy(client, "leder", "wrong", f"192.0.2.{attempt + 1}, 203.0.113.5")

    assert response.status_code == 429
    assert login_through_proxy(client, "leder", PASSWORD, "192.0.2.99, 203.0.113.5").status_code == 429
    assert login_through_proxy(client, "leder", PASSWORD, "198.51.100.7").status_code == 302


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(client, leader, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 2
    settings.AXES_FAILURE_LIMIT = 2
    login_through_proxy(client, "leder", "wrong", "192.0.2.1, 203.0.113.5, 10.0.0.2")
    locked = login_through_proxy(client, "leder", "wrong", "192.0.2.2, 203.0.113.5, 10.0.0.2")

    assert locked.status_code == 429
    assert login_through_proxy(client, "leder", PASSWORD, "198.51.100.7, 10.0.0.2").status_code == 302


def test_without_a_proxy_count_x_forwarded_for_is_not_trusted(client, leader, settings):
    settings.AXES_IPWARE_PROXY_COUNT = None
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("login"),
            {"username": "leder", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt + 1}",
        )
    assert response.status_code == 429

    forged = client.post(
        reverse("login"),
        {"username": "leder", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert forged.status_code == 429
