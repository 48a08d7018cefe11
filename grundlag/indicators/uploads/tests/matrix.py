"""The upload page's rows of the access matrix (joined by grundlag/indicators/tests/matrix.py): the
administrator is let in, leaders and staff are refused (403), the anonymous are sent to log in."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from grundlag.core.tests.access import DENIED, LOGIN, OK, Route, signed_in
from grundlag.indicators.services import ImportOutcome
from grundlag.indicators.uploads.selectors import FOLDER, SESSION_KEY
from grundlag.indicators.uploads.services.uploads import (
    SUFFIXES,
    outcome_counts,
    upload_report_write,
    upload_status_write,
)
from grundlag.organisation.imports.readers.common import Problem

ADMINISTRATOR = signed_in(LOGIN, DENIED, administrator=OK)
TOKEN = "matrix-upload"


def checked_upload(client, o: dict) -> None:
    """A checked upload without errors, made by the client's session (each row starts from it afresh)."""
    for suffix in SUFFIXES:
        if default_storage.exists(name := f"{FOLDER}/{TOKEN}.{suffix}"):
            default_storage.delete(name)
    default_storage.save(f"{FOLDER}/{TOKEN}.upload", ContentFile(b"indicator,unit,period,value\n"))
    upload_status_write(
        token=TOKEN,
        status={"step": "check", "state": "done", "outcome": outcome_counts(outcome=ImportOutcome("long"))},
    )
    upload_report_write(
        token=TOKEN, problems=[Problem("m.csv", 2, "unit", "No unit has the key x.", warning=True)]
    )
    session = client.session
    session[SESSION_KEY] = {TOKEN: {"filename": "m.csv", "mapping_name": ""}}
    session.save()


def token(o: dict) -> dict:
    return {"token": TOKEN}


UPLOAD_ROUTES: list[Route] = [
    Route("indicators:upload_start", None, ADMINISTRATOR),
    Route("indicators:upload_start", None, ADMINISTRATOR, "post"),
    Route("indicators:upload", token, ADMINISTRATOR, before=checked_upload),
    Route("indicators:upload_report", token, ADMINISTRATOR, before=checked_upload),
    Route("indicators:upload_apply", token, ADMINISTRATOR, "post", before=checked_upload),
    Route("indicators:upload_discard", token, ADMINISTRATOR, "post", before=checked_upload),
]
