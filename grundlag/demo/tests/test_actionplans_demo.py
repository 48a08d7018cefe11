from grundlag.actionplans.models import ActionPlan, EvaluationEntry
from grundlag.actionplans.tests.factories import YEARS, wellbeing_figures, wellbeing_indicator
from grundlag.demo.actionplans import TITLE, WELLBEING, actionplans_demo_create
from grundlag.tools.services import tools_builtin_load


def test_the_demo_school_leader_has_a_shared_plan_with_a_baseline_and_a_log_once(small_organisation):
    tools_builtin_load()
    units, people = small_organisation["units"], small_organisation["people"]
    wellbeing_figures(wellbeing_indicator(key=WELLBEING), units, years=YEARS)
    demo_people = [("demo-skoleleder", "leader", people["lis"])]
    lines: list[str] = []
    actionplans_demo_create(people=demo_people, report=lines.append)
    actionplans_demo_create(people=demo_people, report=lines.append)  # a second start makes nothing
    plan = ActionPlan.objects.get(title=TITLE)
    assert plan.shared_with_superior and list(plan.team_members.all()) == [people["bo"]]
    assert plan.actions.count() == 3 and plan.follow_ups.count() == 2
    assert plan.baseline_figures.get(unit=units["ahorn"]).period == YEARS[0][1]  # three years: the first
    entries = EvaluationEntry.objects.filter(unit=units["ahorn"])
    assert entries.count() == 2 and entries.filter(plan=plan).count() == 1
    assert len(lines) == 1
