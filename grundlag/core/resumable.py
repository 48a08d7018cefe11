"""Background tasks that may run again when the worker running them was killed.

A task worker that stops without finishing its task (killed, the machine lost) leaves the task RUNNING in
the task table for ever. The next worker that notices the silence (`tasks_of_lost_workers_recover`) queues
a task again only where running it twice is harmless: a task marked here does its work in steps that each
commit and skips what an earlier run finished (the invitations' e-mails skip those marked sent). Any other
task of a lost worker is recorded as failed, so the page that waits for it says so instead of waiting.
"""

from typing import TypeVar

from django.utils.module_loading import import_string
from django_tasks.base import Task

TaskT = TypeVar("TaskT", bound=Task)

_RESUMABLE: set[str] = set()


def resumable(task: TaskT) -> TaskT:
    """Mark a task as safe to run again after its worker was lost (put it above `@task()`)."""
    _RESUMABLE.add(task.module_path)
    return task


def is_resumable(task_path: str) -> bool:
    """Whether the task at this path is marked resumable; a path that no longer imports is not."""
    try:
        import_string(task_path)  # importing the task's module marks it
    except ImportError:
        return False
    return task_path in _RESUMABLE


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped before it finished and that is not safe to run again."""
