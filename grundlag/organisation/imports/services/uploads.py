"""Uploaded organisation files waiting for Apply, their status files, and applying one in the background.

An upload is kept in the default storage under a random token (never a name or an e-mail), with a
small status file beside it that the task updates with its progress and the page polls. The status
and the task's result hold counts only, never names, e-mails or problem texts. Files left behind (an
upload never applied or discarded) are deleted after a day, see `uploads_clean`.
"""

import dataclasses
import datetime
import json
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError
from django.utils import timezone, translation

from grundlag.audit.services import audit_record
from grundlag.core.services import stored_files_clean

from ..readers import read
from ..readers.common import ReadResult
from ..selectors import FOLDER, ROW_VALUES, upload_read, upload_read_result
from .applying import org_import

KEEP = datetime.timedelta(hours=24)
FAILED: dict[str, Any] = {"state": "failed", "outcome": None}


def uploads_clean(*, now: datetime.datetime | None = None) -> int:
    """Delete stored uploads and status files older than a day; returns how many were deleted."""
    return stored_files_clean(folder=FOLDER, keep=KEEP, now=now)


def upload_store(
    *,
    data: bytes,
    filename: str | None = None,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
) -> str:
    """Keep an uploaded file until it is applied or discarded; returns its random token.

    Given its name, the file is read once, here, and the rows are kept beside it: the preview (however
    often it is loaded) and the apply plan those rows and never parse the file again.
    """
    token = secrets.token_urlsafe(24)
    default_storage.save(f"{FOLDER}/{token}.upload", ContentFile(data))
    if filename is not None and len(data) <= settings.ORGANISATION_UPLOAD_MAX_BYTES:
        result = read(data, filename=filename, format=format, mapping=mapping)
        stored = json.dumps(_read_result_stored(result), cls=DjangoJSONEncoder, separators=(",", ":"))
        default_storage.save(f"{FOLDER}/{token}.rows.json", ContentFile(stored.encode()))
    return token


def _read_result_stored(result: ReadResult) -> dict[str, Any]:
    """The rows as lists of values in `ROW_VALUES` order; the column names, alike on most rows, once each."""
    columns: dict[str, int] = {}
    rows = []
    for row in result.rows:
        names = json.dumps(row.columns, sort_keys=True)
        index = columns.setdefault(names, len(columns))
        rows.append([*(getattr(row, name) for name in ROW_VALUES), index, row.rows])
    return {
        "format": result.format,
        "source": result.source,
        "columns": [json.loads(names) for names in columns],
        "rows": rows,
        "problems": [dataclasses.asdict(problem) for problem in result.problems],
    }


def upload_discard(*, token: str) -> None:
    """Delete the upload, the rows read from it and its status file."""
    for suffix in ("upload", "rows.json", "json", "task"):
        name = f"{FOLDER}/{token}.{suffix}"
        if default_storage.exists(name):
            default_storage.delete(name)


def upload_status_write(*, token: str, status: dict[str, Any]) -> None:
    """Replace the upload's status file (counts only), stamped with the time: a running import's heartbeat."""
    name = f"{FOLDER}/{token}.json"
    if default_storage.exists(name):
        default_storage.delete(name)  # storages never overwrite; they would pick another name
    stamped = {**status, "at": timezone.now().isoformat()}
    default_storage.save(name, ContentFile(json.dumps(stamped).encode()))


def upload_task_write(*, token: str, task_id: str) -> None:
    """Keep the id of the task that applies the upload, to tell later whether that task still runs.

    A file of its own, so the task's status writes never race with it.
    """
    name = f"{FOLDER}/{token}.task"
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(task_id.encode()))


def upload_import(
    *,
    token: str,
    filename: str,
    format: str | None,
    mapping: dict[str, str] | None,
    user_id: int | None,
    language: str,
    confirm_ending: bool = False,
    task_id: str | None = None,
) -> dict[str, Any]:
    """Apply a stored upload, reporting progress to its status file; the upload is deleted after.

    The status names the task, so the page can tell an import whose worker stopped from one still running.
    """
    data = upload_read(token=token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if data is None:
        status: dict[str, Any] = FAILED
        upload_status_write(token=token, status=status)
        import_failed_record(by=user, reason="missing")
        return status

    def progress(done: int, total: int) -> None:
        upload_status_write(
            token=token, status={"state": "running", "done": done, "total": total, "task": task_id}
        )

    progress(0, 1)
    try:
        with translation.override(language):
            outcome = org_import(
                data=data,
                filename=filename,
                format=format,
                mapping=mapping,
                read_result=upload_read_result(token=token),
                confirm_ending=confirm_ending,
                by=user,
                progress=progress,
            )
    except Exception as error:
        # Another writer held the database (SQLite) longer than the timeout: nothing was written, and the
        # upload is kept to be applied again. The task ends normally; the worker goes on with the next.
        locked = isinstance(error, OperationalError) and _is_locked(error)
        status = {"state": "interrupted", "reason": "locked"} if locked else FAILED
        upload_status_write(token=token, status=status)
        import_failed_record(by=user, reason="locked" if locked else "error")
        if locked:
            return status
        raise
    status = {"state": "done", "outcome": outcome.counts()}
    upload_status_write(token=token, status=status)
    if not outcome.applied:
        import_failed_record(by=user, reason="refused", rows=outcome.rows, errors=len(outcome.errors))
    for name in (f"{FOLDER}/{token}.upload", f"{FOLDER}/{token}.rows.json"):  # the file's personal data
        if default_storage.exists(name):
            default_storage.delete(name)
    return status


IMPORT_FAILURES = ("missing", "error", "locked", "refused")


def import_failed_record(*, by: Any, reason: str, rows: int | None = None, errors: int = 0) -> None:
    """Audit an import from the upload page that changed nothing, so the administrator's start page shows it
    beside the applied ones: why (one of IMPORT_FAILURES) and the counts, never the file's content."""
    detail = f"reason={reason}" + (f" rows={rows} errors={errors}" if rows is not None else "")
    audit_record(user=by, action="organisation.import_failed", detail=detail)


def _is_locked(error: OperationalError) -> bool:
    """Whether the error is SQLite's "database is locked" (another writer held the lock too long)."""
    return "locked" in str(error).lower()
