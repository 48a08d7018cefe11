"""The database's part of a backup and a restore, with each engine's own tools.

PostgreSQL: `pg_dump` in its custom format, run on a snapshot that the manifest's counts and checksums are
read from too (`pg_export_snapshot`), so the dump and the manifest describe the same instant while the
application keeps writing; `pg_restore` in one transaction, so a failed restore leaves the target empty.
SQLite: the online backup API copies the file consistently while the application runs, and the checksums are
read from the copy; the restore puts the copy in place of the (empty or missing) target file.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db.backends.base.base import BaseDatabaseWrapper

from .checksums import database_sums
from .manifest import DATABASE_MEMBERS, BackupError, TableSum

# libpq's environment names for the connection options Django passes on to it.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
# Lines of a tool's error output that quote the data of a row; left out of the message shown.
_DATA_LINES = ("DETAIL:", "CONTEXT:", "Command was:", "LINE ")


@dataclass(frozen=True)
class Capture:
    """The database as the archive will hold it: the file, and what the manifest says about it."""

    path: Path
    sums: dict[str, TableSum]
    migrations: dict[str, str]
    server_version: str


def applied_migrations(*, connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Each app's latest applied migration (the one applied last)."""
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return {}
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        return {app: name for app, name in cursor.fetchall()}


def postgresql_capture(*, connection: BaseDatabaseWrapper, workdir: Path) -> Capture:
    """pg_dump of the database and its sums, both read from one exported snapshot."""
    reader = connection.copy()  # same alias: django.contrib.postgres looks its type handlers up by it
    reader.set_autocommit(False)
    try:
        with reader.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        path = workdir / DATABASE_MEMBERS["postgresql"]
        errors = workdir / "pg_dump.err"
        command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"]
        with errors.open("wb") as error_file:
            process = _start(
                command + _libpq_arguments(connection), stderr=error_file, env=_libpq_env(connection)
            )
            try:
                # Read while pg_dump writes: the two run side by side on the same snapshot.
                sums = database_sums(connection=reader)
                migrations = applied_migrations(connection=reader)
            except BaseException:
                process.kill()
                process.wait()
                raise
            returncode = process.wait()
        if returncode != 0:
            raise BackupError(f"pg_dump failed (exit {returncode}): {_tool_message(errors.read_bytes())}")
    finally:
        reader.rollback()
        reader.close()
    return Capture(path=path, sums=sums, migrations=migrations, server_version=server_version)


def postgresql_restore(*, connection: BaseDatabaseWrapper, path: Path) -> None:
    """pg_restore into the (empty) database in one transaction (database_statistics comes after).

    --no-owner and --no-privileges: the objects belong to the user restoring them, and the grants of the
    source's roles (which the target's server may not have) are not replayed; a restore that met one would
    stop. --single-transaction with --exit-on-error: the first error rolls the whole restore back.
    """
    command = [
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        *_libpq_arguments(connection),
        str(path),
    ]
    process = _start(command, stderr=subprocess.PIPE, env=_libpq_env(connection))
    _output, errors = process.communicate()
    if process.returncode != 0:
        raise BackupError(
            f"pg_restore failed (exit {process.returncode}); nothing was restored: {_tool_message(errors)}"
        )


def database_statistics(*, connection: BaseDatabaseWrapper) -> None:
    """Fresh planner statistics after a restore (pg_restore leaves PostgreSQL without them); run once the
    restore is whole, outside what a failed restore takes back."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def sqlite_capture(*, connection: BaseDatabaseWrapper, workdir: Path) -> Capture:
    """A consistent copy of the database made with the online backup API, and its sums read from the copy."""
    path = workdir / DATABASE_MEMBERS["sqlite"]
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)  # in one step, under one read lock
    reader = connection.copy()  # same alias: django.contrib.postgres looks its type handlers up by it
    reader.settings_dict["NAME"] = str(path)
    try:
        sums = database_sums(connection=reader)
        migrations = applied_migrations(connection=reader)
    finally:
        reader.close()
    return Capture(path=path, sums=sums, migrations=migrations, server_version=sqlite3.sqlite_version)


def sqlite_target(*, connection: BaseDatabaseWrapper) -> Path:
    """The file a restore writes; BackupError when the database is not a file or has a journal beside it."""
    if connection.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's wrapper has it
        raise BackupError("The target SQLite database is in memory: restore into a database file.")
    target = Path(connection.settings_dict["NAME"])
    for journal in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-journal")):
        if journal.exists() and journal.stat().st_size > 0:
            raise BackupError(
                f"{journal} exists beside the target: it belongs to another database. Remove it."
            )
    return target


def sqlite_restore(*, connection: BaseDatabaseWrapper, path: Path) -> None:
    """Put the backed-up file (extracted beside the target) in place of the empty or missing target."""
    target = sqlite_target(connection=connection)
    connection.close()
    os.replace(path, target)


def _start(command: list[str], *, stderr: int | IO[bytes], env: dict[str, str]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr, env=env
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} was not found: install PostgreSQL's client tools "
            "(a version at least the server's)."
        ) from error


def _libpq_arguments(connection: BaseDatabaseWrapper) -> list[str]:
    """The default connection's host, port, user and database as pg_dump and pg_restore take them."""
    settings_dict = connection.settings_dict
    arguments = ["--no-password"]  # never wait for a password at a prompt (a timer has no one to type it)
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments.append(f"{flag}={settings_dict[key]}")
    return [*arguments, f"--dbname={settings_dict['NAME']}"]


def _libpq_env(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The environment with the password (never on the command line, where `ps` shows it) and SSL options."""
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, name in _LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[name] = str(settings_dict["OPTIONS"][option])
    return env


def _tool_message(errors: bytes) -> str:
    """The tool's error lines, without those that quote a row's data."""
    lines = [line.strip() for line in errors.decode(errors="replace").splitlines() if line.strip()]
    kept = [line for line in lines if not line.startswith(_DATA_LINES)]
    return " / ".join(kept[:5]) or "no message"
