"""The surveys through the API: the survey page's figures, the same block gate and the same access."""

import datetime

import pytest
from django.db.models import F

from grundlag.api.services import api_token_create
from grundlag.audit.models import AuditEvent
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Block, BlockAggregate, BlockComment, Cycle, Instrument, Response
from grundlag.evaluations.reports import surveys as survey_reports
from grundlag.evaluations.reports.surveys import survey_report
from grundlag.evaluations.reports.tests import test_surveys as engine
from grundlag.evaluations.responding.answering import DONT_KNOW
from grundlag.evaluations.tests.factories import CycleFactory

pytestmark = pytest.mark.django_db

# The evaluations tests' world: a chief over two areas, North with six schools and South with two.
areas = engine.areas

SURVEYS = "/surveys"
SCHOOL_LEADER = "Dagtilbuds-, skole- og FU-leder"


def survey_path(cycle):
    return f"{SURVEYS}/{cycle.pk}"


@pytest.fixture
def conditions(builtin_frameworks, areas, administrator):
    """A closed conditions survey by area (block depth 2), and one a year earlier for the trend.

    Blocks: North's six school leaders (shown: they answer 4, the first "Ved ikke"), South's two school
    leaders and the chief alone (hidden, fewer than 5: they answer 1). Everyone comments.
    """
    earlier = engine.survey(
        builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator
    )
    services.evaluees_add(cycle=earlier, unit=areas["top"], by=administrator)
    earlier = engine.run(earlier, administrator, value_of=lambda invitation: "3")
    Cycle.objects.filter(pk=earlier.pk).update(
        name="Sidste år", created_at=earlier.created_at - datetime.timedelta(days=365)
    )

    cycle = engine.survey(
        builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator
    )
    services.local_question_add(
        cycle=cycle, text="Hvad ville give dig mere tid?", kind="open", by=administrator
    )
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)

    def value_of(invitation):
        name = invitation.evaluee.person.name
        return DONT_KNOW if name == "Leder Nord 1" else ("4" if "Nord" in name else "1")

    cycle = engine.run(cycle, administrator, value_of=value_of)
    return {"cycle": cycle, "earlier": Cycle.objects.get(pk=earlier.pk)}


@pytest.fixture
def api(client, areas, administrator):
    """GET an API path as admin, chief or school (North's first leader) by token, or anonymously."""
    users = {
        "admin": administrator,
        "chief": areas["chief"].user,
        "school": areas["leaders"][("Nord", 1)].user,
    }
    tokens = {
        key: api_token_create(user=user, name=f"Integration for {key}", by=user)[1]
        for key, user in users.items()
    }

    def get(path, persona=None, **params):
        headers = {"Authorization": f"Bearer {tokens[persona]}"} if persona else {}
        return client.get(f"/api/v1{path}", params, headers=headers)

    return get


def expected_row(report, row):
    """What the API should say of one of the page's rows."""
    return {
        "label": row.label,
        "leaders": row.leaders,
        "invited": row.invited,
        "answered": row.answered,
        "respondents": row.respondents or None,
        "reason": row.reason or None,
        "cells": [
            {
                "question": question.pk,
                "mean": cell.figure.mean if cell.figure else None,
                "count": cell.figure.count if cell.figure else None,
                "value_counts": list(cell.figure.value_counts) if cell.figure else None,
            }
            for question, cell in zip(report.questions, row.cells, strict=True)
        ],
        "span_median": row.span_median,
        "span_max": row.span_max,
    }


def by_label(rows):
    return {row["label"]: row for row in rows}


# --- The figures -----------------------------------------------------------------------------------


