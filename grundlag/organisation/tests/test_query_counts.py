"""The pages a leader or an administrator waits for read the organisation in a fixed number of queries:
no query per level of the chain, per person below or per post (issue 13, "Fast where people wait")."""

import pytest
from django.db import connection
from django.urls import reverse

from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    """How many SQL statements the request runs (counted as they run, whatever the query log keeps)."""
    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        assert client.get(url).status_code == 200
    return count


def grow(org, levels, top):
    """Three more leaders above `top`, and under each school leader a deputy with four staff; the new top."""
    for depth in range(3):
        boss = PersonFactory(name=f"Overchef {depth}")
        top.posts.update(manager=boss)
        PostFactory(person=boss, unit=org["units"]["municipality"], title="Chef", level=levels["direktoer"])
        top = boss
    for leader in ("lis", "bo"):
        unit = UnitFactory(parent=org["units"]["ahorn"])
        deputy = PostFactory(
            unit=unit,
            manager=org["people"][leader],
            level=levels["leder-af-medarbejder"],
            title="Afdelingsleder",
        ).person
        for _ in range(4):
            PostFactory(unit=unit, manager=deputy)
    return top


@pytest.fixture
def levels(builtin_frameworks):
    return {level.key: level for level in builtin_frameworks["aarhus-boern-og-unge"].levels.all()}


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("lis", "my_page"),
        ("carl_via_dorte", "person"),
        ("dorte", "my_page"),
        ("dorte", "leaders_below"),
        ("dorte", "span_of_control"),
        ("administrator", "span_of_control"),
    ],
)
def test_it_reads_the_page_in_as_many_queries_however_deep_and_wide_the_organisation(
    small_organisation, levels, client, administrator, who, page
):
    people = small_organisation["people"]
    user = administrator if who == "administrator" else people[who.split("_via_")[-1]].user
    client.force_login(user)
    url = {
        "my_page": reverse("organisation:my_page"),
        "person": reverse("organisation:person", args=[people["lis"].pk]),
        "leaders_below": reverse("organisation:leaders_below", args=[people["dorte"].pk]),
        "span_of_control": reverse("organisation:span_of_control"),
    }[page]
    top = grow(small_organisation, levels, people["dorte"])
    queries_of(client, url)  # what a first request reads once (the session, the levels)
    small = queries_of(client, url)

    grow(small_organisation, levels, top)
    rebuilt = queries_of(client, url)  # the first request after a change builds today's chain again
    grown = queries_of(client, url)

    assert rebuilt - grown <= 10, f"{page} as {who}: {rebuilt - grown} queries to build the chain again"

    assert grown == small, f"{page} as {who}: {small} queries, {grown} with a deeper and wider organisation"


@pytest.mark.parametrize(
    ("who", "page", "most"),
    [("lis", "my_page", 13), ("dorte", "my_page", 13), ("dorte", "person", 15)],
)
def test_it_reads_my_page_and_a_person_page_in_few_queries(small_organisation, client, who, page, most):
    people = small_organisation["people"]
    client.force_login(people[who].user)
    url = (
        reverse("organisation:my_page")
        if page == "my_page"
        else reverse("organisation:person", args=[people["lis"].pk])
    )
    queries_of(client, url)

    assert queries_of(client, url) <= most


def test_it_opens_a_person_page_in_as_many_queries_however_far_above_the_viewer_sits(
    small_organisation, levels, client
):
    people = small_organisation["people"]
    url = reverse("organisation:person", args=[people["tom"].pk])

    def as_top(top):
        top.user = UserFactory(username=f"top-{top.pk}")
        top.save()
        client.force_login(top.user)
        queries_of(client, url)
        return queries_of(client, url)

    top = grow(small_organisation, levels, people["dorte"])
    near = as_top(top)
    farther = grow(small_organisation, levels, top)

    assert as_top(farther) == near
