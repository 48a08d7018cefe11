"""Consultant roles: dated reflections on the role taken in a collaboration, each needing a date and a role,
read by date, and the timeline of roles over time."""

import datetime
import re

import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_create
from grundlag.tools.documents.workflows.consultant import ConsultantForm, roles_timeline
from grundlag.tools.models import Tool, ToolDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def reflection(builtin_tools, small_organisation):
    lis = small_organisation["people"]["lis"]
    return document_create(
        tool=Tool.objects.get(key="konsulentroller"),
        owner=lis,
        title="Samarbejdet med 0. årgang",
        by=lis.user,
    )


def _post(rows, *, collaboration="Indskolingsteamet om læseindsatsen", revision=0):
    data = {
        "title": "Samarbejdet med 0. årgang",
        "revision": revision,
        "collaboration": collaboration,
        "entries-TOTAL_FORMS": len(rows),
        "entries-INITIAL_FORMS": 0,
        "entries-MIN_NUM_FORMS": 0,
        "entries-MAX_NUM_FORMS": 100,
    }
    for number, row in enumerate(rows):
        data.update({f"entries-{number}-{key}": value for key, value in row.items()})
    return data


def test_dated_reflections_are_kept_and_read_by_date(reflection, lis_client):
    rows = [
        {
            "date": "2026-11-20",
            "role": "udfordrende",
            "did": "Stillede kritiske spørgsmål",
            "next_role": "retningsgivende",
        },
        {"date": "2026-10-02", "role": "understoettende", "did": "Lyttede", "worked": "Godt"},
        {},
    ]

    assert lis_client.post(reverse("tools:document", args=[reflection.pk]), _post(rows)).status_code == 302

    data = ToolDocument.objects.get(pk=reflection.pk).data
    assert data["collaboration"] == "Indskolingsteamet om læseindsatsen"
    assert [entry["date"] for entry in data["entries"]] == ["2026-11-20", "2026-10-02"]
    assert data["entries"][0]["next_role"] == "retningsgivende"
    collaboration, entries = ConsultantForm(version=reflection.version).sections(data)
    assert collaboration.text == "Indskolingsteamet om læseindsatsen"
    assert [row[:2] for row in entries.rows] == [
        ["02.10.2026", "Jeg arbejder UNDERSTØTTENDE"],
        ["20.11.2026", "Jeg arbejder UDFORDRENDE"],
    ]
    assert entries.rows[1][4] == "Jeg arbejder RETNINGSGIVENDE"


def test_a_filled_reflection_needs_a_date_and_a_role(reflection, lis_client):
    url = reverse("tools:document", args=[reflection.pk])

    response = lis_client.post(url, _post([{"did": "Holdt et møde om læsning"}]))

    page = response.content.decode()
    assert response.status_code == 422
    assert "Giv indslaget datoen for det samarbejde, det handler om." in page
    assert "Vælg den rolle, du tog." in page
    assert "Holdt et møde om læsning" in page
    assert ToolDocument.objects.get(pk=reflection.pk).data == {}


def test_an_unknown_role_is_refused(reflection, lis_client):
    response = lis_client.post(
        reverse("tools:document", args=[reflection.pk]), _post([{"date": "2026-11-20", "role": "chef"}])
    )

    assert response.status_code == 422


def test_each_role_is_offered_with_its_when_and_by_texts_from_the_tool(reflection, lis_client):
    page = lis_client.get(reverse("tools:document", args=[reflection.pk])).content.decode()

    assert "Jeg arbejder KVALITETSVURDERENDE" in page
    assert "Når jeg tager udgangspunkt i samarbejdspartneres eksisterende praksis" in page
    assert "Ved at vurderer på målopfyldelse, progression og tegn" in page
    assert page.count('value="udfordrende"') >= 2  # one radio per empty row, and the choice for next time


def test_the_timeline_has_the_roles_as_rows_and_a_dot_per_entry_by_date(reflection):
    roles = reflection.version.content["roles"]
    entries = [
        (datetime.date(2026, 9, 1), {"role": "understoettende"}),
        (datetime.date(2026, 10, 1), {"role": "udfordrende"}),
        (datetime.date(2026, 11, 1), {"role": "kvalitetsvurderende"}),
    ]

    svg = roles_timeline(roles=roles, entries=entries)

    assert 'role="img"' in svg and 'width="100%"' in svg and "viewBox=" in svg
    assert 'aria-labelledby="roles-timeline-title"' in svg and '<title id="roles-timeline-title">' in svg
    assert svg.count("<circle") == 3
    assert ">UNDERSTØTTENDE</text>" in svg and ">KVALITETSVURDERENDE</text>" in svg
    dots = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
    assert [x for x, _y in dots] == sorted(x for x, _y in dots)
    assert dots[0][1] < dots[1][1] < dots[2][1]  # rows in the source's order: supporting first
    assert ">01.09.2026</text>" in svg
    assert "01.10.2026: Jeg arbejder UDFORDRENDE" in svg
    assert "style=" not in svg and "foreignObject" not in svg
    assert roles_timeline(roles=roles, entries=[]) == ""


def test_texts_are_escaped_in_the_timeline(reflection):
    roles = [{"key": "x", "name": "Jeg arbejder <script>alert(1)</script>", "when": "", "by": ""}]

    svg = roles_timeline(roles=roles, entries=[(datetime.date(2026, 9, 1), {"role": "x"})])

    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_the_page_shows_the_timeline_to_its_owner_and_is_a_404_for_the_administrator(
    reflection, lis_client, admin_client, ulla_client
):
    url = reverse("tools:document", args=[reflection.pk])
    lis_client.post(url, _post([{"date": "2026-11-20", "role": "retningsgivende"}]))

    page = lis_client.get(url)

    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page.content.decode()
    assert admin_client.get(url).status_code == 404
    assert ulla_client.get(url).status_code == 404
    assert admin_client.post(url, _post([])).status_code == 404
