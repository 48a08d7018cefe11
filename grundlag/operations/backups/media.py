"""The uploaded files under MEDIA_ROOT: listed for a backup, written back by a restore.

Only regular files are backed up (a link could point anywhere, and a restore writes no links). A restore
writes each file beside its place and links it in, so that an existing file is never overwritten by
accident and a file is never seen half-written.
"""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .checksums import file_chunks
from .manifest import BackupError, FileEntry, safe_relative_path


class HashingReader:
    """A file read through, with the sha256 of what was read (tarfile reads a member's bytes through it)."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


def media_files(*, root: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under the root, by its relative path, in a fixed order; links are left out."""
    if not root.is_dir():
        return
    for directory, folders, names in os.walk(root):
        folders.sort()
        for name in sorted(names):
            path = Path(directory) / name
            relative = path.relative_to(root).as_posix()
            if not path.is_symlink() and path.is_file() and safe_relative_path(relative):
                yield relative, path


def media_place(*, root: Path, entry: FileEntry) -> Path:
    """Where a file of the archive goes; BackupError when a link inside MEDIA_ROOT would lead it outside."""
    destination = root / entry.path
    inside = [folder for folder in (destination.parent, *destination.parents) if folder.is_relative_to(root)]
    existing = next((folder for folder in inside if folder.exists()), None)
    if existing is not None and not existing.resolve().is_relative_to(root.resolve()):
        raise BackupError(f"A folder in MEDIA_ROOT is a link that leads outside it ({existing}): refused.")
    return destination


def media_conflicts(*, root: Path, entries: list[FileEntry]) -> list[Path]:
    """The files of the archive that are already in MEDIA_ROOT (a restore would overwrite them)."""
    places = (media_place(root=root, entry=entry) for entry in entries)
    return [place for place in places if place.exists() or place.is_symlink()]


def media_write(
    *, root: Path, entry: FileEntry, source: IO[bytes], mode: int, mtime: float, overwrite: bool
) -> None:
    """Write one file to its place: its bytes beside it first, then linked in (or replacing, when allowed),
    with its permissions (no execute bits) and modification time (uploads expire by it)."""
    destination = media_place(root=root, entry=entry)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, draft = tempfile.mkstemp(dir=destination.parent, prefix=".restoring-")
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in file_chunks(source):
                file.write(chunk)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(draft, mode & 0o644 | 0o600)
        os.utime(draft, (mtime, mtime))
        if overwrite:
            os.replace(draft, destination)
        else:
            os.link(draft, destination)
    except FileExistsError as error:
        raise BackupError(
            f"A file appeared in {destination.parent} during the restore: not overwritten."
        ) from error
    finally:
        if os.path.exists(draft):
            os.unlink(draft)
