"""The task worker (`manage.py db_worker`): django-tasks-db's own, which waits out a locked database.

django-tasks-db's worker forgives a locked database only inside the transaction in which it claims a
task, not when it begins that transaction. On SQLite it begins `EXCLUSIVE`: with another writer holding
the lock beyond the timeout, the `BEGIN` raises "database is locked" out of `Worker.run`, and the worker
runs no task again until it is restarted (the process exits; under `--reload`, the default with DEBUG,
its thread ends and the process stays). This worker drops the connection, logs a warning and looks for
tasks again after the interval. A task's own errors never get here: the library records them on the
task as failed.
"""

import logging
import os
import time
from typing import Any

from django.core.management.base import CommandError
from django.db import OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

# The library's logger, so the warning shows beside its own lines and follows --verbosity.
logger = logging.getLogger("django_tasks_db")


class Worker(db_worker.Worker):
    def run(self) -> None:
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
