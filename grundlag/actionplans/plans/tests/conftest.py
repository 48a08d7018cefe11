import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from grundlag.actionplans.plans.services import plan_create
from grundlag.actionplans.tests.factories import wellbeing_figures, wellbeing_indicator
from grundlag.indicators.publication_cache import publication_cache_clear
from grundlag.tools.services import tools_builtin_load


@pytest.fixture(autouse=True)
def no_kept_decisions():
    """The gate's decisions are kept in the cache and the process: each test starts without them (the tests
    write figures directly, not through an import that would start a new generation)."""
    publication_cache_clear()
    cache.clear()


@pytest.fixture(autouse=True)
def messages_in_english():
    """The tests read messages word for word in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def builtin_tools(db):
    """The built-in toolbox, loaded: each tool's version by its key."""
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def units(small_organisation):
    return small_organisation["units"]


@pytest.fixture
def indicator(units):
    """The well-being indicator with figures for the school year 2021/22."""
    made = wellbeing_indicator()
    wellbeing_figures(made, units)
    return made


@pytest.fixture
def plan(people, units):
    """Lis's private plan for Ahorn Skole, with Bo in its leadership team."""
    return plan_create(
        unit=units["ahorn"],
        owner=people["lis"],
        title="Bedre trivsel i udskolingen",
        goal="Flere elever trives",
        team_members=[people["bo"]],
        by=people["lis"].user,
    )


def client_of(user):
    client = Client()
    client.force_login(user)
    return client
