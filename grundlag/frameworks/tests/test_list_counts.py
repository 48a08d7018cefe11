"""The list of foundations says what each holds: levels where there are levels, otherwise its other parts."""

import html
import re

import pytest
from django.urls import reverse

from grundlag.frameworks.models import Expectation, ExpectationKind

pytestmark = pytest.mark.django_db


def row_of(text: str, name: str) -> str:
    [row] = [row for row in re.findall(r"<tr>.*?</tr>", text, flags=re.S) if name in row]
    return re.sub(r"\s+", " ", row)


def test_a_foundation_without_levels_shows_its_sections_and_expectations_not_zero_levels(
    client, builtin_frameworks
):
    version = next(v for v in builtin_frameworks.values() if not v.levels.exists())
    kind = Expectation.objects.filter(version=version).values_list("kind", flat=True).first()
    count = Expectation.objects.filter(version=version, kind=kind).count()

    danish = row_of(
        html.unescape(client.get(reverse("frameworks:list")).content.decode()), version.framework.name
    )
    english = row_of(
        html.unescape(client.get("/en" + reverse("frameworks:list")).content.decode()), version.framework.name
    )

    assert "Niveauer" not in danish and "Levels" not in english
    assert f"Afsnit: {version.sections.count()}" in danish
    assert f"Sections: {version.sections.count()}" in english
    assert f"{ExpectationKind(kind).label}: {count}" in english


def test_a_foundation_with_levels_shows_how_many(client, builtin_frameworks):
    version = builtin_frameworks["aarhus-boern-og-unge"]

    text = html.unescape(client.get(reverse("frameworks:list")).content.decode())

    assert f"Niveauer: {version.levels.count()}" in row_of(text, version.framework.name)
