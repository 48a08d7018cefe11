"""/readyz: ready when the database answers and a task worker was seen lately; 503 saying what is wrong."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def _seen(seconds_ago: int) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", started_at=now, last_seen=now - datetime.timedelta(seconds=seconds_ago)
    )


def test_it_is_ready_when_the_database_answers_and_a_worker_was_seen_lately(client, settings):
    settings.READINESS_WORKER_SECONDS = 60
    _seen(10)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "task_workers": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_it_is_not_ready_when_no_worker_was_seen_within_the_window(client, settings):
    settings.READINESS_WORKER_SECONDS = 60
    _seen(61)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "database": "ok", "task_workers": "none seen for 60 s"}
    assert "no-store" in response["Cache-Control"]


def test_a_load_balancer_may_leave_the_workers_out(client):
    response = client.get("/readyz?workers=0")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "database": "ok", "task_workers": "not checked"}


def test_it_is_not_ready_when_the_database_does_not_answer_and_names_no_host(client, settings):
    _seen(0)
    refused = OperationalError('connection to server at "db.kommune.internal" (10.0.0.5), port 5432 failed')
    with mock.patch("grundlag.core.selectors.connection.cursor", side_effect=refused):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "not ready", "database": "unavailable", "task_workers": "unknown"}
    assert b"kommune" not in response.content and b"10.0.0.5" not in response.content


def test_it_names_no_worker_needs_no_login_and_writes_no_audit_row(client):
    _seen(0)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert b"w1" not in response.content
    assert not AuditEvent.objects.exists()


def test_the_bare_health_endpoint_asks_nothing_of_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").content == b"ok"
