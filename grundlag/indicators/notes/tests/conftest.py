"""The notes' world: the small organisation (Lis leads Ahorn Skole, Dorte above her, Bo leads Birk Skole with
Ulla, Tom teaches at Ahorn), an indicator with two school years of Ahorn's figures, and a shared and a private
note of Lis's and a comment of hers."""

import datetime

import pytest
from django.utils import timezone, translation

from grundlag.indicators.models import DataType, Direction, Indicator, NoteKind, Observation, PeriodKind

from ..selectors import comment_periods
from ..services import figure_comment_create, unit_note_create


@pytest.fixture(autouse=True)
def messages_in_english():
    """The tests read messages word for word in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(small_organisation):
    return small_organisation["people"]


@pytest.fixture
def ahorn(small_organisation):
    return small_organisation["units"]["ahorn"]


@pytest.fixture
def wellbeing(ahorn):
    """General well-being with Ahorn's figures of 2022/23 and 2023/24."""
    indicator = Indicator.objects.create(
        key="trivsel", name="Generel trivsel", data_type=DataType.PERCEPTION, direction=Direction.HIGHER
    )
    for year, label in ((2022, "2022/23"), (2023, "2023/24")):
        Observation.objects.create(
            indicator=indicator,
            unit=ahorn,
            period_kind=PeriodKind.SCHOOL_YEAR,
            period_start=datetime.date(year, 8, 1),
            period=label,
            value=4,
            n=120,
        )
    return indicator


def note(
    *,
    unit,
    by,
    title,
    private=False,
    data_type=DataType.PERCEPTION,
    text="Eleverne fortalte om frikvartererne.",
):
    return unit_note_create(
        unit=unit,
        data_type=data_type,
        kind=NoteKind.INTERVIEW,
        observed_on=timezone.localdate() - datetime.timedelta(days=30),
        title=title,
        text=text,
        private=private,
        by=by,
    )


@pytest.fixture
def shared_note(ahorn, people):
    return note(unit=ahorn, by=people["lis"].user, title="Interview med 6.b")


@pytest.fixture
def private_note(ahorn, people):
    return note(
        unit=ahorn, by=people["lis"].user, title="Min egen iagttagelse", private=True, text="PRIVAT-TEKST"
    )


@pytest.fixture
def comment(ahorn, people, wellbeing):
    latest = comment_periods(unit=ahorn, indicator=wellbeing)[0]
    return figure_comment_create(
        unit=ahorn,
        indicator=wellbeing,
        period=latest,
        text="Ny legepladsordning i foråret.",
        by=people["lis"].user,
    )
