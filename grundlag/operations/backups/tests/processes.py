"""Backups made and restored as an operator does: `manage.py backup` and `restore` in their own processes.

On PostgreSQL they open the test database itself (the tests commit their writes: `transactional_db`) and a
restore goes into a database of the test's own, dropped after. SQLite's test database lives in the test
process's memory: it is copied to a file for the backup, and a restore goes into a new file.
"""

import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

ROOT = Path(__file__).resolve().parents[4]


def database_url(name: str) -> str:
    """The URL of a database on the test's server (PostgreSQL) or of a file (SQLite)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def manage(*args: str, database: str, media_root: Path, **environ: str) -> subprocess.CompletedProcess[str]:
    """`manage.py` with production settings over the given database and MEDIA_ROOT (and the test's SECRET_KEY,
    unless `environ` says otherwise)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY_FALLBACKS"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE": "false",
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(media_root),
        **environ,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def source_url(tmp_path: Path) -> str:
    """The test database as the backup process opens it (SQLite: copied to a file first)."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "source.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return database_url(str(copy))
    return database_url(connection.settings_dict["NAME"])


def opened(name: str) -> BaseDatabaseWrapper:
    """A connection of its own to another database of the same vendor (a restore's target)."""
    other = connection.copy()
    other.settings_dict["NAME"] = name
    return other


def tables_in(name: str) -> list[str]:
    """The tables of a restore's target database (a SQLite file not there has none, and is not made)."""
    if connection.vendor == "sqlite" and not Path(name).exists():
        return []
    target = opened(name)
    try:
        with target.cursor() as cursor:
            return target.introspection.table_names(cursor)
    finally:
        target.close()


def archive_rewrite(source: Path, target: Path, *, replace: dict[str, bytes | None]) -> None:
    """A copy of an archive with members replaced (bytes) or left out (None), as someone tampering would."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for info in old.getmembers():
            if info.name in replace:
                data = replace[info.name]
                if data is None:
                    continue
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))
            else:
                new.addfile(info, old.extractfile(info))
