import pytest
from django.test import Client

from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UserFactory
from grundlag.tools.documents.services import document_create, document_save
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load

KNOWLEDGE = {
    "beskriv": "På Ahorn Skole har vi styrket samarbejdet med skolens forældre gennem korte samtaler hver "
    "uge.",
    "omsaet": "Hos os kan teamene prøve de korte samtaler i indskolingen først.",
    "subject_words": "forældresamarbejde, trivsel",
}


@pytest.fixture
def builtin_tools(db):
    """The built-in toolbox, loaded: each tool's version by its key."""
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}


@pytest.fixture
def knowledge(builtin_tools, small_organisation):
    """Lis's knowledge-sharing document, saved once; private (not in the library)."""
    lis = small_organisation["people"]["lis"]
    document = document_create(
        tool=Tool.objects.get(key="videndeling"), owner=lis, title="Forældresamtaler", by=lis.user
    )
    return document_save(document=document, data=KNOWLEDGE, expected_revision=0, by=lis.user)


@pytest.fixture
def vice(small_organisation, builtin_frameworks):
    """Vera, a leader on a leadership level in Ahorn Skole under Lis (in Lis's unit, so in its library)."""
    levels = {level.key: level for level in builtin_frameworks["aarhus-boern-og-unge"].levels.all()}
    vera = PersonFactory(key="vera", name="Vera Viceleder", user=UserFactory(username="vera"))
    PostFactory(
        person=vera,
        unit=small_organisation["units"]["ahorn"],
        title="Viceskoleleder",
        level=levels["leder-af-medarbejder"],
        manager=small_organisation["people"]["lis"],
    )
    return vera


def client_of(user):
    client = Client()
    client.force_login(user)
    return client
