"""Reads of the organisation import: the plan a file would make, stored uploads and their status, and
the uploads a user may see."""

import dataclasses
import datetime
import json
from collections.abc import MutableMapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from grundlag.core.rules import require

from ..models import Source
from .planning import ImportOutcome, ImportPlan, Progress, plan_build
from .readers import read
from .readers.common import Problem, ReadResult, Row

# Uploads wait in the default storage under a random token, with a status file beside each.
FOLDER = "organisation-imports"
# The session keeps the uploads its user made: token → filename, format and mapping (and the result).
SESSION_KEY = "organisation_imports"
Pending = dict[str, Any]
# A row's values as the upload's stored rows keep them (see `services.uploads.upload_store`).
ROW_VALUES = [f.name for f in dataclasses.fields(Row) if f.name not in ("columns", "rows")]


def org_import_plan(
    *,
    data: bytes,
    filename: str,
    format: str | None = None,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    framework_slug: str | None = None,
    today: datetime.date | None = None,
    progress: Progress | None = None,
    read_result: ReadResult | None = None,
) -> ImportPlan:
    """Read the file (unless it was read before: `read_result`) and compare it with the database.

    The plan says what is new, changed, ended and unchanged, and every problem.
    """
    limit = settings.ORGANISATION_UPLOAD_MAX_BYTES
    if len(data) > limit:
        outcome = ImportOutcome(format or "", source or "")
        outcome.problems.append(
            Problem(
                filename,
                None,
                "",
                _("The file is %(size)s bytes; the largest file accepted is %(limit)s bytes.")
                % {"size": len(data), "limit": limit},
            )
        )
        return ImportPlan(outcome, [], framework_slug or "", today or timezone.localdate())
    result = read_result or read(data, filename=filename, format=format, mapping=mapping)
    problems = list(result.problems)
    if source is not None and source not in Source.values:
        problems.append(Problem(filename, None, "", _("Unknown source %(source)s.") % {"source": source}))
    return plan_build(
        format=result.format,
        source=source or result.source,
        rows=result.rows,
        read_problems=problems,
        framework_slug=framework_slug or settings.ORGANISATION_FRAMEWORK,
        today=today or timezone.localdate(),
        progress=progress,
    )


def uploads_for_user(*, user: Any, session: MutableMapping[str, Any]) -> dict[str, Pending]:
    """The uploads this session made, for a user who may import; 403 for anyone else."""
    require(user, "organisation.import")
    return session.get(SESSION_KEY, {})


def upload_get_for_user(*, user: Any, session: MutableMapping[str, Any], token: str) -> Pending:
    """The upload the token names, if this session made it (else 404), for a user who may import."""
    pending = uploads_for_user(user=user, session=session).get(token)
    if pending is None:
        raise Http404("No such import.")
    return pending


def upload_read(*, token: str) -> bytes | None:
    """The stored upload, or None once it is gone."""
    name = f"{FOLDER}/{token}.upload"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as file:
        return file.read()


def upload_read_result(*, token: str) -> ReadResult | None:
    """The rows the upload was read into when it was stored (so a preview never parses it again), or None."""
    try:
        with default_storage.open(f"{FOLDER}/{token}.rows.json", "rb") as file:
            stored = json.loads(file.read())
        columns = stored["columns"]
        return ReadResult(
            stored["format"],
            stored["source"],
            rows=[
                Row(**dict(zip(ROW_VALUES, values, strict=False)), columns=columns[index], rows=rows)
                for *values, index, rows in stored["rows"]
            ],
            problems=[Problem(**problem) for problem in stored["problems"]],
        )
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def upload_plan(*, token: str, pending: Pending) -> ImportPlan | None:
    """The plan of a stored upload, from the rows read when it was stored; None once the upload is gone."""
    if not default_storage.exists(f"{FOLDER}/{token}.upload"):
        return None
    stored = upload_read_result(token=token)
    data = b"" if stored is not None else (upload_read(token=token) or b"")
    return org_import_plan(
        data=data,
        filename=pending["filename"],
        format=pending["format"],
        mapping=pending["mapping"],
        read_result=stored,
    )


def upload_status_read(*, token: str) -> dict[str, Any] | None:
    """What the background task last reported, or None before it starts; an import whose worker stopped
    is reported as interrupted (see `_interrupted`)."""
    status = _status_file(token)
    if status is None or status.get("state") not in ("queued", "running"):
        return status
    if task_interrupted(status=status, task_id=status.get("task") or _task_file(token)):
        status = _status_file(token)  # it may have finished while the task was looked up
        if status is not None and status.get("state") in ("queued", "running"):
            return {"state": "interrupted"}
    return status


def _status_file(token: str) -> dict[str, Any] | None:
    try:
        with default_storage.open(f"{FOLDER}/{token}.json", "rb") as file:
            return json.loads(file.read())
    except (FileNotFoundError, ValueError):
        return None


def _task_file(token: str) -> str | None:
    try:
        with default_storage.open(f"{FOLDER}/{token}.task", "rb") as file:
            return file.read().decode()
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def task_interrupted(*, status: dict[str, Any], task_id: str | None) -> bool:
    """Whether a queued or running step of an upload (this import's, or the indicators') will never finish:
    its task ended without saying so (the worker was killed or failed), or a running one has not reported
    progress for longer than the set limit."""
    try:
        task = DBTaskResult.objects.filter(pk=task_id).first() if task_id else None
    except ValidationError:  # not a task id
        task = None
    if task is not None and task.status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        return True
    limit = datetime.timedelta(seconds=settings.ORGANISATION_IMPORT_STALE_SECONDS)
    if status.get("state") != "running":
        # Waiting for a worker is no interruption (one may start later), unless a worker took the task
        # long ago and never began (it was stopped at once).
        started = task.started_at if task is not None and task.status == TaskResultStatus.RUNNING else None
        return started is not None and timezone.now() - started > limit
    at = parse_datetime(status.get("at") or "")
    return at is None or timezone.now() - at > limit
