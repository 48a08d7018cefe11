"""The OpenAPI description holds: generated calls as the administrator never fail and match the schema."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application
from grundlag.api.tests.evaluation_results import closed_cycle, closed_survey, evaluate, respond
from grundlag.evaluations.models import Cycle, Instrument, RaterGroup
from grundlag.evaluations.reports.services import aggregates_build

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
        "/evaluation-reports",
        "/evaluation-reports/{evaluee_id}",
        "/evaluation-cycles",
        "/evaluation-cycles/{cycle_id}/heatmap",
        "/surveys",
        "/surveys/{cycle_id}",
        "/development-dialogues",
        "/development-dialogues/{dialogue_id}",
        "/development-plans",
        "/development-plans/{plan_id}",
        "/forums",
        "/events",
        "/events/{event_id}",
        "/events/{event_id}/place",
        "/events/{event_id}/offer",
        "/calendar",
        "/indicators",
        "/units/{unit_id}/observations",
        "/observations",
        "/action-plans",
        "/action-plans/{plan_id}",
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
    # The real token replaces whatever Authorization header schemathesis made up: where it broke the
    # headers to make a case invalid, the API gets a valid request, which it rightly answers.
    replaced = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    excluded = [negative_data_rejection] if replaced else []
    if case.method == "POST" and case.path == "/api/v1/observations":
        # The importer refuses rows the schema cannot judge (a unit not found, a period that is none): 400.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {tokens['admin']}"},
        excluded_checks=excluded or None,
    )


@pytest.fixture
def evaluation_results(org):
    """A closed cycle with figures, hidden groups and comments, and an open one: real reports and heatmaps."""
    cycle, q = closed_cycle(report_to_superior=True)
    lis = evaluate(org, cycle)
    respond(
        lis, RaterGroup.EMPLOYEE, q, [(4, 2, 5), (4, 3, None), (5, 2, 4), (3, 3, 5), (4, 2, 5)], list("abcde")
    )
    respond(lis, RaterGroup.PEER, q, [(2, 2, 2)] * 2)
    respond(lis, RaterGroup.SELF, q, [(5, 2, 3)], ["mig"])
    aggregates_build(cycle=cycle)
    open_cycle, _q = closed_cycle()
    Cycle.objects.filter(pk=open_cycle.pk).update(status=Cycle.Status.LAUNCHED)
    return {"cycle": cycle, "lis": lis, "open": evaluate(org, open_cycle), "org": org}


def test_real_evaluation_results_match_the_schema(evaluation_results, tokens, in_test_transaction):
    # Generated ids almost never name a report or cycle that exists; these calls do.
    results, org = evaluation_results, evaluation_results["org"]
    calls = [
        ("/api/v1/evaluation-reports", {}, {}),
        ("/api/v1/evaluation-reports/{evaluee_id}", {"evaluee_id": results["lis"].pk}, {}),
        ("/api/v1/evaluation-reports/{evaluee_id}", {"evaluee_id": results["open"].pk}, {}),
        ("/api/v1/evaluation-cycles", {}, {}),
        ("/api/v1/evaluation-cycles/{cycle_id}/heatmap", {"cycle_id": results["cycle"].pk}, {}),
        (
            "/api/v1/evaluation-cycles/{cycle_id}/heatmap",
            {"cycle_id": results["cycle"].pk},
            {"unit": org["units"]["ahorn"].pk, "by": "level"},
        ),
    ]
    for persona in ("lis", "admin"):
        for path, path_parameters, query in calls:
            case = schema[path]["GET"].Case(
                path_parameters=path_parameters,
                query=query,
                headers={"Authorization": f"Bearer {tokens[persona]}"},
            )
            assert case.call_and_validate().status_code == 200, (persona, path, query)


def test_real_surveys_match_the_schema(org, builtin_frameworks, users, tokens, in_test_transaction):
    # The effect picture by department: one block shown (7 employees) with comments, one hidden, and a
    # trend; the conditions survey: levels and spans, every block hidden (4 leaders).
    municipality, admin = org["units"]["municipality"], users["admin"]
    by_department = {"instrument": Instrument.EFFECTS, "unit": municipality, "by": admin, "block_depth": 2}
    closed_survey(builtin_frameworks, days_ago=365, **by_department)
    effects = closed_survey(builtin_frameworks, **by_department)
    conditions = closed_survey(
        builtin_frameworks, instrument=Instrument.CONDITIONS, unit=municipality, by=admin
    )
    calls = [("/api/v1/surveys", {}, {})]
    for cycle in (effects, conditions):
        calls += [
            ("/api/v1/surveys/{cycle_id}", {"cycle_id": cycle.pk}, {}),
            ("/api/v1/surveys/{cycle_id}", {"cycle_id": cycle.pk}, {"page": 2}),
        ]
    bodies = {}
    for persona in ("dorte", "admin"):
        for path, path_parameters, query in calls:
            case = schema[path]["GET"].Case(
                path_parameters=path_parameters,
                query=query,
                headers={"Authorization": f"Bearer {tokens[persona]}"},
            )
            response = case.call_and_validate()
            assert response.status_code == 200, (persona, path, query)
            bodies[path_parameters.get("cycle_id")] = response.json()
    assert bodies[effects.pk]["comments"][0]["texts"] and bodies[effects.pk]["trend"]
    assert any(cell["mean"] for cell in bodies[effects.pk]["total"]["cells"])
    assert bodies[conditions.pk]["levels"] and bodies[conditions.pk]["rows"][0]["span_max"] is not None
