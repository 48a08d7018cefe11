"""The reads of core: whether this installation is ready to serve (`/readyz`)."""

import datetime
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, connections

from .models import WorkerHeartbeat


@dataclass
class Readiness:
    """What the readiness check found: ready or not, and a small report that names no host or worker."""

    ready: bool
    report: dict[str, str] = field(default_factory=dict)


def database_now() -> datetime.datetime:
    """The database's clock: the one every worker's heartbeat is written and judged by."""
    with connections[WorkerHeartbeat.objects.db].cursor() as cursor:
        cursor.execute("SELECT CURRENT_TIMESTAMP")
        (value,) = cursor.fetchone()
    if isinstance(value, str):  # SQLite: "YYYY-MM-DD HH:MM:SS" in UTC
        value = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    return value


def workers_seen(*, within_seconds: int) -> int:
    """How many task workers have said they are alive within the last seconds given (the database's clock)."""
    since = database_now() - datetime.timedelta(seconds=within_seconds)
    return WorkerHeartbeat.objects.filter(last_seen__gte=since).count()


def readiness(*, within_seconds: int, workers: bool = True) -> Readiness:
    """The database answers a trivial query and (unless `workers` is off) a task worker was seen lately."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        seen = workers_seen(within_seconds=within_seconds) if workers else None
    except DatabaseError:
        # The error names the database's host: it is not repeated here.
        return Readiness(ready=False, report={"database": "unavailable", "task_workers": "unknown"})
    if seen is None:
        return Readiness(ready=True, report={"database": "ok", "task_workers": "not checked"})
    if not seen:
        return Readiness(
            ready=False,
            report={"database": "ok", "task_workers": f"none seen for {within_seconds} s"},
        )
    return Readiness(ready=True, report={"database": "ok", "task_workers": "ok"})
