import pytest
from django.test import Client

from grundlag.tools.documents.services import document_create, document_save
from grundlag.tools.models import Tool
from grundlag.tools.services import tools_builtin_load


@pytest.fixture
def builtin_tools(db):
    """The built-in toolbox, loaded: each tool's version by its key."""
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}


@pytest.fixture
def feedback(builtin_tools, small_organisation):
    """Lis's feedback document, saved once with an observation."""
    lis = small_organisation["people"]["lis"]
    document = document_create(
        tool=Tool.objects.get(key="feedbackmodel"), owner=lis, title="Feedback til Tom", by=lis.user
    )
    return document_save(
        document=document,
        data={"purpose": "prepare", "recipient": "Tom", "given_on": "", "iagttagelse": "Jeg ser en god time"},
        expected_revision=0,
        by=lis.user,
    )


def client_of(user):
    client = Client()
    client.force_login(user)
    return client
