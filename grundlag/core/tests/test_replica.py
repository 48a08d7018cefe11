"""The read replica: only the marked heavy reads of the report data go there; sessions, logins, writes and
every other read stay on the primary, and so do the reads of a client that just wrote, or while the replica is
down or behind (grundlag/core/replica.py, docs/scaling.md).

The routing tests run with the replica as a test mirror of the primary (the same database), on SQLite and
PostgreSQL; those at the end run against a real streaming replica made with pg_basebackup (PostgreSQL only).
"""

import logging
import math
import socket
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grundlag.core import replica
from grundlag.core.replica import PIN_COOKIE, REPLICA, replica_reads
from grundlag.evaluations.reports import anonymity
from grundlag.organisation.models import Unit
from grundlag.organisation.tests.factories import UnitFactory

from .replica_cluster import replay_wait

BOTH = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """The replica as a test mirror of the primary, with the router and the pin middleware, in this module."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    connections.settings[REPLICA] = {**primary, "TEST": {**primary["TEST"], "MIRROR": DEFAULT_DB_ALIAS}}
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "grundlag.core.replica.ReplicaPinMiddleware",
    )
    with override_settings(DATABASE_ROUTERS=["grundlag.core.replica.ReplicaRouter"], MIDDLEWARE=middleware):
        yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture(autouse=True)
def fresh_health(monkeypatch):
    """Each test asks the replica afresh (the answer is otherwise kept for a few seconds per process)."""
    monkeypatch.setattr(replica, "_health", replica._Health())
    yield
    connections[REPLICA].close()


class Clock:
    """The router's clock, moved on by hand: a test goes past the check and pin seconds without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(replica, "_clock", clock)
    return clock


@pytest.fixture
def unblocked(django_db_blocker):
    """The database without a test transaction around it (one on the primary keeps every read there)."""
    with django_db_blocker.unblock():
        yield


def _point_nowhere(monkeypatch, tmp_path) -> None:
    """The replica's address points at nothing: a closed port, or a file in a folder that is not there."""
    dictionary = connections[REPLICA].settings_dict
    if connections[REPLICA].vendor == "postgresql":
        monkeypatch.setitem(dictionary, "PORT", _closed_port())
    else:
        monkeypatch.setitem(dictionary, "NAME", str(tmp_path / "missing" / "replica.sqlite3"))
    connections[REPLICA].close()


@pytest.fixture
def unreachable_replica(monkeypatch, tmp_path):
    _point_nowhere(monkeypatch, tmp_path)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@replica_reads
def marked_routes(*models):
    return [router.db_for_read(model) for model in models]


# --- The router ----------------------------------------------------------------------------------------


def test_it_reads_the_report_data_of_a_marked_view_from_the_replica_and_logins_from_the_primary(unblocked):
    assert marked_routes(Unit, get_user_model(), Session) == [REPLICA, DEFAULT_DB_ALIAS, DEFAULT_DB_ALIAS]


def test_it_reads_everything_outside_a_marked_view_from_the_primary_and_writes_there(unblocked):
    assert router.db_for_read(Unit) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Unit) == DEFAULT_DB_ALIAS
    unit = Unit(pk=1)
    unit._state.db = REPLICA  # read on the replica: saved on the primary all the same
    assert router.db_for_write(Unit, instance=unit) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "organisation") is False


def test_a_write_in_a_marked_view_keeps_its_later_reads_on_the_primary(unblocked):
    @replica_reads
    def read_write_read():
        before = router.db_for_read(Unit)
        router.db_for_write(Unit)
        return before, router.db_for_read(Unit)

    assert read_write_read() == (REPLICA, DEFAULT_DB_ALIAS)
    assert marked_routes(Unit) == [REPLICA]  # the next call starts afresh


def test_reads_inside_a_transaction_on_the_primary_stay_there(unblocked):
    with transaction.atomic():
        assert marked_routes(Unit) == [DEFAULT_DB_ALIAS]


def test_the_heatmaps_grouped_sums_follow_the_router(unblocked):
    """The reports' raw SQL (evaluations/reports/anonymity.py) runs on the router's connection, not the
    primary's fixed one: on the replica inside a marked view, on the primary outside."""

    @replica_reads
    def marked():
        return anonymity._reading().alias

    assert (marked(), anonymity._reading().alias) == (REPLICA, DEFAULT_DB_ALIAS)


