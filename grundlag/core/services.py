"""The writes of core: the task workers' heartbeats, the recovery of a lost worker's tasks, and the clean-up
of uploads left waiting in storage.

No audit row: these are the machinery's own records, written every few seconds, about no one.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat
from .resumable import WorkerLost, is_resumable
from .selectors import database_now

LOST_MESSAGE = (
    "The task worker running this task stopped before it finished (it was killed or its machine was lost)."
)


def worker_heartbeat_beat(*, worker_id: str, started_at: datetime.datetime) -> None:
    """Record that the worker is alive now: one short statement, so it never holds the database long.

    "Now" is the database's clock, as is every comparison with it (`database_now`): workers on several
    machines whose clocks differ are judged by one clock, so a worker with a slow clock is not taken for
    lost. `started_at` is the worker's own clock, as the start of each task it claims is."""
    seen = WorkerHeartbeat.objects.filter(worker_id=worker_id)
    if not seen.update(last_seen=Now(), started_at=started_at):
        WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=started_at, last_seen=Now())


def worker_heartbeat_end(*, worker_id: str) -> None:
    """A worker stopping cleanly is no longer counted, and is not taken for a lost one."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@dataclass
class Recovered:
    requeued: int = 0
    failed: int = 0


def tasks_of_lost_workers_recover(*, now: datetime.datetime | None = None) -> Recovered:
    """Release the running tasks of workers not seen for READINESS_WORKER_SECONDS: queue a resumable task
    again for the next worker, record any other as failed; then forget the silent workers.

    A task is its worker's while that worker's heartbeat is fresh and began before the task did: a worker
    restarted under the same --worker-id does not keep what its killed predecessor left running. Each
    release is one conditional update, so two workers recovering at once release a task once.
    """
    now = now or database_now()
    cutoff = now - datetime.timedelta(seconds=settings.READINESS_WORKER_SECONDS)
    alive = dict(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", "started_at"))
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).only(
            "id", "task_path", "worker_ids", "started_at"
        )
    )
    recovered = Recovered()
    for task in running:
        worker = task.worker_ids[-1] if task.worker_ids else None
        if worker in alive and alive[worker] <= task.started_at:
            continue
        claimed = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if is_resumable(task.task_path):
            recovered.requeued += claimed.update(status=TaskResultStatus.READY, started_at=None)
        else:
            recovered.failed += claimed.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=LOST_MESSAGE,
            )
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
    return recovered


def stored_files_clean(*, folder: str, keep: datetime.timedelta, now: datetime.datetime | None = None) -> int:
    """Delete the files of a storage folder older than `keep` (uploads never applied or discarded, their
    status files and reports); returns how many were deleted."""
    try:
        _folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return 0
    cutoff = (now or timezone.now()) - keep
    deleted = 0
    for name in names:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        except FileNotFoundError:
            continue  # deleted meanwhile
    return deleted
