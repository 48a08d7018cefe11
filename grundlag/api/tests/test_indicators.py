"""Indicators through the API: definitions for leaders, a unit's figures only through the publication gate (a
withheld figure's value is never in the answer), and the bulk write through the importer, all or nothing."""

import json

import pytest
from django.test import Client

from grundlag.api import indicators as api_indicators
from grundlag.audit.models import AuditEvent
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.publication_cache import publication_cache_clear
from grundlag.indicators.services import indicators_import

pytestmark = pytest.mark.django_db

WELLBEING = {
    "key": "trivsel",
    "name": "Generel trivsel",
    "data_type": "perceptionsdata",
    "direction": "higher",
    "scale": [1, 5],
    "min_n": 5,
    "credit": "Kilde: Uddannelsesstatistik.dk",
}
# Birk's figure rests on 3 answers: below min_n 5, withheld. Its value must never be sent.
SECRET_VALUE = "4.1234"


def rows(*extra):
    return [
        {
            "indicator": "trivsel",
            "unit": "ahorn",
            "period": "2023/24",
            "value": "3.9",
            "n": "40",
            "sd": "0.6",
        },
        {"indicator": "trivsel", "unit": "birk", "period": "2023/24", "value": SECRET_VALUE, "n": "3"},
        *extra,
    ]


def imported(observations, indicators=(WELLBEING,)):
    document = {"indicators": list(indicators), "observations": observations}
    outcome = indicators_import(data=json.dumps(document).encode(), filename="trivsel.json")
    assert outcome.applied, outcome.problems
    publication_cache_clear()
    return outcome


@pytest.fixture
def figures(org):
    return imported(rows())


@pytest.fixture
def post(client, tokens):
    """POST a JSON body to an API path as a persona (by token), or anonymously with persona None."""

    def send(path, body, persona=None):
        headers = {"Authorization": f"Bearer {tokens[persona]}"} if persona else {}
        return client.post(
            f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=headers
        )

    return send


def observations_of(call, unit, persona, **params):
    return call(f"/units/{unit.pk}/observations", persona, **params)


# --- Definitions ---------------------------------------------------------------------------------


def test_leaders_and_administrators_read_the_definitions_and_no_one_else(call, figures):
    for persona in ("admin", "lis", "dorte"):
        [indicator] = call("/indicators", persona).json()["items"]
        assert (indicator["key"], indicator["min_n"], indicator["scale_max"]) == ("trivsel", 5, 5.0)
        assert indicator["credit"] == "Kilde: Uddannelsesstatistik.dk"
    assert call("/indicators", "ulla").status_code == 403
    assert call("/indicators").status_code == 401


# --- A unit's figures ----------------------------------------------------------------------------


def test_a_shown_figure_is_given_with_n_and_sd(call, org, figures):
    response = observations_of(call, org["units"]["ahorn"], "lis")

    assert response.status_code == 200
    [figure] = response.json()["items"]
    assert figure == {
        "indicator": "trivsel",
        "period": "2023/24",
        "period_kind": "school_year",
        "period_start": "2023-08-01",
        "shown": True,
        "value": 3.9,
        "n": 40,
        "sd": 0.6,
        "reason": None,
        "reason_text": None,
    }


def test_a_withheld_figures_value_is_never_in_the_answer(call, org, figures):
    response = observations_of(call, org["units"]["birk"], "admin")

    [figure] = response.json()["items"]
    assert (figure["shown"], figure["value"], figure["n"], figure["sd"]) == (False, None, None, None)
    assert figure["reason"] == "too_few"
    assert SECRET_VALUE.encode() not in response.content and b"4.12" not in response.content
    assert b'"n": 3' not in response.content and b'"n":3' not in response.content


