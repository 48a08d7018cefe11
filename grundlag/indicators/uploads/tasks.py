"""The indicator upload's background work: a dry run or an import of a stored upload (`services.uploads`)."""

from typing import Any

from django_tasks import TaskContext, task

from .services.uploads import upload_run


@task(takes_context=True)
def indicators_upload_run(
    context: TaskContext, *, token: str, step: str, filename: str, user_id: int | None, language: str
) -> dict[str, Any]:
    """Run the upload's step (the dry run or the import), reporting progress to its status file; the result
    holds counts only."""
    return upload_run(
        token=token,
        step=step,
        filename=filename,
        user_id=user_id,
        language=language,
        task_id=str(context.task_result.id),
    )
