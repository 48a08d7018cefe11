"""Who reads whom through the API, by token, for the three personas: the administrator, Lis (school
leader of Ahorn Skole with three teachers) and Ulla (a teacher at Birk Skole, an outsider to Lis)."""

import pytest

from grundlag.api.services import api_token_create
from grundlag.organisation.models import Post

from .conftest import ALL_NAMES, names_in

pytestmark = pytest.mark.django_db

LIS_AND_STAFF = ["Lis Leder", "Tom Lærer", "Tina Lærer", "Tage Lærer"]


@pytest.fixture
def api(client, administrator, leader_with_staff, outsider):
    """GET an API path with the token of a persona: "administrator", "lis" or "ulla"."""
    users = {"administrator": administrator, "lis": leader_with_staff, "ulla": outsider}
    tokens = {
        persona: api_token_create(user=user, name=f"Integration for {persona}", by=user)[1]
        for persona, user in users.items()
    }

    def get(path, persona, **params):
        return client.get(f"/api/v1{path}", params, headers={"Authorization": f"Bearer {tokens[persona]}"})

    return get


def names(response) -> list[str]:
    return sorted(item["name"] for item in response.json()["items"])


def test_a_leaders_token_lists_and_reads_her_own_staff(api, small_organisation):
    people = small_organisation["people"]

    listed = api("/people", "lis")

    assert listed.status_code == 200
    assert names(listed) == sorted(LIS_AND_STAFF)
    for key in ["tom", "tina", "tage"]:
        response = api(f"/people/{people[key].pk}", "lis")
        assert response.status_code == 200
        assert response.json()["name"] == people[key].name
        assert [post["manager"] for post in response.json()["posts"]] == [people["lis"].pk]


def test_a_leaders_token_cannot_read_the_other_schools_people(api, small_organisation):
    people = small_organisation["people"]

    for key in ["bo", "ulla", "uffe"]:
        assert api(f"/people/{people[key].pk}", "lis").status_code == 404
    assert api("/posts", "lis", unit=small_organisation["units"]["birk"].pk).json() == {
        "items": [],
        "count": 0,
    }


def test_an_outsiders_token_cannot_read_the_leader_or_her_staff(api, small_organisation):
    people = small_organisation["people"]
    missing = api("/people/999999", "ulla")

    for key in ["lis", "tom", "tina", "tage"]:
        person = api(f"/people/{people[key].pk}", "ulla")
        post = api(f"/posts/{Post.objects.get(person=people[key]).pk}", "ulla")
        assert (person.status_code, post.status_code) == (404, 404)  # not 403: existence stays private
        assert person.content == missing.content
        assert names_in(person) == []
    assert names(api("/people", "ulla")) == ["Ulla Lærer"]


def test_an_outsiders_token_is_refused_the_units(api, small_organisation):
    listing = api("/units", "ulla")
    ahorn = api(f"/units/{small_organisation['units']['ahorn'].pk}", "ulla")

    assert (listing.status_code, ahorn.status_code) == (403, 403)
    assert "Ahorn" not in listing.content.decode() + ahorn.content.decode()


def test_the_administrators_token_lists_everyone(api, small_organisation):
    response = api("/people", "administrator")

    assert response.status_code == 200
    assert response.json()["count"] == 9
    assert names(response) == sorted(ALL_NAMES)
    for person in small_organisation["people"].values():
        assert api(f"/people/{person.pk}", "administrator").json()["name"] == person.name