def test_a_replica_that_cannot_be_reached_leaves_the_reads_on_the_primary(
    unblocked, unreachable_replica, caplog
):
    with caplog.at_level(logging.WARNING, logger="grundlag.core.replica"):
        assert marked_routes(Unit) == [DEFAULT_DB_ALIAS]
    assert "its reads go to the primary" in caplog.text


def test_a_query_that_fails_on_the_replica_runs_again_on_the_primary(unblocked, monkeypatch, tmp_path):
    calls = []

    @replica_reads
    def count_units():
        calls.append(router.db_for_read(Unit))
        if len(calls) == 1:  # the replica went away after it was last found well
            _point_nowhere(monkeypatch, tmp_path)
        return Unit.objects.count()

    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary:
        assert count_units() == Unit.objects.using(DEFAULT_DB_ALIAS).count()
    assert calls == [REPLICA, DEFAULT_DB_ALIAS]
    assert any("organisation_unit" in query["sql"] for query in primary.captured_queries)
    assert marked_routes(Unit) == [DEFAULT_DB_ALIAS]  # and the replica rests until the next check


def test_a_failure_after_a_write_is_not_run_again(unblocked):
    calls = []

    @replica_reads
    def write_then_fail():
        calls.append(router.db_for_read(Unit))
        router.db_for_write(Unit)
        raise DatabaseError("after a write")

    with pytest.raises(DatabaseError):
        write_then_fail()
    assert calls == [REPLICA]


# --- How far behind: the replica's replay position against the primary's WAL position ------------------


def test_the_replica_is_fresh_until_the_newest_primary_position_it_has_replayed_is_pin_seconds_old():
    marks = [(100.0, 1000), (105.0, 2000), (110.0, 3000)]
    assert replica.replica_fresh_until(marks=marks, replayed=3000, pin=10) == 120.0
    assert replica.replica_fresh_until(marks=marks, replayed=2999, pin=10) == 115.0
    assert replica.replica_fresh_until(marks=marks, replayed=1000, pin=10) == 110.0
    assert replica.replica_fresh_until(marks=marks, replayed=999, pin=10) == -math.inf
    assert replica.replica_fresh_until(marks=[], replayed=999, pin=10) == -math.inf


class _Servers:
    """The primary's WAL position and the replica's replay position, set by the test (no database)."""

    def __init__(self, monkeypatch) -> None:
        self.written: int = 1000
        self.replayed: int | None = 1000
        self.checks = 0
        monkeypatch.setattr(replica, "primary_position", lambda: self.written)
        monkeypatch.setattr(replica, "replica_replayed", self.replica_replayed)

    def replica_replayed(self) -> int | None:
        self.checks += 1
        return self.replayed


@override_settings(DATABASE_REPLICA_PIN_SECONDS=10)
def test_a_replica_that_stopped_replaying_is_left_when_what_it_holds_is_pin_seconds_old(
    monkeypatch, clock, caplog
):
    """The replica's own view of its lag cannot see a stalled WAL stream (all it received is replayed): only
    the primary's position can. The replica stops at 1000 while the primary writes on."""
    servers = _Servers(monkeypatch)
    assert replica.replica_usable()  # it has replayed the primary's position of now
    servers.written = 2000  # a commit on the primary that never reaches the replica
    clock.advance(replica.CHECK_SECONDS + 0.1)
    assert replica.replica_usable()  # what it holds is 5.1 s old: within the pin
    clock.advance(4.8)
    assert replica.replica_usable() and servers.checks == 2  # 9.9 s old; not asked again yet
    clock.advance(0.1)
    with caplog.at_level(logging.WARNING, logger="grundlag.core.replica"):
        assert not replica.replica_usable()  # 10 s old: the primary, before the next check is due
        assert servers.checks == 2
        clock.advance(0.1)
        assert not replica.replica_usable() and servers.checks == 3
    assert "has not replayed a WAL position the primary had in the last 10 s" in caplog.text
    servers.replayed = 2000  # it catches up; asked again after CHECK_SECONDS, not DOWN_CHECK_SECONDS
    clock.advance(replica.CHECK_SECONDS)
    with caplog.at_level(logging.INFO, logger="grundlag.core.replica"):
        assert replica.replica_usable() and servers.checks == 4
    assert "in use again" in caplog.text


