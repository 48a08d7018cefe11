"""The organisation import's background work: applying an uploaded file (see `services.uploads`)."""

from typing import Any

from django_tasks import TaskContext, task

from .services.uploads import upload_import


@task(takes_context=True)
def org_import_run(
    context: TaskContext,
    *,
    token: str,
    filename: str,
    format: str | None,
    mapping: dict[str, str] | None,
    user_id: int | None,
    language: str,
    confirm_ending: bool = False,
) -> dict[str, Any]:
    """Apply a stored upload, reporting progress to its status file; the upload is deleted after."""
    return upload_import(
        token=token,
        filename=filename,
        format=format,
        mapping=mapping,
        user_id=user_id,
        language=language,
        confirm_ending=confirm_ending,
        task_id=str(context.task_result.id),
    )
