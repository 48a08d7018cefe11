"""Full-text search of the knowledge-sharing library with each database's own engine, as the foundations'
search does (grundlag/frameworks/search.py): Danish stemming in PostgreSQL (a query in the words one would
type, `websearch`), every word as a prefix in SQLite's FTS5. The caller gives the documents the person may
read; an entry of any other is never looked at."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from grundlag.core.search import START, STOP, fts_match_expression, highlight

from ..models import LibraryEntry, ToolDocument

FTS_TABLE = "tools_libraryentry_fts"
ENTRY_TABLE = "tools_libraryentry"
# How many words of the text a hit shows around what matched.
SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Row:
    document_id: int
    highlighted: SafeString


def run(*, query: str, documents: QuerySet[ToolDocument], limit: int) -> list[Row]:
    """The entries of the given documents that match the query, the best first, each with a snippet of its
    text in which the matched words are marked."""
    if connection.vendor == "postgresql":
        return _postgresql(query, documents, limit)
    return _sqlite(query, documents, limit)


def _postgresql(query: str, documents: QuerySet[ToolDocument], limit: int) -> list[Row]:
    search_query = SearchQuery(query, config="danish", search_type="websearch")
    vector = SearchVector("title", weight="A", config="danish") + SearchVector(
        "text", weight="B", config="danish"
    )
    entries = (
        LibraryEntry.objects.filter(document__in=documents.values("pk"))
        .annotate(found=vector)
        .filter(found=search_query)
        .annotate(
            rank=SearchRank(vector, search_query),
            headline=SearchHeadline(
                "text",
                search_query,
                config="danish",
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
            ),
        )
        .order_by("-rank", "-document_id")[:limit]
    )
    return [Row(entry.document_id, highlight(entry.headline)) for entry in entries]


def _sqlite(query: str, documents: QuerySet[ToolDocument], limit: int) -> list[Row]:
    match = fts_match_expression(query)
    if not match:
        return []
    readable_sql, readable_params = documents.values("pk").query.sql_with_params()
    sql = (
        f"SELECT e.document_id, snippet({FTS_TABLE}, 1, %s, %s, '…', %s) "
        f"FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND e.document_id IN ({readable_sql}) "
        f"ORDER BY rank, e.document_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, STOP, SNIPPET_WORDS, match, *readable_params, limit])
        return [Row(document_id, highlight(text)) for document_id, text in cursor.fetchall()]


_FTS_DELETE = (
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text);"
)
_FTS_INSERT = f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (new.id, new.title, new.text);"

# The FTS5 table follows the entries through triggers, so every write of an entry (and its deletion with its
# document) keeps it in step. PostgreSQL needs none: it makes the vectors at query time.
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, text, content='{ENTRY_TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {ENTRY_TABLE}_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN {_FTS_INSERT} END",
    f"CREATE TRIGGER {ENTRY_TABLE}_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN {_FTS_DELETE} END",
    f"CREATE TRIGGER {ENTRY_TABLE}_au AFTER UPDATE ON {ENTRY_TABLE} BEGIN {_FTS_DELETE} {_FTS_INSERT} END",
]
SQLITE_TEARDOWN = [
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
