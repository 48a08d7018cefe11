import json

import pytest
from django.core.exceptions import ValidationError

from grundlag.accounts.gdpr import person_document
from grundlag.accounts.services import person_erase
from grundlag.actionplans.models import Action, ActionPlan, Process, ProcessEntry, ProcessStep
from grundlag.actionplans.process.selectors import process_steps
from grundlag.actionplans.process.services import (
    process_entry_add,
    process_entry_delete,
    process_entry_update,
    process_plan_create,
    process_start,
    process_step_move,
    process_team_set,
)
from grundlag.audit.models import AuditEvent
from grundlag.tools.models import ToolStatus
from grundlag.tools.services import tool_version_create

pytestmark = pytest.mark.django_db


def test_it_starts_a_process_on_the_5f_models_current_version(process, fivef, people):
    assert process.tool_version == fivef
    assert process.step == ProcessStep.FOKUSER
    assert list(process.team_members.all()) == [people["bo"]]


def test_its_content_stays_the_version_it_was_started_on(process, fivef, people, units):
    definition = {
        "name": fivef.name,
        "source": fivef.source,
        "credits": fivef.credits,
        "content": {
            **fivef.content,
            "steps": [{**step, "description": "Ny tekst"} for step in fivef.content["steps"]],
        },
    }
    newer = tool_version_create(tool=fivef.tool, definition=definition, status=ToolStatus.PUBLISHED)
    process.refresh_from_db()
    assert [step.description for step in process_steps(process=process)] == [
        step["description"] for step in fivef.content["steps"]
    ]
    later = process_start(unit=units["ahorn"], owner=people["lis"], title="Næste", by=people["lis"].user)
    assert later.tool_version == newer
    assert {step.description for step in process_steps(process=later)} == {"Ny tekst"}


def test_it_reads_each_step_in_the_tools_words(process, fivef):
    steps = process_steps(process=process)
    assert [step.key for step in steps] == ProcessStep.values
    assert [(s.name, s.prompts, s.description) for s in steps] == [
        (step["name"], step["prompts"], step["description"]) for step in fivef.content["steps"]
    ]


def test_it_refuses_a_unit_the_owner_does_not_lead(fivef, people, units):
    with pytest.raises(ValidationError, match="a unit you lead"):
        process_start(unit=units["birk"], owner=people["lis"], title="X", by=people["lis"].user)


def test_a_leader_above_starts_one_for_a_unit_below(fivef, people, units):
    made = process_start(unit=units["ahorn"], owner=people["dorte"], title="X", by=people["dorte"].user)
    assert made.unit == units["ahorn"]


def test_it_refuses_to_start_one_for_someone_else(fivef, people, units):
    with pytest.raises(ValidationError, match="leader who owns it"):
        process_start(unit=units["ahorn"], owner=people["lis"], title="X", by=people["dorte"].user)


@pytest.mark.parametrize("member", ["tom", "dorte"])
def test_the_team_is_leaders_the_owner_may_pick(fivef, people, units, member):
    """Not her teacher (no leader), not her superior (who reads a shared plan and never writes)."""
    with pytest.raises(ValidationError, match="leaders you lead or leaders beside you"):
        process_start(
            unit=units["ahorn"],
            owner=people["lis"],
            title="X",
            team_members=[people[member]],
            by=people["lis"].user,
        )


def test_only_the_owner_chooses_the_team(process, people):
    with pytest.raises(ValidationError, match="owner chooses"):
        process_team_set(process=process, team_members=[], by=people["bo"].user)
    process_team_set(process=process, team_members=[people["lis"]], by=people["lis"].user)
    assert list(process.team_members.all()) == []  # the owner is never their own team member


def test_two_writers_add_to_a_step_without_overwriting_each_other(process, people):
    mine = process_entry_add(
        process=process, step="forstaa", text="Læsebåndet virkede", by=people["lis"].user
    )
    theirs = process_entry_add(process=process, step="forstaa", text="Forfatterbesøget", by=people["bo"].user)
    entries = list(ProcessEntry.objects.filter(process=process, step="forstaa"))
    assert entries == [mine, theirs]
    assert [(e.author, e.text) for e in entries] == [
        (people["lis"], "Læsebåndet virkede"),
        (people["bo"], "Forfatterbesøget"),
    ]


def test_an_author_changes_and_deletes_only_their_own_contribution(process, people):
    theirs = process_entry_add(process=process, step="fokuser", text="Bos tekst", by=people["bo"].user)
    with pytest.raises(ValidationError, match="Only its author"):
        process_entry_update(entry=theirs, text="Lis' tekst", by=people["lis"].user)
    with pytest.raises(ValidationError, match="Only its author"):
        process_entry_delete(entry=theirs, by=people["lis"].user)
    theirs.refresh_from_db()
    assert theirs.text == "Bos tekst"
    process_entry_update(entry=theirs, text="Bos nye tekst", by=people["bo"].user)
    assert ProcessEntry.objects.get(pk=theirs.pk).text == "Bos nye tekst"
    process_entry_delete(entry=theirs, by=people["bo"].user)
    assert not ProcessEntry.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("outsider", ["tom", "ulla", "dorte"])
def test_nobody_outside_the_process_writes_in_it(process, people, outsider):
    with pytest.raises(ValidationError, match="owner and team"):
        process_entry_add(process=process, step="fokuser", text="Hej", by=people[outsider].user)
    with pytest.raises(ValidationError, match="owner and team"):
        process_step_move(process=process, step="forstaa", by=people[outsider].user)


