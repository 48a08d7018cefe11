"""Hostile, damaged or misdirected restores are refused with a message that says what, and write nothing."""

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from grundlag.operations.backups.authentication import manifest_sign
from grundlag.operations.backups.services import backup_create

from .processes import archive_rewrite, database_url, manage, source_url, tables_in

NOT_OURS = "not made by this installation, or its key has changed"


@pytest.fixture
def archive(transactional_db, settings, tmp_path) -> Path:
    """A real backup of the test database with two uploaded files (made in this process: on SQLite the backup
    API waits for the test's own open transaction to end, so none is open)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "uploads").mkdir(parents=True)
    (tmp_path / "media" / "uploads" / "a.upload").write_bytes(b"first file")
    (tmp_path / "media" / "b.txt").write_bytes(b"second file")
    backup_create(output=tmp_path / "backup.tar")
    settings.MEDIA_ROOT = tmp_path / "restore-media"  # where a restore would write
    return tmp_path / "backup.tar"


def restore(path: Path, *options: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), *options)
    return str(refused.value)


def manifest_of(path: Path) -> dict:
    with tarfile.open(path) as tar:
        return json.load(tar.extractfile("manifest.json"))


def signed(manifest: bytes) -> dict[str, bytes | None]:
    """A manifest and its HMAC under the test's SECRET_KEY, as archive_rewrite replaces them: what only
    someone holding the key can make (the checks behind the HMAC still refuse what is wrong)."""
    return {"manifest.json": manifest, "manifest.hmac": manifest_sign(manifest)}


def with_member(source: Path, target: Path, info: tarfile.TarInfo, data: bytes = b"") -> Path:
    """A copy of the archive with one member more (put first, before the manifest is read)."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        info.size = len(data) if info.isreg() else 0
        new.addfile(info, io.BytesIO(data) if info.isreg() else None)
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member))
    return target


def test_a_whole_archive_verifies(archive, capsys):
    call_command("restore", "--verify-only", str(archive))
    assert "The archive is whole" in capsys.readouterr().out


def test_it_refuses_a_target_database_that_is_not_empty_and_names_a_table(archive, tmp_path):
    refused = manage("restore", str(archive), database=source_url(tmp_path), media_root=tmp_path / "m")
    assert refused.returncode == 1
    assert (
        f"target database is not empty: it has the table {connection.introspection.table_names()[0]} ("
        in (refused.stderr)
    )
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("name", ["../outside.txt", "/tmp/grundlag-absolute.txt", "media/../../outside.txt"])
def test_it_refuses_a_member_whose_path_leads_outside(archive, tmp_path, name):
    hostile = with_member(archive, tmp_path / "hostile.tar", tarfile.TarInfo(name), b"overwrite me")
    assert "unsafe path" in restore(hostile)
    assert "unsafe path" in restore(hostile, "--verify-only")
    assert not (tmp_path / "outside.txt").exists() and not Path("/tmp/grundlag-absolute.txt").exists()


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE])
def test_it_refuses_a_link_member(archive, tmp_path, kind):
    link = tarfile.TarInfo("media/link")
    link.type, link.linkname = kind, "/etc/passwd"
    assert "is a link: refused" in restore(with_member(archive, tmp_path / "link.tar", link))


def test_it_refuses_a_member_the_manifest_does_not_list(archive, tmp_path):
    extra = with_member(archive, tmp_path / "extra.tar", tarfile.TarInfo("media/smuggled.txt"), b"x")
    assert "its manifest does not list, first media/smuggled.txt" in restore(extra)


def test_it_names_a_tampered_file_without_its_name_and_restores_nothing(archive, tmp_path, settings):
    tampered = tmp_path / "tampered.tar"
    archive_rewrite(archive, tampered, replace={"media/uploads/a.upload": b"FIRST file"})  # same size
    message = restore(tampered, "--verify-only")
    assert "media file 2 (in uploads/): its checksum differs" in message and "a.upload" not in message
    assert "media file 1" not in message  # b.txt is whole
    assert not Path(settings.MEDIA_ROOT).exists()


