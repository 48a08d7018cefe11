"""The log is read only by administrators; erasing an account relabels its events."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from grundlag.audit.models import AuditEvent
from grundlag.audit.selectors import audit_events_for_user
from grundlag.audit.services import audit_events_relabel, audit_record

pytestmark = pytest.mark.django_db


def test_it_refuses_the_log_to_anyone_but_an_administrator(leader):
    for user in (leader, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            audit_events_for_user(user=user)


def test_it_narrows_the_log_by_the_user_who_acted(administrator, leader):
    mine = audit_record(user=administrator, action="person.view")
    audit_record(user=leader, action="person.view")

    assert list(audit_events_for_user(user=administrator, by=administrator)) == [mine]


def test_it_relabels_only_the_users_own_events(administrator, leader):
    audit_record(user=leader, action="person.view")
    audit_record(user=administrator, action="person.view")

    changed = audit_events_relabel(user=leader, label="Erased person 7")

    assert changed == 1
    assert set(AuditEvent.objects.values_list("user_label", flat=True)) == {"Erased person 7", "admin"}
