"""The archive's manifest: what it holds and the checksums a restore is verified against.

It is parsed only once its HMAC shows that this installation wrote it (authentication.py). Every field is
checked all the same, and a wrong one named in the message: the restore's safety (paths inside MEDIA_ROOT,
the members it reads) does not rest on the key alone.
"""

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

FORMAT = "grundlag-backup"
VERSION = 1
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"
# The database's member in the archive, per vendor: pg_dump's custom format, or the SQLite file itself.
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# A manifest lists every file and table; beyond this it is not one of ours.
MANIFEST_MAX_BYTES = 512 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """An archive or a target refused, with a message that says what and where."""


@dataclass(frozen=True)
class TableSum:
    """A table's row count and the checksum of its rows (checksums.py says how it is made)."""

    rows: int
    checksum: str


@dataclass(frozen=True)
class FileEntry:
    """An uploaded file: its path relative to MEDIA_ROOT, its size in bytes and sha256."""

    path: str
    size: int
    sha256: str

    @property
    def member(self) -> str:
        return MEDIA_PREFIX + self.path


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str
    server_version: str
    database_size: int
    database_sha256: str
    migrations: dict[str, str]
    tables: dict[str, TableSum]
    files: list[FileEntry] = field(default_factory=list)

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]


def safe_relative_path(name: str) -> bool:
    """A plain relative path: no absolute path, no `..` or `.` part, no empty part, no backslash or NUL."""
    if not name or "\\" in name or "\x00" in name or PurePosixPath(name).is_absolute():
        return False
    return all(part not in {"", ".", ".."} for part in name.split("/"))


def manifest_dumps(manifest: Manifest) -> bytes:
    """The manifest as the archive holds it: JSON, keys in a fixed order."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": manifest.created_at,
        "database": {
            "vendor": manifest.vendor,
            "server_version": manifest.server_version,
            "member": manifest.database_member,
            "size": manifest.database_size,
            "sha256": manifest.database_sha256,
        },
        "migrations": manifest.migrations,
        "tables": {name: asdict(table) for name, table in manifest.tables.items()},
        "files": [asdict(entry) for entry in manifest.files],
    }
    return json.dumps(document, indent=1, sort_keys=False, ensure_ascii=False).encode()


def manifest_loads(data: bytes) -> Manifest:
    """The manifest read from the archive, or BackupError naming the first field that is wrong."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(f"{MANIFEST_MEMBER} is not valid JSON ({error}).") from error
    _expect(isinstance(document, dict), "is not a JSON object")
    _expect(document.get("format") == FORMAT, f"does not say format {FORMAT!r}: not a Grundlag backup")
    _expect(
        document.get("version") == VERSION,
        f"has version {document.get('version')!r}; this Grundlag reads version {VERSION}",
    )
    database = document.get("database")
    _expect(isinstance(database, dict), "has no 'database' object")
    vendor = database.get("vendor")
    _expect(vendor in DATABASE_MEMBERS, f"names an unknown database vendor {vendor!r}")
    _expect(database.get("member") == DATABASE_MEMBERS[vendor], "names the wrong database member")
    return Manifest(
        created_at=_text(document.get("created_at"), "created_at"),
        vendor=vendor,
        server_version=_text(database.get("server_version"), "database.server_version"),
        database_size=_count(database.get("size"), "database.size"),
        database_sha256=_digest(database.get("sha256"), "database.sha256"),
        migrations=_migrations(document.get("migrations")),
        tables=_tables(document.get("tables")),
        files=_files(document.get("files")),
    )


def _expect(condition: bool, problem: str) -> None:
    if not condition:
        raise BackupError(f"{MANIFEST_MEMBER} {problem}.")


def _text(value: Any, where: str) -> str:
    _expect(isinstance(value, str), f"has no text in {where!r}")
    return value


def _count(value: Any, where: str) -> int:
    _expect(
        isinstance(value, int) and not isinstance(value, bool) and value >= 0, f"has no count in {where!r}"
    )
    return value


def _digest(value: Any, where: str) -> str:
    _expect(isinstance(value, str) and bool(_SHA256.fullmatch(value)), f"has no sha256 in {where!r}")
    return value


def _migrations(value: Any) -> dict[str, str]:
    _expect(isinstance(value, dict), "has no 'migrations' object")
    for app, name in value.items():
        _text(name, f"migrations.{app}")
    return value


def _tables(value: Any) -> dict[str, TableSum]:
    _expect(isinstance(value, dict), "has no 'tables' object")
    tables = {}
    for name, table in value.items():
        _expect(isinstance(table, dict), f"has no object for table {name!r}")
        tables[name] = TableSum(
            rows=_count(table.get("rows"), f"tables.{name}.rows"),
            checksum=_digest(table.get("checksum"), f"tables.{name}.checksum"),
        )
    return tables


def _files(value: Any) -> list[FileEntry]:
    _expect(isinstance(value, list), "has no 'files' list")
    entries, seen = [], set()
    for number, entry in enumerate(value, start=1):
        _expect(isinstance(entry, dict), f"has no object for file {number}")
        path = _text(entry.get("path"), f"files[{number}].path")
        _expect(
            safe_relative_path(path), f"has an unsafe path for file {number} (absolute, '..' or empty part)"
        )
        _expect(path not in seen, f"lists file {number} twice")
        seen.add(path)
        entries.append(
            FileEntry(
                path=path,
                size=_count(entry.get("size"), f"files[{number}].size"),
                sha256=_digest(entry.get("sha256"), f"files[{number}].sha256"),
            )
        )
    return entries