@override_settings(DATABASE_REPLICA_PIN_SECONDS=10)
def test_without_a_recent_primary_position_the_replica_must_hold_the_primarys_position_of_now(
    monkeypatch, clock
):
    servers = _Servers(monkeypatch)
    servers.written, servers.replayed = 5000, 4999  # the first check of a process: nothing kept to go by
    assert not replica.replica_usable()
    servers.replayed = 5000
    clock.advance(replica.CHECK_SECONDS)
    assert replica.replica_usable()  # the position kept at the first check is reached
    clock.advance(60)  # an idle process: the kept positions are too old
    servers.written, servers.replayed = 6000, 5999
    assert not replica.replica_usable()
    assert replica._health.marks == [(clock.now, 6000)]  # the old ones are forgotten


def test_a_replica_that_does_not_answer_is_asked_again_after_the_down_check_seconds(monkeypatch, clock):
    servers = _Servers(monkeypatch)
    servers.replayed = None
    assert not replica.replica_usable()
    servers.replayed = 1000
    clock.advance(replica.CHECK_SECONDS)
    assert not replica.replica_usable() and servers.checks == 1
    clock.advance(replica.DOWN_CHECK_SECONDS - replica.CHECK_SECONDS)
    assert replica.replica_usable() and servers.checks == 2


# --- Pages, through the middleware ---------------------------------------------------------------------


def _admin_client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.create_user(username="admin", password="x", is_staff=True))
    return client


def _index(client: Client) -> tuple[str, list[str], list[str]]:
    """The indicator index (a marked page): its text, the SQL run on the primary and on the replica."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as mirror,
    ):
        response = client.get(reverse("indicators:index"))
    assert response.status_code == 200
    return (
        response.content.decode(),
        [query["sql"] for query in primary.captured_queries],
        [query["sql"] for query in mirror.captured_queries],
    )


@BOTH
def test_a_marked_page_reads_its_data_on_the_replica_and_the_session_on_the_primary():
    client = _admin_client()
    UnitFactory(name="Replika Kommune", parent=None)
    text, on_primary, on_replica = _index(client)
    assert "Replika Kommune" in text
    assert any('"organisation_unit"' in sql for sql in on_replica)
    assert not any('FROM "organisation_unit"' in sql for sql in on_primary)
    assert any("django_session" in sql for sql in on_primary)
    assert any("auth_user" in sql for sql in on_primary)
    assert not any("django_session" in sql or "auth_user" in sql for sql in on_replica)


@BOTH
def test_a_client_that_wrote_reads_the_primary_until_the_pin_runs_out():
    client = _admin_client()
    response = client.post(reverse("indicators:index"))  # any writing request pins, whatever it answers
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    _text, on_primary, on_replica = _index(client)
    assert on_replica == []
    assert any('"organisation_unit"' in sql for sql in on_primary)
    del client.cookies[PIN_COOKIE]  # what the browser does when Max-Age has passed
    _text, _on_primary, on_replica = _index(client)
    assert any('"organisation_unit"' in sql for sql in on_replica)


# --- A real streaming replica (PostgreSQL) -------------------------------------------------------------


@pytest.fixture
def real_replica(replica_cluster, monkeypatch):
    """The replica alias pointed at the streaming replica, reading the primary's test database there."""
    dictionary = connections[REPLICA].settings_dict
    monkeypatch.setitem(dictionary, "HOST", "127.0.0.1")
    monkeypatch.setitem(dictionary, "PORT", replica_cluster.port)
    connections[REPLICA].close()
    yield replica_cluster
    connections[REPLICA].close()


def _replayed() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as primary, connections[REPLICA].cursor() as standby:
        replay_wait(primary_cursor=primary, replica_cursor=standby)


def _replayed_and_checked(clock: Clock) -> None:
    """A check keeps the primary's position, the replica replays it, and the next check finds that: the
    replica is in use whatever else the shared test server writes meanwhile (its position moves on)."""
    replica.replica_check()
    _replayed()
    clock.advance(replica.CHECK_SECONDS)


def _reads_units(queries: list[str]) -> bool:
    return any('"organisation_unit"' in sql for sql in queries)


