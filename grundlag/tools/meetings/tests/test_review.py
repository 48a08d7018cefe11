"""A hostile review of the meeting planner: any date the form takes gives a calendar file or a message, never
an error page; what the document says is escaped as iCalendar text; a posted form writes only its fields."""

import pytest
from django.urls import reverse

from grundlag.tools.documents.services import document_create, document_save
from grundlag.tools.models import ToolDocument

from .conftest import MEETING, client_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "start"), [("9999-12-31", ""), ("9999-12-31", "23:59"), ("0001-01-01", "00:00")]
)
def test_a_meeting_at_the_edge_of_the_calendar_gets_no_error_page(meeting, people, day, start):
    lis = people["lis"]
    data = {**MEETING, "date": day, "start": start, "length": 1440, "agenda": []}
    document_save(document=meeting, data=data, expected_revision=meeting.revision, by=lis.user)

    response = client_of(lis.user).get(reverse("tools:meeting_calendar", args=[meeting.pk]))

    assert response.status_code in (200, 302)


def test_the_title_cannot_add_a_line_of_its_own_to_the_calendar_file(meeting, people):
    lis = people["lis"]
    title = 'Møde\r\nATTENDEE:mailto:x@example.org;"q",'
    document_save(
        document=meeting, data=MEETING, expected_revision=meeting.revision, title=title, by=lis.user
    )

    body = client_of(lis.user).get(reverse("tools:meeting_calendar", args=[meeting.pk])).content.decode()

    assert "\r\nATTENDEE" not in body
    assert 'SUMMARY:Møde\\nATTENDEE:mailto:x@example.org\\;"q"\\,' in body


def test_a_posted_link_to_a_previous_meeting_or_any_other_key_is_not_kept(meeting, people, builtin_tools):
    """The link to the meeting planned from is the planner's, never typed: a forged one (to a document the
    poster may not read) and keys the form does not have are dropped."""
    lis, bo = people["lis"], people["bo"]
    others = document_create(tool=meeting.tool, owner=bo, title="Bos møde", by=bo.user)
    form = {
        "title": "Ledelsesmøde",
        "revision": meeting.revision,
        "previous": str(others.pk),
        "owner": str(bo.pk),
        "library_audience": "organisation",
        "agenda-TOTAL_FORMS": "1",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-punkt": "Budget",
        "agenda-0-evil": "x",
    }

    response = client_of(lis.user).post(reverse("tools:document", args=[meeting.pk]), form)

    assert response.status_code == 302
    document = ToolDocument.objects.get(pk=meeting.pk)
    assert "previous" not in document.data and "owner" not in document.data
    assert "evil" not in document.data["agenda"][0]
    assert (document.owner, document.library_audience) == (lis, "")
    page = client_of(lis.user).get(reverse("tools:document", args=[meeting.pk])).content.decode()
    assert reverse("tools:document", args=[others.pk]) not in page
