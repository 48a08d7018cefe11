"""Store an upload and start its steps in the background (apart from `uploads`, which the task uses)."""

from typing import Any

from ..selectors import APPLY, CHECK, Pending, upload_may_apply, upload_status_read
from ..tasks import indicators_upload_run
from .uploads import upload_status_write, upload_store, upload_task_write


def upload_submit(*, data: bytes, mapping: bytes | None, filename: str, by: Any, language: str) -> str:
    """Keep the file (and mapping) under a new token and start its dry run; returns the token."""
    token = upload_store(data=data, mapping=mapping)
    _start(token=token, step=CHECK, filename=filename, by=by, language=language)
    return token


def upload_apply_start(*, token: str, pending: Pending, by: Any, language: str) -> bool:
    """Start the import of a checked upload: only after a dry run without errors, and once (a second click, or
    one while it runs, starts nothing; an interrupted import may be started again). Whether it started."""
    if not upload_may_apply(status=upload_status_read(token=token)):
        return False
    _start(token=token, step=APPLY, filename=pending["filename"], by=by, language=language)
    return True


def _start(*, token: str, step: str, filename: str, by: Any, language: str) -> None:
    """Mark the step queued and enqueue the task that runs it; the task's id is kept beside the status."""
    upload_status_write(token=token, status={"step": step, "state": "queued"})
    result = indicators_upload_run.enqueue(
        token=token, step=step, filename=filename, user_id=by.pk, language=language
    )
    upload_task_write(token=token, task_id=str(result.id))