def test_a_figure_hidden_to_protect_another_is_withheld_too(call, org):
    # With the school department's figure shown, Ahorn's would let Birk's be computed: the gate hides it.
    department = {"indicator": "trivsel", "unit": "skole", "period": "2023/24", "value": "3.92", "n": "43"}
    imported(rows(department))

    response = observations_of(call, org["units"]["ahorn"], "lis")

    [figure] = response.json()["items"]
    assert (figure["value"], figure["reason"]) == (None, "secondary")
    assert (
        b"3.9," not in response.content and b"3.9}" not in response.content and b"40" not in response.content
    )
    assert SECRET_VALUE.encode() not in response.content


def test_only_units_the_caller_may_see_are_found(call, org, figures):
    ahorn, birk = org["units"]["ahorn"], org["units"]["birk"]
    assert observations_of(call, birk, "lis").status_code == 404  # Lis leads Ahorn, not Birk
    assert observations_of(call, ahorn, "ulla").status_code == 404
    assert observations_of(call, ahorn, "dorte").status_code == 200  # above both
    assert call("/units/999999/observations", "admin").status_code == 404
    assert observations_of(call, ahorn, None).status_code == 401


def test_the_figures_can_be_narrowed_to_an_indicator_and_a_period(call, org, figures):
    imported(
        [{"indicator": "trivsel", "unit": "ahorn", "period": "2024/25", "value": "4.0", "n": "41"}],
        indicators=(),
    )
    ahorn = org["units"]["ahorn"]

    assert [f["period"] for f in observations_of(call, ahorn, "lis").json()["items"]] == [
        "2023/24",
        "2024/25",
    ]
    assert [f["value"] for f in observations_of(call, ahorn, "lis", period="2024/25").json()["items"]] == [
        4.0
    ]
    assert observations_of(call, ahorn, "lis", indicator="karakterer").json()["items"] == []
    assert observations_of(call, ahorn, "lis", period="2023/25").json()["items"] == []  # no school year
    refused = observations_of(call, ahorn, "lis", period="sidste år")
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "period"]


# --- The bulk write ------------------------------------------------------------------------------


def test_the_administrator_writes_observations_in_bulk(post, org):
    response = post("/observations", {"indicators": [WELLBEING], "observations": rows()}, "admin")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["applied"], body["rows"], body["matched_units"]) == (True, 2, 2)
    assert body["indicators"]["new"] == 1 and body["observations"]["new"] == 2
    assert Observation.objects.filter(indicator__key="trivsel").count() == 2
    assert AuditEvent.objects.filter(action="indicators.import").count() == 1

    again = post("/observations", {"observations": rows()}, "admin").json()
    assert again["observations"] == {"new": 0, "changed": 0, "unchanged": 2}


def test_a_dry_run_checks_and_counts_but_writes_nothing(post, org):
    response = post(
        "/observations", {"indicators": [WELLBEING], "observations": rows(), "dry_run": True}, "admin"
    )

    assert response.status_code == 200
    assert (response.json()["applied"], response.json()["observations"]["new"]) == (False, 2)
    assert not Indicator.objects.exists() and not Observation.objects.exists()


def test_one_bad_row_refuses_every_row_and_names_each_problem(post, org, figures):
    before = list(Observation.objects.values_list("unit__key", "value"))
    bad = rows(
        {"indicator": "trivsel", "unit": "ahorn", "period": "2024/25", "value": "9"},  # outside the scale
        {"indicator": "trivsel", "unit": "ahorn", "period": "i fjor", "value": "3"},
        {"indicator": "trivsel", "unit": "Ingen Skole", "period": "2024/25", "value": "3"},
    )
    bad[0]["value"] = "4.5"  # a change that must not be written

    response = post("/observations", {"observations": bad}, "admin")

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert [(p["row"], p["field"], p["unit_not_found"]) for p in problems] == [
        (4, "period", False),
        (5, "unit", True),
        (3, "trivsel", False),
    ]
    assert "outside the scale" in problems[2]["message"] or "uden for skalaen" in problems[2]["message"]
    assert list(Observation.objects.values_list("unit__key", "value")) == before


