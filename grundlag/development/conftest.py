"""The fixtures the development tests share."""

import datetime

import pytest
from django.utils import timezone

from grundlag.development.dialogues.services import round_open


@pytest.fixture
def opened(small_organisation, administrator):
    """An LUS round for the whole small municipality: Carl, Lis and Bo each get a dialogue."""
    today = timezone.localdate()
    return round_open(
        name="LUS 2027",
        unit=small_organisation["units"]["municipality"],
        starts=today,
        ends=today + datetime.timedelta(days=60),
        by=administrator,
    )
