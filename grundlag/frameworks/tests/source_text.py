"""Compare encoded content with the source documents in ../shared/seeds."""

import os
import re
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(
    os.environ.get(
        "GRUNDLAG_SEEDS_DIR",
        Path(__file__).resolve().parents[3].parent / "shared" / "seeds",
    )
)

# Text extracted from PDFs keeps words but loses layout: compare letters and digits only,
# so that line breaks, hyphenation, bullets and quote styles do not count.
_NOT_A_WORD_CHARACTER = re.compile(r"[\W_]+", re.UNICODE)


def letters_only(text: str) -> str:
    return _NOT_A_WORD_CHARACTER.sub("", text).casefold()


@cache
def source_letters(code: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{code}_*.txt")
    return letters_only(path.read_text(encoding="utf-8"))


def source_contains(code: str, text: str) -> bool:
    """True if `text` occurs in source `code` word for word (layout ignored)."""
    return letters_only(text) in source_letters(code)
