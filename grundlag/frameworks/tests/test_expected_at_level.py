"""What a level expects is read once per process for a published version, and never kept for a draft."""

import pytest

from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import expected_at_level
from grundlag.frameworks.services import draft_create, expectation_save, version_publish

pytestmark = pytest.mark.django_db


def _texts(sections) -> list[str]:
    return [e.text for s in sections for e in s.expectations]


def test_a_published_versions_level_is_read_from_the_database_once(
    builtin_frameworks, django_assert_num_queries
):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    level = version.levels.get(key="dagtilbuds-skole-og-fu-leder")
    first = expected_at_level(version=version, level=level)
    with django_assert_num_queries(0):
        assert expected_at_level(version=version, level=level) is first
    assert "Vi er ansvarlige ledere for vores egne enheder" in " ".join(_texts(first))


def test_a_drafts_level_shows_each_change_and_its_publication_the_last_one(builtin_frameworks, administrator):
    framework = builtin_frameworks["aarhus-boern-og-unge"].framework
    draft = draft_create(framework=framework, by=administrator)
    level = draft.levels.get(key="dagtilbuds-skole-og-fu-leder")
    section = draft.sections.order_by("position").first()
    before = _texts(expected_at_level(version=draft, level=level))
    expectation_save(
        version=draft,
        by=administrator,
        section=section,
        level=level,
        kind="behaviour",
        text="Ny forventning i udkastet",
    )
    after = _texts(expected_at_level(version=draft, level=level))
    assert "Ny forventning i udkastet" in after and "Ny forventning i udkastet" not in before
    version_publish(version=draft, by=administrator)
    draft.refresh_from_db()
    assert "Ny forventning i udkastet" in _texts(expected_at_level(version=draft, level=level))
    assert Expectation.objects.filter(version=draft, text="Ny forventning i udkastet").exists()
