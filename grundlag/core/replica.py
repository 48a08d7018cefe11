"""Heavy reads on a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`), everything else on the primary.

A view says that its reads may go to the replica with `@replica_reads`: the reports, the heatmaps, the
indicator pages and the API's report endpoints. Only inside such a view, and only for the models of
`DATABASE_REPLICA_APPS` (the report data), does the router send a read to the replica. Every write goes to
the primary, and so does every read

- of a request that has written (a page must see its own write),
- of a client that sent a writing request (POST, …) within `DATABASE_REPLICA_PIN_SECONDS` (the pin cookie):
  the administrator who closes a cycle and then opens its report reads the primary,
- inside a transaction on the primary (a service reads what it is about to write),
- while the replica cannot be reached, is not following the primary, or cannot be shown to hold everything
  the primary held `DATABASE_REPLICA_PIN_SECONDS` ago (below).

How far behind the replica is, is measured by WAL position against the primary, never by comparing the
clocks of two machines. At each check (at most every `CHECK_SECONDS` per process; every DOWN_CHECK_SECONDS
while the replica does not answer or follow) the process reads the primary's `pg_current_wal_lsn()` and
keeps it with its own monotonic time, then reads the replica's `pg_last_wal_replay_lsn()`: one small query on
each, none per request. A replica whose replay position has reached a kept position holds everything the
primary had committed when that position was read. Marked reads go to the replica only until the newest
position it has reached is `DATABASE_REPLICA_PIN_SECONDS` old (a position kept at an earlier check of the
last pin seconds, or the one just read); after that they go to the primary, also before the next check is
due. With no kept position recent enough (the first check, a process that was idle), the replica must have
replayed the primary's position of now, else the primary is read until the next check decides. A WAL
stream that stalled (a network that stopped passing it, a paused replay) is thus left within the pin
seconds, whatever the replica's own measure of its lag says: a replica that has replayed all it received
counts itself 0 s behind.

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
from collections.abc import Callable, Sequence
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
# Set on the response to a writing request; while the browser holds it, its reads stay on the primary.
PIN_COOKIE = "grundlag_primary"
# How often a process asks the primary and the replica how far the replica has replayed; less often while the
# replica does not answer, so that it holds up one request in DOWN_CHECK_SECONDS at most.
CHECK_SECONDS = 5.0
DOWN_CHECK_SECONDS = 30.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# The primary's WAL position now, in bytes: everything committed on it so far lies before it.
_PRIMARY_SQL = "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn"
# Whether the replica is in recovery, is following (a streaming WAL receiver) and how far it has replayed the
# primary's WAL, in bytes (nothing when it is not in recovery).
_REPLICA_SQL = (
    "SELECT pg_is_in_recovery(), EXISTS (SELECT 1 FROM pg_stat_wal_receiver), "
    "pg_last_wal_replay_lsn() - '0/0'::pg_lsn"
)
# The process's clock for the checks: monotonic, never compared with another machine's (the tests set it).
_clock = time.monotonic

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
    """What the last check found, kept per process until the next one."""

    checked_at: float = -math.inf
    answered: bool = False  # the replica answered and is following the primary
    usable: bool = False  # the replica was fit for reads when it was checked
    fresh_until: float = -math.inf  # when the newest primary position the replica has replayed is pin s old
    # The primary's WAL positions read at the checks of the last pin seconds: (this process's time, position).
    marks: list[tuple[float, int]] = field(default_factory=list)


_reads: ContextVar[_Reads | None] = ContextVar("grundlag_replica_reads", default=None)
_health = _Health()


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 10))


def replica_fresh_until(*, marks: Sequence[tuple[float, int]], replayed: float, pin: float) -> float:
    """Until when the replica may be read: the time of the newest primary position it has replayed, plus the
    pin seconds; minus infinity when it has replayed none of them.

    `marks` are the primary's WAL positions with this process's (monotonic) time at which each was asked for:
    everything committed on the primary before that time lies before the position, so a replica that has
    replayed that far holds all of it."""
    for read_at, position in reversed(marks):
        if replayed >= position:
            return read_at + pin
    return -math.inf


def primary_position() -> int:
    """The primary's WAL position now, in bytes; 0 for a database that has none (SQLite, in the tests)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_PRIMARY_SQL)
        return int(cursor.fetchone()[0])


def replica_replayed() -> float | None:
    """How far the replica has replayed the primary's WAL, in bytes; None when it cannot be reached or is not
    following. A database that is not in recovery (a test mirror of the primary) is not behind: infinity."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            if connection.vendor != "postgresql":
                cursor.execute("SELECT 1")
                return math.inf
            cursor.execute(_REPLICA_SQL)
            in_recovery, receiving, replayed = cursor.fetchone()
    except DatabaseError:
        _replica_close()
        return None
    if not in_recovery:
        return math.inf
    if not receiving or replayed is None:
        return None
    return int(replayed)


def replica_check() -> None:
    """Read the primary's WAL position, then how far the replica has replayed, and decide until when marked
    reads may go to the replica (the module's docstring). One small query on each, kept for CHECK_SECONDS."""
    pin = pin_seconds()
    read_at = _clock()  # asked before the primary answers: all it had committed by then lies before `current`
    current = primary_position()
    replayed = replica_replayed()
    _health.marks = [mark for mark in _health.marks if mark[0] > read_at - pin] + [(read_at, current)]
    fresh_until = -math.inf
    if replayed is not None:
        fresh_until = replica_fresh_until(marks=_health.marks, replayed=replayed, pin=pin)
    usable = fresh_until > read_at
    if replayed is None:
        logger.warning(
            "The read replica is unreachable or not following the primary: its reads go to the primary."
        )
    elif not usable:
        logger.warning(
            "The read replica has not replayed a WAL position the primary had in the last %s s: "
            "its reads go to the primary.",
            pin,
        )
    elif not _health.usable and _health.checked_at > -math.inf:
        logger.info("The read replica is in use again.")
    _health.answered, _health.usable, _health.fresh_until = replayed is not None, usable, fresh_until
    _health.checked_at = _clock()


def replica_usable() -> bool:
    """Whether marked reads may go to the replica now: it answers, follows, and has replayed a position the
    primary had at most the pin seconds ago. Asked at most every CHECK_SECONDS (DOWN_CHECK_SECONDS while it
    does not answer or follow); between two checks the answer turns to no once that position is too old."""
    if _clock() - _health.checked_at >= (CHECK_SECONDS if _health.answered else DOWN_CHECK_SECONDS):
        replica_check()
    return _clock() < _health.fresh_until


def _replica_close() -> None:
    with suppress(DatabaseError):
        connections[REPLICA].close()


def _replica_failed() -> None:
    """A query on the replica failed: read the primary until the next check finds it well again."""
    logger.warning("A query on the read replica failed: the view ran again on the primary.")
    _health.answered, _health.usable, _health.fresh_until = False, False, -math.inf
    _health.checked_at = _clock()
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
