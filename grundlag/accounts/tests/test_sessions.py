"""Sessions end after a short idle time, and after a fixed lifetime from the login however active."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grundlag.accounts.middleware import LOGIN_AT, RENEW_SECONDS, RENEWED_AT
from grundlag.audit.models import AuditEvent

from .conftest import page_text

pytestmark = pytest.mark.django_db

PASSWORD = "x-leader-pass-1"  # the root conftest's leader


def signed_in(client) -> bool:
    return client.get(reverse("frameworks:list")).context["user"].is_authenticated


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def log_in(client):
    response = client.post(reverse("login"), {"username": "leder", "password": PASSWORD})
    assert response.status_code == 302


def test_the_default_session_is_short_enough_for_a_public_authority(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_LIFETIME_HOURS == 8


def test_a_request_renews_the_idle_limit(client, leader, settings):
    log_in(client)
    session = client.session
    session[RENEWED_AT] -= RENEW_SECONDS  # the last renewal a minute ago
    session.save()
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )

    response = client.get(reverse("frameworks:list"))

    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert session_row(client).expire_date > timezone.now() + datetime.timedelta(minutes=29)


def test_requests_within_a_minute_of_the_last_renewal_do_not_write_the_session(client, leader):
    log_in(client)
    client.get(reverse("frameworks:list"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("frameworks:list")).status_code == 200
    assert not [
        q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


def test_an_idle_session_expires(client, leader):
    log_in(client)
    assert signed_in(client)

    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert not signed_in(client)


def test_a_session_past_its_lifetime_is_logged_out_even_if_active(client, leader, settings):
    log_in(client)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.SESSION_LIFETIME_HOURS * 3600 - 1
    session.save()

    response = client.get(reverse("organisation:my_page"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    login_page = client.get(response["Location"])
    assert "Du er blevet logget ud, fordi du har været logget ind i 8 timer." in page_text(login_page)
    assert not signed_in(client)
    assert AuditEvent.objects.filter(action="auth.logout", user=leader).exists()


def test_a_session_within_its_lifetime_stays_signed_in(client, leader, settings):
    log_in(client)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.SESSION_LIFETIME_HOURS * 3600 + 60
    session.save()

    assert signed_in(client)


def test_logging_in_again_starts_a_new_lifetime(client, leader, settings):
    log_in(client)
    session = client.session
    earlier = int(time.time()) - 3600
    session[LOGIN_AT] = earlier
    session.save()

    log_in(client)

    assert client.session[LOGIN_AT] > earlier
