"""Task workers: each says it is alive, several at once never run the same task twice, and the tasks a killed
worker left running are recovered by the next one."""

import datetime
import signal
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from grundlag.core.management.commands.db_worker import Heartbeat
from grundlag.core.models import WorkerHeartbeat
from grundlag.core.selectors import workers_seen
from grundlag.core.services import Recovered, tasks_of_lost_workers_recover, worker_heartbeat_beat

from .tasks import run_record, run_record_resumable
from .workers import WorkerDatabase, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
TASKS = 12
TASK_TABLE = DBTaskResult._meta.db_table


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def workers(tmp_path):
    database = WorkerDatabase(tmp_path)
    yield database
    database.stop_all()


def test_several_workers_at_once_run_every_task_exactly_once(workers, tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    results = [
        run_record.enqueue(directory=str(runs), key=f"task-{n}", wait_for_go=True) for n in range(TASKS)
    ]
    workers.hand_over()
    processes = [workers.start("--batch") for _ in range(3)]
    # The tasks wait for the go-ahead until all three workers are polling, so they compete for every task.
    wait_until(lambda: workers.scalar("SELECT count(*) FROM core_workerheartbeat") == 3, what="three workers")
    (runs / "go").touch()
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    workers.take_back()

    assert sorted(path.name for path in runs.iterdir()) == sorted(
        ["go", *(f"task-{n}" for n in range(TASKS))]
    )
    for result in results:
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
        assert len(result.worker_ids) == 1  # claimed once
    # Each worker removed its heartbeat when it ran out of tasks.
    assert not WorkerHeartbeat.objects.exists()


def test_a_worker_beats_while_it_runs_a_long_task_and_removes_its_heartbeat_when_stopped(workers, tmp_path):
    result = run_record.enqueue(directory=str(tmp_path), key="long", wait_for_go=True)
    workers.hand_over()
    process = workers.start(READINESS_WORKER_SECONDS="2")  # a beat every half second
    wait_until((tmp_path / "long").exists, what="the task to start")
    first = workers.scalar("SELECT last_seen FROM core_workerheartbeat")
    # The task holds the worker's main thread; the heartbeat goes on beside it.
    wait_until(lambda: workers.scalar("SELECT last_seen FROM core_workerheartbeat") != first, what="a beat")
    (tmp_path / "go").touch()
    wait_until(
        lambda: workers.scalar(f"SELECT count(*) FROM {TASK_TABLE} WHERE status = 'SUCCESSFUL'"),
        what="the task to finish",
    )
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    workers.take_back()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert not WorkerHeartbeat.objects.exists()


def test_a_locked_database_skips_a_beat_instead_of_stopping_the_worker():
    heartbeat = Heartbeat(worker_id="w1")
    locked = OperationalError("database is locked")
    with mock.patch("grundlag.core.management.commands.db_worker.worker_heartbeat_beat", side_effect=locked):
        assert heartbeat.beat() is False
    assert heartbeat.beat() is True
    assert WorkerHeartbeat.objects.get().worker_id == "w1"


def _running(task, *, worker_id: str, started: datetime.datetime) -> DBTaskResult:
    """A task enqueued and claimed by the worker at the time given, as the library claims it."""
    row = DBTaskResult.objects.get(pk=task.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    return DBTaskResult.objects.get(pk=row.pk)


def _beat(worker_id: str, *, started: datetime.datetime, seen: datetime.datetime) -> None:
    WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=started, last_seen=seen)


def test_a_silent_workers_resumable_task_is_queued_again_and_any_other_recorded_as_failed(tmp_path, settings):
    settings.READINESS_WORKER_SECONDS = 60
    now = timezone.now()
    long_ago = now - datetime.timedelta(minutes=10)
    _beat("killed", started=long_ago, seen=now - datetime.timedelta(seconds=61))
    again = _running(
        run_record_resumable.enqueue(directory=str(tmp_path), key="a"), worker_id="killed", started=long_ago
    )
    lost = _running(
        run_record.enqueue(directory=str(tmp_path), key="b"), worker_id="killed", started=long_ago
    )

    recovered = tasks_of_lost_workers_recover(now=now)

    assert (recovered.requeued, recovered.failed) == (1, 1)
    again.refresh_from_db()
    lost.refresh_from_db()
    assert again.status == TaskResultStatus.READY and again in DBTaskResult.objects.ready()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.task_result.errors[0].exception_class_path == "grundlag.core.resumable.WorkerLost"
    assert not WorkerHeartbeat.objects.exists()  # the silent worker is forgotten


def test_the_running_task_of_a_worker_seen_lately_is_left_alone(tmp_path, settings):
    settings.READINESS_WORKER_SECONDS = 60
    now = timezone.now()
    long_ago = now - datetime.timedelta(minutes=10)
    _beat("alive", started=long_ago, seen=now - datetime.timedelta(seconds=5))
    task = _running(
        run_record_resumable.enqueue(directory=str(tmp_path), key="a"),
        worker_id="alive",
        started=now - datetime.timedelta(minutes=5),
    )

    assert tasks_of_lost_workers_recover(now=now).requeued == 0
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert WorkerHeartbeat.objects.filter(worker_id="alive").exists()


def test_a_worker_restarted_under_the_same_id_does_not_keep_what_its_killed_predecessor_left(
    tmp_path, settings
):
    settings.READINESS_WORKER_SECONDS = 60
    now = timezone.now()
    left = _running(
        run_record_resumable.enqueue(directory=str(tmp_path), key="a"),
        worker_id="worker-1",
        started=now - datetime.timedelta(minutes=10),
    )
    worker_heartbeat_beat(worker_id="worker-1", started_at=now - datetime.timedelta(minutes=1))

    assert tasks_of_lost_workers_recover(now=now).requeued == 1
    left.refresh_from_db()
    assert left.status == TaskResultStatus.READY


def test_a_running_task_whose_worker_never_beat_is_recovered_once_older_than_the_window(tmp_path, settings):
    settings.READINESS_WORKER_SECONDS = 60
    now = timezone.now()
    young = _running(run_record.enqueue(directory=str(tmp_path), key="a"), worker_id="old", started=now)
    old = _running(
        run_record.enqueue(directory=str(tmp_path), key="b"),
        worker_id="old",
        started=now - datetime.timedelta(minutes=2),
    )

    assert tasks_of_lost_workers_recover(now=now).failed == 1
    young.refresh_from_db()
    old.refresh_from_db()
    assert (young.status, old.status) == (TaskResultStatus.RUNNING, TaskResultStatus.FAILED)


def test_a_worker_whose_clock_is_slow_is_judged_by_the_databases_clock(tmp_path, settings, monkeypatch):
    """Workers on several machines: one whose clock runs two minutes slow beats (its last_seen is the
    database's time), and another worker's recovery and /readyz judge it by the database's clock too."""
    settings.READINESS_WORKER_SECONDS = 60
    slow = timezone.now() - datetime.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: slow)  # the slow machine's clock
    worker_heartbeat_beat(worker_id="slow", started_at=slow - datetime.timedelta(seconds=60))
    task = _running(
        run_record_resumable.enqueue(directory=str(tmp_path), key="a"),
        worker_id="slow",
        started=slow - datetime.timedelta(seconds=30),
    )
    monkeypatch.undo()

    assert tasks_of_lost_workers_recover() == Recovered(requeued=0, failed=0)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    assert workers_seen(within_seconds=60) == 1
