"""The evaluation log's rows of the access matrix (joined through grundlag/actionplans/tests/matrix.py), and
the entry they need: one in the log of Lis's school. The log is read by the unit's leaders and those above
(Lis, Dorte) and the administrator, and written by the unit's own leaders (Lis); Bo and Ulla are refused."""

import datetime

from grundlag.core.tests.access import DENIED, LOGIN, OK, Route, signed_in

from ...models import EvaluationEntry
from ..services import evaluation_create

SUBJECT = "Matrix evaluering"


def log_world(o: dict) -> dict:
    lis = o["people"]["lis"]
    entry = evaluation_create(
        unit=o["units"]["ahorn"], evaluated_on=datetime.date(2025, 1, 10), subject=SUBJECT, by=lis.user
    )
    return {"entry": entry}


def ahorn(o: dict) -> dict:
    return {"unit_pk": o["units"]["ahorn"].pk}


def entry(o: dict) -> dict:
    return {"pk": EvaluationEntry.objects.get(subject=SUBJECT).pk}


KEEPERS = signed_in(LOGIN, OK, respondent=DENIED)
READERS = signed_in(LOGIN, DENIED, leader=OK, manager=OK, administrator=OK)
WRITERS = signed_in(LOGIN, DENIED, leader=OK)
ENTRY = {"evaluated_on": "2025-02-01", "subject": "Matrix"}

ROUTES = [
    Route("actionplans:log_units", None, KEEPERS),
    Route("actionplans:log", ahorn, READERS),
    Route("actionplans:log_create", ahorn, WRITERS),
    Route("actionplans:log_create", ahorn, WRITERS, "post", ENTRY),
    Route("actionplans:log_edit", entry, WRITERS),
    Route("actionplans:log_edit", entry, WRITERS, "post", ENTRY),
]
