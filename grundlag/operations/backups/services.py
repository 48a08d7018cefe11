"""Making a backup of the whole installation and restoring one into an empty database (docs/backups.md)."""

import datetime
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from .archive import Archive, archive_open, archive_problems, file_label
from .authentication import HMAC_MEMBER, manifest_sign
from .databases import (
    Capture,
    database_statistics,
    postgresql_capture,
    postgresql_restore,
    sqlite_capture,
    sqlite_restore,
    sqlite_target,
)
from .manifest import MANIFEST_MEMBER, BackupError, FileEntry, Manifest, manifest_dumps
from .media import HashingReader, MediaWrites, media_conflicts, media_files, media_write
from .selectors import installation_differences

CAPTURES: dict[str, Callable[..., Capture]] = {"postgresql": postgresql_capture, "sqlite": sqlite_capture}


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int
    seconds: float
    migrations_to_apply: int


def backup_create(*, output: Path) -> BackupSummary:
    """Write one archive (mode 0600) of the database, the uploaded files and a manifest; overwrite nothing.

    The archive is written in a private folder beside the output and linked into place when whole."""
    started = time.monotonic()
    connection = connections[DEFAULT_DB_ALIAS]
    capture = CAPTURES.get(connection.vendor)
    if capture is None:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    if output.exists():
        raise BackupError(f"{output} exists: a backup never overwrites a file. Choose another --output.")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder: the archive cannot be written there.")
    # Beside the archive (one file system, so the finished archive is linked into place), private (0700).
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".grundlag-backup-") as work:
        workdir = Path(work)
        captured = capture(connection=connection, workdir=workdir)
        draft = workdir / "archive.tar"
        manifest = _archive_write(draft=draft, capture=captured, vendor=connection.vendor)
        try:
            os.link(draft, output)
        except FileExistsError as error:
            raise BackupError(f"{output} appeared while the backup was made: not overwritten.") from error
    return BackupSummary(
        path=output,
        tables=len(manifest.tables),
        rows=sum(table.rows for table in manifest.tables.values()),
        files=len(manifest.files),
        bytes=output.stat().st_size,
        seconds=time.monotonic() - started,
    )


