"""Reading a backup archive: it is trusted only once its HMAC shows this installation made it, and every
member is checked before any is used.

An archive is a plain (uncompressed) tar, so that its manifest and the manifest's HMAC, the last members,
are found by reading the headers alone. Before the HMAC is checked only the tar headers are read (and a
member with an unsafe name or kind refused) and the manifest's bytes, as they are, not parsed. A member is
accepted only when it is a regular file with a plain relative name that the manifest lists; nothing is ever
extracted by tarfile itself, only read and written by name by the restore.
"""

import hashlib
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .authentication import HMAC_MAX_BYTES, HMAC_MEMBER, manifest_authenticate
from .checksums import file_chunks
from .manifest import (
    MANIFEST_MAX_BYTES,
    MANIFEST_MEMBER,
    BackupError,
    Manifest,
    manifest_loads,
    safe_relative_path,
)


@dataclass
class Archive:
    tar: tarfile.TarFile
    manifest: Manifest
    members: dict[str, tarfile.TarInfo]

    @contextmanager
    def open_member(self, name: str) -> Iterator[IO[bytes]]:
        file = self.tar.extractfile(self.members[name])
        if file is None:  # only regular members are accepted, so this is a tar that lies about itself
            raise BackupError(f"{name}: cannot be read from the archive.")
        with file:
            yield file


@contextmanager
def archive_open(path: Path) -> Iterator[Archive]:
    """The archive with its HMAC, members and manifest checked, or BackupError saying what is wrong."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        tar = tarfile.open(path, mode="r:")  # noqa: SIM115  # closed by the `with` below, once it opened
    except tarfile.TarError as error:
        raise BackupError(f"{path}: not an uncompressed tar archive ({error}).") from error
    with tar:
        try:
            infos = tar.getmembers()
        except tarfile.TarError as error:
            raise BackupError(f"{path}: the archive is damaged ({error}).") from error
        members = _checked_members(infos)
        data = _member_bytes(tar, members, MANIFEST_MEMBER, MANIFEST_MAX_BYTES)
        if data is None:
            raise BackupError(
                f"The archive has no {MANIFEST_MEMBER}: not a Grundlag backup, or a damaged one."
            )
        manifest_authenticate(data=data, signature=_member_bytes(tar, members, HMAC_MEMBER, HMAC_MAX_BYTES))
        manifest = manifest_loads(data)
        expected = {MANIFEST_MEMBER, HMAC_MEMBER, manifest.database_member}
        expected |= {entry.member for entry in manifest.files}
        if missing := sorted(expected - members.keys()):
            raise BackupError(
                f"The archive lacks {len(missing)} member(s) its manifest lists, first {missing[0]}."
            )
        if extra := sorted(members.keys() - expected):
            raise BackupError(
                f"The archive holds {len(extra)} member(s) its manifest does not list, first {extra[0]}."
            )
        yield Archive(tar=tar, manifest=manifest, members=members)


def _checked_members(infos: list[tarfile.TarInfo]) -> dict[str, tarfile.TarInfo]:
    """The members by name; refused when one is a link, device or directory, has an absolute name or a
    `..` part (it would write outside where it belongs), or is there twice."""
    members: dict[str, tarfile.TarInfo] = {}
    for info in infos:
        if not safe_relative_path(info.name):
            raise BackupError(
                f"The archive member {info.name!r} has an unsafe path (absolute, '..' or empty part): "
                "refused."
            )
        if not info.isreg():
            kind = "a link" if info.issym() or info.islnk() else "not a regular file"
            raise BackupError(f"The archive member {info.name!r} is {kind}: refused.")
        if info.name in members:
            raise BackupError(f"The archive holds {info.name!r} twice: refused.")
        members[info.name] = info
    return members


def _member_bytes(
    tar: tarfile.TarFile, members: dict[str, tarfile.TarInfo], name: str, limit: int
) -> bytes | None:
    """A small member's bytes as they are (None when it is not there), refused when larger than it can be."""
    info = members.get(name)
    if info is None:
        return None
    if info.size > limit:
        raise BackupError(f"{name} is {info.size} bytes, more than it can be in a Grundlag backup.")
    file = tar.extractfile(info)
    if file is None:
        raise BackupError(f"{name} cannot be read from the archive.")
    with file:
        return file.read()


def member_sha256(archive: Archive, name: str) -> tuple[int, str]:
    """A member's size and sha256, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with archive.open_member(name) as file:
        for chunk in file_chunks(file):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def archive_problems(archive: Archive) -> list[str]:
    """Each member whose size or sha256 differs from what the manifest says, one line each.

    A media file is named by its number in the manifest and its folder: file names of uploads are handles
    that must stay out of output (the manifest has the full path)."""
    manifest = archive.manifest
    problems = []
    size, sha256 = member_sha256(archive, manifest.database_member)
    if (size, sha256) != (manifest.database_size, manifest.database_sha256):
        problems.append(
            f"{manifest.database_member}: its checksum differs from the manifest's (tampered or damaged)"
        )
    for number, entry in enumerate(manifest.files, start=1):
        if member_sha256(archive, entry.member) != (entry.size, entry.sha256):
            problems.append(f"{file_label(number, entry.path)}: its checksum differs from the manifest's")
    return problems


def file_label(number: int, path: str) -> str:
    """How output names a media file: its number in the manifest and its folder, not its name."""
    folder = path.rpartition("/")[0] or "."
    return f"media file {number} (in {folder}/)"
