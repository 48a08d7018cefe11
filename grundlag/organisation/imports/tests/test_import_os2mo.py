"""OS2mo JSON: org units, employees, engagements and managers, with manager levels mapped to levels."""

import datetime
import json

import pytest
from django.conf import settings

from grundlag.organisation.imports.services.applying import org_import
from grundlag.organisation.models import Person, Post, Source, Unit

EXAMPLE = settings.BASE_DIR / "docs" / "examples" / "os2mo-organisation.json"
pytestmark = pytest.mark.django_db


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def run(document: dict | bytes, **kwargs):
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return org_import(data=data, filename="os2mo.json", **kwargs)


def post_of(name: str) -> Post:
    return Post.objects.select_related("manager", "level", "unit").get(person__name=name)


def test_the_documented_example_imports_with_managers_and_levels(builtin_frameworks):
    outcome = run(EXAMPLE.read_bytes())

    assert outcome.applied and outcome.problems == []
    assert outcome.format == "os2mo" and outcome.source == Source.OS2MO
    assert outcome.new == {"units": 7, "people": 10, "posts": 10}
    birk = Unit.objects.get(name="Birk Skole")
    assert (birk.parent.name, birk.kind, birk.start_date) == ("Skoler", "Skole", datetime.date(2012, 8, 1))
    assert Unit.objects.get(name="Solsikken Børnehus").kind == "Daginstitution"
    # Each engagement's manager is its unit's manager; a unit's own manager reports further up.
    expected = {
        "Dorthe Direktør": (None, "direktoer"),
        "Bent Børnechef": ("Dorthe Direktør", "boern-og-ungechef"),
        "Signe Skolechef": ("Bent Børnechef", "forvaltningschef"),
        "Allan Ahorn": ("Signe Skolechef", "dagtilbuds-skole-og-fu-leder"),
        "Tove Lærer": ("Allan Ahorn", None),
        "Sara Solsikke": ("Dan Dagtilbudschef", "dagtilbuds-skole-og-fu-leder"),
        "Pia Pædagog": ("Sara Solsikke", None),
        "Dan Dagtilbudschef": ("Bent Børnechef", "forvaltningschef"),
    }
    for name, (manager, level) in expected.items():
        post = post_of(name)
        assert (post.manager.name if post.manager else None, post.level.key if post.level else None) == (
            manager,
            level,
        ), name
    # A manager without an engagement in the unit holds a post there from the manager function.
    assert post_of("Dan Dagtilbudschef").title == "Chef"
    assert post_of("Thor Lærer").end_date == datetime.date(2026, 7, 31)
    assert post_of("Pia Pædagog").start_date == datetime.date(2017, 4, 1)
    assert Person.objects.get(name="Bent Børnechef").email == "bent.boernechef@fiktiv.example.dk"
    assert run(EXAMPLE.read_bytes()).new == {"units": 0, "people": 0, "posts": 0}


def test_a_mapping_file_overrides_the_manager_level_mapping(builtin_frameworks):
    outcome = run(EXAMPLE.read_bytes(), mapping={"Niveau 4": "kontorchef"})

    assert outcome.applied
    assert post_of("Allan Ahorn").level.key == "kontorchef"
    assert post_of("Signe Skolechef").level.key == "forvaltningschef"


def test_an_unmapped_manager_level_is_an_error_naming_the_manager(builtin_frameworks):
    document = example()
    document["managers"][1]["manager_level"] = "Niveau 9"

    outcome = run(document)

    assert not outcome.applied
    assert [str(p) for p in outcome.errors] == [
        "os2mo.json:2: managers.manager_level: Unknown level Niveau 9; "
        "the levels of aarhus-boern-og-unge are: boern-og-ungechef, dagtilbuds-skole-og-fu-leder, "
        "direktoer, forvaltningschef, kontorchef, "
        "leder-af-medarbejder."
    ]
    assert Unit.objects.count() == 0


def test_an_engagement_for_an_unknown_employee_is_an_error(builtin_frameworks):
    document = example()
    document["engagements"][2]["employee"] = "00000000-0000-0000-0000-000000000000"

    outcome = run(document)

    assert "os2mo.json:3: engagements.employee: No employee with uuid 00000000" in str(outcome.errors[0])
    assert not outcome.applied


def test_an_engagement_with_a_bad_date_names_the_json_field(builtin_frameworks):
    document = example()
    document["engagements"][0]["validity"]["from"] = "1. marts 2019"

    outcome = run(document)

    assert str(outcome.errors[0]).startswith(
        "os2mo.json:1: engagements.validity.from: 1. marts 2019 is not a date"
    )


def test_malformed_json_names_the_line(builtin_frameworks):
    outcome = run(b'{\n  "org_units": [\n    {"uuid": "a",}\n  ]\n}\n')

    assert str(outcome.errors[0]).startswith("os2mo.json:3: Malformed JSON at line 3")


def test_json_that_is_not_the_os2mo_shape_is_refused(builtin_frameworks):
    assert "An OS2mo file is a JSON object with the lists" in str(run({"org_units": {}}).errors[0])
    assert "The file has no org_units." in str(run({"employees": []}).errors[0])
