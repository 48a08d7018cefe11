"""The empty database a restore goes into (processes.py runs the commands)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[str]:
    """An empty database to restore into, by name: PostgreSQL, one made for the test and dropped after;
    SQLite, a file that does not exist yet."""
    if connection.vendor == "sqlite":
        yield str(tmp_path / "restored.sqlite3")
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
