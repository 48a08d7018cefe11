"""A unit's evaluation log: written by the unit's own leaders, read by them, the leaders above and the
administrator; an entry names its action plan only to those who read the plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grundlag.actionplans.log.services import evaluation_create, evaluation_update
from grundlag.actionplans.models import EvaluationEntry
from grundlag.actionplans.plans.services import plan_create
from grundlag.actionplans.start import start_items_for_user
from grundlag.actionplans.tests.factories import wellbeing_indicator
from grundlag.audit.models import AuditEvent

from .conftest import client_of

DAY = datetime.date(2025, 1, 10)


def test_a_leader_of_the_unit_writes_an_entry_with_data_and_indicators(people, units):
    indicator = wellbeing_indicator()
    entry = evaluation_create(
        unit=units["ahorn"],
        evaluated_on=DAY,
        subject="Trivsel i 7. klasse",
        data_used="Trivselsmålingen og elevrådets samtale",
        indicators=[indicator],
        conclusion="Drengene trives mindre",
        decision="Vi prøver legepatruljer",
        look_again_on=DAY.replace(month=6),
        by=people["lis"].user,
    )
    assert list(entry.indicators.all()) == [indicator]
    assert entry.author == people["lis"]
    assert AuditEvent.objects.filter(action="actionplans.evaluation_create", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize("name", ["dorte", "bo", "tom"])
def test_only_the_units_own_leaders_write_in_its_log(people, units, name):
    with pytest.raises(ValidationError):
        evaluation_create(unit=units["ahorn"], evaluated_on=DAY, subject="x", by=people[name].user)


def test_the_day_to_look_again_comes_after_the_evaluation(people, units):
    with pytest.raises(ValidationError):
        evaluation_create(
            unit=units["ahorn"], evaluated_on=DAY, subject="x", look_again_on=DAY, by=people["lis"].user
        )


def test_an_entry_is_tied_only_to_a_plan_of_the_unit_the_writer_reads(people, units):
    dorte = people["dorte"]
    others = plan_create(unit=units["ahorn"], owner=dorte, title="Dortes plan", by=dorte.user)
    with pytest.raises(ValidationError):
        evaluation_create(
            unit=units["ahorn"], evaluated_on=DAY, subject="x", plan=others, by=people["lis"].user
        )


def test_the_log_is_read_by_the_units_leaders_those_above_and_the_administrator(people, units, admin_client):
    evaluation_create(
        unit=units["ahorn"], evaluated_on=DAY, subject="Læsning i 3. klasse", by=people["lis"].user
    )
    url = reverse("actionplans:log", args=[units["ahorn"].pk])
    for client in (client_of(people["lis"].user), client_of(people["dorte"].user), admin_client):
        assert "Læsning i 3. klasse" in client.get(url).content.decode()
    for name in ("bo", "ulla", "tom"):
        assert client_of(people[name].user).get(url).status_code == 403


def test_an_entry_names_its_plan_only_to_those_who_read_the_plan(people, units, admin_client):
    lis = people["lis"]
    plan = plan_create(unit=units["ahorn"], owner=lis, title="Hemmelig plan", by=lis.user)
    evaluation_create(unit=units["ahorn"], evaluated_on=DAY, subject="Evaluering", plan=plan, by=lis.user)
    url = reverse("actionplans:log", args=[units["ahorn"].pk])
    assert "Hemmelig plan" in client_of(lis.user).get(url).content.decode()
    assert "Hemmelig plan" not in admin_client.get(url).content.decode()
    assert "Hemmelig plan" not in client_of(people["dorte"].user).get(url).content.decode()


def test_entries_are_written_and_changed_from_the_pages(people, units):
    client = client_of(people["lis"].user)
    create = reverse("actionplans:log_create", args=[units["ahorn"].pk])
    response = client.post(
        create, {"evaluated_on": "2025-01-10", "subject": "Fravær", "decision": "Ring hjem"}
    )
    assert response.status_code == 302
    entry = EvaluationEntry.objects.get(subject="Fravær")
    client.post(
        reverse("actionplans:log_edit", args=[entry.pk]),
        {"evaluated_on": "2025-01-10", "subject": "Fravær i 8. klasse", "conclusion": "Det virker"},
    )
    entry.refresh_from_db()
    assert (entry.subject, entry.conclusion, entry.decision) == ("Fravær i 8. klasse", "Det virker", "")
    assert (
        client_of(people["dorte"].user).get(reverse("actionplans:log_edit", args=[entry.pk])).status_code
        == 403
    )


def test_a_change_by_a_writer_who_does_not_read_the_tied_plan_keeps_the_tie(people, units):
    lis = people["lis"]
    plan = plan_create(unit=units["ahorn"], owner=lis, title="Lis' plan", by=lis.user)
    entry = evaluation_create(unit=units["ahorn"], evaluated_on=DAY, subject="x", plan=plan, by=lis.user)
    entry.plan.owner = people["dorte"]  # as if another leader of the unit, who does not read it, changes it
    entry.plan.save()
    evaluation_update(entry=entry, evaluated_on=DAY, subject="y", plan=None, by=lis.user)
    entry.refresh_from_db()
    assert entry.plan_id == plan.pk


def test_an_entry_to_look_at_again_soon_is_on_the_start_page_of_the_units_leaders(people, units):
    today = timezone.localdate()
    evaluation_create(
        unit=units["ahorn"],
        evaluated_on=today - datetime.timedelta(days=90),
        subject="Trivsel",
        look_again_on=today + datetime.timedelta(days=10),
        by=people["lis"].user,
    )
    _plans, entries = start_items_for_user(user=people["lis"].user)
    assert [item.title for item in entries] == ["Trivsel"]
    assert start_items_for_user(user=people["bo"].user) == ([], [])
    assert "Trivsel" in client_of(people["lis"].user).get(reverse("core:home")).content.decode()


def test_the_index_leads_a_leader_of_one_unit_to_its_log(people, units):
    response = client_of(people["lis"].user).get(reverse("actionplans:log_units"))
    assert response.url == reverse("actionplans:log", args=[units["ahorn"].pk])
    assert client_of(people["ulla"].user).get(reverse("actionplans:log_units")).status_code == 403
