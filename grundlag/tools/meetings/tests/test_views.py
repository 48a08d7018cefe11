"""The meeting planner's own pages: who reaches them, the calendar file, a template and the next meeting."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from grundlag.tools.documents.services import document_create, document_share
from grundlag.tools.models import Tool, ToolDocument

from .conftest import client_of

pytestmark = pytest.mark.django_db


def _urls(pk):
    return {
        "get": [reverse("tools:meeting_calendar", args=[pk])],
        "post": [reverse("tools:meeting_template", args=[pk]), reverse("tools:meeting_next", args=[pk])],
    }


def test_a_private_meeting_s_pages_are_hidden_from_everyone_but_its_owner(meeting, people, admin_client):
    urls = _urls(meeting.pk)
    strangers = [admin_client, *(client_of(people[key].user) for key in ("ulla", "bo", "dorte", "tom"))]

    for client in strangers:
        for url in urls["get"]:
            assert client.get(url).status_code == 404, url
        for url in urls["post"]:
            assert client.post(url, {"template": "med-udvalg", "revision": 1}).status_code == 404, url
    assert ToolDocument.objects.count() == 1


def test_a_superior_downloads_the_calendar_file_but_changes_nothing(meeting, people):
    document_share(document=meeting, team_members=[], shared_with_superior=True, by=people["lis"].user)
    dorte = client_of(people["dorte"].user)
    urls = _urls(meeting.pk)

    assert dorte.get(urls["get"][0]).status_code == 200
    for url in urls["post"]:
        assert dorte.post(url, {"template": "med-udvalg", "revision": 1}).status_code == 403
    assert ToolDocument.objects.get(pk=meeting.pk).revision == 1


def test_a_document_of_another_tool_has_no_meeting_pages(builtin_tools, people, lis_client):
    lis = people["lis"]
    notes = document_create(tool=Tool.objects.get(key="noter"), owner=lis, title="Noter", by=lis.user)

    assert lis_client.get(reverse("tools:meeting_calendar", args=[notes.pk])).status_code == 404
    assert lis_client.post(reverse("tools:meeting_next", args=[notes.pk])).status_code == 404


def test_the_calendar_file_holds_the_meeting_s_time_place_and_items(meeting, lis_client):
    response = lis_client.get(reverse("tools:meeting_calendar", args=[meeting.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="moede-{meeting.pk}.ics"'
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    # 4 March 2027 at 14:00 in Copenhagen (CET, UTC+1), 60 minutes.
    assert event.decoded("dtstart") == datetime.datetime(2027, 3, 4, 13, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2027, 3, 4, 14, 0, tzinfo=datetime.UTC)
    assert str(event["summary"]) == "Ledelsesmøde"
    assert str(event["location"]) == "Personalerummet"
    description = str(event["description"])
    assert "1. Budget 2027 (20 min.)" in description and "3. Skolefest (10 min.)" in description
    assert "Vi holder fast" not in description


def test_a_meeting_without_a_date_has_no_calendar_file_yet(builtin_tools, people, lis_client):
    lis = people["lis"]
    document = document_create(
        tool=Tool.objects.get(key="moedeplanlaegning"), owner=lis, title="", by=lis.user
    )

    response = lis_client.get(reverse("tools:meeting_calendar", args=[document.pk]), follow=True)

    assert "Giv mødet en dato" in response.content.decode()


def test_the_owner_adds_a_template_and_plans_the_next_meeting_from_the_page(meeting, lis_client):
    page = lis_client.get(reverse("tools:document", args=[meeting.pk])).content.decode()
    assert "Grundlags egne forslag" in page and "MED-udvalg: 7 punkter, 90 minutter" in page

    added = lis_client.post(
        reverse("tools:meeting_template", args=[meeting.pk]),
        {"template": "med-udvalg", "revision": 1},
        follow=True,
    )
    assert "Orientering fra ledelsen" in added.content.decode()
    assert len(ToolDocument.objects.get(pk=meeting.pk).data["agenda"]) == 10

    planned = lis_client.post(reverse("tools:meeting_next", args=[meeting.pk]), follow=True)
    text = planned.content.decode()
    assert "Overført fra mødet den 4. marts 2027." in text
    assert reverse("tools:document", args=[meeting.pk]) in text  # the link back


def test_a_template_without_a_choice_says_what_to_do(meeting, lis_client):
    response = lis_client.post(
        reverse("tools:meeting_template", args=[meeting.pk]), {"revision": 1}, follow=True
    )

    assert ToolDocument.objects.get(pk=meeting.pk).revision == 1
    assert "Vælg en af mødetyperne." in response.content.decode()