def _named(name: str, alias: str) -> int:
    return Unit.objects.using(alias).filter(name=name).count()


@BOTH
@override_settings(DATABASE_REPLICA_PIN_SECONDS=600)  # a slow run must not find the paused replica too late
def test_a_report_page_is_served_from_the_streaming_replica_and_a_writer_reads_the_primary(
    real_replica, clock
):
    client = _admin_client()
    UnitFactory(name="Replika Kommune", parent=None)
    _replayed_and_checked(clock)
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)
    text, on_primary, on_replica = _index(client)
    assert "Replika Kommune" in text
    assert any('"organisation_unit"' in sql for sql in on_replica)
    assert not any('FROM "organisation_unit"' in sql for sql in on_primary)

    # The replica falls behind; the client who wrote sees the write, a reader without the pin does not yet.
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        client.post(reverse("indicators:index"))
        UnitFactory(name="Skrevet Kommune", parent=None)
        text, _on_primary, on_replica = _index(client)
        assert "Skrevet Kommune" in text
        assert on_replica == []
        other = Client()
        other.force_login(get_user_model().objects.get(username="admin"))
        text, _on_primary, on_replica = _index(other)
        assert on_replica
        assert "Replika Kommune" in text
        assert "Skrevet Kommune" not in text
    finally:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    _replayed()
    assert "Skrevet Kommune" in _index(other)[0]


@BOTH
def test_a_dropped_replica_connection_is_retried_on_the_primary(real_replica, clock):
    client = _admin_client()
    UnitFactory(name="Replika Kommune", parent=None)
    _replayed_and_checked(clock)
    assert '"organisation_unit"' in " ".join(_index(client)[2])  # the connection to the replica is open
    pid = connections[REPLICA].connection.info.backend_pid
    other = connections.create_connection(REPLICA)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            deadline = time.monotonic() + 30
            while True:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
                if cursor.fetchone() == (0,):
                    break
                assert time.monotonic() < deadline, "the replica's backend did not end"
                time.sleep(0.02)
    finally:
        other.close()
    text, on_primary, _on_replica = _index(client)
    assert "Replika Kommune" in text
    assert any('"organisation_unit"' in sql for sql in on_primary)


@BOTH
@override_settings(DATABASE_REPLICA_PIN_SECONDS=10)
def test_a_replica_whose_wal_stream_stalled_is_left_once_it_is_the_pin_seconds_behind(
    real_replica, clock, caplog
):
    """The reviewer's stall: the replica stops applying the primary's WAL (its replay paused here; a network
    that stops passing the stream looks the same, and then the replica has replayed all it received and its
    own measure says 0 s behind). A row committed on the primary is missed for the pin seconds at most."""
    client = _admin_client()
    UnitFactory(name="Replika Kommune", parent=None)
    _replayed_and_checked(clock)
    text, _on_primary, on_replica = _index(client)
    assert _reads_units(on_replica) and "Replika Kommune" in text
    control = connections.create_connection(REPLICA)  # its own connection: the resume must get through
    try:
        with control.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_pause()")
        UnitFactory(name="Skrevet Kommune", parent=None)
        assert (_named("Skrevet Kommune", DEFAULT_DB_ALIAS), _named("Skrevet Kommune", REPLICA)) == (1, 0)
        text, _on_primary, on_replica = _index(client)  # still within the pin: the replica, a moment behind
        assert _reads_units(on_replica) and "Skrevet Kommune" not in text
        clock.advance(settings.DATABASE_REPLICA_PIN_SECONDS + 0.5)
        with caplog.at_level(logging.WARNING, logger="grundlag.core.replica"):
            text, on_primary, on_replica = _index(client)
        assert (_reads_units(on_primary), _reads_units(on_replica)) == (True, False)
        assert "Skrevet Kommune" in text
        assert "has not replayed a WAL position the primary had" in caplog.text
    finally:  # never left paused: the replica serves the rest of the session's tests
        try:
            with control.cursor() as cursor:
                cursor.execute("SELECT pg_wal_replay_resume()")
        finally:
            control.close()
    _replayed()
    clock.advance(replica.CHECK_SECONDS)  # a replica that answers is asked again at the next check
    text, _on_primary, on_replica = _index(client)
    assert _reads_units(on_replica) and "Skrevet Kommune" in text
