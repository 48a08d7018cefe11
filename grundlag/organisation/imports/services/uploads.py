"""Uploaded organisation files waiting for Apply, their status files, and applying one in the background.

An upload is kept in the default storage under a random token (never a name or an e-mail), with a
small status file beside it that the task updates with its progress and the page polls. The status
and the task's result hold counts only, never names, e-mails or problem texts. Files left behind (an
upload never applied or discarded) are deleted after a day, see `uploads_clean`.
"""

import datetime
import json
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from ..selectors import FOLDER, upload_read
from .applying import org_import

KEEP = datetime.timedelta(hours=24)


def uploads_clean(*, now: datetime.datetime | None = None) -> int:
    """Delete stored uploads and status files older than a day; returns how many were deleted."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = (now or timezone.now()) - KEEP
    deleted = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        except FileNotFoundError:
            continue  # deleted meanwhile
    return deleted


def upload_store(*, data: bytes) -> str:
    """Keep an uploaded file until it is applied or discarded; returns its random token."""
    token = secrets.token_urlsafe(24)
    default_storage.save(f"{FOLDER}/{token}.upload", ContentFile(data))
    return token


def upload_discard(*, token: str) -> None:
    """Delete the upload and its status file."""
    for name in (f"{FOLDER}/{token}.upload", f"{FOLDER}/{token}.json"):
        if default_storage.exists(name):
            default_storage.delete(name)


def upload_status_write(*, token: str, status: dict[str, Any]) -> None:
    """Replace the upload's status file (counts only)."""
    name = f"{FOLDER}/{token}.json"
    if default_storage.exists(name):
        default_storage.delete(name)  # storages never overwrite; they would pick another name
    default_storage.save(name, ContentFile(json.dumps(status).encode()))


def upload_import(
    *,
    token: str,
    filename: str,
    format: str | None,
    mapping: dict[str, str] | None,
    user_id: int | None,
    language: str,
) -> dict[str, Any]:
    """Apply a stored upload, reporting progress to its status file; the upload is deleted after."""
    data = upload_read(token=token)
    if data is None:
        status: dict[str, Any] = {"state": "failed", "outcome": None}
        upload_status_write(token=token, status=status)
        return status
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None

    def progress(done: int, total: int) -> None:
        upload_status_write(token=token, status={"state": "running", "done": done, "total": total})

    upload_status_write(token=token, status={"state": "running", "done": 0, "total": 1})
    try:
        with translation.override(language):
            outcome = org_import(
                data=data, filename=filename, format=format, mapping=mapping, by=user, progress=progress
            )
    except Exception:
        upload_status_write(token=token, status={"state": "failed", "outcome": None})
        raise
    finally:
        name = f"{FOLDER}/{token}.upload"
        if default_storage.exists(name):
            default_storage.delete(name)
    status = {"state": "done", "outcome": outcome.counts()}
    upload_status_write(token=token, status=status)
    return status