def test_any_member_moves_the_team_to_another_step(process, people):
    process_step_move(process=process, step="forestil", by=people["bo"].user)
    assert Process.objects.get(pk=process.pk).step == "forestil"
    with pytest.raises(ValidationError, match="five steps"):
        process_step_move(process=process, step="femte", by=people["lis"].user)


def _worked_through(process, people):
    lis, bo = people["lis"].user, people["bo"].user
    process_entry_add(process=process, step="fokuser", text="Læselyst", by=lis)
    process_entry_add(process=process, step="fastslaa", text="Alle elever læser dagligt", by=lis)
    process_entry_add(process=process, step="fastslaa", text="Biblioteket bruges mere", by=bo)
    process_entry_add(process=process, step="frigoer", text="Læsebånd hver morgen", by=bo)
    process_entry_add(process=process, step="frigoer", text="Forfatterbesøg i 5. klasse", by=lis)


def test_frigoers_decisions_become_the_actions_of_a_new_plan_once(process, people, units):
    _worked_through(process, people)
    plan = process_plan_create(process=process, by=people["lis"].user)
    assert (plan.unit, plan.owner, plan.title) == (
        units["ahorn"],
        people["lis"],
        "Mere læselyst i mellemtrinnet",
    )
    assert list(plan.team_members.all()) == [people["bo"]]
    assert plan.goal == "Alle elever læser dagligt\n\nBiblioteket bruges mere"
    assert list(plan.actions.values_list("what", flat=True)) == [
        "Læsebånd hver morgen",
        "Forfatterbesøg i 5. klasse",
    ]
    assert Process.objects.get(pk=process.pk).plan == plan
    with pytest.raises(ValidationError, match="become an action plan"):
        process_plan_create(process=process, by=people["lis"].user)
    assert ActionPlan.objects.count() == 1
    assert Action.objects.count() == 2


def test_a_process_that_became_a_plan_is_kept_as_it_was(process, people):
    _worked_through(process, people)
    entry = ProcessEntry.objects.filter(process=process, author=people["bo"]).first()
    process_plan_create(process=process, by=people["lis"].user)
    process.refresh_from_db()
    for write in (
        lambda: process_entry_add(process=process, step="frigoer", text="Mere", by=people["lis"].user),
        lambda: process_entry_update(entry=entry, text="Andet", by=people["bo"].user),
        lambda: process_step_move(process=process, step="fokuser", by=people["bo"].user),
    ):
        with pytest.raises(ValidationError, match="kept as it was"):
            write()


def test_only_the_owner_makes_the_plan(process, people):
    _worked_through(process, people)
    with pytest.raises(ValidationError, match="owner makes"):
        process_plan_create(process=process, by=people["bo"].user)
    assert ActionPlan.objects.count() == 0


def test_a_plan_needs_a_decision(process, people):
    process_entry_add(process=process, step="fastslaa", text="Et mål", by=people["lis"].user)
    with pytest.raises(ValidationError, match="at least one decision"):
        process_plan_create(process=process, by=people["lis"].user)


def test_a_decision_fits_an_action(process, people):
    with pytest.raises(ValidationError, match="keep it under 5000"):
        process_entry_add(process=process, step="frigoer", text="x" * 5001, by=people["lis"].user)
    process_entry_add(process=process, step="forstaa", text="x" * 5001, by=people["lis"].user)


def test_every_write_is_audited_without_what_was_written(process, people):
    _worked_through(process, people)
    entry = ProcessEntry.objects.filter(process=process, author=people["lis"]).first()
    process_entry_update(entry=entry, text="Hemmelig tekst", by=people["lis"].user)
    process_step_move(process=process, step="frigoer", by=people["bo"].user)
    process_team_set(process=process, team_members=[people["bo"]], by=people["lis"].user)
    process_entry_delete(entry=entry, by=people["lis"].user)
    process_plan_create(process=process, by=people["lis"].user)
    events = AuditEvent.objects.filter(action__startswith="actionplans.process_")
    assert {event.action for event in events} == {
        "actionplans.process_start",
        "actionplans.process_entry_add",
        "actionplans.process_entry_update",
        "actionplans.process_entry_delete",
        "actionplans.process_step_move",
        "actionplans.process_team_set",
        "actionplans.process_plan_create",
    }
    assert all(event.object_type == "actionplans.process" for event in events)
    texts = " ".join(event.detail for event in AuditEvent.objects.all())
    assert "Hemmelig" not in texts and "Læse" not in texts and "læselyst" not in texts


def test_an_erased_person_leaves_no_process_or_contribution_behind(process, people, units, admin_user):
    process_entry_add(process=process, step="fokuser", text="Bos bidrag", by=people["bo"].user)
    process_entry_add(process=process, step="fokuser", text="Lis' bidrag", by=people["lis"].user)
    own = process_start(unit=units["birk"], owner=people["bo"], title="Bos egen", by=people["bo"].user)
    own_export = person_document(people["bo"], own=True)
    assert [c["text"] for c in own_export["process_contributions"]] == ["Bos bidrag"]
    assert "Bos bidrag" not in json.dumps(
        person_document(people["bo"]), default=str
    )  # not the administrator's
    person_erase(person=people["bo"], by=admin_user)  # the real erasure, with every app's part
    assert not Process.objects.filter(pk=own.pk).exists()
    assert not process.team_members.exists()
    assert list(ProcessEntry.objects.values_list("text", flat=True)) == ["Lis' bidrag"]
