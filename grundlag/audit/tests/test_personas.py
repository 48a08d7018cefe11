"""Who may read the audit log, for the three personas: only the administrator; Lis (a school leader)
and Ulla (a teacher at the other school) are refused, whatever they ask of it."""

import pytest
from django.urls import reverse

from grundlag.audit.models import AuditEvent

from .conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def lis_read_tom(lis_client, small_organisation):
    """Lis has opened her teacher Tom's page: one person.view in the log."""
    tom = small_organisation["people"]["tom"]
    assert lis_client.get(reverse("organisation:person", args=[tom.pk])).status_code == 200
    return tom


@pytest.mark.parametrize("params", [{}, {"action": "person.view"}, {"page": 2}])
def test_a_leader_and_an_outsider_cannot_open_the_log(lis_client, ulla_client, lis_read_tom, params):
    for client in (lis_client, ulla_client):
        response = client.get(reverse("audit:log"), params)

        assert response.status_code == 403
        # The error page sends the language switch back to the address asked for: nothing else of it.
        shown = page_text(response).replace(response.wsgi_request.get_full_path(), "")
        assert "person.view" not in shown
        assert "Auditlog" not in shown


def test_the_administrator_opens_the_log_and_sees_the_leaders_read_of_her_teacher(
    admin_client, lis_read_tom, leader_with_staff
):
    response = admin_client.get(reverse("audit:log"), {"action": "person.view"})

    assert response.status_code == 200
    assert "Auditlog" in page_text(response)
    [event] = response.context["page"]
    assert (event.user, event.object_type, event.object_id) == (
        leader_with_staff,
        "organisation.person",
        str(lis_read_tom.pk),
    )
    row = page_text(response).split("<tbody>", 1)[1]
    tom = reverse("organisation:person", args=[lis_read_tom.pk])
    assert f'Lis Leder så <a href="{tom}">Tom Lærer</a>' in row  # in words, with a link to the record


def test_an_outsiders_refused_look_at_the_leaders_teacher_is_no_read_in_the_log(
    admin_client, ulla_client, outsider, small_organisation
):
    tom = small_organisation["people"]["tom"]

    assert ulla_client.get(reverse("organisation:person", args=[tom.pk])).status_code == 404

    response = admin_client.get(reverse("audit:log"), {"user": outsider.pk})
    assert response.status_code == 200
    assert response.context["form"].is_valid()  # Ulla is in the log: her sign-in
    ullas = list(response.context["page"])
    assert ullas and all(event.user == outsider for event in ullas)
    assert [event for event in ullas if event.object_id == str(tom.pk)] == []
    assert not AuditEvent.objects.filter(action="person.view").exists()
