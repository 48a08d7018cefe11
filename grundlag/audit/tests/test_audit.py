"""The audit log: what is recorded (never text about the object), and the administrators' page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.audit.services import audit_record

from .conftest import english, page_text

pytestmark = pytest.mark.django_db


def test_it_records_the_user_the_action_and_the_object_by_type_and_id(administrator, small_organisation):
    lis = small_organisation["people"]["lis"]

    event = audit_record(user=administrator, action="person.view", obj=lis, detail="3 posts")

    event.refresh_from_db()
    assert (event.user, event.user_label, event.action) == (administrator, "admin", "person.view")
    assert (event.object_type, event.object_id, event.detail) == (
        "organisation.person",
        str(lis.pk),
        "3 posts",
    )
    assert "Lis" not in f"{event.object_type}{event.object_id}{event.detail}{event.user_label}"


def test_it_records_anonymous_actions_without_a_user(small_organisation):
    from django.contrib.auth.models import AnonymousUser

    event = audit_record(user=AnonymousUser(), action="api.person.list")

    assert (event.user, event.user_label, event.object_type) == (None, "", "")


def test_the_user_label_outlives_a_deleted_account(leader):
    event = audit_record(user=leader, action="organisation.import", detail="12 units")

    leader.delete()

    event.refresh_from_db()
    assert (event.user, event.user_label) == (None, "leder")


@pytest.fixture
def events(admin_client, administrator, leader):
    AuditEvent.objects.all().delete()  # the fixture's own login
    now = timezone.now()
    made = [
        audit_record(user=administrator, action="organisation.import", detail="new units: 4"),
        audit_record(user=leader, action="person.view"),
        audit_record(user=leader, action="person.export"),
        audit_record(user=administrator, action="person.view"),
    ]
    AuditEvent.objects.filter(pk=made[0].pk).update(at=now - datetime.timedelta(days=10))
    return made


def listed(response) -> list[int]:
    return [event.pk for event in response.context["page"]]


def test_the_page_lists_events_newest_first(admin_client, events):
    response = admin_client.get(reverse("audit:log"))

    assert response.status_code == 200
    assert listed(response) == [events[3].pk, events[2].pk, events[1].pk, events[0].pk]


def test_the_page_filters_by_action(admin_client, events):
    response = admin_client.get(reverse("audit:log"), {"action": "person.view"})

    assert listed(response) == [events[3].pk, events[1].pk]


def test_the_page_filters_by_user(admin_client, events, leader):
    response = admin_client.get(reverse("audit:log"), {"user": leader.pk})

    assert listed(response) == [events[2].pk, events[1].pk]


def test_the_page_filters_by_date_range(admin_client, events):
    today = timezone.localdate()
    old = (today - datetime.timedelta(days=10)).isoformat()

    only_old = admin_client.get(reverse("audit:log"), {"date_from": old, "date_to": old})
    recent = admin_client.get(reverse("audit:log"), {"date_from": today.isoformat()})

    assert listed(only_old) == [events[0].pk]
    assert events[0].pk not in listed(recent)
    assert len(listed(recent)) == 3


def test_a_reversed_date_range_is_explained_not_ignored(admin_client, events):
    response = admin_client.get(english("audit:log"), {"date_from": "2025-02-01", "date_to": "2025-01-01"})

    assert listed(response) == []
    assert "The start date must be on or before the end date." in page_text(response)


def test_the_page_shows_fifty_events_a_page_and_keeps_the_filter_when_paging(admin_client, administrator):
    AuditEvent.objects.bulk_create(AuditEvent(action="person.view", user=administrator) for _ in range(60))
    AuditEvent.objects.create(action="organisation.import")

    first = admin_client.get(reverse("audit:log"), {"action": "person.view"})
    second = admin_client.get(reverse("audit:log"), {"action": "person.view", "page": 2})

    assert len(listed(first)) == 50
    assert len(listed(second)) == 10
    assert "?action=person.view&amp;page=2" in first.content.decode()


def test_opening_the_page_is_not_itself_audited(admin_client, events):
    before = AuditEvent.objects.count()

    admin_client.get(reverse("audit:log"))

    assert AuditEvent.objects.count() == before


def test_the_page_is_a_table_with_column_headers(admin_client, events):
    text = page_text(admin_client.get(english("audit:log")))

    assert '<table class="table table--compact">' in text
    assert '<th scope="col">What happened</th>' in text
    assert "admin imported the organisation" in text
    assert "organisation.import</code>" not in text  # the code stays in the database and the export
