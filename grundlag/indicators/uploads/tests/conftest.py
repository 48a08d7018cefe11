import pytest
from django.utils import translation

from grundlag.indicators.tests.conftest import schools  # noqa: F401  (four schools in four municipalities)


@pytest.fixture(autouse=True)
def pages_in_english():
    """The tests read the pages word for word in English (the URLs are reversed under /en/)."""
    with translation.override("en"):
        yield
