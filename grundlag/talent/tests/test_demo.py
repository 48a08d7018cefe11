"""The demo's talent pipeline, made on the small organisation through the talent services."""

import pytest

from grundlag.demo.talent import talent_demo_create
from grundlag.organisation.tests.factories import PersonFactory, PostFactory

from ..models import DeclinedCount, Programme, Stage, Talent
from ..selectors import readiness

pytestmark = pytest.mark.django_db


def test_it_makes_talents_at_every_stage_once(small_organisation, administrator):
    people, units = small_organisation["people"], small_organisation["units"]
    birte = PersonFactory(key="birte", name="Birte Lærer")
    PostFactory(person=birte, unit=units["birk"], title="Lærer", manager=people["bo"])
    demo_people = [("demo-skoleleder", "", people["lis"]), ("demo-laerer", "", people["tom"])]
    lines: list[str] = []
    for _twice in range(2):
        talent_demo_create(people=demo_people, admin_username=administrator.username, report=lines.append)
    assert Programme.objects.count() == 1 and "already there" in lines[-1]
    stages = sorted(Talent.objects.values_list("stage", flat=True))
    assert stages == sorted(
        [Stage.NOMINATED, Stage.CLARIFYING, Stage.GOING_ON, Stage.IN_PROGRAMME, Stage.IN_PROGRAMME]
    )
    assert Talent.objects.get(person=people["tom"]).stage == Stage.NOMINATED
    ready = [readiness(talent=t).ready for t in Talent.objects.filter(stage=Stage.IN_PROGRAMME)]
    assert sorted(ready) == [False, True]
    assert DeclinedCount.objects.get().declined == 1