def test_it_refuses_a_dump_that_does_not_match_the_manifest(archive, tmp_path):
    member = manifest_of(archive)["database"]["member"]
    with tarfile.open(archive) as tar:
        dump = bytearray(tar.extractfile(member).read())
    dump[len(dump) // 2] ^= 0xFF
    tampered = tmp_path / "tampered.tar"
    archive_rewrite(archive, tampered, replace={member: bytes(dump)})
    assert f"{member}: its checksum differs from the manifest's" in restore(tampered, "--verify-only")


def test_it_refuses_a_tampered_archive_before_restoring_anything_into_an_empty_database(
    archive, tmp_path, empty_target
):
    member = manifest_of(archive)["database"]["member"]
    tampered = tmp_path / "tampered.tar"
    archive_rewrite(archive, tampered, replace={"media/b.txt": b"SECOND file"})
    refused = manage("restore", str(tampered), database=database_url(empty_target), media_root=tmp_path / "m")
    assert refused.returncode == 1
    assert "does not match its manifest (tampered or damaged); nothing was restored" in refused.stderr
    assert member not in refused.stderr  # the dump itself is whole
    assert not (tmp_path / "m").exists()
    assert (
        manage(
            "restore", str(archive), database=database_url(empty_target), media_root=tmp_path / "m"
        ).returncode
        == 0
    )


def test_it_refuses_an_archive_of_the_other_database_vendor(archive, tmp_path):
    manifest = manifest_of(archive)
    other = "sqlite" if manifest["database"]["vendor"] == "postgresql" else "postgresql"
    member = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
    manifest["database"] |= {"vendor": other, "member": member[other]}
    manifest["files"] = []
    with tarfile.open(archive) as tar:
        dump = tar.extractfile(member[connection.vendor]).read()
    moved = tmp_path / "other.tar"
    with tarfile.open(moved, "w") as tar:
        for name, data in [(member[other], dump), *signed(json.dumps(manifest).encode()).items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    assert "restore across database vendors is not supported" in restore(moved)


def test_it_refuses_an_archive_without_a_manifest(archive, tmp_path):
    bare = tmp_path / "bare.tar"
    archive_rewrite(archive, bare, replace={"manifest.json": None})
    assert "has no manifest.json" in restore(bare)


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        (b"{not json", "manifest.json is not valid JSON"),
        (b'{"format": "something-else", "version": 1}', "not a Grundlag backup"),
        (b'{"format": "grundlag-backup", "version": 99}', "has version 99"),
    ],
)
def test_it_refuses_a_malformed_manifest(archive, tmp_path, manifest, expected):
    broken = tmp_path / "broken.tar"
    archive_rewrite(archive, broken, replace=signed(manifest))
    assert expected in restore(broken)


def test_it_refuses_a_file_that_is_not_a_tar_archive(tmp_path):
    (tmp_path / "notes.txt").write_text("not an archive")
    assert "not an uncompressed tar archive" in restore(tmp_path / "notes.txt")


def test_a_backup_never_overwrites_a_file(archive):
    with pytest.raises(CommandError, match="exists: a backup never overwrites a file"):
        call_command("backup", "--output", str(archive))


