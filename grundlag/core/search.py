"""What the full-text searches of every domain share (the foundations', the knowledge-sharing library's): the
markers a database puts around a matched word, the escaped text with those markers made <mark>, and a query
as SQLite FTS5 reads it."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Markers that cannot occur in content; the text is escaped first and they become <mark> after.
START, STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


def highlight(marked_text: str) -> SafeString:
    """A database's snippet or headline, escaped, with the matched words marked."""
    return mark_safe(escape(marked_text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def fts_match_expression(query: str) -> str:
    """Every word of the query, as a quoted prefix term, all required (SQLite FTS5)."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(query))
