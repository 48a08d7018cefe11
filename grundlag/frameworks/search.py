"""Full-text search with each database's own engine: Danish stemming in PostgreSQL, FTS5 in SQLite."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.utils.safestring import SafeString

from grundlag.core.search import START, STOP, fts_match_expression, highlight

from .models import SearchEntry

FTS_TABLE = "frameworks_searchentry_fts"


@dataclass
class Row:
    version_id: int
    section_id: int | None
    level_id: int | None
    highlighted: SafeString


def run(*, query: str, version_ids: list[int], limit: int) -> list[Row]:
    if connection.vendor == "postgresql":
        return _postgresql(query, version_ids, limit)
    return _sqlite(query, version_ids, limit)


def _postgresql(query: str, version_ids: list[int], limit: int) -> list[Row]:
    search_query = SearchQuery(query, config="danish", search_type="websearch")
    vector = SearchVector("text", config="danish")
    entries = (
        SearchEntry.objects.filter(version_id__in=version_ids)
        .annotate(document=vector)
        .filter(document=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                "text",
                search_query,
                config="danish",
                start_sel=START,
                stop_sel=STOP,
                highlight_all=True,
            ),
        )
        .order_by("-rank", "version_id", "id")[:limit]
    )
    return [Row(e.version_id, e.section_id, e.level_id, highlight(e.headline)) for e in entries]


def _sqlite(query: str, version_ids: list[int], limit: int) -> list[Row]:
    match = fts_match_expression(query)
    if not match or not version_ids:
        return []
    placeholders = ",".join("%s" for _ in version_ids)
    sql = (
        f"SELECT e.version_id, e.section_id, e.level_id, "
        f"highlight({FTS_TABLE}, 0, %s, %s) "
        f"FROM {FTS_TABLE} JOIN frameworks_searchentry e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND e.version_id IN ({placeholders}) "
        f"ORDER BY rank, e.version_id, e.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, STOP, match, *version_ids, limit])
        return [Row(v, s, lv, highlight(text)) for v, s, lv, text in cursor.fetchall()]


SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(text, content='frameworks_searchentry', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER frameworks_searchentry_ai AFTER INSERT ON frameworks_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
    f"CREATE TRIGGER frameworks_searchentry_ad AFTER DELETE ON frameworks_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER frameworks_searchentry_au AFTER UPDATE ON frameworks_searchentry BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS frameworks_searchentry_ai",
    "DROP TRIGGER IF EXISTS frameworks_searchentry_ad",
    "DROP TRIGGER IF EXISTS frameworks_searchentry_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