def test_it_refuses_a_dump_rewritten_with_its_manifest_and_writes_nothing(archive, tmp_path, empty_target):
    """Whoever can write an archive can rewrite the dump and the manifest's sha256 of it together; without
    the key they cannot make the HMAC, and a restore would run the dump's SQL."""
    manifest = manifest_of(archive)
    member = manifest["database"]["member"]
    with tarfile.open(archive) as tar:
        dump = bytearray(tar.extractfile(member).read())
    dump[len(dump) // 2] ^= 0xFF
    manifest["database"] |= {"size": len(dump), "sha256": hashlib.sha256(dump).hexdigest()}
    rewritten = tmp_path / "rewritten.tar"
    archive_rewrite(
        archive, rewritten, replace={member: bytes(dump), "manifest.json": json.dumps(manifest).encode()}
    )
    for options in [(), ("--verify-only",)]:
        refused = manage(
            "restore",
            *options,
            str(rewritten),
            database=database_url(empty_target),
            media_root=tmp_path / "m",
        )
        assert refused.returncode == 1 and NOT_OURS in refused.stderr
        assert "nothing was restored" in refused.stderr
    assert tables_in(empty_target) == [] and not (tmp_path / "m").exists()


def test_an_archive_made_under_a_key_now_among_the_fallbacks_restores(
    archive, tmp_path, empty_target, settings
):
    rotated = {
        "SECRET_KEY": "a-new-key-after-rotation-" + "x" * 40,
        "SECRET_KEY_FALLBACKS": settings.SECRET_KEY,
    }
    restored = manage(
        "restore", str(archive), database=database_url(empty_target), media_root=tmp_path / "m", **rotated
    )
    assert restored.returncode == 0, restored.stderr
    assert "Restored and verified" in restored.stdout
    assert (tmp_path / "m" / "uploads" / "a.upload").read_bytes() == b"first file"


def test_it_refuses_an_archive_made_under_an_unknown_key(archive, tmp_path, empty_target, settings):
    settings.SECRET_KEY = "another-installation-" + "y" * 40
    settings.SECRET_KEY_FALLBACKS = ["an-older-key-of-this-one-" + "z" * 40]
    assert NOT_OURS in restore(archive, "--verify-only")
    assert NOT_OURS in restore(archive)
    assert tables_in(empty_target) == [] and not Path(settings.MEDIA_ROOT).exists()


def test_it_refuses_an_archive_without_an_hmac(archive, tmp_path):
    bare = tmp_path / "unsigned.tar"
    archive_rewrite(archive, bare, replace={"manifest.hmac": None})
    assert "has no manifest.hmac" in restore(bare)
    assert "has no manifest.hmac" in restore(bare, "--verify-only")


def test_a_restore_whose_files_fail_takes_back_what_it_wrote_and_can_be_run_again(
    archive, tmp_path, empty_target
):
    media = tmp_path / "m"
    media.mkdir()
    (media / "uploads").write_bytes(b"in the way")  # a file where the archive's folder uploads/ must go
    failed = manage("restore", str(archive), database=database_url(empty_target), media_root=media)
    assert failed.returncode == 1
    assert "media file 2 (in uploads/) could not be written" in failed.stderr
    assert tables_in(empty_target) == []
    assert os.listdir(media) == ["uploads"]  # b.txt, written first, is gone again

    (media / "uploads").unlink()
    again = manage("restore", str(archive), database=database_url(empty_target), media_root=media)
    assert again.returncode == 0, again.stderr
    assert (media / "b.txt").read_bytes() == b"second file"
    assert (media / "uploads" / "a.upload").read_bytes() == b"first file"


def test_a_failed_restore_with_overwrite_files_puts_each_replaced_file_back_and_a_second_replaces_it(
    archive, tmp_path, empty_target
):
    media = tmp_path / "m"
    media.mkdir()
    (media / "b.txt").write_bytes(b"the file that was here")
    (media / "uploads").write_bytes(b"in the way")
    failed = manage(
        "restore", str(archive), "--overwrite-files", database=database_url(empty_target), media_root=media
    )
    assert failed.returncode == 1 and "media file 2 (in uploads/) could not be written" in failed.stderr
    assert tables_in(empty_target) == []
    assert sorted(os.listdir(media)) == ["b.txt", "uploads"]  # nothing set aside is left behind
    assert (media / "b.txt").read_bytes() == b"the file that was here"

    (media / "uploads").unlink()
    again = manage(
        "restore", str(archive), "--overwrite-files", database=database_url(empty_target), media_root=media
    )
    assert again.returncode == 0, again.stderr
    assert sorted(os.listdir(media)) == ["b.txt", "uploads"] and os.listdir(media / "uploads") == ["a.upload"]
    assert (media / "b.txt").read_bytes() == b"second file"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_restore's own failure")
def test_a_restore_whose_database_fails_removes_the_files_it_wrote(archive, tmp_path, empty_target):
    """A dump pg_restore cannot read (signed, so it gets that far): its one transaction is rolled back, and
    the files, written before the database, are removed again."""
    manifest = manifest_of(archive)
    with tarfile.open(archive) as tar:
        dump = tar.extractfile("database.pgdump").read()
    cut = dump[: len(dump) // 2]
    manifest["database"] |= {"size": len(cut), "sha256": hashlib.sha256(cut).hexdigest()}
    broken = tmp_path / "broken.tar"
    replace = {"database.pgdump": cut, **signed(json.dumps(manifest).encode())}
    archive_rewrite(archive, broken, replace=replace)
    failed = manage("restore", str(broken), database=database_url(empty_target), media_root=tmp_path / "m")
    assert failed.returncode == 1 and "pg_restore failed" in failed.stderr
    assert tables_in(empty_target) == []
    assert not (tmp_path / "m").exists()
