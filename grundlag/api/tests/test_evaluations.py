"""360° results through the API: the same figures, the same anonymity gate and the same access as the
report pages and the organisation heatmap."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from grundlag.api.services import api_token_create, api_token_revoke
from grundlag.audit.models import AuditEvent
from grundlag.evaluations.models import Answer, Comment, Cycle, RaterGroup
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.reports.org import org_heatmap
from grundlag.evaluations.reports.services import aggregates_build

from .evaluation_results import closed_cycle, evaluate, respond

pytestmark = pytest.mark.django_db

REPORTS = "/evaluation-reports"
CYCLES = "/evaluation-cycles"
ENDPOINTS = [
    "/evaluation-reports",
    "/evaluation-reports/{evaluee}",
    CYCLES,
    "/evaluation-cycles/{cycle}/heatmap",
]


@pytest.fixture
def evaluated(org):
    """Lis in a closed cycle shared with her superior Dorte, and in an earlier one for the trend.

    Lis: employees 5 (shown; q3 has only four real scores), peers 3 (shown, but too few for comments),
    others 2 (below 3: hidden), self, and the superior (hidden: the cycle does not show them).
    Bo: employees 4 (below 5: hidden), peers 3.
    """
    earlier, q_old = closed_cycle(days_ago=365, report_to_superior=True)
    old = evaluate(org, earlier)
    respond(old, RaterGroup.EMPLOYEE, q_old, [(3, 3, 3)] * 5)
    respond(old, RaterGroup.SELF, q_old, [(5, 5, 5)])
    aggregates_build(cycle=earlier)

    cycle, q = closed_cycle(report_to_superior=True)
    lis = evaluate(org, cycle)
    respond(
        lis,
        RaterGroup.EMPLOYEE,
        q,
        [(4, 2, 5), (4, 3, 5), (5, 2, 4), (3, 3, 5), (4, 2, None)],
        comments=["tydelig", "Aldrig for sent", "åben dør", "bedre møder", "Altid venlig"],
    )
    respond(lis, RaterGroup.PEER, q, [(3, 3, 3), (3, 4, 3), (3, 5, 3)], comments=["a", "b", "c"])
    respond(lis, RaterGroup.OTHER, q, [(1, 1, 1), (1, 1, 1)])
    respond(lis, RaterGroup.SELF, q, [(5, 2, 3)], comments=["mig selv"])
    respond(lis, RaterGroup.SUPERIOR, q, [(1, 1, 1)])
    bo = evaluate(org, cycle, person="bo", unit="birk", superior="carl")
    respond(bo, RaterGroup.EMPLOYEE, q, [(5, 5, 5)] * 4)  # below 5: hidden whole
    respond(bo, RaterGroup.PEER, q, [(2, 2, 2)] * 3)
    aggregates_build(cycle=cycle)
    return {"cycle": cycle, "earlier": earlier, "q": q, "lis": lis, "bo": bo}


@pytest.fixture
def api(client, tokens, users):
    """GET an API path as a persona by token (English answers), or anonymously with persona None."""
    tokens = {**tokens, "bo": _token_for("bo", users)}

    def get(path, persona=None, **params):
        headers = {"Accept-Language": "en"}
        if persona:
            headers["Authorization"] = f"Bearer {tokens[persona]}"
        return client.get(f"/api/v1{path}", params, headers=headers)

    return get


def _token_for(username, users):
    user = get_user_model().objects.get(username=username)
    return api_token_create(user=user, name=f"Integration for {username}", by=user)[1]


def report_path(evaluee):
    return f"{REPORTS}/{evaluee.pk}"


def heatmap_path(cycle):
    return f"{CYCLES}/{cycle.pk}/heatmap"


def figures(cell):
    figure = cell.figure
    return {
        "mean": figure.mean if figure else None,
        "count": figure.count if figure else None,
        "value_counts": list(figure.value_counts) if figure else None,
    }


def by_column(cells):
    return {cell["column"]: cell for cell in cells}


# --- The report ----------------------------------------------------------------------------------


def test_the_report_has_the_figures_of_the_report_page(api, evaluated, users):
    lis = evaluated["lis"]

    body = api(report_path(lis), "lis").json()

    with translation.override("en"):
        page = leader_report(evaluee=lis, viewer=users["lis"])
    assert body["ready"] is True
    assert body["leader"] == "Lis Leder"
    assert body["cycle"]["id"] == evaluated["cycle"].pk and body["cycle"]["status"] == "closed"
    assert body["columns"] == [
        {"key": c.key, "label": c.label, "respondents": c.respondents} for c in page.columns
    ]
    assert [c["key"] for c in body["columns"]] == ["self", "employee", "peer", "others"]
    assert [s["key"] for s in body["sections"]] == [s.key for s in page.sections] == ["a", "b"]
    statements_seen = 0
    for section_out, section in zip(body["sections"], page.sections, strict=True):
        assert section_out["title"] == section.title
        cells = by_column(section_out["cells"])
        for cell in section.cells:
            assert {k: cells[cell.column.key][k] for k in ("mean", "count", "value_counts")} == figures(cell)
        for statement_out, statement in zip(section_out["statements"], section.statements, strict=True):
            assert statement_out["question"] == statement.question.pk
            assert statement_out["text"] == statement.question.rater_text
            cells = by_column(statement_out["cells"])
            for cell in statement.cells:
                out = cells[cell.column.key]
                assert {k: out[k] for k in ("mean", "count", "value_counts")} == figures(cell)
                assert out["dont_know"] == cell.dont_know
                statements_seen += 1
    assert statements_seen == 3 * 4
    # Not just equal, but the right figures: employees' q1 = (4+4+5+3+4)/5, q3 has one "Ved ikke".
    q1_cells = by_column(body["sections"][0]["statements"][0]["cells"])
    assert q1_cells["employee"]["mean"] == pytest.approx(4.0)
    assert q1_cells["employee"]["value_counts"] == [0, 0, 1, 3, 1]
    assert by_column(body["sections"][1]["statements"][0]["cells"])["employee"]["dont_know"] == pytest.approx(
        0.2
    )
    assert body["blind_spots"] == [s.question.pk for s in page.blind_spots]
    assert body["hidden_strengths"] == [s.question.pk for s in page.hidden_strengths]
    assert body["blind_spots"] or body["hidden_strengths"]
    assert [
        (p["cycle"], p["name"], p["self_mean"], p["others_mean"], p["current"]) for p in body["trend"]
    ] == [(p.cycle.pk, p.cycle.name, p.self_mean, p.others_mean, p.current) for p in page.trend]
    assert [p["cycle"] for p in body["trend"]] == [evaluated["earlier"].pk, evaluated["cycle"].pk]


def test_it_hides_groups_below_threshold_with_the_pages_reason(api, evaluated):
    body = api(report_path(evaluated["lis"]), "lis").json()

    assert body["hidden"] == [
        {
            "label": "Superior leader",
            "reason": "the cycle keeps the superior leader's answers out of the report",
        },
        {"label": "Others", "reason": "fewer than 3 answers"},
    ]
    assert "other" not in [column["key"] for column in body["columns"]]
    # The hidden groups are not folded into "all others" either: (4+4+5+3+4 + 3+3+3) / 8.
    q1_cells = by_column(body["sections"][0]["statements"][0]["cells"])
    assert q1_cells["others"]["mean"] == pytest.approx(29 / 8)

    bo = api(report_path(evaluated["bo"]), "admin").json()
    assert {"label": "Employees and subordinate leaders", "reason": "fewer than 5 answers"} in bo["hidden"]
    assert "employee" not in [column["key"] for column in bo["columns"]]


def test_comments_below_the_comment_threshold_are_null_with_the_reason(api, evaluated):
    comments = api(report_path(evaluated["lis"]), "lis").json()["comments"]

    blocks = {block["label"]: block for block in comments}
    assert blocks["Employees and subordinate leaders"]["texts"] == [
        "Aldrig for sent",
        "Altid venlig",
        "bedre møder",
        "tydelig",
        "åben dør",
    ]
    assert blocks["Employees and subordinate leaders"]["reason"] is None
    assert blocks["Employees and subordinate leaders"]["question_text"] == "Hvad virker?"
    assert blocks["Peer leaders"] == {
        "question": evaluated["q"]["open"].pk,
        "question_text": "Hvad virker?",
        "label": "Peer leaders",
        "texts": None,
        "reason": "fewer than 5 answers",
    }
    assert blocks["Self"]["texts"] == ["mig selv"]
    assert "Superior leader" not in blocks and "Others" not in blocks


def everything(api, evaluated, org):
    """Every answer of every endpoint, as the administrator, Lis, Bo and Dorte see them."""
    calls = [
        (path, {}) for path in (REPORTS, report_path(evaluated["lis"]), report_path(evaluated["bo"]), CYCLES)
    ]
    for unit in [None, *org["units"].values()]:
        for by in ("unit", "level"):
            calls.append(
                (heatmap_path(evaluated["cycle"]), {"by": by, **({"unit": unit.pk} if unit else {})})
            )
    return [
        (persona, path, params, api(path, persona, **params).json())
        for persona in ("admin", "lis", "bo", "dorte")
        for path, params in calls
    ]


def test_changing_what_the_gate_hides_changes_nothing_the_api_says(api, evaluated, org):
    before = everything(api, evaluated, org)
    lis, bo, q3 = evaluated["lis"], evaluated["bo"], evaluated["q"]["q3"]
    hidden = [
        # Whole groups: below their threshold, or the superior where the cycle does not show them.
        Answer.objects.filter(response__evaluee=bo, response__group=RaterGroup.EMPLOYEE),
        Answer.objects.filter(response__evaluee=lis, response__group=RaterGroup.OTHER),
        Answer.objects.filter(response__evaluee=lis, response__group=RaterGroup.SUPERIOR),
        # An atom with too few real scores.
        Answer.objects.filter(
            response__evaluee=lis, response__group=RaterGroup.EMPLOYEE, question=q3, value__isnull=False
        ),
    ]
    for answers in hidden:
        assert answers.exists()
        answers.update(value=1)
    # Comments of a group below the comment threshold.
    Comment.objects.filter(evaluee=lis, group=RaterGroup.PEER).update(text="changed")
    aggregates_build(cycle=evaluated["cycle"])

    after = everything(api, evaluated, org)
    assert after == before
    assert any(
        params == {} and path == report_path(lis) and body.get("sections") for _p, path, params, body in after
    )


def test_a_report_not_yours_is_not_found_like_one_that_does_not_exist(api, evaluated):
    not_yours = api(report_path(evaluated["lis"]), "ulla")
    also_not_yours = api(report_path(evaluated["lis"]), "bo")
    missing = api(f"{REPORTS}/999999999", "admin")

    assert not_yours.status_code == also_not_yours.status_code == missing.status_code == 404
    assert not_yours.content == also_not_yours.content == missing.content
    assert "Lis" not in not_yours.content.decode()
    assert api(f"{REPORTS}/{2**63 - 1}", "admin").status_code == 404
    assert api(f"{REPORTS}/{2**63}", "admin").status_code == 422
    assert api(f"{REPORTS}/0", "admin").status_code == 422


def test_the_superior_reads_the_report_only_where_the_cycle_allows_it(api, evaluated, org):
    refused_cycle, q = closed_cycle(report_to_superior=False)
    refused = evaluate(org, refused_cycle)
    respond(refused, RaterGroup.EMPLOYEE, q, [(4, 4, 4)] * 5)
    aggregates_build(cycle=refused_cycle)

    assert api(report_path(evaluated["lis"]), "dorte").status_code == 200
    assert api(report_path(refused), "dorte").status_code == 404
    assert api(report_path(refused), "lis").status_code == 200
    listed = [item["id"] for item in api(REPORTS, "dorte").json()["items"]]
    assert evaluated["lis"].pk in listed and refused.pk not in listed


def test_the_list_holds_own_reports_and_those_shared_with_the_superior(api, evaluated):
    lis, earlier = evaluated["lis"], evaluated["earlier"]

    body = api(REPORTS, "lis").json()

    assert body["count"] == 2
    first = body["items"][0]
    assert first == {
        "id": lis.pk,
        "cycle": {
            "id": lis.cycle.pk,
            "name": lis.cycle.name,
            "deadline": lis.cycle.deadline.isoformat(),
            "status": "closed",
        },
        "leader": "Lis Leder",
        "unit": evaluated["lis"].unit_id,
        "level": {"key": lis.level_key, "name": lis.level_name},
        "ready": True,
    }
    assert body["items"][1]["cycle"]["id"] == earlier.pk
    assert [item["leader"] for item in api(REPORTS, "dorte").json()["items"]] == ["Lis Leder", "Lis Leder"]
    assert api(REPORTS, "ulla").json() == {"items": [], "count": 0}
    assert api(REPORTS, "lis", limit=1, offset=1).json()["items"][0]["cycle"]["id"] == earlier.pk


def test_administrators_list_only_their_own_reports_but_read_any(api, evaluated):
    # reports_for_user is the "my reports" list: an administrator who is no evaluated leader has none.
    assert api(REPORTS, "admin").json() == {"items": [], "count": 0}
    assert api(report_path(evaluated["bo"]), "admin").status_code == 200


def test_an_open_cycles_report_is_only_its_header(api, evaluated, org):
    open_cycle, q = closed_cycle()
    Cycle.objects.filter(pk=open_cycle.pk).update(status=Cycle.Status.LAUNCHED)
    evaluee = evaluate(org, open_cycle)
    respond(evaluee, RaterGroup.EMPLOYEE, q, [(4, 4, 4)] * 5)

    body = api(report_path(evaluee), "lis").json()

    assert body["ready"] is False and body["cycle"]["status"] == "launched"
    assert set(body) == {"id", "cycle", "leader", "unit", "level", "ready"}
    assert next(i for i in api(REPORTS, "lis").json()["items"] if i["id"] == evaluee.pk)["ready"] is False


def test_reading_a_report_is_audited_without_names(api, evaluated):
    lis = evaluated["lis"]

    api(report_path(lis), "lis")
    api(report_path(lis), "ulla")  # refused: nothing to audit

    (event,) = AuditEvent.objects.filter(action="report.api")
    assert (event.user.username, event.object_type, event.object_id) == (
        "lis",
        "evaluations.evaluee",
        str(lis.pk),
    )
    assert event.detail.startswith("token ") and "Lis" not in event.detail


# --- The heatmap ---------------------------------------------------------------------------------


def test_the_heatmap_as_administrator_is_the_pages_heatmap(api, evaluated, org, users):
    cycle, schools = evaluated["cycle"], org["units"]["schools"]

    for params in ({"unit": schools.pk}, {"unit": schools.pk, "by": "level"}, {}):
        body = api(heatmap_path(cycle), "admin", **params).json()

        with translation.override("en"):
            unit = schools if "unit" in params else None
            page = org_heatmap(cycle=cycle, viewer=users["admin"], unit=unit, by=params.get("by", "unit"))
        assert body["cycle"]["id"] == cycle.pk and body["by"] == page.by
        assert body["unit"] == (unit.pk if unit else None)
        assert body["columns"] == [{"key": c.key, "title": c.title} for c in page.columns]
        assert body["trend_cycles"] == [{"id": c.pk, "name": c.name} for c in page.trend_cycles]
        assert len(body["rows"]) == len(page.rows) > 0
        for row_out, row in zip(body["rows"], page.rows, strict=True):
            assert (row_out["key"], row_out["label"], row_out["unit"]) == (
                row.key,
                row.label,
                row.unit.pk if row.unit else None,
            )
            assert (row_out["leaders"], row_out["invited"], row_out["answered"], row_out["rate"]) == (
                row.leaders,
                row.invited,
                row.answered,
                row.rate,
            )
            assert row_out["trend"] == row.trend
            assert row_out["cells"] == [
                {
                    "column": cell.column.key,
                    "mean": cell.mean,
                    "count": cell.figure.count if cell.figure else None,
                    "respondents": cell.respondents if cell.figure else None,
                    "reason": None if cell.figure else cell.reason,
                    "not_asked": cell.not_asked,
                }
                for cell in row.cells
            ]


def test_a_hidden_heatmap_cell_is_null_with_the_pages_reason(api, evaluated, org):
    body = api(heatmap_path(evaluated["cycle"]), "admin", unit=org["units"]["schools"].pk).json()

    rows = {row["label"]: by_column(row["cells"]) for row in body["rows"]}
    # Lis: employees (5) and peers (3) in section a: (4+4+5+3+4 + 2+3+2+3+2 + 9 + 12) / 16.
    assert rows["Ahorn Skole"]["a"]["mean"] == pytest.approx((32 + 21) / 16)
    assert rows["Ahorn Skole"]["a"]["respondents"] == 8
    # Bo's employees are below 5 and dropped whole; his peers count.
    assert rows["Birk Skole"]["a"]["mean"] == pytest.approx(2.0)
    evaluated["bo"].responses.filter(group=RaterGroup.PEER).delete()
    aggregates_build(cycle=evaluated["cycle"])
    rows = {
        row["label"]: by_column(row["cells"])
        for row in api(heatmap_path(evaluated["cycle"]), "admin", unit=org["units"]["schools"].pk).json()[
            "rows"
        ]
    }
    assert rows["Birk Skole"]["a"] == {
        "column": "a",
        "mean": None,
        "count": None,
        "respondents": None,
        "reason": "too few answers in every rater group",
        "not_asked": False,
    }


def test_a_leader_sees_only_the_heatmap_of_their_subtree(api, evaluated, org):
    path = heatmap_path(evaluated["cycle"])

    own = api(path, "lis")

    assert own.status_code == 200
    assert [row["label"] for row in own.json()["rows"]] == ["Ahorn Skole"]
    assert api(path, "lis", unit=org["units"]["ahorn"].pk).status_code == 200
    for unit in ("birk", "schools", "municipality"):
        refused = api(path, "lis", unit=org["units"][unit].pk)
        assert refused.status_code == 404
        assert refused.content == api(f"{CYCLES}/999999999/heatmap", "admin").content
    assert api(path, "dorte", unit=org["units"]["birk"].pk).status_code == 200
    assert api(path, "ulla").status_code == 404  # no leadership post
    assert api(path, "admin", unit=999999999).status_code == 404


def test_the_cycle_list_holds_the_closed_cycles_the_caller_may_see(api, evaluated, org):
    hidden_from_the_chain, _q = closed_cycle(report_to_superior=False)
    evaluate(org, hidden_from_the_chain)
    open_cycle, _q = closed_cycle(report_to_superior=True)
    Cycle.objects.filter(pk=open_cycle.pk).update(status=Cycle.Status.LAUNCHED)
    evaluate(org, open_cycle)

    def ids(persona):
        return [item["id"] for item in api(CYCLES, persona).json()["items"]]

    cycle, earlier = evaluated["cycle"], evaluated["earlier"]
    # Newest first; the deadlines are the same, so by when they were made.
    assert ids("admin") == [hidden_from_the_chain.pk, cycle.pk, earlier.pk]
    assert ids("lis") == ids("dorte") == [cycle.pk, earlier.pk]
    assert ids("ulla") == []
    assert api(CYCLES, "admin").json()["items"][0].keys() == {"id", "name", "deadline", "status"}
    assert api(heatmap_path(hidden_from_the_chain), "dorte").status_code == 404
    assert api(heatmap_path(open_cycle), "admin").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"by": "sideways"},
        {"by": ""},
        {"unit": "abc"},
        {"unit": "0"},
        {"unit": str(2**63)},
        {"by": ["unit", "level"]},
    ],
)
def test_bad_heatmap_parameters_are_a_client_error(api, evaluated, params):
    response = api(heatmap_path(evaluated["cycle"]), "admin", **params)

    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_reading_the_heatmap_is_audited(api, evaluated, org):
    ahorn = org["units"]["ahorn"]

    api(heatmap_path(evaluated["cycle"]), "lis", unit=ahorn.pk, by="level")

    (event,) = AuditEvent.objects.filter(action="org_report.api")
    assert event.object_id == str(evaluated["cycle"].pk)
    assert event.detail.startswith(f"unit={ahorn.pk} by=level; token ") and "Ahorn" not in event.detail


# --- Authentication ------------------------------------------------------------------------------


def _paths(evaluated):
    return [path.format(evaluee=evaluated["lis"].pk, cycle=evaluated["cycle"].pk) for path in ENDPOINTS]


def test_every_endpoint_refuses_anonymous_callers(api, evaluated):
    for path in _paths(evaluated):
        response = api(path)
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Bearer"
        assert "Lis" not in response.content.decode() and "Retning" not in response.content.decode()


def test_a_token_acts_as_its_user_and_a_revoked_one_is_refused(client, evaluated, users):
    token, plaintext = api_token_create(user=users["lis"], name="Intranet", by=users["lis"])
    headers = {"Authorization": f"Bearer {plaintext}"}

    for path in _paths(evaluated):
        assert client.get(f"/api/v1{path}", headers=headers).status_code == 200, path
    api_token_revoke(token=token, by=users["admin"])
    for path in _paths(evaluated):
        assert client.get(f"/api/v1{path}", headers=headers).status_code == 401, path


def test_a_session_sees_what_the_token_sees(client, api, evaluated, users):
    client.force_login(users["lis"])

    for path in _paths(evaluated):
        by_session = client.get(f"/api/v1{path}", headers={"Accept-Language": "en"})
        assert by_session.status_code == 200
        assert by_session.json() == api(path, "lis").json()


def test_labels_and_reasons_are_danish_unless_the_caller_asks_for_english(client, evaluated, tokens):
    path = f"/api/v1{report_path(evaluated['lis'])}"
    token = {"Authorization": f"Bearer {tokens['lis']}"}

    danish = client.get(path, headers=token).json()
    english = client.get(path, headers={**token, "Accept-Language": "en"}).json()

    assert {"label": "Andre", "reason": "færre end 3 svar"} in danish["hidden"]
    assert {"label": "Others", "reason": "fewer than 3 answers"} in english["hidden"]
    assert client.get(f"/api/v1{REPORTS}/999999999", headers=token).json() == {"detail": "Ikke fundet."}
    assert client.get(f"/api/v1{REPORTS}/999999999", headers={**token, "Accept-Language": "en"}).json() == {
        "detail": "Not found."
    }
