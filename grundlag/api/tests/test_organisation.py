"""Units, people and posts through the API: every endpoint for every persona, under the pages' rules."""

import datetime

import pytest
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.organisation.models import Post
from grundlag.organisation.tests.factories import UnitFactory

from .conftest import ALL_NAMES, names_in

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "lis", "ulla", "dorte", None]


def ids(response):
    return [item["id"] for item in response.json()["items"]]


def names(response):
    return sorted(item["name"] for item in response.json()["items"])


def pks(objects):
    return sorted(o.pk for o in objects)


# --- Units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"), [("admin", 200), ("lis", 200), ("dorte", 200), ("ulla", 403), (None, 401)]
)
def test_units_are_for_administrators_and_leaders(call, org, persona, status):
    response = call("/units", persona)

    assert response.status_code == status
    if status == 200:
        assert names(response) == ["Ahorn Skole", "Birk Skole", "Fiktiv Kommune", "Skoleafdelingen"]
    else:
        assert set(response.json()) == {"detail"}
        assert "Skole" not in response.content.decode()


def test_a_unit_says_where_it_sits(call, org):
    units = org["units"]

    response = call(f"/units/{units['ahorn'].pk}", "lis")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Ahorn Skole"
    assert body["parent"] == units["schools"].pk
    assert body["path"] == [units["municipality"].pk, units["schools"].pk]
    assert body["child_count"] == 0
    assert call(f"/units/{units['schools'].pk}", "admin").json()["child_count"] == 2
    assert call(f"/units/{units['municipality'].pk}", "admin").json()["path"] == []


@pytest.mark.parametrize(("persona", "status"), [("ulla", 403), (None, 401)])
def test_a_unit_is_refused_to_others(call, org, persona, status):
    response = call(f"/units/{org['units']['ahorn'].pk}", persona)

    assert response.status_code == status
    assert "Ahorn" not in response.content.decode()


def test_an_unknown_unit_is_not_found(call, org):
    assert call("/units/999999", "admin").status_code == 404


def test_units_can_be_filtered(call, org):
    units = org["units"]

    assert names(call("/units", "admin", parent=units["schools"].pk)) == ["Ahorn Skole", "Birk Skole"]
    assert names(call("/units", "admin", kind="Afdeling")) == ["Skoleafdelingen"]
    assert names(call("/units", "admin", q="  ahorn ")) == ["Ahorn Skole"]
    assert names(call("/units", "admin", q="skole", kind="Skole", parent=units["schools"].pk)) == [
        "Ahorn Skole",
        "Birk Skole",
    ]


def test_units_follow_their_periods(call, org):
    today = timezone.localdate()
    UnitFactory(
        name="Gammel Skole",
        parent=org["units"]["schools"],
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=1),
    )

    assert "Gammel Skole" not in names(call("/units", "admin"))
    assert "Gammel Skole" in names(call("/units", "admin", on=str(today - datetime.timedelta(days=2))))
    assert "Gammel Skole" not in names(call("/units", "admin", on=str(today - datetime.timedelta(days=401))))


# --- People --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", ALL_NAMES),
        ("dorte", ALL_NAMES),
        ("lis", ["Lis Leder", "Tage Lærer", "Tina Lærer", "Tom Lærer"]),
        ("ulla", ["Ulla Lærer"]),
    ],
)
def test_people_are_those_the_caller_may_see(call, org, persona, expected):
    response = call("/people", persona)

    assert response.status_code == 200
    assert names(response) == sorted(expected)
    assert sorted(names_in(response)) == sorted(expected)


def test_people_are_refused_to_anonymous_callers(call, org):
    response = call("/people")

    assert response.status_code == 401
    assert names_in(response) == []


def test_a_signed_in_user_who_is_no_one_sees_no_people(client, org, leader):
    client.force_login(leader)

    response = client.get("/api/v1/people")

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_a_person_comes_with_their_posts(call, org):
    tom = org["people"]["tom"]

    response = call(f"/people/{tom.pk}", "lis")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Tom Lærer"
    assert body["email"] == "tom@fiktiv.example.dk"
    assert [post["unit"] for post in body["posts"]] == [org["units"]["ahorn"].pk]
    assert body["posts"][0]["manager"] == org["people"]["lis"].pk
    assert body["posts"][0]["is_leadership"] is False


@pytest.mark.parametrize(
    ("persona", "person"), [("lis", "ulla"), ("lis", "carl"), ("ulla", "tom"), ("ulla", "bo")]
)
def test_a_person_the_caller_may_not_see_is_not_found(call, org, persona, person):
    hidden = call(f"/people/{org['people'][person].pk}", persona)
    missing = call("/people/999999", persona)

    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert names_in(hidden) == []


def test_a_person_is_refused_to_anonymous_callers(call, org):
    response = call(f"/people/{org['people']['tom'].pk}")

    assert response.status_code == 401
    assert names_in(response) == []


def test_people_can_be_filtered_by_unit(call, org):
    ahorn = org["units"]["ahorn"].pk

    assert names(call("/people", "admin", unit=ahorn)) == [
        "Lis Leder",
        "Tage Lærer",
        "Tina Lærer",
        "Tom Lærer",
    ]
    assert names(call("/people", "ulla", unit=ahorn)) == []


