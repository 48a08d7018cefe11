"""The task worker (`manage.py db_worker`): django-tasks-db's own, which waits out a locked database.

django-tasks-db's worker forgives a locked database only inside the transaction in which it claims a
task, not when it begins that transaction. On SQLite it begins `EXCLUSIVE`: with another writer holding
the lock beyond the timeout, the `BEGIN` raises "database is locked" out of `Worker.run`, and the worker
runs no task again until it is restarted (the process exits; under `--reload`, the default with DEBUG,
its thread ends and the process stays). This worker drops the connection, logs a warning and looks for
tasks again after the interval. A task's own errors never get here: the library records them on the
task as failed.

It also says it is alive: a small thread records a heartbeat every few seconds (`WorkerHeartbeat`), beside
the task it runs, so a long import does not make it look dead; `/readyz` counts the workers seen lately. The
same thread recovers the running tasks of workers silent for longer than READINESS_WORKER_SECONDS (killed,
not stopped): a resumable task is queued again, any other recorded as failed
(`tasks_of_lost_workers_recover`).
A worker that stops cleanly removes its heartbeat. Several workers may run at once: the library claims each
task in a transaction that locks its row (PostgreSQL's SKIP LOCKED; on SQLite the whole database), so no two
run the same task.
"""

import logging
import os
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, OperationalError, connections
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from grundlag.core.models import WorkerHeartbeat
from grundlag.core.services import tasks_of_lost_workers_recover, worker_heartbeat_beat, worker_heartbeat_end

# The library's logger, so the warning shows beside its own lines and follows --verbosity.
logger = logging.getLogger("django_tasks_db")


# How long a heartbeat may wait for SQLite's write lock before it skips the beat (milliseconds): a writer
# holding it (an import) is never kept waiting by a heartbeat, and the next beat comes a few seconds later.
SQLITE_HEARTBEAT_WAIT_MS = 500


class Heartbeat(threading.Thread):
    """The worker's sign of life, beside whatever task the worker runs: a beat every few seconds, and, every
    half of READINESS_WORKER_SECONDS, the recovery of the tasks of workers that have fallen silent."""

    def __init__(self, *, worker_id: str) -> None:
        super().__init__(name="db_worker heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        window = settings.READINESS_WORKER_SECONDS
        self.every = min(5.0, max(window / 4, 0.1))
        self.recover_every = max(window / 2, self.every)
        self.stopping = threading.Event()

    def run(self) -> None:
        recovered_at = time.monotonic()  # the worker recovered once before it started this thread
        try:
            while not self.stopping.wait(self.every):
                if self.beat() and time.monotonic() - recovered_at >= self.recover_every:
                    self.recover()
                    recovered_at = time.monotonic()
        finally:
            connections.close_all()  # this thread's own connections

    def beat(self) -> bool:
        """One heartbeat; a locked or lost database skips it (the next one comes soon)."""
        return self._tolerant(worker_heartbeat_beat, worker_id=self.worker_id, started_at=self.started_at)

    def recover(self) -> None:
        self._tolerant(tasks_of_lost_workers_recover)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=self.every + 30)

    def _tolerant(self, service: Any, **arguments: Any) -> bool:
        database = WorkerHeartbeat.objects.db
        try:
            if connections[database].vendor == "sqlite":
                with connections[database].cursor() as cursor:
                    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_HEARTBEAT_WAIT_MS}")
            service(**arguments)
        except DatabaseError as error:
            logger.debug("Heartbeat of the worker skipped (%s).", error)
            connections[database].close()
            return False
        return True


class Worker(db_worker.Worker):
    def run(self) -> None:
        """The library's loop with a heartbeat beside it; the heartbeat is removed when the loop ends."""
        heartbeat = Heartbeat(worker_id=self.worker_id)
        # The first beat and recovery before the first task: a worker started after another was killed
        # runs what that one left, in its first poll.
        heartbeat.beat()
        heartbeat.recover()
        heartbeat.start()
        try:
            self._run_waiting_out_the_database()
        finally:
            heartbeat.stop()
            self._heartbeat_end()

    def _heartbeat_end(self) -> None:
        """Remove the heartbeat on a connection of its own: the signal that stops the worker may have cut a
        query of the loop's short, and a stop must end the process cleanly whatever that left behind."""
        database = WorkerHeartbeat.objects.db
        try:
            connections[database].close()
        except Exception:  # noqa: BLE001 - a connection cut short may fail to close; a new one is made below
            logger.debug("The worker's connection could not be closed cleanly.")
        try:
            worker_heartbeat_end(worker_id=self.worker_id)
        except DatabaseError:
            # The row ages out: after READINESS_WORKER_SECONDS the worker counts as gone anyway.
            logger.warning("The worker's heartbeat could not be removed; it will age out.")

    def _run_waiting_out_the_database(self) -> None:
        """The library's loop, begun again after the interval when the database fails it."""
        while True:
            try:
                return super().run()
            except OperationalError as error:
                # The message only: the error names the database and its state, never a task's arguments.
                logger.warning(
                    "Database unavailable to the worker (%s); trying again in %ss.", error, self.interval
                )
                connections[DBTaskResult.objects.db].close()
                self.startup_delay = False
                time.sleep(self.interval)


class Command(db_worker.Command):
    help = "Run a database background worker that waits out a locked or lost database"

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        # django-tasks-db 0.13's own handle, building the Worker above instead of its own.
        self.configure_logging(verbosity)
        if reload and batch:
            logger.warning(
                "Warning: --reload and --batch cannot be specified together. Disabling autoreload."
            )
            reload = False
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")

        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        if not reload:
            worker.configure_signals()
            worker.run()
            return
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # Only the child process, which runs the worker, handles the signals.
            worker.configure_signals()
        run_with_reloader(worker.run)
