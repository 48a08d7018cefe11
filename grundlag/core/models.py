"""What core keeps in the database: the task workers' signs of life."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running task worker (`manage.py db_worker`) says it is alive every few seconds.

    The readiness check (`/readyz`) counts the workers seen lately, and a worker that finds another one
    silent for longer than READINESS_WORKER_SECONDS takes it as gone and recovers its running tasks. The
    row names the worker by the random id the worker's tasks record, and nothing about the machine or
    anyone using the site. A worker that stops cleanly removes its row.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"worker {self.worker_id}"
