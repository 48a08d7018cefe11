"""Leadership foundations through the API: published versions for all, drafts only for authors."""

import pytest

from grundlag.frameworks.models import Framework
from grundlag.frameworks.services import draft_create

pytestmark = pytest.mark.django_db

AARHUS = "aarhus-boern-og-unge"


@pytest.fixture
def aarhus_draft(org, users):
    return draft_create(framework=Framework.objects.get(slug=AARHUS), by=users["admin"])


@pytest.mark.parametrize("persona", ["admin", "lis", "ulla"])
def test_every_signed_in_caller_lists_the_published_foundations(call, org, persona):
    response = call("/frameworks", persona)

    assert response.status_code == 200
    body = response.json()
    slugs = [f["slug"] for f in body["items"]]
    assert AARHUS in slugs and "buvm" in slugs and "stil" in slugs
    assert body["count"] == len(slugs) == Framework.objects.count()
    aarhus = next(f for f in body["items"] if f["slug"] == AARHUS)
    assert aarhus["latest_version"] == 1
    assert aarhus["name"]


def test_foundations_are_refused_to_anonymous_callers(call, org):
    assert call("/frameworks").status_code == 401
    assert call(f"/frameworks/{AARHUS}").status_code == 401
    assert call(f"/frameworks/{AARHUS}/versions/1").status_code == 401


def test_a_foundation_lists_its_versions(call, org):
    response = call("/frameworks/stil", "ulla")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "stil"
    [version] = body["versions"]
    assert version["number"] == 1
    assert version["status"] == "published"
    assert version["parent"] == {"framework": "buvm", "number": 1}


def test_a_version_has_its_levels_sections_and_expectations(call, org):
    response = call(f"/frameworks/{AARHUS}/versions/1", "lis")

    assert response.status_code == 200
    body = response.json()
    assert body["framework"] == AARHUS
    assert [level["key"] for level in body["levels"]] == [
        "direktoer",
        "boern-og-ungechef",
        "forvaltningschef",
        "dagtilbuds-skole-og-fu-leder",
        "kontorchef",
        "leder-af-medarbejder",
    ]
    expectations = [e for section in body["sections"] for e in section["expectations"]]
    assert expectations
    assert {e["level"] for e in expectations} - {None} <= {level["key"] for level in body["levels"]}
    assert any(e["level"] == "direktoer" for e in expectations)


def test_drafts_are_only_for_those_who_may_author(call, aarhus_draft):
    draft = f"/frameworks/{AARHUS}/versions/{aarhus_draft.number}"

    assert call(draft, "admin").status_code == 200
    assert call(draft, "admin").json()["status"] == "draft"
    assert call(draft, "lis").status_code == 404
    assert call(draft, "lis").content == call(f"/frameworks/{AARHUS}/versions/99", "lis").content
    assert [v["number"] for v in call(f"/frameworks/{AARHUS}", "admin").json()["versions"]] == [2, 1]
    assert [v["number"] for v in call(f"/frameworks/{AARHUS}", "lis").json()["versions"]] == [1]
    admin_list = {f["slug"]: f for f in call("/frameworks", "admin").json()["items"]}
    leader_list = {f["slug"]: f for f in call("/frameworks", "lis").json()["items"]}
    assert admin_list[AARHUS]["latest_version"] == 2
    assert leader_list[AARHUS]["latest_version"] == 1


def test_an_unknown_foundation_is_not_found(call, org):
    assert call("/frameworks/no-such-thing", "admin").status_code == 404
    assert call("/frameworks/no-such-thing/versions/1", "admin").status_code == 404


def test_a_malformed_slug_is_a_client_error(call, org):
    assert call("/frameworks/a%20b", "admin").status_code == 422


def test_foundations_are_paginated(call, org):
    first = call("/frameworks", "lis", limit=2).json()
    second = call("/frameworks", "lis", limit=2, offset=2).json()

    assert len(first["items"]) == len(second["items"]) == 2
    assert not {f["slug"] for f in first["items"]} & {f["slug"] for f in second["items"]}
