import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grundlag.actionplans.models import ActionPlan, PlanRevision, PlanStatus
from grundlag.actionplans.plans.services import (
    plan_action_add,
    plan_action_done,
    plan_create,
    plan_follow_up_add,
    plan_indicator_attach,
    plan_save,
    plan_share,
    plan_status_set,
)
from grundlag.actionplans.tests.factories import YEARS, observe, wellbeing_figures
from grundlag.audit.models import AuditEvent


def test_it_starts_a_plan_for_a_unit_the_owner_leads_with_its_first_revision(plan, people):
    assert plan.owner == people["lis"]
    assert list(plan.team_members.all()) == [people["bo"]]
    assert plan.revisions.get().revision == 1
    assert AuditEvent.objects.filter(action="actionplans.plan_create", object_id=str(plan.pk)).exists()


def test_a_leader_of_a_unit_above_may_start_a_plan_for_a_school(people, units):
    dorte = people["dorte"]
    plan = plan_create(unit=units["ahorn"], owner=dorte, title="Skoleplan", by=dorte.user)
    assert plan.unit == units["ahorn"]


def test_it_refuses_a_plan_for_a_unit_the_leader_does_not_lead(people, units):
    with pytest.raises(ValidationError) as refused:
        plan_create(unit=units["birk"], owner=people["lis"], title="Ikke min skole", by=people["lis"].user)
    assert refused.value.code == "not_leader"


def test_it_refuses_a_plan_started_for_someone_else(people, units):
    with pytest.raises(ValidationError) as refused:
        plan_create(unit=units["birk"], owner=people["bo"], title="Bos plan", by=people["lis"].user)
    assert refused.value.code == "not_owner"


def test_a_teacher_leads_no_unit_and_starts_no_plan(people, units):
    with pytest.raises(ValidationError):
        plan_create(unit=units["ahorn"], owner=people["tom"], title="Toms plan", by=people["tom"].user)


def test_the_team_is_leaders_the_owner_leads_or_works_beside(people, units):
    with pytest.raises(ValidationError) as refused:
        plan_create(
            unit=units["ahorn"],
            owner=people["lis"],
            title="Med direktøren",
            team_members=[people["dorte"]],
            by=people["lis"].user,
        )
    assert refused.value.code == "member"


def test_it_adds_actions_in_order_and_marks_one_done(plan, people):
    first = plan_action_add(
        plan=plan, what="Trivselsmøder", who="Lis", when="hver fredag", by=people["lis"].user
    )
    second = plan_action_add(plan=plan, what="Legepatruljer", signs="Færre konflikter", by=people["bo"].user)
    assert (first.position, second.position) == (0, 1)
    plan_action_done(action=first, done=True, by=people["lis"].user)
    first.refresh_from_db()
    assert first.done_on is not None


def test_only_the_plans_people_add_actions(plan, people):
    with pytest.raises(ValidationError):
        plan_action_add(plan=plan, what="Noget", by=people["dorte"].user)


def test_it_refuses_a_save_over_a_later_revision(plan, people):
    fields = dict(title="Ny titel", baseline="", goal="Mål", evaluation="", evaluate_on=None)
    plan_save(plan=plan, expected_revision=1, by=people["bo"].user, **fields)
    with pytest.raises(ValidationError) as refused:
        plan_save(plan=plan, expected_revision=1, by=people["lis"].user, **{**fields, "title": "Min titel"})
    assert refused.value.code == "conflict"
    plan.refresh_from_db()
    assert (plan.title, plan.revision) == ("Ny titel", 2)
    assert list(PlanRevision.objects.filter(plan=plan).values_list("revision", flat=True)) == [2, 1]


def test_a_status_change_is_a_revision(plan, people):
    plan_status_set(plan=plan, status=PlanStatus.ACTIVE, expected_revision=1, by=people["lis"].user)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    assert plan.revisions.first().data["status"] == PlanStatus.ACTIVE


def test_only_the_owner_shares(plan, people):
    with pytest.raises(ValidationError):
        plan_share(plan=plan, team_members=[], shared_with_superior=True, by=people["bo"].user)
    plan_share(plan=plan, team_members=[], shared_with_superior=True, by=people["lis"].user)
    plan.refresh_from_db()
    assert plan.shared_with_superior and not plan.team_members.exists()


def test_attaching_an_indicator_copies_the_figures_the_gate_shows(plan, people, units, indicator):
    figures = plan_indicator_attach(plan=plan, indicator=indicator, by=people["lis"].user)
    by_unit = {figure.unit_id: figure for figure in figures}
    assert set(by_unit) == {units["ahorn"].pk, units["schools"].pk, units["municipality"].pk, None}
    assert by_unit[units["ahorn"].pk].value == Decimal("3.8")
    assert by_unit[units["ahorn"].pk].period == "2021/22"
    assert by_unit[None].n == 500000


def test_the_baseline_is_unchanged_after_a_later_import(plan, people, units, indicator):
    plan_indicator_attach(plan=plan, indicator=indicator, by=people["lis"].user)
    wellbeing_figures(indicator, units, years=YEARS[1:])
    indicator.observations.filter(period="2021/22", unit=units["ahorn"]).update(value=Decimal("1.0"))
    figure = plan.baseline_figures.get(unit=units["ahorn"])
    assert (figure.value, figure.period) == (Decimal("3.8"), "2021/22")


def test_a_withheld_figure_keeps_its_reason_never_a_value(plan, people, units, indicator):
    other = type(indicator).objects.create(
        key="faa", name="Få svar", data_type=indicator.data_type, direction=indicator.direction, min_n=5
    )
    observe(other, units["ahorn"], 2023, "2023/24", "4.2", n=3)
    figures = plan_indicator_attach(plan=plan, indicator=other, by=people["lis"].user)
    ahorn = next(figure for figure in figures if figure.unit_id == units["ahorn"].pk)
    assert (ahorn.value, ahorn.n, ahorn.withheld) == (None, None, "too_few")


def test_a_follow_up_names_its_author_and_a_next_date_after_it(plan, people):
    day = datetime.date(2025, 3, 1)
    with pytest.raises(ValidationError):
        plan_follow_up_add(plan=plan, held_on=day, next_on=day, by=people["lis"].user)
    follow_up = plan_follow_up_add(
        plan=plan,
        held_on=day,
        signs_seen="Roligere frikvarterer",
        next_on=day.replace(month=6),
        by=people["bo"].user,
    )
    assert follow_up.author == people["bo"]


def test_the_owner_may_start_a_plan_from_nothing_but_a_title(people, units):
    plan = plan_create(unit=units["ahorn"], owner=people["lis"], title="  Kort  ", by=people["lis"].user)
    assert ActionPlan.objects.get(pk=plan.pk).title == "Kort"


def test_an_erased_owners_plan_with_a_team_passes_to_the_team_and_one_kept_alone_goes(plan, people, units):
    from grundlag.accounts.gdpr import person_document
    from grundlag.actionplans.plans.services import plans_person_erase

    alone = plan_create(unit=units["ahorn"], owner=people["lis"], title="Alene", by=people["lis"].user)
    assert [p["title"] for p in person_document(people["lis"], own=True)["action_plans"]] == [
        plan.title,
        "Alene",
    ]
    assert "action_plans" not in person_document(people["lis"])  # not in an administrator's export
    plans_person_erase(person=people["lis"])
    plan.refresh_from_db()
    assert plan.owner == people["bo"] and not plan.team_members.exists()
    assert not ActionPlan.objects.filter(pk=alone.pk).exists()
    assert not PlanRevision.objects.filter(saved_by=people["lis"]).exists()
