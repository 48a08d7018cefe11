import pytest

from grundlag.networks.models import Audience, Membership
from grundlag.networks.tests.factories import EventFactory, ForumFactory


@pytest.fixture
def forum(people):
    """A forum open to leaders, organised by Dorte, with Lis as a member. Bo (a leader) may join it but has
    not; Ulla and Tom (teachers) are outside it."""
    forum = ForumFactory(
        slug="data", theme="Evalueringskultur og datainformeret ledelse", audience=Audience.LEADERS
    )
    forum.organisers.set([people["dorte"]])
    Membership.objects.create(forum=forum, person=people["lis"])
    return forum


@pytest.fixture
def event(forum):
    return EventFactory(forum=forum, title="Lederforum i Kolding")


@pytest.fixture
def section(builtin_frameworks):
    """Source 001's section of reflection questions on Ledelseskommissionen's recommendations."""
    return builtin_frameworks["bupl-ledere-af-ledere"].sections.get(key="refleksion")
