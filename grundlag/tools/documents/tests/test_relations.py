"""The relationship analysis: relations picked near the owner or written in, the five reflection questions,
time shares of at most 100 % in all, and the diagram of the plan with its relations around it."""

import re

import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_create
from grundlag.tools.documents.workflows.relations import (
    Relation,
    RelationsForm,
    neighbourhood,
    relations_diagram,
)
from grundlag.tools.models import Tool, ToolDocument

pytestmark = pytest.mark.django_db

QUESTIONS = ["vigtigt", "fortaellinger", "bekymringer", "styrke-relationen", "oevrige-relationer"]
WORDS = {"plan": "Handleplan", "team": "Team", "person": "Person"}


@pytest.fixture
def analysis(builtin_tools, small_organisation):
    lis = small_organisation["people"]["lis"]
    return document_create(
        tool=Tool.objects.get(key="relationsanalysen"), owner=lis, title="Læsning i indskolingen", by=lis.user
    )


def _post(rows, *, plan="Bedre læsning i indskolingen", revision=0):
    data = {
        "title": "Læsning i indskolingen",
        "revision": revision,
        "plan": plan,
        "relations-TOTAL_FORMS": len(rows),
        "relations-INITIAL_FORMS": 0,
        "relations-MIN_NUM_FORMS": 0,
        "relations-MAX_NUM_FORMS": 100,
    }
    for number, row in enumerate(rows):
        data.update({f"relations-{number}-{key}": value for key, value in row.items()})
    return data


def test_the_list_to_pick_from_holds_the_owners_unit_its_people_and_her_superiors(small_organisation):
    people = small_organisation["people"]

    near = neighbourhood(owner=people["lis"])

    assert [(n.kind, n.name) for n in near] == [
        ("person", "Carl Chef"),
        ("person", "Dorte Direktør"),
        ("person", "Tage Lærer"),
        ("person", "Tina Lærer"),
        ("person", "Tom Lærer"),
        ("team", "Ahorn Skole"),
    ]
    assert f"person:{people['tom'].pk}" in {n.value for n in near}


def test_a_picked_person_is_kept_with_id_and_name_and_the_answers_per_relation(
    analysis, small_organisation, lis_client
):
    tom, ahorn = small_organisation["people"]["tom"], small_organisation["units"]["ahorn"]
    answers = {key: f"Svar på {key}" for key in QUESTIONS}
    rows = [
        {"picked": f"person:{tom.pk}", "share": "40", **answers},
        {"picked": f"unit:{ahorn.pk}", "share": "25"},
        {"name": "Forældrebestyrelsen", "kind": "team", "share": "10"},
        {},
    ]

    response = lis_client.post(reverse("tools:document", args=[analysis.pk]), _post(rows))

    assert response.status_code == 302
    data = ToolDocument.objects.get(pk=analysis.pk).data
    assert data["plan"] == "Bedre læsning i indskolingen"
    tom_row, unit_row, written = data["relations"]
    assert tom_row == {
        "picked": f"person:{tom.pk}",
        "name": "Tom Lærer",
        "kind": "person",
        "share": 40,
        **answers,
    }
    assert (unit_row["picked"], unit_row["name"], unit_row["kind"]) == (
        f"unit:{ahorn.pk}",
        "Ahorn Skole",
        "team",
    )
    assert (written["picked"], written["name"], written["kind"]) == ("", "Forældrebestyrelsen", "team")


def test_a_person_outside_the_owners_neighbourhood_is_refused(analysis, small_organisation, lis_client):
    for outsider in ("ulla", "bo"):
        person = small_organisation["people"][outsider]

        response = lis_client.post(
            reverse("tools:document", args=[analysis.pk]), _post([{"picked": f"person:{person.pk}"}])
        )

        assert response.status_code == 422
        assert "form-error-message" in response.content.decode()
    birk = small_organisation["units"]["birk"]
    refused = lis_client.post(
        reverse("tools:document", args=[analysis.pk]), _post([{"picked": f"unit:{birk.pk}"}])
    )
    assert refused.status_code == 422
    assert ToolDocument.objects.get(pk=analysis.pk).data == {}


def test_shares_of_time_above_100_in_all_are_refused_with_the_total_and_nothing_is_lost(
    analysis, small_organisation, lis_client
):
    tom, tina = small_organisation["people"]["tom"], small_organisation["people"]["tina"]
    rows = [
        {"picked": f"person:{tom.pk}", "share": "70", "vigtigt": "Tid til forberedelse"},
        {"picked": f"person:{tina.pk}", "share": "45"},
    ]

    response = lis_client.post(reverse("tools:document", args=[analysis.pk]), _post(rows))

    page = response.content.decode()
    assert response.status_code == 422
    assert "Dine andele af tiden giver 115 % i alt" in page
    assert "Tid til forberedelse" in page and 'value="70"' in page
    assert ToolDocument.objects.get(pk=analysis.pk).data == {}
    rows[1]["share"] = "30"
    assert lis_client.post(reverse("tools:document", args=[analysis.pk]), _post(rows)).status_code == 302


