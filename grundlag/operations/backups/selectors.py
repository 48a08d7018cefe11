"""Reads over an archive and over a restored installation: does each match the manifest?"""

from dataclasses import dataclass
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

from .archive import archive_open, archive_problems, file_label
from .checksums import database_sums, file_sha256, sums_differences
from .manifest import Manifest


@dataclass(frozen=True)
class ArchiveCheck:
    """An archive's own integrity: what its manifest says it holds, and each member that does not match."""

    manifest: Manifest
    problems: list[str]


def archive_verify(*, path: Path) -> ArchiveCheck:
    """Check an archive without restoring it: its members, its manifest, every member's size and sha256."""
    with archive_open(path) as archive:
        return ArchiveCheck(manifest=archive.manifest, problems=archive_problems(archive))


def installation_differences(
    *, manifest: Manifest, connection: BaseDatabaseWrapper, media_root: Path
) -> list[str]:
    """Every table (count and checksum) and every file (size and sha256) that differs from the manifest."""
    problems = sums_differences(expected=manifest.tables, found=database_sums(connection=connection))
    for number, entry in enumerate(manifest.files, start=1):
        place = media_root / entry.path
        if not place.is_file():
            problems.append(f"{file_label(number, entry.path)}: missing from MEDIA_ROOT")
        elif file_sha256(place) != (entry.size, entry.sha256):
            problems.append(f"{file_label(number, entry.path)}: its checksum differs from the manifest's")
    return problems
