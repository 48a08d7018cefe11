"""The notes' rows of the access matrix (grundlag/core/tests/test_access_matrix.py, joined through
grundlag/indicators/tests/matrix.py), and the objects they need.

Lis (the leader) leads Ahorn Skole: she writes and reads its notes and comments, and her private note is hers
alone. Dorte (the manager, above her) and the administrator read the shared notes and the comments with the
unit's figures, but write none on Ahorn (403) and never reach Lis's private note (404). Bo (a leader
elsewhere) and Ulla (the respondent) may not see Ahorn's figures: everything of it is a 404 for them.
"""

import datetime

from django.utils import timezone

from grundlag.core.tests.access import DENIED, HIDDEN, LOGIN, OK, Route, signed_in
from grundlag.indicators.models import DataType, Direction, Indicator, NoteKind, Observation, PeriodKind
from grundlag.indicators.notes.selectors import comment_periods
from grundlag.indicators.notes.services import figure_comment_create, unit_note_create

READERS = signed_in(LOGIN, HIDDEN, leader=OK, manager=OK, administrator=OK)
WRITERS = signed_in(LOGIN, HIDDEN, leader=OK, manager=DENIED, administrator=DENIED)
LIS_PRIVATE = signed_in(LOGIN, HIDDEN, leader=OK)


def notes_world(o: dict) -> dict:
    """An indicator with Ahorn's figure of 2023/24, Lis's shared and private notes and her comment."""
    ahorn, lis = o["units"]["ahorn"], o["people"]["lis"].user
    indicator = Indicator.objects.create(
        key="matrix-noter-trivsel",
        name="Matrix trivsel",
        data_type=DataType.PERCEPTION,
        direction=Direction.HIGHER,
    )
    Observation.objects.create(
        indicator=indicator,
        unit=ahorn,
        period_kind=PeriodKind.SCHOOL_YEAR,
        period_start=datetime.date(2023, 8, 1),
        period="2023/24",
        value=4,
        n=100,
    )
    notes = {
        private: unit_note_create(
            unit=ahorn,
            data_type=DataType.PERCEPTION,
            kind=NoteKind.INTERVIEW,
            observed_on=timezone.localdate(),
            title="Matrix note",
            text="Matrix",
            private=private,
            by=lis,
        )
        for private in (False, True)
    }
    period = comment_periods(unit=ahorn, indicator=indicator)[0]
    comment = figure_comment_create(unit=ahorn, indicator=indicator, period=period, text="Matrix", by=lis)
    return {"indicator": indicator, "shared": notes[False], "private": notes[True], "comment": comment}


def _ahorn(o):
    return {"unit_pk": o["units"]["ahorn"].pk}


def _indicator(o):
    return {**_ahorn(o), "indicator_key": o["indicators"]["notes"]["indicator"].key}


def _note(which):
    return lambda o: {"pk": o["indicators"]["notes"][which].pk}


NOTES_ROUTES = [
    Route("indicators:unit_notes", _ahorn, READERS),
    Route("indicators:unit_note_create", _ahorn, WRITERS),
    Route("indicators:unit_note_create", _ahorn, WRITERS, "post"),
    Route("indicators:unit_note_edit", _note("shared"), WRITERS),
    Route("indicators:unit_note_edit", _note("private"), LIS_PRIVATE),
    Route("indicators:unit_note_edit", _note("private"), LIS_PRIVATE, "post"),
    Route("indicators:unit_note_delete", _note("private"), LIS_PRIVATE, "post"),
    Route("indicators:figure_comment_create", _indicator, WRITERS),
    Route("indicators:figure_comment_create", _indicator, WRITERS, "post"),
    Route("indicators:figure_comment_edit", _note("comment"), WRITERS),
    Route("indicators:figure_comment_edit", _note("comment"), WRITERS, "post"),
    Route("indicators:figure_comment_delete", _note("comment"), WRITERS, "post"),
]
