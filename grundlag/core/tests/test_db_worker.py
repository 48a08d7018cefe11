"""The task worker goes on running tasks after the database was locked while it looked for one."""

import logging
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker as library_db_worker
from django_tasks_db.utils import exclusive_transaction

from grundlag.core.management.commands.db_worker import Worker

# The worker begins and commits its own transactions, as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def add(*, a: int, b: int) -> int:
    return a + b


@task()
def fail_on_a_locked_database() -> None:
    raise OperationalError("database is locked")


def begins_locked_once():
    """The worker's transaction failing to begin once, as SQLite's does when another writer holds the lock
    beyond the timeout; then begun as usual."""
    errors = [OperationalError("database is locked")]

    def begin(using=None):
        if errors:
            raise errors.pop()
        return exclusive_transaction(using)

    return mock.patch.object(library_db_worker, "exclusive_transaction", side_effect=begin)


def batch_worker() -> Worker:
    """A worker that runs what is queued and then stops, without waiting between polls."""
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def test_it_runs_the_next_task_after_the_database_was_locked_when_it_looked_for_one(caplog):
    result = add.enqueue(a=2, b=3)

    with begins_locked_once(), caplog.at_level(logging.WARNING, logger="django_tasks_db"):
        batch_worker().run()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "database is locked" in warnings[0]


def test_the_db_worker_command_is_the_worker_that_waits_out_a_locked_database():
    result = add.enqueue(a=2, b=3)

    # Signal handlers would outlive the command in the test process.
    with begins_locked_once(), mock.patch.object(Worker, "configure_signals"):
        call_command("db_worker", "--batch", "--interval=0", "--no-startup-delay", "--no-reload")

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL


def test_a_task_that_fails_on_a_locked_database_is_recorded_as_failed_and_not_run_again():
    result = fail_on_a_locked_database.enqueue()

    batch_worker().run()

    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "django.db.utils.OperationalError"
    assert result.worker_ids == ["test-worker"]