def test_a_row_whose_unit_is_not_found_refuses_the_request(post, org, figures):
    unknown = {"indicator": "trivsel", "unit": "Ingen Skole", "period": "2024/25", "value": "3.1"}
    good = {"indicator": "trivsel", "unit": "ahorn", "period": "2024/25", "value": "3.1"}

    response = post("/observations", {"observations": [good, unknown]}, "admin")

    assert response.status_code == 400 and response.json()["problems"][0]["row"] == 2
    assert not Observation.objects.filter(period="2024/25").exists()


def test_the_file_the_importer_refuses_is_refused_by_the_api_with_the_same_row_messages(post, org, figures):
    csv = (
        b"indicator,unit,period,value,n,sd\n"
        b"trivsel,ahorn,2024/25,3.8,40,0.5\n"
        b"trivsel,birk,2024/25,mange,12,\n"
        b"ukendt,ahorn,2024/25,3.1,,\n"
        b"trivsel,ahorn,2024,3.1,-2,\n"
        b"trivsel,birk,2024/25,7.5,40,\n"
        b"trivsel,Ingen Skole,2024/25,3.9,40,\n"
    )
    by_importer = indicators_import(data=csv, filename="fil.csv", dry_run=True)
    assert by_importer.errors
    as_rows = [
        dict(zip(["indicator", "unit", "period", "value", "n", "sd"], line.split(","), strict=True))
        for line in csv.decode().splitlines()[1:]
    ]

    response = post("/observations", {"observations": as_rows}, "admin")

    assert response.status_code == 400
    # The file's row 1 is its header: its row r is the request's observation r - 1.
    assert [(p["row"], p["field"], p["message"]) for p in response.json()["problems"]] == [
        (problem.row - 1, problem.column, problem.message) for problem in by_importer.problems
    ]
    assert not Observation.objects.filter(period="2024/25").exists()


def test_broken_definitions_are_the_importers_refusal_too(post, org):
    broken = {**WELLBEING, "data_type": "stemning"}

    response = post("/observations", {"indicators": [broken], "observations": rows()}, "admin")

    assert response.status_code == 400 and "data_type" in response.json()["problems"][0]["message"]
    assert not Indicator.objects.exists()


def test_only_an_administrator_writes(post, org):
    for persona in ("lis", "dorte", "ulla"):
        assert (
            post("/observations", {"indicators": [WELLBEING], "observations": rows()}, persona).status_code
            == 403
        )
    assert post("/observations", {"observations": rows()}).status_code == 401
    assert not Observation.objects.exists()


def test_a_signed_in_administrator_needs_the_csrf_token(administrator, org):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(administrator)

    response = browser.post(
        "/api/v1/observations",
        json.dumps({"indicators": [WELLBEING], "observations": rows()}),
        content_type="application/json",
    )

    assert response.status_code == 403 and not Observation.objects.exists()


def test_the_request_is_bounded(post, org, monkeypatch):
    many = [dict(rows()[0], period=f"{2000 + i % 20}") for i in range(api_indicators.MAX_OBSERVATIONS + 1)]
    response = post("/observations", {"observations": many}, "admin")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][:2] == ["body", "observations"]

    monkeypatch.setattr(api_indicators, "MAX_BODY_BYTES", 1000)
    response = post("/observations", {"indicators": [WELLBEING] * 10, "observations": rows()}, "admin")
    assert response.status_code == 413 and "detail" in response.json()
    assert not Observation.objects.exists()


def test_a_body_that_is_not_the_schema_is_422(post, client, tokens, org):
    assert post("/observations", {"rows": []}, "admin").status_code == 422
    assert post("/observations", {"observations": [{"indicator": "trivsel"}]}, "admin").status_code == 422
    not_json = client.post(
        "/api/v1/observations",
        "indicator,unit",
        content_type="text/csv",
        headers={"Authorization": f"Bearer {tokens['admin']}"},
    )
    assert not_json.status_code == 422