def test_a_share_outside_0_to_100_is_refused(analysis, lis_client):
    response = lis_client.post(
        reverse("tools:document", args=[analysis.pk]),
        _post([{"name": "Teamet", "kind": "team", "share": "120"}]),
    )

    assert response.status_code == 422


def test_a_written_in_relation_needs_a_name_and_to_be_a_person_or_a_team(analysis, lis_client):
    url = reverse("tools:document", args=[analysis.pk])

    without_kind = lis_client.post(url, _post([{"name": "Forældrebestyrelsen"}])).content.decode()
    without_name = lis_client.post(url, _post([{"vigtigt": "Noget vigtigt"}])).content.decode()

    assert "Vælg, om relationen er en person eller et team." in without_kind
    assert "Vælg en person eller en enhed på listen, eller skriv et navn." in without_name
    assert ToolDocument.objects.get(pk=analysis.pk).data == {}


def test_the_form_labels_come_from_the_tool_and_the_list_shows_only_people_near_the_owner(
    analysis, lis_client
):
    page = lis_client.get(reverse("tools:document", args=[analysis.pk])).content.decode()

    assert "Trin 1: kortlæg disse relationer som vist i eksemplet" in page
    assert "Trin 2: reflektér over følgende spørgsmål" in page
    assert (
        "hvilken betydning har det for mine øvrige relationer – er der nogen, jeg bruger for meget tid på?"
        in page
    )
    assert "Hvilke relationer i organisationen skal jeg være særlig opmærksom på" in page
    assert "Tom Lærer" in page and "Carl Chef" in page and "Ahorn Skole" in page
    assert "Ulla Lærer" not in page and "Birk Skole" not in page


def test_a_picked_relation_shows_its_current_name(analysis, small_organisation, lis_client):
    tom = small_organisation["people"]["tom"]
    url = reverse("tools:document", args=[analysis.pk])
    lis_client.post(url, _post([{"picked": f"person:{tom.pk}", "share": "20"}]))
    tom.name = "Tom Nymand"
    tom.save()

    page = lis_client.get(url).content.decode()
    sections = RelationsForm(version=analysis.version).sections(ToolDocument.objects.get(pk=analysis.pk).data)

    assert "Tom Nymand" in re.search(r"<svg.*</svg>", page, re.S).group(0)
    assert sections[1].rows[0][:3] == ["Tom Nymand", "Person", "20 %"]
    assert sections[2].text == "20 %"


def test_a_stored_pick_no_longer_near_the_owner_is_offered_as_written_in(analysis, small_organisation):
    ulla = small_organisation["people"]["ulla"]
    initial = {"relations": [{"picked": f"person:{ulla.pk}", "name": "Ulla Lærer", "kind": "person"}]}

    form = RelationsForm(version=analysis.version, initial=initial, owner=small_organisation["people"]["lis"])
    row = form.formsets["relations"][1].forms[0]

    assert row.initial["picked"] == "" and row.initial["name"] == "Ulla Lærer"


def test_the_diagram_draws_persons_and_teams_differently_with_lines_as_thick_as_the_shares():
    svg = relations_diagram(
        plan="Bedre læsning",
        relations=[Relation("Tom Lærer", "person", 60), Relation("Ahorn Skole", "team", 10)],
        words=WORDS,
    )

    assert 'role="img"' in svg and re.search(r'viewBox="0 -?\d+ 560 \d+"', svg) and 'width="100%"' in svg
    assert (
        'aria-labelledby="relations-diagram-title"' in svg and '<title id="relations-diagram-title">' in svg
    )
    assert svg.count("<circle") == 1 and svg.count('height="44"') == 1  # the person's circle, the team's box
    assert ">Person</text>" in svg and ">Team</text>" in svg and ">Handleplan</text>" in svg
    widths = [float(width) for width in re.findall(r'<line [^>]*stroke-width="([\d.]+)"', svg)]
    assert widths[0] > widths[1]
    assert ">60 %</text>" in svg and ">10 %</text>" in svg
    assert "<script" not in svg and "style=" not in svg and "foreignObject" not in svg


def test_names_and_the_plan_are_escaped_in_the_diagram(analysis, lis_client):
    url = reverse("tools:document", args=[analysis.pk])
    rows = [{"name": "<script>alert(1)</script>", "kind": "person", "share": "5"}]

    assert lis_client.post(url, _post(rows, plan='<img src=x onerror="alert(2)">')).status_code == 302
    svg = re.search(r"<svg.*</svg>", lis_client.get(url).content.decode(), re.S).group(0)

    assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_no_diagram_while_the_document_is_empty(analysis, lis_client):
    page = lis_client.get(reverse("tools:document", args=[analysis.pk])).content.decode()

    assert "<svg xmlns" not in page


def test_the_page_is_the_owners_and_a_404_for_the_administrator_and_others(
    analysis, lis_client, admin_client, ulla_client
):
    url = reverse("tools:document", args=[analysis.pk])

    assert lis_client.get(url).status_code == 200
    assert admin_client.get(url).status_code == 404
    assert ulla_client.get(url).status_code == 404
    assert admin_client.post(url, _post([])).status_code == 404
