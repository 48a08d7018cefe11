"""The sparring tests use the plans' fixtures: the personas, Lis's plan, expectations at her level and not."""

from grundlag.development.plans.tests.conftest import (  # noqa: F401
    client_of,
    expectation,
    foreign_expectation,
    lis_plan,
    people,
)