def test_the_survey_has_the_figures_of_the_survey_page(api, conditions, areas, administrator):
    cycle = conditions["cycle"]

    body = api(survey_path(cycle), "admin").json()

    page = survey_report(cycle=cycle, viewer=administrator)
    assert body["survey"] == {
        "id": cycle.pk,
        "name": cycle.name,
        "instrument": "conditions",
        "deadline": cycle.deadline.isoformat(),
    }
    assert (body["k"], body["comment_k"]) == (page.k, page.comment_k) == (5, 5)
    assert body["questions"] == [{"id": q.pk, "text": q.rater_text} for q in page.questions]
    assert len(body["questions"]) == 3
    assert body["total"] == expected_row(page, page.total)
    assert body["levels"] == [expected_row(page, row) for row in page.levels]
    assert [{k: v for k, v in row.items() if k not in ("unit", "level")} for row in body["rows"]] == [
        expected_row(page, row) for row in page.rows
    ]
    assert [row["unit"] for row in body["rows"]] == [row.unit.pk for row in page.rows]
    assert body["pagination"] == {"page": 1, "pages": 1, "rows": 3, "per_page": 50}
    assert body["blocks_hidden"] == page.blocks_hidden == 2
    # Not just equal, but the right figures: North's five real scores of 4, beside its spans 1–6.
    north = body["rows"][1]
    assert north["label"] == "Område Nord"
    assert north["unit"] == areas["areas"]["Nord"].pk
    assert north["level"] == {"key": engine.SCHOOL_LEADER, "name": SCHOOL_LEADER}
    assert north["cells"][0] | {"question": None} == {
        "question": None,
        "mean": 4.0,
        "count": 5,
        "value_counts": [0, 0, 0, 5, 0],
    }
    assert (north["respondents"], north["span_median"], north["span_max"]) == (6, 3.5, 6)
    # The hidden blocks are in no total: every figure is North's.
    assert [cell["mean"] for cell in body["total"]["cells"]] == [4.0, 4.0, 4.0]
    assert (body["total"]["leaders"], body["total"]["respondents"], body["total"]["label"]) == (
        9,
        6,
        "Alle viste samlet",
    )
    assert by_label(body["levels"])[SCHOOL_LEADER]["cells"][0]["mean"] == 4.0


def test_a_hidden_block_is_null_with_the_pages_reason(api, conditions):
    rows = api(survey_path(conditions["cycle"]), "admin").json()["rows"]

    hidden = [row for row in rows if row["reason"]]
    assert [(row["label"], row["reason"]) for row in hidden] == [
        ("Fiktiv Kommune", "færre end 5 svar"),
        ("Område Syd", "færre end 5 svar"),
    ]
    for row in hidden:
        assert row["respondents"] is None
        assert all(cell["mean"] is cell["count"] is cell["value_counts"] is None for cell in row["cells"])
    # Who was invited and who answered is shown, as on the page; never what they answered.
    assert (hidden[1]["leaders"], hidden[1]["invited"], hidden[1]["answered"]) == (2, 2, 2)


def test_comments_are_those_of_the_shown_blocks_without_names(api, conditions):
    comments = api(survey_path(conditions["cycle"]), "admin").json()["comments"]

    (north,) = comments
    assert north["label"] == f"Område Nord ({SCHOOL_LEADER})"
    assert north["question_text"] == "Hvad ville give dig mere tid?"
    assert north["texts"] == ["Mere tid til sparring."] * 6 and north["reason"] is None


def test_the_trend_is_the_total_of_this_and_earlier_surveys_of_the_same_kind(api, conditions):
    body = api(survey_path(conditions["cycle"]), "admin").json()

    questions = [q["id"] for q in body["questions"]]
    # Last year every block but North's was hidden as well; North answered 3 then.
    assert body["trend"] == [
        {
            "cycle": conditions["earlier"].pk,
            "name": "Sidste år",
            "current": False,
            "means": [{"question": q, "mean": 3.0} for q in questions],
        },
        {
            "cycle": conditions["cycle"].pk,
            "name": conditions["cycle"].name,
            "current": True,
            "means": [{"question": q, "mean": 4.0} for q in questions],
        },
    ]


def test_an_effect_picture_has_no_levels_and_no_spans(builtin_frameworks, api, areas, administrator):
    cycle = engine.survey(builtin_frameworks, instrument=Instrument.EFFECTS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["areas"]["Nord"], by=administrator)
    cycle = engine.run(cycle, administrator)

    body = api(survey_path(cycle), "admin").json()

    assert body["survey"]["instrument"] == "effects"
    assert body["levels"] == []
    (row,) = body["rows"]
    assert (row["label"], row["level"], row["respondents"]) == ("Område Nord", None, 21)
    assert row["span_median"] is row["span_max"] is body["total"]["span_median"] is None
    assert [cell["mean"] for cell in row["cells"]] == [4.0] * 6


def everything(api, conditions):
    """Every answer of both endpoints, as the administrator, the chief and a school leader see them."""
    calls = [(SURVEYS, {}), (survey_path(conditions["cycle"]), {}), (survey_path(conditions["earlier"]), {})]
    return [
        (persona, path, api(path, persona, **params).json())
        for persona in ("admin", "chief", "school")
        for path, params in calls
    ]


