"""The fixtures the plan and sparring tests share: the personas, an expectation at Lis's level and one not."""

import pytest
from django.test import Client

from grundlag.development.plans.selectors import goal_choices, leader_level
from grundlag.development.plans.services import plan_own_get
from grundlag.frameworks.models import Expectation
from grundlag.organisation.tests.factories import UserFactory


@pytest.fixture
def people(small_organisation):
    """The small municipality's people; Carl (the school chief over Lis and Bo) gets an account."""
    people = small_organisation["people"]
    people["carl"].user = UserFactory(username="carl")
    people["carl"].save(update_fields=["user"])
    return people


@pytest.fixture
def lis_plan(people):
    return plan_own_get(leader=people["lis"])


@pytest.fixture
def expectation(lis_plan):
    """An expectation of Lis's level (a school leader's), the first of the first section with any."""
    return goal_choices(plan=lis_plan)[0].expectations[0]


@pytest.fixture
def foreign_expectation(people):
    """An expectation of another level than Lis's: the director's."""
    level = leader_level(leader=people["lis"])
    return (
        Expectation.objects.filter(version=level.version, level__isnull=False)
        .exclude(level__key=level.key)
        .first()
    )


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
