"""Rows written in bulk: COPY on PostgreSQL, executemany elsewhere (generated cycles, a cycle's close)."""

import uuid

from django.db import connection
from django.db.models import Field, Model

BATCH = 100_000  # rows per write


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column is not None  # a concrete field: the name is ours
    return field.column


class RowWriter:
    """Rows into a table in batches: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, model: type[Model], fields: list[str], *, after: "RowWriter | None" = None) -> None:
        self.after = after  # a table whose rows these refer to: written first
        self.table = model._meta.db_table
        self.columns = [_column(model, name) for name in fields]
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if self.after is not None:
            self.after.flush()
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        table = connection.ops.quote_name(self.table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                rows = [tuple(v.hex if isinstance(v, uuid.UUID) else v for v in row) for row in self.rows]
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        self.written += len(self.rows)
        self.rows = []
