"""A task for the tests of several task workers: each run leaves a file named for its task, made exclusively,
so a second run of the same task fails and is counted. Importable by the worker processes."""

import os
import time
from pathlib import Path

from django_tasks import task

from grundlag.core.resumable import resumable

# How long a run waits for the test's go-ahead before it gives up (a deadline, not a pause).
GO_DEADLINE_SECONDS = 60


@task()
def run_record(*, directory: str, key: str, wait_for_go: bool = False) -> str:
    """Create `directory/key` (failing if it exists: the task ran before); then, if asked, hold the worker
    until the test creates `directory/go`, so the test sees the task running."""
    descriptor = os.open(Path(directory) / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    os.write(descriptor, str(os.getpid()).encode())
    os.close(descriptor)
    deadline = time.monotonic() + GO_DEADLINE_SECONDS
    while wait_for_go and not (Path(directory) / "go").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the test never let the task finish")
        time.sleep(0.01)
    return key


@resumable
@task()
def run_record_resumable(*, directory: str, key: str) -> str:
    """The same run, marked safe to run again after its worker was lost."""
    return run_record.call(directory=directory, key=key)
