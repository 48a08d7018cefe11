"""The organisation heatmap opens where it says something, and shows as many levels of units as asked."""

import pytest
from django.urls import reverse

from grundlag.evaluations.reports.org import ITSELF, org_heatmap

from .test_org_reports import cells, evaluated  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_it_opens_at_the_first_level_with_more_than_one_row(evaluated, admin_client):  # noqa: F811
    cycle, _q, org, _e = evaluated

    # The top (Fiktiv Kommune) and the level below (Skoleafdelingen) have a single row each.
    response = admin_client.get(reverse("evaluations:org_report", args=[cycle.pk]))

    heatmap = response.context["heatmap"]
    assert heatmap.unit == org["units"]["schools"]
    assert [row.label for row in heatmap.rows] == [
        "Skoleafdelingen (enhedens egne ledere)",
        "Ahorn Skole",
        "Birk Skole",
    ]


def test_the_way_back_to_the_top_stays_at_the_top(evaluated, admin_client):  # noqa: F811
    cycle, _q, _org, _e = evaluated

    response = admin_client.get(reverse("evaluations:org_report", args=[cycle.pk]), {"unit": ""})

    assert response.context["heatmap"].unit is None
    assert [row.label for row in response.context["heatmap"].rows] == ["Fiktiv Kommune"]


def test_a_leader_with_one_unit_stays_at_their_unit(evaluated, client):  # noqa: F811
    cycle, _q, org, _e = evaluated
    client.force_login(org["people"]["lis"].user)

    response = client.get(reverse("evaluations:org_report", args=[cycle.pk]))

    assert [row.label for row in response.context["heatmap"].rows] == ["Ahorn Skole"]


def test_it_shows_the_depth_asked_for_with_the_same_gated_figures(evaluated, admin_client, administrator):  # noqa: F811
    cycle, _q, org, _e = evaluated
    schools = org_heatmap(cycle=cycle, viewer=administrator, unit=org["units"]["schools"])

    response = admin_client.get(
        reverse("evaluations:org_report", args=[cycle.pk]), {"unit": "", "depth": "3"}
    )

    deep = response.context["heatmap"]
    assert deep.depth == 3
    assert [row.label for row in deep.rows] == [
        "Fiktiv Kommune › Skoleafdelingen (enhedens egne ledere)",
        "Fiktiv Kommune › Skoleafdelingen › Ahorn Skole",
        "Fiktiv Kommune › Skoleafdelingen › Birk Skole",
    ]
    # Each row holds the same whole atoms as the row of the same leaders one level at a time.
    ahorn, birk = str(org["units"]["ahorn"].pk), str(org["units"]["birk"].pk)
    assert cells(deep) == {
        str(org["units"]["schools"].pk): cells(schools)[ITSELF],
        ahorn: cells(schools)[ahorn],
        birk: cells(schools)[birk],
    }


def test_the_depth_is_a_form_field_that_works_without_javascript(evaluated, admin_client):  # noqa: F811
    cycle, _q, org, _e = evaluated

    page = admin_client.get(
        "/en" + reverse("evaluations:org_report", args=[cycle.pk]),
        {"unit": org["units"]["schools"].pk, "depth": "2"},
    ).content.decode()

    form = page.split('data-testid="depth-form"', 1)[1].split("</form>", 1)[0]
    assert f'name="unit" value="{org["units"]["schools"].pk}"' in form
    assert '<select class="form-select" name="depth" id="id_depth">' in form
    assert '<option value="2" selected>2 levels below</option>' in form
    assert 'type="submit"' in form


def test_an_unknown_depth_shows_one_level(evaluated, admin_client):  # noqa: F811
    cycle, _q, org, _e = evaluated

    response = admin_client.get(
        reverse("evaluations:org_report", args=[cycle.pk]),
        {"unit": org["units"]["schools"].pk, "depth": "99"},
    )

    assert response.context["heatmap"].depth == 1
