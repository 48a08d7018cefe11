"""The built-in foundations' defaults of which statements a rater group is not asked.

The files name statements by section and beginning, so an edit to a foundation's wording can silently
leave an entry matching nothing; these tests catch that, and keep self and superior always asked.
"""

import pytest
import yaml

from grundlag.evaluations.cycles.asked import DEFAULTS_DIR, DefaultEntry, defaults_for, not_asked_default
from grundlag.evaluations.models import RaterGroup
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.tests.documents import imported, small_document

pytestmark = pytest.mark.django_db

DEFAULTS_FILES = sorted(DEFAULTS_DIR.glob("*.yaml"))
NEVER_LEFT_OUT = {RaterGroup.SELF, RaterGroup.SUPERIOR}


def _unmatched(version, entries) -> list[DefaultEntry]:
    """The entries that match no statement of the version (a stale section key or beginning)."""
    statements = [
        (e.section.key, e.text) for e in Expectation.objects.filter(version=version).select_related("section")
    ]
    return [
        entry
        for entry in entries
        if not any(entry.matches(section_key=key, text=text) for key, text in statements)
    ]


@pytest.mark.parametrize("path", DEFAULTS_FILES, ids=lambda path: path.name)
def test_every_entry_of_a_defaults_file_matches_a_statement_of_its_foundation(path, builtin_frameworks):
    slug = path.stem
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["framework"] == slug, f"{path.name} names framework {data['framework']!r}"
    assert slug in builtin_frameworks, f"{path.name} belongs to no built-in foundation"
    entries = defaults_for(slug)
    for entry in entries:
        assert entry.reason.strip(), f"{path.name}: {entry} has no reason"
        left_out = set(entry.groups)
        assert left_out <= {RaterGroup.PEER, RaterGroup.EMPLOYEE, RaterGroup.OTHER}, f"{path.name}: {entry}"
    stale = _unmatched(builtin_frameworks[slug], entries)
    assert not stale, f"{path.name}: entries matching no statement: " + "; ".join(
        f"section {e.section!r}, starts_with {e.starts_with!r}" for e in stale
    )


def test_it_reports_an_entry_whose_statement_has_changed(builtin_frameworks):
    stale = DefaultEntry(section="faglig-ledelse", groups=("employee",), reason="x", starts_with="Sikrer DC/")
    reworded = DefaultEntry(
        section="faglig-ledelse", groups=("employee",), reason="x", starts_with="Sikrer departementschefens"
    )
    moved = DefaultEntry(section="driftsledelse", groups=("employee",), reason="x", starts_with="Sikrer DC/")
    assert _unmatched(builtin_frameworks["stil"], [stale, reworded, moved]) == [reworded, moved]


@pytest.mark.parametrize("slug", [path.stem for path in DEFAULTS_FILES if defaults_for(path.stem)])
def test_a_foundation_with_defaults_leaves_statements_out_for_employees_and_never_for_self_or_superior(
    slug, builtin_frameworks
):
    defaults = not_asked_default(builtin_frameworks[slug])
    assert defaults.get(RaterGroup.EMPLOYEE)
    assert not NEVER_LEFT_OUT & set(defaults)


@pytest.mark.parametrize("slug", [path.stem for path in DEFAULTS_FILES if not defaults_for(path.stem)])
def test_a_built_in_foundation_whose_file_is_empty_asks_everything(slug, builtin_frameworks):
    version = builtin_frameworks[slug]
    if version.parent is not None:
        pytest.skip("a version built on another inherits that one's defaults")
    assert not_asked_default(version) == {}


def test_a_foundation_made_by_hand_without_a_file_asks_everything_of_everyone():
    [version] = imported(small_document(slug="haandlavet"))
    assert not (DEFAULTS_DIR / "haandlavet.yaml").exists()
    assert Expectation.objects.filter(version=version).exists()
    assert not_asked_default(version) == {}
