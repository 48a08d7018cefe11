import pytest

from grundlag.networks.models import Audience, Membership
from grundlag.networks.tests.factories import ForumFactory


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
def members(forum, people):
    """Besides Lis: Carl (no e-mail address), a member who reads English (Bo) and one who unsubscribed
    (Dorte, the organiser)."""
    people["carl"].email = ""
    people["carl"].save(update_fields=["email"])
    people["bo"].language = "en"
    people["bo"].save(update_fields=["language"])
    Membership.objects.create(forum=forum, person=people["carl"])
    Membership.objects.create(forum=forum, person=people["bo"])
    Membership.objects.create(forum=forum, person=people["dorte"], newsletters=False)
    return forum.memberships.all()
