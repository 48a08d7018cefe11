import pytest

from grundlag.frameworks.services import draft_create
from grundlag.frameworks.tests.documents import imported, small_document


@pytest.fixture
def published():
    [version] = imported(small_document())
    return version


@pytest.fixture
def draft(published, administrator):
    return draft_create(framework=published.framework, by=administrator)
