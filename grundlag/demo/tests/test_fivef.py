from grundlag.actionplans.models import ActionPlan, Process, ProcessStep
from grundlag.demo.fivef import fivef_demo_create
from grundlag.organisation.tests.factories import UserFactory
from grundlag.tools.services import tools_builtin_load


def test_the_demo_makes_a_finished_5f_process_and_one_at_forestil_once(small_organisation):
    tools_builtin_load()
    people, units = small_organisation["people"], small_organisation["units"]
    carl = people["carl"]
    carl.user = UserFactory(username="carl")
    carl.save(update_fields=["user"])
    demo_people = [("demo-skoleleder", "leader", people["lis"]), ("demo-skolechef", "chief", carl)]
    lines: list[str] = []
    fivef_demo_create(people=demo_people, report=lines.append)
    fivef_demo_create(people=demo_people, report=lines.append)  # a second start makes nothing

    finished = Process.objects.get(owner=carl)
    assert finished.unit == units["schools"]
    assert people["lis"] in finished.team_members.all()
    assert {entry.author for entry in finished.entries.all()} == {carl, people["lis"]}
    plan = ActionPlan.objects.get()
    assert finished.plan == plan
    assert (plan.owner, plan.unit, plan.title) == (carl, units["schools"], finished.title)
    decisions = finished.entries.filter(step=ProcessStep.FRIGOER)
    assert list(plan.actions.values_list("what", flat=True)) == [d.text for d in decisions]

    under_way = Process.objects.get(owner=people["lis"])
    assert (under_way.unit, under_way.step, under_way.plan) == (units["ahorn"], ProcessStep.FORESTIL, None)
    assert set(under_way.entries.values_list("step", flat=True)) == {"fokuser", "forstaa", "forestil"}
    assert lines == ["  5F: 2 processes, 1 made into an action plan"]
