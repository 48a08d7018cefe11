import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def import_messages_in_english(request):
    """The import tests read messages word for word in English; Danish ones are checked on their own."""
    if request.module.__name__.rsplit(".", 1)[-1].startswith("test_import"):
        with translation.override("en"):
            yield
    else:
        yield
