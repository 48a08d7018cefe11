"""A populated installation backed up and restored as an operator does: every record and every file back.

The database is the real demo (`demo_create`, every domain's services: about 50 s on either database), with
a signed-in session and a failed login (login throttling) besides; MEDIA_ROOT holds a few files.
"""

import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grundlag.demo.services import demo_create
from grundlag.operations.backups.checksums import database_sums

from .processes import database_url, manage, opened, source_url

FILES = {
    "indicators/uploads/first.upload": b"unit;indicator;value\n1;trivsel;4.1\n" * 1000,
    "indicators/uploads/first.mapping": b'{"unit": "unit"}',
    "nested/deeper/binary.bin": bytes(range(256)) * 64,
    "top.txt": "æøå\n".encode(),
}


def media_with_files(root: Path) -> None:
    for path, data in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    os.utime(root / "top.txt", (1_700_000_000, 1_700_000_000))  # an upload's age decides when it expires


@pytest.mark.django_db(transaction=True)
def test_it_round_trips_every_record_and_every_file_of_a_populated_installation(
    settings, tmp_path, empty_target
):
    settings.DEBUG = True
    settings.NETWORKS_CONSULTANTS = ["demo-lederkonsulent"]
    demo = demo_create(report=lambda line: None)
    password = {username: password for username, password, _role in demo.logins}["demo-admin"]
    Client().post(reverse("login"), {"username": "demo-laerer", "password": "wrong"})  # a throttling record
    assert (
        Client().post(reverse("login"), {"username": "demo-admin", "password": password}).status_code == 302
    )
    source = database_sums(connection=connection)
    assert source["evaluations_answer"].rows > 1000 and source["django_session"].rows >= 1
    assert source["axes_accessattempt"].rows >= 1
    media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    media_with_files(media)
    archive = tmp_path / "backups" / "grundlag.tar"
    archive.parent.mkdir()

    made = manage("backup", "--output", str(archive), database=source_url(tmp_path), media_root=media)
    assert made.returncode == 0, made.stderr
    assert f"{len(source)} tables, {sum(t.rows for t in source.values())} rows, 4 files" in made.stdout
    assert "demo-" not in made.stdout + made.stderr  # a summary, nothing of the data
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert os.listdir(archive.parent) == ["grundlag.tar"]  # nothing left beside it
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {name: (t["rows"], t["checksum"]) for name, t in manifest["tables"].items()} == {
        name: (t.rows, t.checksum) for name, t in source.items()
    }
    assert sorted(entry["path"] for entry in manifest["files"]) == sorted(FILES)

    restored = manage("restore", str(archive), database=database_url(empty_target), media_root=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert "Restored and verified" in restored.stdout

    target = opened(empty_target)
    try:
        assert database_sums(connection=target) == source
    finally:
        target.close()
    for path, data in FILES.items():
        assert (restored_media / path).read_bytes() == data
    assert (restored_media / "top.txt").stat().st_mtime == 1_700_000_000
    # A second restore into the same, now populated, database is refused and changes nothing.
    again = manage("restore", str(archive), database=database_url(empty_target), media_root=tmp_path / "m")
    assert again.returncode == 1 and "is not empty" in again.stderr
    assert not (tmp_path / "m").exists()