def _archive_write(*, draft: Path, capture: Capture, vendor: str) -> Manifest:
    """The tar: the database, the files, then the manifest (made from what was written) and its HMAC."""
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(handle, 0o600)  # whatever the umask: the archive holds everything
    with os.fdopen(handle, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w:", format=tarfile.PAX_FORMAT) as tar:
            database = _member_add(tar, name=capture.path.name, path=capture.path, mode=0o600)
            if database is None:
                raise BackupError("The database copy vanished before it was archived.")
            files = []
            for relative, path in media_files(root=Path(settings.MEDIA_ROOT)):
                added = _member_add(tar, name=f"media/{relative}", path=path)
                if added is not None:  # an upload removed (expired) meanwhile is simply not there
                    files.append(FileEntry(path=relative, size=added[0], sha256=added[1]))
            manifest = Manifest(
                created_at=datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
                vendor=vendor,
                server_version=capture.server_version,
                database_size=database[0],
                database_sha256=database[1],
                migrations=capture.migrations,
                tables=capture.sums,
                files=files,
            )
            data = manifest_dumps(manifest)
            # The manifest, then its HMAC over exactly those bytes: what proves this installation made it.
            for name, member in ((MANIFEST_MEMBER, data), (HMAC_MEMBER, manifest_sign(data))):
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = len(member), 0o600, time.time()
                tar.addfile(info, io.BytesIO(member))
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


def _member_add(
    tar: tarfile.TarFile, *, name: str, path: Path, mode: int | None = None
) -> tuple[int, str] | None:
    """Add a file as it is when opened, hashing what is written; None when it is gone."""
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return None
    with file:
        stat = os.fstat(file.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime = stat.st_size, stat.st_mtime
        info.mode = stat.st_mode & 0o777 if mode is None else mode
        reader = HashingReader(file)
        try:
            tar.addfile(info, reader)  # tarfile needs only read()
        except OSError as error:
            raise BackupError("A file shrank while it was archived: run the backup again.") from error
    return info.size, reader.digest.hexdigest()


def backup_restore(*, path: Path, overwrite_files: bool = False) -> RestoreSummary:
    """Restore an archive made by this installation (its HMAC checked first) into the empty default database
    and MEDIA_ROOT, then verify both against the manifest. Everything that can refuse does so before anything
    is written; a restore that fails while writing takes back what it wrote (docs/backups.md)."""
    started = time.monotonic()
    connection = connections[DEFAULT_DB_ALIAS]
    media_root = Path(settings.MEDIA_ROOT)
    with archive_open(path) as archive:
        manifest = archive.manifest
        _target_check(connection=connection, manifest=manifest)
        if not overwrite_files and (conflicts := media_conflicts(root=media_root, entries=manifest.files)):
            raise BackupError(
                f"{len(conflicts)} file(s) of the archive are already in MEDIA_ROOT (the first in "
                f"{conflicts[0].parent}); nothing was restored. Empty MEDIA_ROOT, or pass --overwrite-files."
            )
        if problems := archive_problems(archive):
            raise BackupError(
                "The archive does not match its manifest (tampered or damaged); nothing was restored:\n  "
                + "\n  ".join(problems)
            )
        _restore_whole(archive=archive, connection=connection, root=media_root, overwrite=overwrite_files)
    database_statistics(connection=connection)
    if problems := installation_differences(manifest=manifest, connection=connection, media_root=media_root):
        raise BackupError(
            f"Restored, but {len(problems)} difference(s) from the manifest were found:\n  "
            + "\n  ".join(problems)
        )
    return RestoreSummary(
        tables=len(manifest.tables),
        rows=sum(table.rows for table in manifest.tables.values()),
        files=len(manifest.files),
        seconds=time.monotonic() - started,
        migrations_to_apply=_migrations_to_apply(connection=connection),
    )


def _target_check(*, connection: BaseDatabaseWrapper, manifest: Manifest) -> None:
    """Refuse another vendor's archive, one made by a newer Grundlag, and a target that is not empty."""
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {manifest.vendor} database and the target is {connection.vendor}: "
            f"a restore across database vendors is not supported. Restore into a {manifest.vendor} database."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = sorted(f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known)
    if unknown:
        raise BackupError(
            f"The archive was made by a newer Grundlag: its migration {unknown[0]} is not in this code "
            f"({len(unknown)} in all). Restore it with the version that made it."
        )
    tables: list[str] = []
    # A missing SQLite file is empty: not opened, so that a refused restore leaves no empty file behind.
    if connection.vendor != "sqlite" or sqlite_target(connection=connection).exists():
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
    if tables:
        raise BackupError(
            f"The target database is not empty: it has the table {tables[0]} ({len(tables)} tables in all). "
            "Restore only into an empty database: create a new one and point DATABASE_URL at it."
        )


def _restore_whole(*, archive: Archive, connection: BaseDatabaseWrapper, root: Path, overwrite: bool) -> None:
    """The files, then the database; when either fails, every file written is removed (a replaced one put
    back) and the database is left empty (pg_restore rolls back its one transaction; the SQLite file is
    moved into place last, in one step), so that the restore can simply be run again."""
    writes = MediaWrites()
    try:
        _media_restore(archive=archive, root=root, overwrite=overwrite, writes=writes)
        _database_restore(archive=archive, connection=connection)
    except BaseException:
        writes.undo()
        raise
    writes.keep()


def _database_restore(*, archive: Archive, connection: BaseDatabaseWrapper) -> None:
    """Extract the database member (checking its sha256 again as it is read) and restore it.

    SQLite's file is extracted beside the target, so that it is moved into place in one step; pg_dump's
    file into a private temporary folder (TMPDIR)."""
    manifest = archive.manifest
    folder = sqlite_target(connection=connection).parent if connection.vendor == "sqlite" else None
    with tempfile.TemporaryDirectory(dir=folder, prefix=".grundlag-restore-") as work:
        extracted = Path(work) / manifest.database_member
        digest = hashlib.sha256()
        with archive.open_member(manifest.database_member) as source, extracted.open("wb") as target:
            reader = HashingReader(source)
            shutil.copyfileobj(reader, target, 1024 * 1024)
            target.flush()
            os.fsync(target.fileno())
            digest = reader.digest
        if digest.hexdigest() != manifest.database_sha256:
            raise BackupError(f"{manifest.database_member} changed while it was read; nothing was restored.")
        if connection.vendor == "postgresql":
            postgresql_restore(connection=connection, path=extracted)
        else:
            sqlite_restore(connection=connection, path=extracted)


def _media_restore(*, archive: Archive, root: Path, overwrite: bool, writes: MediaWrites) -> None:
    for number, entry in enumerate(archive.manifest.files, start=1):
        info = archive.members[entry.member]
        with archive.open_member(entry.member) as source:
            try:
                media_write(
                    root=root,
                    entry=entry,
                    source=source,
                    mode=info.mode,
                    mtime=info.mtime,
                    overwrite=overwrite,
                    writes=writes,
                )
            except OSError as error:
                raise BackupError(
                    f"{file_label(number, entry.path)} could not be written: {error.strerror}"
                ) from error


def _migrations_to_apply(*, connection: BaseDatabaseWrapper) -> int:
    """The migrations of this code the restored database lacks (an older archive): `migrate` adds them."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
