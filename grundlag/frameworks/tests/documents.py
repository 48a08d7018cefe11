"""Small framework documents and checks shared by the frameworks tests."""

from grundlag.frameworks.models import (
    Expectation,
    Framework,
    FrameworkChange,
    FrameworkVersion,
    Level,
    LevelGroup,
    SearchEntry,
    Section,
    SectionText,
)
from grundlag.frameworks.services import frameworks_import


def small_document(*, slug="lille", number=1, status="published", name="Lille ledelsesgrundlag"):
    """A small framework version in canonical form (what version_to_document gives back)."""
    return {
        "format": "grundlag.framework/1",
        "slug": slug,
        "name": name,
        "owner": "Testkommunen",
        "version": {
            "number": number,
            "status": status,
            "source": {"title": "Testkilden", "publisher": "Testkommunen"},
            "level_groups": [{"key": "chefer", "name": "Chefer"}],
            "levels": [
                {"key": "direktoer", "name": "Direktør", "group": "chefer"},
                {"key": "leder", "name": "Leder", "description": "Leder af medarbejdere"},
            ],
            "sections": [
                {
                    "key": "principper",
                    "kind": "principle",
                    "title": "Fælles principper",
                    "texts": [{"kind": "lead_in", "text": "Som leder i kommunen:"}],
                    "expectations": [
                        {"kind": "principle", "text": "Vi tager ansvar for helheden."},
                        {
                            "kind": "behaviour",
                            "level": "direktoer",
                            "text": "Sætter retning for hele organisationen.",
                        },
                        {"kind": "behaviour", "level": "leder", "text": "Skaber trivsel i teamet."},
                    ],
                },
                {
                    "key": "strategi",
                    "kind": "discipline",
                    "title": "Strategisk ledelse",
                    "expectations": [
                        {
                            "kind": "you_can_expect",
                            "text": "Vi oversætter strategien til handling.",
                            "source_ref": "side 2",
                        }
                    ],
                },
            ],
        },
    }


MODELS = [
    Framework,
    FrameworkVersion,
    LevelGroup,
    Level,
    Section,
    SectionText,
    Expectation,
    SearchEntry,
    FrameworkChange,
]


def database_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def line_of(text, needle, occurrence=1):
    """The 1-based line of the `occurrence`th line of `text` that contains `needle`."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} occurs {len(found)} times"
    return found[occurrence - 1]


def imported(*documents):
    return [version for version, _outcome in frameworks_import(documents=list(documents), name="test")]
