"""Counts and checksums of every table and file, made the same way when a backup is made and verified.

A table's checksum is the sum, modulo 2^256, of the sha256 of each of its rows (the row's values, as the
database driver gives them, written out with `repr`). A sum does not depend on the order rows are read in,
so no table is sorted (tens of millions of answers are read in the order they lie on disk) and a restore
into a database with another collation gives the same figure; a row changed, lost or added changes it.
Rows are read in batches through a server-side cursor, and files in chunks: nothing is held whole.
"""

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from .manifest import TableSum

BATCH_ROWS = 5000
CHUNK_BYTES = 1024 * 1024
_MODULUS = 2**256


def row_digest(row: Iterable[Any]) -> int:
    """One row's sha256 as a number; bytes the driver hands out as memoryview are read as bytes."""
    values = tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
    return int.from_bytes(hashlib.sha256(repr(values).encode()).digest(), "big")


def table_sum(*, connection: BaseDatabaseWrapper, table: str) -> TableSum:
    """The table's row count and checksum, read in batches."""
    rows, total = 0, 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        while batch := cursor.fetchmany(BATCH_ROWS):
            rows += len(batch)
            total += sum(row_digest(row) for row in batch)
    return TableSum(rows=rows, checksum=f"{total % _MODULUS:064x}")


def database_sums(*, connection: BaseDatabaseWrapper) -> dict[str, TableSum]:
    """Every table of the database (Django's introspection, views aside) with its count and checksum."""
    with read_transaction(connection):
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        return {table: table_sum(connection=connection, table=table) for table in tables}


@contextmanager
def read_transaction(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Read inside one transaction (on PostgreSQL a server-side cursor outside one is copied whole on the
    server first); a transaction already open is used as it is."""
    if not connection.get_autocommit():
        yield
        return
    connection.set_autocommit(False)
    try:
        yield
    finally:
        connection.rollback()
        connection.set_autocommit(True)


def file_chunks(file: Any) -> Iterator[bytes]:
    """A binary file read in chunks."""
    while chunk := file.read(CHUNK_BYTES):
        yield chunk


def file_sha256(path: Path) -> tuple[int, str]:
    """A file's size and sha256, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as file:
        for chunk in file_chunks(file):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def sums_differences(*, expected: dict[str, TableSum], found: dict[str, TableSum]) -> list[str]:
    """Each table whose count or checksum differs, or that is missing or extra, in one line each."""
    problems = []
    for table in sorted(expected.keys() | found.keys()):
        want, have = expected.get(table), found.get(table)
        if have is None:
            problems.append(f"table {table}: in the manifest, missing from the database")
        elif want is None:
            problems.append(f"table {table}: in the database, not in the manifest")
        elif want.rows != have.rows:
            problems.append(f"table {table}: {have.rows} rows, the manifest says {want.rows}")
        elif want.checksum != have.checksum:
            problems.append(f"table {table}: {have.rows} rows as expected, but their checksum differs")
    return problems
