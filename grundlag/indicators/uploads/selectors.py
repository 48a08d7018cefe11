"""Reads of the indicator upload page: the uploads a user may see, their status and the report of problems."""

import json
from collections.abc import MutableMapping
from typing import Any

from django.core.files.storage import default_storage
from django.http import Http404

from grundlag.core.rules import require
from grundlag.organisation.imports.selectors import task_interrupted

# Uploads wait in the default storage under a random token, with a status file and a report beside each.
FOLDER = "indicator-imports"
# The session keeps the uploads its user made: token → the file's name and the mapping's (and the result).
SESSION_KEY = "indicator_imports"
Pending = dict[str, Any]
# The two steps of an upload: the dry run that makes the report, and the import Apply starts.
CHECK, APPLY = "check", "apply"
RUNNING_STATES = ("queued", "running")


def uploads_for_user(*, user: Any, session: MutableMapping[str, Any]) -> dict[str, Pending]:
    """The uploads this session made, for a user who may manage indicators; 403 for anyone else."""
    require(user, "indicators.manage")
    return session.get(SESSION_KEY, {})


def upload_get_for_user(*, user: Any, session: MutableMapping[str, Any], token: str) -> Pending:
    """The upload the token names if this session made it (else 404), for a user who may manage indicators."""
    pending = uploads_for_user(user=user, session=session).get(token)
    if pending is None:
        raise Http404("No such upload.")
    return pending


def upload_file_read(*, token: str, suffix: str) -> bytes | None:
    """One of the upload's stored files ("upload", "mapping"), or None once it is gone (or there is none)."""
    name = f"{FOLDER}/{token}.{suffix}"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as file:
        return file.read()


def upload_report_read(*, token: str) -> list[dict[str, Any]]:
    """The problems the last run found (file, row, column, message, warning), for the page alone."""
    try:
        with default_storage.open(f"{FOLDER}/{token}.report.json", "rb") as file:
            problems = json.loads(file.read())
    except (FileNotFoundError, ValueError):
        return []
    return problems if isinstance(problems, list) else []


def upload_status_read(*, token: str) -> dict[str, Any] | None:
    """What the background task last reported (counts only), or None before anything was started; a run
    whose worker stopped is reported as interrupted."""
    status = _status_file(token)
    if status is None or status.get("state") not in RUNNING_STATES:
        return status
    if task_interrupted(status=status, task_id=status.get("task") or _task_file(token)):
        status = _status_file(token)  # it may have finished while the task was looked up
        if status is not None and status.get("state") in RUNNING_STATES:
            return {"step": status.get("step", CHECK), "state": "interrupted"}
    return status


def _status_file(token: str) -> dict[str, Any] | None:
    try:
        with default_storage.open(f"{FOLDER}/{token}.json", "rb") as file:
            status = json.loads(file.read())
    except (FileNotFoundError, ValueError):
        return None
    return status if isinstance(status, dict) else None


def _task_file(token: str) -> str | None:
    try:
        with default_storage.open(f"{FOLDER}/{token}.task", "rb") as file:
            return file.read().decode()
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def upload_may_apply(*, status: dict[str, Any] | None) -> bool:
    """Whether Apply may start the import: after a dry run without errors, or again after an interrupted
    import (which wrote nothing); never twice, never while it runs."""
    status = status or {}
    if status.get("step") == APPLY:
        return status.get("state") == "interrupted"
    outcome = status.get("outcome") or {}
    return status.get("state") == "done" and outcome.get("errors", 1) == 0