def test_reading_people_is_audited_with_counts_and_no_names(call, org, users):
    call("/people", "lis", limit=2)
    call(f"/people/{org['people']['tom'].pk}", "lis")
    call(f"/people/{org['people']['ulla'].pk}", "lis")  # not found: nothing was read

    events = AuditEvent.objects.filter(action__startswith="api.person").order_by("id")
    assert [(e.action, e.user) for e in events] == [
        ("api.person.list", users["lis"]),
        ("api.person.view", users["lis"]),
    ]
    assert events[0].detail.startswith("2 of 4 from offset 0")
    assert (events[1].object_type, events[1].object_id) == (
        "organisation.person",
        str(org["people"]["tom"].pk),
    )
    for event in events:
        assert not [name for name in ALL_NAMES if name.split()[0] in event.detail]
        assert "@" not in event.detail


# --- Posts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "people"),
    [
        ("admin", ["dorte", "carl", "lis", "bo", "tom", "tina", "tage", "ulla", "uffe"]),
        ("lis", ["lis", "tom", "tina", "tage"]),
        ("ulla", ["ulla"]),
    ],
)
def test_posts_are_those_of_people_the_caller_may_see(call, org, persona, people):
    response = call("/posts", persona)

    assert response.status_code == 200
    assert sorted(item["person"] for item in response.json()["items"]) == pks(
        org["people"][p] for p in people
    )
    assert names_in(response) == []  # posts name people by id only


def test_posts_are_refused_to_anonymous_callers(call, org):
    assert call("/posts").status_code == 401


def test_posts_can_be_filtered(call, org):
    people, units = org["people"], org["units"]

    leadership = call("/posts", "admin", leadership="true").json()["items"]
    assert sorted(p["person"] for p in leadership) == pks(people[k] for k in ["dorte", "carl", "lis", "bo"])
    assert all(p["level"] and p["is_leadership"] for p in leadership)
    assert call("/posts", "admin", leadership="false").json()["count"] == 5
    assert [p["person"] for p in call("/posts", "admin", person=people["tom"].pk).json()["items"]] == [
        people["tom"].pk
    ]
    assert call("/posts", "admin", unit=units["birk"].pk).json()["count"] == 3
    assert call("/posts", "lis", unit=units["birk"].pk).json()["count"] == 0
    assert call("/posts", "lis", person=people["ulla"].pk).json()["count"] == 0


def test_a_post_that_ended_yesterday_is_history(call, org):
    today = timezone.localdate()
    tina = org["people"]["tina"]
    post = Post.objects.get(person=tina)
    post.start_date = today - datetime.timedelta(days=100)
    post.end_date = today - datetime.timedelta(days=1)
    post.save()
    earlier = str(today - datetime.timedelta(days=2))

    assert post.pk not in ids(call("/posts", "admin"))
    assert post.pk in ids(call("/posts", "admin", on=earlier))
    assert post.pk not in ids(call("/posts", "admin", on=str(today - datetime.timedelta(days=101))))
    assert tina.pk not in ids(call("/people", "admin"))
    assert tina.pk in ids(call("/people", "admin", on=earlier))
    assert call(f"/posts/{post.pk}", "admin").json()["end_date"] == str(today - datetime.timedelta(days=1))


def test_a_post_of_someone_visible_can_be_read(call, org):
    post = Post.objects.get(person=org["people"]["tom"])

    response = call(f"/posts/{post.pk}", "lis")

    assert response.status_code == 200
    assert response.json()["person"] == org["people"]["tom"].pk
    assert response.json()["title"] == "Lærer"


@pytest.mark.parametrize(("persona", "person"), [("lis", "ulla"), ("lis", "carl"), ("ulla", "tom")])
def test_a_post_of_someone_hidden_is_not_found(call, org, persona, person):
    post = Post.objects.get(person=org["people"][person])

    hidden = call(f"/posts/{post.pk}", persona)

    assert hidden.status_code == 404
    assert hidden.content == call("/posts/999999", persona).content


# --- Pagination and input ------------------------------------------------------------------------


def test_lists_are_paginated(call, org):
    first = call("/people", "admin", limit=4).json()
    rest = call("/people", "admin", limit=4, offset=4).json()
    last = call("/people", "admin", limit=4, offset=8).json()

    assert first["count"] == rest["count"] == last["count"] == 9
    assert [len(first["items"]), len(rest["items"]), len(last["items"])] == [4, 4, 1]
    seen = [p["name"] for page in (first, rest, last) for p in page["items"]]
    assert seen == sorted(ALL_NAMES)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 501},
        {"limit": 0},
        {"offset": -1},
        {"on": "yesterday"},
        {"on": "0"},  # not read as a Unix time
        {"on": "2025-02-30"},
        {"unit": 0},
        {"unit": [1, 2]},  # given twice: refused, not the last one silently winning
    ],
)
def test_bad_input_is_a_client_error(call, org, params):
    response = call("/people", "admin", **params)

    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_a_limit_of_500_is_accepted(call, org):
    assert call("/units", "admin", limit=500).status_code == 200


def test_an_id_too_large_for_the_database_is_a_client_error(call, org):
    assert call(f"/people/{2**64}", "admin").status_code == 422
    assert call("/posts", "admin", unit=2**64).status_code == 422


@pytest.mark.parametrize("persona", ["admin", "lis", "ulla"])
def test_a_session_sees_what_the_token_sees(client, call, org, users, persona):
    client.force_login(users[persona])

    by_session = client.get("/api/v1/people")

    client.logout()
    assert by_session.json() == call("/people", persona).json()
