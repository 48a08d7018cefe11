"""Uploaded indicator files and their mappings, their status files and reports, and running one in the task.

An upload is kept in the default storage under a random token (never a name), with a small status file
beside it that the task updates with its progress and the page polls, and a report of the problems the last
run found (file, row, column, why), which only the page reads. The status and the task's result hold counts
only. Files left behind are deleted after a day, see `uploads_clean`; an applied upload's file and mapping
at once.
"""

import dataclasses
import datetime
import json
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone, translation

from grundlag.audit.services import audit_record
from grundlag.core.services import stored_files_clean
from grundlag.organisation.imports.readers.common import Problem

from ...imports.mapping import InvalidMapping, mapping_load
from ...services import CATEGORIES, ImportOutcome, indicators_import
from ..selectors import APPLY, CHECK, FOLDER, RUNNING_STATES, upload_file_read, upload_status_read

KEEP = datetime.timedelta(hours=24)
SUFFIXES = ("upload", "mapping", "json", "report.json", "task")
IMPORT_FAILURES = ("missing", "error", "locked", "refused")


def uploads_clean(*, now: datetime.datetime | None = None) -> int:
    """Delete stored uploads, status files and reports older than a day; returns how many were deleted."""
    return stored_files_clean(folder=FOLDER, keep=KEEP, now=now)


def _replace(name: str, content: bytes) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)  # storages never overwrite; they would pick another name
    default_storage.save(name, ContentFile(content))


def upload_store(*, data: bytes, mapping: bytes | None) -> str:
    """Keep an uploaded file (and its mapping) until it is applied or discarded; returns its random token."""
    token = secrets.token_urlsafe(24)
    default_storage.save(f"{FOLDER}/{token}.upload", ContentFile(data))
    if mapping:
        default_storage.save(f"{FOLDER}/{token}.mapping", ContentFile(mapping))
    return token


def upload_discard(*, token: str) -> bool:
    """Delete the upload, its mapping, status and report; refused (False) while its import runs."""
    status = upload_status_read(token=token) or {}
    if status.get("step") == APPLY and status.get("state") in RUNNING_STATES:
        return False
    for suffix in SUFFIXES:
        name = f"{FOLDER}/{token}.{suffix}"
        if default_storage.exists(name):
            default_storage.delete(name)
    return True


def upload_status_write(*, token: str, status: dict[str, Any]) -> None:
    """Replace the upload's status file (counts only), stamped with the time: a running step's heartbeat."""
    _replace(f"{FOLDER}/{token}.json", json.dumps({**status, "at": timezone.now().isoformat()}).encode())


def upload_task_write(*, token: str, task_id: str) -> None:
    """Keep the id of the task running the upload's step, to tell later whether that task still runs (a file
    of its own, so the task's status writes never race with it)."""
    _replace(f"{FOLDER}/{token}.task", task_id.encode())


def upload_report_write(*, token: str, problems: list[Problem]) -> None:
    """Keep the problems of the last run for the page (never in the status, the task's result or a log)."""
    report = [dataclasses.asdict(problem) for problem in problems]
    _replace(f"{FOLDER}/{token}.report.json", json.dumps(report, ensure_ascii=False).encode())


def outcome_counts(*, outcome: ImportOutcome) -> dict[str, Any]:
    """What the status and the task's result keep of an outcome: counts only."""
    return {
        "format": outcome.format,
        "rows": outcome.rows,
        "matched_units": outcome.matched_units,
        "national_rows": outcome.national_rows,
        "errors": len(outcome.errors),
        "warnings": len(outcome.warnings),
        "applied": outcome.applied,
        **{category: dict(outcome.counts[category]) for category in CATEGORIES},
    }


def upload_run(
    *, token: str, step: str, filename: str, user_id: int | None, language: str, task_id: str | None = None
) -> dict[str, Any]:
    """Run the upload's dry run (CHECK) or its import (APPLY), reporting progress to its status file and
    keeping the problems in its report; an applied upload's file and mapping are deleted after."""
    data = upload_file_read(token=token, suffix="upload")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if data is None:
        return _failed(token=token, step=step, by=user, reason="missing")

    def progress(done: int, total: int) -> None:
        status = {"step": step, "state": "running", "done": done, "total": total, "task": task_id}
        upload_status_write(token=token, status=status)

    progress(0, 1)
    try:
        with translation.override(language):
            outcome = _outcome(
                token=token, step=step, data=data, filename=filename, by=user, progress=progress
            )
    except OperationalError as error:
        # Another writer held the database (SQLite) longer than the timeout: nothing was written, and the
        # upload is kept to be run again. The task ends normally; the worker goes on with the next.
        if "locked" not in str(error).lower():
            _failed(token=token, step=step, by=user, reason="error")
            raise
        return _failed(token=token, step=step, by=user, reason="locked", state="interrupted")
    except Exception:
        _failed(token=token, step=step, by=user, reason="error")
        raise
    upload_report_write(token=token, problems=outcome.problems)
    status = {"step": step, "state": "done", "outcome": outcome_counts(outcome=outcome)}
    upload_status_write(token=token, status=status)
    if step == APPLY:
        if not outcome.applied:
            upload_failed_record(by=user, reason="refused", rows=outcome.rows, errors=len(outcome.errors))
        for suffix in ("upload", "mapping"):  # applied or refused, the file is done with
            if default_storage.exists(name := f"{FOLDER}/{token}.{suffix}"):
                default_storage.delete(name)
    return status


def _outcome(*, token: str, step: str, data: bytes, filename: str, by: Any, progress: Any) -> ImportOutcome:
    text = upload_file_read(token=token, suffix="mapping")
    try:
        mapping = mapping_load(text) if text is not None else None
    except InvalidMapping as error:  # checked when it was uploaded; a stored one could still be cut off
        outcome = ImportOutcome("")
        outcome.problems.append(Problem(filename, None, "", str(error)))
        return outcome
    return indicators_import(
        data=data, filename=filename, mapping=mapping, dry_run=step == CHECK, by=by, progress=progress
    )


def _failed(*, token: str, step: str, by: Any, reason: str, state: str = "failed") -> dict[str, Any]:
    status: dict[str, Any] = {"step": step, "state": state, "reason": reason}
    upload_status_write(token=token, status=status)
    if step == APPLY:
        upload_failed_record(by=by, reason=reason)
    return status


def upload_failed_record(*, by: Any, reason: str, rows: int | None = None, errors: int = 0) -> None:
    """Audit an import from the upload page that changed nothing: why (one of IMPORT_FAILURES) and the counts,
    never the file's content."""
    detail = f"reason={reason}" + (f" rows={rows} errors={errors}" if rows is not None else "")
    audit_record(user=by, action="indicators.import_failed", detail=detail)
