"""Who sees whom in the organisation, for the three personas: the administrator, Lis (school leader of
Ahorn Skole with three teachers) and Ulla (a teacher at Birk Skole, an outsider to Lis)."""

import html

import pytest
from django.urls import reverse

from grundlag.core.tests.pages import without_own_address

pytestmark = pytest.mark.django_db

LIS_STAFF = ["Tom Lærer", "Tina Lærer", "Tage Lærer"]


def text(response) -> str:
    return html.unescape(response.content.decode())


def person_url(person) -> str:
    return reverse("organisation:person", args=[person.pk])


def test_a_leader_sees_her_own_staff_on_her_page_with_links_to_them(lis_client, small_organisation):
    people = small_organisation["people"]

    response = lis_client.get(reverse("organisation:my_page"))

    assert response.status_code == 200
    page = text(response)
    for key in ["tom", "tina", "tage"]:
        assert people[key].name in page
        assert f'href="{person_url(people[key])}"' in page
    assert "Ulla Lærer" not in page and "Uffe Lærer" not in page


def test_a_leader_opens_her_teachers_person_pages_but_not_the_other_schools(lis_client, small_organisation):
    people = small_organisation["people"]

    for key in ["tom", "tina", "tage"]:
        response = lis_client.get(person_url(people[key]))
        assert response.status_code == 200
        assert people[key].name in text(response)
    for key in ["ulla", "bo"]:
        assert lis_client.get(person_url(people[key])).status_code == 404


def test_an_outsider_gets_not_found_for_the_leader_and_her_staff_as_for_no_one(
    ulla_client, small_organisation
):
    people = small_organisation["people"]
    missing = ulla_client.get(reverse("organisation:person", args=[999999]))

    for key in ["lis", "tom", "tina", "tage"]:
        response = ulla_client.get(person_url(people[key]))
        assert response.status_code == 404  # not 403: that would say the person exists
        assert without_own_address(response) == without_own_address(missing)
        assert people[key].name not in text(response)
    assert ulla_client.get(person_url(people["ulla"])).status_code == 200


def test_an_outsider_is_refused_the_chart_and_the_leaders_unit(ulla_client, small_organisation):
    ahorn = small_organisation["units"]["ahorn"]

    chart = ulla_client.get(reverse("organisation:chart"))
    unit = ulla_client.get(reverse("organisation:unit", args=[ahorn.pk]))

    assert chart.status_code == unit.status_code == 403
    for name in ["Lis Leder", *LIS_STAFF]:
        assert name not in text(chart) and name not in text(unit)


def test_an_outsiders_own_page_shows_nothing_of_the_leader(ulla_client, small_organisation):
    response = ulla_client.get(reverse("organisation:my_page"))

    assert response.status_code == 200
    page = text(response)
    assert "Ulla Lærer" in page and "Bo Leder" in page
    for name in ["Lis Leder", *LIS_STAFF]:
        assert name not in page


def test_the_administrator_sees_everyone_on_the_units_and_their_person_pages(
    admin_client, small_organisation
):
    people, units = small_organisation["people"], small_organisation["units"]

    ahorn = admin_client.get(reverse("organisation:unit", args=[units["ahorn"].pk]))
    birk = admin_client.get(reverse("organisation:unit", args=[units["birk"].pk]))

    for name in ["Lis Leder", *LIS_STAFF]:
        assert name in text(ahorn)
    for name in ["Bo Leder", "Ulla Lærer", "Uffe Lærer"]:
        assert name in text(birk)
    assert ahorn.context["hidden_post_count"] == birk.context["hidden_post_count"] == 0
    for person in people.values():
        response = admin_client.get(person_url(person))
        assert response.status_code == 200
        assert person.name in text(response)
