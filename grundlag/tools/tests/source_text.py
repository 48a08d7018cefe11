"""Source 002 as the toolbox's texts are compared with it: whitespace normalised, the documented
hyphenations joined (docs/tools.md, "Cleaning the source text")."""

from functools import cache

from grundlag.frameworks.tests.source_text import SEEDS_DIR

# Words broken across lines by the PDF's layout (as they read once the line breaks are spaces),
# and what the toolbox writes. Anything else in the text is compared as it stands.
CLEANING = {
    "med- arbejdernes": "medarbejdernes",
    "vidensformid- lingen": "vidensformidlingen",
    "person- lige": "personlige",
    "Feedback- modtager": "Feedbackmodtager",
    "Feedback- giver": "Feedbackgiver",
    "Program- punkt": "Programpunkt",
    "øn- skede": "ønskede",
    "ansvarsop- gaver": "ansvarsopgaver",
    "kom- munikeres": "kommunikeres",
    "metoder/ praksis": "metoder/praksis",
    "UDADVENDTINDADVENDT": "UDADVENDT INDADVENDT",
}


def normalised(text: str) -> str:
    return " ".join(text.split())


@cache
def source_002() -> str:
    (path,) = SEEDS_DIR.glob("002_*.txt")
    text = normalised(path.read_text(encoding="utf-8"))
    for broken, joined in CLEANING.items():
        assert broken in text, f"the documented artefact {broken!r} is not in the source"
        text = text.replace(broken, joined)
    return text


def in_source(text: str) -> bool:
    """True if `text` occurs word for word in source 002 (whitespace and the documented joins aside)."""
    return normalised(text) in source_002()