def test_changing_a_hidden_blocks_answers_changes_nothing_the_api_says(api, conditions):
    cycle = conditions["cycle"]
    before = everything(api, conditions)
    # A closed survey keeps no response: only its blocks' counts, and none for a block too small ever to
    # be shown.
    assert not Response.objects.filter(evaluee__cycle=cycle).exists()
    assert not BlockAggregate.objects.filter(block__cycle=cycle, block__respondents__lt=3).exists()
    for name in ("Område Syd", "Fiktiv Kommune"):
        block = Block.objects.get(cycle=cycle, unit__name=name)
        BlockAggregate.objects.filter(block=block).update(
            count_5=F("count_5") + 7, scores=F("scores") + 7, total=F("total") + 35
        )
        BlockComment.objects.filter(block=block).update(text="changed")

    after = everything(api, conditions)
    assert after == before
    assert "changed" not in str(after)


# --- Who sees what ---------------------------------------------------------------------------------


def test_the_chief_sees_the_survey_and_every_block_of_their_subtree(api, conditions):
    listed = api(SURVEYS, "chief").json()
    body = api(survey_path(conditions["cycle"]), "chief").json()

    assert [item["id"] for item in listed["items"]] == [conditions["cycle"].pk, conditions["earlier"].pk]
    assert listed["count"] == 2
    assert listed["items"][0] == {
        "id": conditions["cycle"].pk,
        "name": conditions["cycle"].name,
        "instrument": "conditions",
        "deadline": conditions["cycle"].deadline.isoformat(),
    }
    assert [row["label"] for row in body["rows"]] == ["Fiktiv Kommune", "Område Nord", "Område Syd"]


def test_a_leader_below_the_blocks_gets_not_found_and_an_empty_list(api, conditions):
    # The blocks are the areas and the municipality, above the school the leader leads.
    not_yours = api(survey_path(conditions["cycle"]), "school")
    missing = api(f"{SURVEYS}/999999999", "admin")

    assert api(SURVEYS, "school").json() == {"items": [], "count": 0}
    assert not_yours.status_code == missing.status_code == 404
    assert not_yours.content == missing.content
    assert "Nord" not in not_yours.content.decode()


def test_a_360_cycle_or_an_open_survey_is_not_found(builtin_frameworks, api, areas, administrator):
    evaluation = CycleFactory(status=Cycle.Status.CLOSED)
    open_survey = engine.survey(builtin_frameworks, instrument=Instrument.EFFECTS, by=administrator)
    services.evaluees_add(cycle=open_survey, unit=areas["areas"]["Syd"], by=administrator)
    services.cycle_launch(cycle=open_survey, by=administrator)

    assert api(survey_path(evaluation), "admin").status_code == 404
    assert api(survey_path(open_survey), "admin").status_code == 404
    assert api(SURVEYS, "admin").json()["count"] == 0


def test_every_endpoint_refuses_anonymous_callers(api, conditions):
    for path in (SURVEYS, survey_path(conditions["cycle"])):
        response = api(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Bearer"
        assert "Nord" not in response.content.decode()


# --- Pages and the audit ------------------------------------------------------------------------------


def test_block_rows_come_a_page_at_a_time_and_a_page_past_the_last_is_the_last(api, conditions, monkeypatch):
    monkeypatch.setattr(survey_reports, "ROWS_PER_PAGE", 1)
    path = survey_path(conditions["cycle"])

    second = api(path, "admin", page=2).json()
    past = api(path, "admin", page=99).json()

    assert second["pagination"] == {"page": 2, "pages": 3, "rows": 3, "per_page": 1}
    assert [row["label"] for row in second["rows"]] == ["Område Nord"]
    assert len(second["comments"]) == 1  # North's, on this page
    assert past["pagination"]["page"] == 3 and [row["label"] for row in past["rows"]] == ["Område Syd"]
    assert past["comments"] == []
    # The totals are of every page.
    assert second["total"] == past["total"] and second["total"]["leaders"] == 9


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", str(10**12)])
def test_a_bad_page_is_a_client_error(api, conditions, page):
    response = api(survey_path(conditions["cycle"]), "admin", page=page)

    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_reading_a_survey_is_audited_without_names(api, conditions):
    api(survey_path(conditions["cycle"]), "chief", page=1)

    (event,) = AuditEvent.objects.filter(action="survey_report.api")
    assert event.object_id == str(conditions["cycle"].pk)
    assert event.detail.startswith("page=1; token ") and "Nord" not in event.detail
