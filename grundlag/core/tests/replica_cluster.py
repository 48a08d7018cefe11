"""A real PostgreSQL streaming replica of the test server, for the tests of grundlag/core/replica.py.

`replica_start` copies the primary with pg_basebackup into a directory of its own under REPLICAS and starts it
on a free port; `replica_stop` stops it and removes the directory. Each test process (an xdist worker, a
concurrent run) makes its own, named by its process id and port, so they never collide; a directory left by
a process that is gone (a killed run) is stopped and removed before a new one is made.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

REPLICAS = Path("/tmp/grundlag-test-replicas")
# The primary's settings a hot standby must have at least as high (PostgreSQL refuses to start otherwise).
STANDBY_MINIMA = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


@dataclass(frozen=True)
class ReplicaCluster:
    port: int
    directory: Path
    bindir: Path


def _run(command: list[str]) -> None:
    """Run a PostgreSQL program as the `postgres` user when we are root (the server refuses root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def replica_stop(cluster: ReplicaCluster) -> None:
    """Stop the replica (at once: it holds nothing to keep) and remove its directory."""
    if (cluster.directory / "postmaster.pid").exists():
        with suppress(RuntimeError):  # not running after all: the directory goes anyway
            _run([str(cluster.bindir / "pg_ctl"), "-D", str(cluster.directory), "-m", "immediate", "stop"])
    shutil.rmtree(cluster.directory, ignore_errors=True)


def replicas_forget_stale(bindir: Path) -> None:
    """Stop and remove the replicas of test processes that are gone (a run that was killed)."""
    for directory in REPLICAS.glob("*-*"):
        pid, _, port = directory.name.partition("-")
        if pid.isdigit() and port.isdigit() and not _alive(int(pid)):
            replica_stop(ReplicaCluster(port=int(port), directory=directory, bindir=bindir))


def replica_start(*, primary: dict, standby_settings: dict[str, str], major: int) -> ReplicaCluster:
    """A streaming replica of the primary (Django's settings of it), started and accepting reads."""
    bindir = Path(f"/usr/lib/postgresql/{major}/bin")
    if not (bindir / "pg_basebackup").exists():
        raise RuntimeError(f"{bindir}/pg_basebackup is missing: install PostgreSQL {major}'s server package.")
    REPLICAS.mkdir(mode=0o755, exist_ok=True)
    replicas_forget_stale(bindir)
    port = _free_port()
    cluster = ReplicaCluster(port=port, directory=REPLICAS / f"{os.getpid()}-{port}", bindir=bindir)
    cluster.directory.mkdir(mode=0o700)
    _own(cluster.directory)
    try:
        # --no-sync: a throw-away copy need not wait for the disk (twelve of fourteen seconds here).
        _run(
            [
                str(bindir / "pg_basebackup"),
                *("-h", str(primary["HOST"] or "127.0.0.1"), "-p", str(primary["PORT"] or 5432)),
                *("-U", primary["USER"], "-D", str(cluster.directory)),
                *("-R", "-X", "stream", "-c", "fast", "--no-sync"),
            ]
        )
        _configure(cluster, standby_settings)
        options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={cluster.directory}"
        log = cluster.directory / "server.log"
        _run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(cluster.directory),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "start",
            ]
        )
    except BaseException:
        replica_stop(cluster)
        raise
    return cluster


def _configure(cluster: ReplicaCluster, standby_settings: dict[str, str]) -> None:
    """The files a Debian cluster keeps in /etc: a small server, trusted on 127.0.0.1 only."""
    settings = {**standby_settings, "shared_buffers": "32MB", "fsync": "off", "hot_standby": "on"}
    files = {
        "postgresql.conf": "".join(f"{name} = '{value}'\n" for name, value in settings.items()),
        "pg_hba.conf": "local all all trust\nhost all all 127.0.0.1/32 trust\n",
        "pg_ident.conf": "",
    }
    for name, text in files.items():
        path = cluster.directory / name
        path.write_text(text, encoding="utf-8")
        _own(path)


def replay_wait(*, primary_cursor, replica_cursor, deadline_seconds: float = 60) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    primary_cursor.execute("SELECT pg_current_wal_lsn()")
    (lsn,) = primary_cursor.fetchone()
    deadline = time.monotonic() + deadline_seconds
    while True:
        replica_cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
        if replica_cursor.fetchone()[0]:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the replica had not replayed {lsn} after {deadline_seconds} s")
        time.sleep(0.02)
