"""Start applying an upload in the background (apart from `uploads`, which the task module uses)."""

from typing import Any

from ..selectors import Pending
from ..tasks import org_import_run
from .uploads import upload_status_write, upload_task_write


def upload_apply_start(*, token: str, pending: Pending, by: Any, language: str, confirm_ending: bool) -> None:
    """Mark the upload queued and enqueue the task that applies it; the status names the task."""
    upload_status_write(token=token, status={"state": "queued"})
    result = org_import_run.enqueue(
        token=token,
        filename=pending["filename"],
        format=pending["format"],
        mapping=pending["mapping"],
        user_id=by.pk,
        language=language,
        confirm_ending=confirm_ending,
    )
    upload_task_write(token=token, task_id=str(result.id))
