"""Talents at each stage of the pipeline, made through the talent services from the `small_organisation`."""

import datetime

from django.utils import timezone

from grundlag.organisation.tests.factories import UserFactory

from ..models import Decision, Interest, Talent
from ..selectors import level_expectations
from ..services import (
    assignment_add,
    cohort_create,
    conversation_record,
    programme_create,
    reflection_save,
    talent_consent,
    talent_decide,
    talent_enrol,
    talent_nominate,
)


def with_user(person, username: str):
    """Give a person of the small organisation (e.g. Carl) a login."""
    person.user = UserFactory(username=username)
    person.save(update_fields=["user"])
    return person


def answers(talent: Talent, interest: str = Interest.APPEALS) -> dict[int, str]:
    return {
        e.pk: interest for content in level_expectations(level=talent.level) for e in content.expectations
    }


def clarifying(org, *, nominee="tom", by="lis") -> Talent:
    people = org["people"]
    talent = talent_nominate(nominee=people[nominee], reason="Tager ansvar i teamet", by=people[by].user)
    return talent_consent(talent=talent, by=people[nominee].user)


def going_on(org, *, nominee="tom", by="lis") -> Talent:
    people = org["people"]
    talent = clarifying(org, nominee=nominee, by=by)
    user = people[nominee].user
    reflection_save(talent=talent, answers=answers(talent), text="Jeg vil gerne prøve", by=user)
    conversation_record(
        talent=talent, held_on=timezone.localdate(), notes="God samtale", by=talent.leader.user
    )
    return talent_decide(talent=talent, decision=Decision.GO_ON, note="", by=user)


def programme_with_assignments(admin, *, count: int = 2):
    programme = programme_create(name="Lederspirer 2027", description="", by=admin)
    expected = [e for content in level_expectations(level=programme.level) for e in content.expectations]
    assignments = [
        assignment_add(programme=programme, title=f"Opgave {n + 1}", expectation=expected[n], by=admin)
        for n in range(count)
    ]
    today = timezone.localdate()
    cohort = cohort_create(
        programme=programme, name="Hold 1", starts=today, ends=today + datetime.timedelta(days=200), by=admin
    )
    return programme, cohort, assignments


def in_programme(org, admin, *, mentor="bo", count: int = 2):
    """Tom, nominated by Lis, in a cohort with Bo (another school's leader) as his mentor."""
    talent = going_on(org)
    _programme, cohort, assignments = programme_with_assignments(admin, count=count)
    talent = talent_enrol(talent=talent, cohort=cohort, mentor=org["people"][mentor], by=admin)
    return talent, assignments
