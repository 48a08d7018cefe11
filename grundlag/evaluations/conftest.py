import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def service_messages_in_english(request):
    """These tests read service messages and labels word for word in English; pages are Danish anyway."""
    if request.module.__name__.rsplit(".", 1)[-1] in {
        "test_cycles",
        "test_reports",
        "test_nominations",
    }:
        with translation.override("en"):
            yield
    else:
        yield
