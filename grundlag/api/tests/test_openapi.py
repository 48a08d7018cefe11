"""The OpenAPI description holds: generated calls as the administrator never fail and match the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from config.wsgi import application

pytestmark = pytest.mark.django_db


# Loaded when the module is collected (the description needs no database); the calls run in each test's
# database transaction. schemathesis.pytest.from_fixture would be lazier but does not work with pytest 9.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def in_test_transaction():
    """Keep the test's database connection across calls into the real WSGI application.

    Django closes a connection that is inside a transaction when a request starts or finishes; its
    test client switches that off, and calls made straight into the application must too.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_description_is_served_without_signing_in(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    description = response.json()
    assert description["info"]["title"] == "Grundlag API"
    assert description["components"]["securitySchemes"]["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
    }
    assert {path.removeprefix("/api/v1") for path in description["paths"]} == {
        "/units",
        "/units/{unit_id}",
        "/people",
        "/people/{person_id}",
        "/posts",
        "/posts/{post_id}",
        "/frameworks",
        "/frameworks/{slug}",
        "/frameworks/{slug}/versions/{number}",
    }


def test_there_is_no_swagger_page_that_the_csp_would_break(client):
    assert client.get("/api/v1/docs").status_code == 404


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_calls_never_fail_and_match_the_schema(case, org, tokens, in_test_transaction):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens['admin']}"})
