"""Heavy reads on a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`), everything else on the primary.

A view says that its reads may go to the replica with `@replica_reads`: the reports, the heatmaps, the
indicator pages and the API's report endpoints. Only inside such a view, and only for the models of
`DATABASE_REPLICA_APPS` (the report data), does the router send a read to the replica. Every write goes to
the primary, and so does every read

- of a request that has written (a page must see its own write),
- of a client that sent a writing request (POST, …) within `DATABASE_REPLICA_PIN_SECONDS` (the pin cookie):
  the administrator who closes a cycle and then opens its report reads the primary,
- inside a transaction on the primary (a service reads what it is about to write),
- while the replica cannot be reached, is not following the primary, or is further behind than the pin
  seconds (checked at most every `CHECK_SECONDS` per process).

Sessions, logins, permissions and API tokens stay on the primary by not being in `DATABASE_REPLICA_APPS`:
a session signed in a moment ago would look signed out on a replica a second behind. Raw SQL run on
`django.db.connection` always reads the primary; a heavy raw read runs on
`connections[router.db_for_read(<model>)]` to follow the rule (the heatmap's grouped sums do).

django-multidb-router does the opposite (every read to the replica unless pinned) and has no fallback, so
this is the small router Grundlag needs (docs/scaling.md).
"""

import logging
import math
import time
from collections.abc import Callable
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
# Set on the response to a writing request; while the browser holds it, its reads stay on the primary.
PIN_COOKIE = "grundlag_primary"
# How often a process asks the replica whether it is up and how far behind it is; less often while it is not
# fit, so that a replica that does not answer holds up one request in DOWN_CHECK_SECONDS at most.
CHECK_SECONDS = 5.0
DOWN_CHECK_SECONDS = 30.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# Whether the replica is following (a streaming WAL receiver) and how many seconds it is behind: nothing
# when all it has received is replayed, else the age of the last transaction it replayed.
_LAG_SQL = (
    "SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver), "
    "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class _Reads:
    """What the router knows of the request (or marked call) it answers for."""

    marked: bool = False  # inside a view marked @replica_reads
    pinned: bool = False  # a writing request, a client that wrote lately, or a retry after the replica failed
    wrote: bool = False  # this request has written
    used_replica: bool = False


@dataclass
class _Health:
    """The last answer of the replica, kept per process for CHECK_SECONDS."""

    checked_at: float = -math.inf
    usable: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("grundlag_replica_reads", default=None)
_health = _Health()


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 10))


def replica_lag_seconds() -> float | None:
    """How many seconds the replica is behind the primary; None when it cannot be reached or is not following.

    A database that is not in recovery (a test mirror of the primary) is not behind."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")
                return 0.0
            cursor.execute(_LAG_SQL)
            in_recovery, receiving, lag = cursor.fetchone()
    except DatabaseError:
        _replica_close()
        return None
    if in_recovery and not receiving:
        return None
    return float(lag)


def replica_usable() -> bool:
    """Whether marked reads may go to the replica now: it answers, follows and is less than the pin behind."""
    now = time.monotonic()
    if now - _health.checked_at >= (CHECK_SECONDS if _health.usable else DOWN_CHECK_SECONDS):
        lag = replica_lag_seconds()
        usable = lag is not None and lag <= pin_seconds()
        if not usable:
            logger.warning(
                "The read replica is unreachable, not following or more than %s s behind: "
                "its reads go to the primary.",
                pin_seconds(),
            )
        elif not _health.usable and _health.checked_at > -math.inf:
            logger.info("The read replica is in use again.")
        _health.usable, _health.checked_at = usable, time.monotonic()
    return _health.usable


def _replica_close() -> None:
    with suppress(DatabaseError):
        connections[REPLICA].close()


def _replica_failed() -> None:
    """A query on the replica failed: read the primary until the next check finds it well again."""
    logger.warning("A query on the read replica failed: the view ran again on the primary.")
    _health.usable, _health.checked_at = False, time.monotonic()
    _replica_close()


def replica_reads(view: Callable[P, R]) -> Callable[P, R]:
    """Mark a view whose reads of the report data may go to the replica.

    Should the replica fail while the view reads (it went down, or cancelled a query that conflicted with
    its replay), the view runs once more on the primary, unless it has written meanwhile."""

    @wraps(view)
    def marked(*args: P.args, **kwargs: P.kwargs) -> R:
        reads = _reads.get()
        token = None
        if reads is None:  # called outside a request (a task, a test): its own state
            reads = _Reads()
            token = _reads.set(reads)
        was_marked, reads.marked = reads.marked, True
        try:
            return view(*args, **kwargs)
        except DatabaseError:
            if not reads.used_replica or reads.wrote or connections[DEFAULT_DB_ALIAS].in_atomic_block:
                raise
            _replica_failed()
            reads.pinned = True
            return view(*args, **kwargs)
        finally:
            reads.marked = was_marked
            if token is not None:
                _reads.reset(token)

    return marked


class ReplicaRouter:
    """Marked reads of the report data to the replica while it is fit for them; all else to the primary."""

    def db_for_read(self, model, **hints) -> str:
        reads = _reads.get()
        if (
            reads is None
            or not reads.marked
            or reads.pinned
            or reads.wrote
            or model._meta.app_label not in settings.DATABASE_REPLICA_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not replica_usable()
        ):
            # Said outright: left to Django, an object read on the replica would lead its related reads there.
            return DEFAULT_DB_ALIAS
        reads.used_replica = True
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True
        # Said outright: left to Django, an object read on the replica would be saved there.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # An object read on the replica is the same row as on the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA} or None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return False if db == REPLICA else None


class ReplicaPinMiddleware:
    """A writing request reads the primary, and so does its client for the pin seconds after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        token = _reads.set(_Reads(pinned=writes or PIN_COOKIE in request.COOKIES))
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=pin_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
