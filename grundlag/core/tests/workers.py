"""Task workers in their own processes, as an operator runs them, over the test database.

On PostgreSQL the workers open the test database itself (the tests that use this commit their writes:
`transactional_db`). SQLite's test database lives in the test process's memory: it is copied to a file for
the workers, and copied back when they are done, so the test reads what they did through the ORM.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
DEADLINE_SECONDS = 120


def wait_until(condition: Callable[[], Any], *, what: str, deadline: float = DEADLINE_SECONDS) -> Any:
    """Poll until the condition holds (returning its value), failing with `what` after the deadline."""
    end = time.monotonic() + deadline
    while not (value := condition()):
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.02)
    return value


class WorkerDatabase:
    """The database the worker processes use, and the processes."""

    def __init__(self, tmp_path: Path) -> None:
        self.sqlite = connection.vendor == "sqlite"
        self.file = tmp_path / "workers.sqlite3"
        self.processes: list[subprocess.Popen] = []
        if self.sqlite:
            self.url = f"sqlite:///{self.file}"
        else:
            db = connection.settings_dict
            password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
            host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
            self.url = f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"

    def hand_over(self) -> None:
        """What the test wrote, given to the workers (SQLite: copied to the file)."""
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def take_back(self) -> None:
        """What the workers wrote, seen by the test (SQLite: copied back from the file)."""
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)

    def scalar(self, sql: str) -> Any:
        """One value read now from the database the workers write (on SQLite, the file)."""
        if self.sqlite:
            with sqlite3.connect(self.file, timeout=20) as db:
                return db.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def start(self, *args: str, **env: str) -> subprocess.Popen:
        """`manage.py db_worker` with production settings over this database."""
        clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG"} and not k.startswith("EMAIL_")}
        clean |= {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": settings.SECRET_KEY,
            "SECURE": "false",
            "DATABASE_URL": self.url,
        }
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval=0.05", *args],
            cwd=ROOT,
            env={**clean, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.communicate()
