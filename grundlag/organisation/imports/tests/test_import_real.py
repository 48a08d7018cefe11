"""Real published files: STIL's institution register and OS2mo's exports import, or are refused clearly."""

import csv

import pytest
from django.conf import settings

from grundlag.organisation.imports.services.applying import org_import
from grundlag.organisation.models import Person, Post, Source, Unit

REAL = settings.BASE_DIR.parent / "shared" / "realdata"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"the real data files are not at {REAL}"),
]
REGISTER = "folkeskoler_institutionsregister.csv"
LEADERS = "os2mo_export_alle_ledere.csv"
REPORT = "os2mo_report_ledere_med_spaend.csv"


def real(name: str, **kwargs):
    return org_import(data=(REAL / name).read_bytes(), filename=name, **kwargs)


def register_rows() -> list[dict]:
    with open(REAL / REGISTER, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_the_institution_register_imports_as_municipalities_schools_and_departments(builtin_frameworks):
    outcome = real(REGISTER)

    assert outcome.applied and outcome.errors == []
    assert outcome.format == "institution-register" and outcome.source == Source.INSTITUTION_REGISTER
    units = Unit.objects.filter(source=Source.INSTITUTION_REGISTER)
    assert units.count() == 1408 + 99 == outcome.new["units"]
    assert units.filter(kind="Kommune", parent=None).count() == 99
    assert Person.objects.count() == 0 and Post.objects.count() == 0
    rows = {row["INST_NR"]: row for row in register_rows()}
    for key, row in rows.items():
        unit = units.get(key=key)
        if row["ENHEDSART"].startswith("Afdeling") and row["HOVEDSKOLE_INST"] in rows:
            assert unit.parent.key == row["HOVEDSKOLE_INST"]
        else:
            assert unit.parent.kind == "Kommune"
            assert unit.parent.key == f"kommune-{row['KOMMUNE_NR'] or row['BEL_KOMMUNE']}"


def test_departments_whose_main_school_is_missing_are_placed_under_their_municipality_as_warnings(
    builtin_frameworks,
):
    rows = register_rows()
    keys = {row["INST_NR"] for row in rows}
    orphans = {
        number: row
        for number, row in enumerate(rows, start=2)
        if row["ENHEDSART"].startswith("Afdeling") and row["HOVEDSKOLE_INST"] not in keys
    }
    assert len(orphans) == 50  # the file as published

    outcome = real(REGISTER)

    warned = {p.row: p for p in outcome.warnings if p.column == "HOVEDSKOLE_INST"}
    assert set(warned) == set(orphans)
    for number, row in orphans.items():
        assert str(warned[number]).startswith(f"{REGISTER}:{number}: HOVEDSKOLE_INST: The main school")
        assert row["HOVEDSKOLE_INST"] in warned[number].message
        unit = Unit.objects.get(source=Source.INSTITUTION_REGISTER, key=row["INST_NR"])
        assert unit.parent.key == f"kommune-{row['KOMMUNE_NR'] or row['BEL_KOMMUNE']}"
    # Institutions without an administering municipality are placed where they lie, and said so.
    unadministered = [n for n, row in enumerate(rows, start=2) if not row["KOMMUNE_NR"]]
    assert {p.row for p in outcome.warnings if p.column == "KOMMUNE_NR"} == set(unadministered)


def test_the_institution_register_imported_again_changes_nothing(builtin_frameworks):
    real(REGISTER)

    again = real(REGISTER, dry_run=True)

    assert again.new == again.changed == again.ended == {"units": 0, "people": 0, "posts": 0}
    assert again.unchanged["units"] == 1507


def test_the_os2mo_export_of_all_leaders_imports_units_leaders_and_their_chain(builtin_frameworks):
    outcome = real(LEADERS)

    assert outcome.applied and outcome.problems == []
    assert outcome.format == "os2mo-leaders" and outcome.source == Source.OS2MO
    assert outcome.new == {"units": 62, "people": 54, "posts": 54}
    kantine = Unit.objects.get(key="Kolding Kommune/Teknik og Miljø/Kloakering/Kantine")
    assert kantine.parent.name == "Kloakering" and kantine.depth == 3
    william = Post.objects.get(person__key="williamv@kolding.dk")
    assert william.unit == kantine and william.manager.key == "estert@kolding.dk"
    # Teknik og Miljø has no manager: Park og vej's leader reports to the municipality's.
    assert Post.objects.get(unit__name="Park og vej").manager.key == "tracya@kolding.dk"
    assert Person.objects.get(key="asbjørnl@kolding.dk").email == "asbjørnl@kolding.dk"
    assert Post.objects.get(person__key="tracya@kolding.dk").manager is None
    assert real(LEADERS).new == {"units": 0, "people": 0, "posts": 0}


def test_the_os2mo_leaders_export_takes_levels_from_a_mapping_of_its_path_columns(builtin_frameworks):
    outcome = real(LEADERS, mapping={"root": "direktoer", "org": "forvaltningschef"})

    assert outcome.applied
    assert Post.objects.get(person__key="tracya@kolding.dk").level.key == "direktoer"
    assert Post.objects.get(person__key="benedikteh@kolding.dk").level.key == "forvaltningschef"
    assert Post.objects.get(person__key="williamv@kolding.dk").level is None


def test_the_os2mo_report_of_managers_with_span_is_refused_with_what_to_use_instead(builtin_frameworks):
    outcome = real(REPORT)

    assert not outcome.applied
    [problem] = outcome.errors
    assert str(problem).startswith(
        f"{REPORT}:1: This is OS2mo's report of managers with their span of control"
    )
    assert "os2mo-leaders" in problem.message and "os2mo" in problem.message
    assert Unit.objects.count() == 0 and Person.objects.count() == 0
