"""The uploaded files under MEDIA_ROOT: listed for a backup, written back by a restore.

Only regular files are backed up (a link could point anywhere, and a restore writes no links). A restore
writes each file beside its place and links it in, so that an existing file is never overwritten by
accident and a file is never seen half-written, and it records what it wrote, so that a restore that fails
afterwards (another file, the database) removes it all again.
"""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
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


@dataclass
class MediaWrites:
    """What a restore wrote under MEDIA_ROOT, so that a restore that fails later takes all of it back."""

    # Each file written, with the file it replaced (kept aside under another name) or None.
    files: list[tuple[Path, Path | None]] = field(default_factory=list)
    # Each folder the restore made, outermost first.
    folders: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        """Remove every file and folder written, and put each replaced file back."""
        for place, aside in reversed(self.files):
            if aside is None:
                place.unlink(missing_ok=True)
            else:
                os.replace(aside, place)
        for folder in reversed(self.folders):
            with suppress(OSError):  # something not of this restore was put in it meanwhile: it stays
                folder.rmdir()

    def keep(self) -> None:
        """The restore succeeded: the replaced files kept aside are removed."""
        for _place, aside in self.files:
            if aside is not None:
                aside.unlink(missing_ok=True)


def media_write(
    *,
    root: Path,
    entry: FileEntry,
    source: IO[bytes],
    mode: int,
    mtime: float,
    overwrite: bool,
    writes: MediaWrites,
) -> None:
    """Write one file to its place: its bytes beside it first, then linked in (or replacing, when allowed),
    with its permissions (no execute bits) and modification time (uploads expire by it). What is written,
    made or replaced is recorded in `writes`."""
    destination = media_place(root=root, entry=entry)
    _folders_make(destination.parent, writes=writes)
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
            writes.files.append((destination, _aside(destination)))
            os.replace(draft, destination)
        else:
            os.link(draft, destination)
            writes.files.append((destination, None))
    except FileExistsError as error:
        raise BackupError(
            f"A file appeared in {destination.parent} during the restore: not overwritten."
        ) from error
    finally:
        if os.path.exists(draft):
            os.unlink(draft)


def _folders_make(folder: Path, *, writes: MediaWrites) -> None:
    """Make the folder and those above it that are missing, each recorded (a file in the way: OSError)."""
    for missing in reversed([above for above in (folder, *folder.parents) if not above.exists()]):
        missing.mkdir()
        writes.folders.append(missing)


def _aside(destination: Path) -> Path | None:
    """A second name for the file about to be replaced, beside it, so that a failed restore puts it back;
    None when there is none."""
    handle, name = tempfile.mkstemp(dir=destination.parent, prefix=".replaced-")
    os.close(handle)
    aside = Path(name)
    aside.unlink()
    try:
        os.link(destination, aside, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return aside
