"""The organisation import: HR files in CSV and XLSX, the plan, the snapshot, and every check."""

import datetime
import logging

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grundlag.organisation.imports.selectors import org_import_plan
from grundlag.organisation.imports.services.applying import org_import, org_import_apply
from grundlag.organisation.imports.tests.import_files import HEADER, SMALL, csv_file, small_csv, small_xlsx
from grundlag.organisation.models import Person, Post, Source, Unit

pytestmark = pytest.mark.django_db


def run(data: bytes, **kwargs):
    return org_import(data=data, filename=kwargs.pop("filename", "hr.csv"), **kwargs)


def snapshot() -> list:
    """Every organisation record with every field, to prove that nothing was written."""
    return [
        list(Unit.objects.order_by("pk").values_list()),
        list(Person.objects.order_by("pk").values_list()),
        list(Post.objects.order_by("pk").values_list()),
    ]


def errors(outcome) -> list[str]:
    return [str(p) for p in outcome.errors]


def assert_refused(outcome, *expected: str) -> None:
    """The import stopped on an error saying each expected piece, and wrote nothing."""
    assert not outcome.applied
    text = "\n".join(errors(outcome))
    for piece in expected:
        assert piece in text, text
    assert Unit.objects.filter(source=Source.HR).count() == 0
    assert Post.objects.filter(source=Source.HR).count() == 0


# --- Importing ------------------------------------------------------------------------------------------


def test_it_imports_units_people_posts_managers_and_levels(builtin_frameworks):
    outcome = run(small_csv())

    assert outcome.applied and outcome.problems == []
    assert outcome.new == {"units": 4, "people": 4, "posts": 4}
    lis = Post.objects.get(source=Source.HR, person__key="l")
    assert (lis.unit.key, lis.unit.parent.key, lis.unit.parent.parent.key) == ("a", "s", "k")
    assert lis.manager.key == "c"
    assert lis.level.key == "dagtilbuds-skole-og-fu-leder"
    assert lis.start_date == datetime.date(2019, 8, 1)
    # A level is found by its name too, whatever the case.
    assert Post.objects.get(person__key="c").level.key == "forvaltningschef"
    assert Post.objects.get(person__key="t").level is None
    assert Unit.objects.get(key="b").posts.count() == 0
    # The paths are rebuilt, so a subtree is one prefix query.
    kommune = Unit.objects.get(key="k")
    assert set(Unit.objects.filter(path__startswith=kommune.path).values_list("key", flat=True)) == {
        "k",
        "s",
        "a",
        "b",
    }


def test_it_changes_nothing_when_the_same_file_is_imported_again(builtin_frameworks):
    run(small_csv())
    before = snapshot()

    again = run(small_csv())

    assert again.new == again.changed == again.ended == {"units": 0, "people": 0, "posts": 0}
    assert again.unchanged == {"units": 4, "people": 4, "posts": 4}
    assert snapshot() == before


def test_a_dry_run_shows_the_plan_and_writes_nothing(builtin_frameworks):
    outcome = run(small_csv(), dry_run=True)

    assert outcome.new["posts"] == 4 and not outcome.applied
    assert Unit.objects.count() == 0 and Person.objects.count() == 0


def test_it_reports_changed_fields_and_writes_them(builtin_frameworks):
    run(small_csv())
    changed = SMALL[3].replace("Lærer,,l", "Lærer og vejleder,,c").replace("Tom Lærer", "Tom Lærersen")

    outcome = run(csv_file(*SMALL[:3], changed, SMALL[4]))

    assert outcome.changed == {"units": 0, "people": 1, "posts": 1}
    post_change = next(c for c in outcome.examples if c.kind == "posts" and c.category == "changed")
    assert post_change.fields == ["title", "manager"]
    tom = Post.objects.get(person__key="t")
    assert (tom.title, tom.manager.key, tom.person.name) == ("Lærer og vejleder", "c", "Tom Lærersen")


def test_a_new_snapshot_ends_what_its_source_no_longer_has_and_deletes_nothing(small_organisation):
    run(small_csv())
    manual_before = list(Post.objects.filter(source=Source.MANUAL).values_list())

    outcome = run(small_csv(without=(3, 4)), confirm_ending=True)  # 1 of 4 units: above the share

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert outcome.ended == {"units": 1, "people": 0, "posts": 1}
    assert Post.objects.get(source=Source.HR, person__key="t").end_date == yesterday
    assert Unit.objects.get(source=Source.HR, key="b").end_date == yesterday
    assert Person.objects.filter(source=Source.HR, key="t").exists()
    # Another source's records are not part of this snapshot.
    assert list(Post.objects.filter(source=Source.MANUAL).values_list()) == manual_before
    # Importing the same smaller file again ends nothing more.
    assert run(small_csv(without=(3, 4))).ended == {"units": 0, "people": 0, "posts": 0}


def test_a_unit_that_comes_back_is_opened_again(builtin_frameworks):
    run(small_csv())
    run(small_csv(without=(4,)), confirm_ending=True)

    outcome = run(small_csv())

    assert outcome.changed["units"] == 1
    assert Unit.objects.get(key="b").end_date is None


def test_it_reads_xlsx_with_real_dates_and_iso_strings(builtin_frameworks):
    outcome = run(small_xlsx(), filename="hr.xlsx")

    assert outcome.applied, errors(outcome)
    assert outcome.format == "xlsx"
    assert Post.objects.get(person__key="d").start_date == datetime.date(2020, 1, 1)
    assert Post.objects.get(person__key="l").start_date == datetime.date(2019, 8, 1)
    assert run(small_csv()).new == {"units": 0, "people": 0, "posts": 0}


def test_it_reads_semicolon_separated_csv_with_a_byte_order_mark(builtin_frameworks):
    outcome = run(csv_file(*SMALL, delimiter=";", bom=True))

    assert outcome.applied, errors(outcome)
    assert outcome.new["posts"] == 4


def test_a_mapping_names_the_files_own_columns(builtin_frameworks):
    header = HEADER.replace("unit_id,unit_name", "Afdelingsnummer,unit_name").replace("email", "Mail")

    outcome = run(
        csv_file(*[line + ",x" for line in SMALL], header=header + ",Enhedstype"),
        mapping={"unit_id": "Afdelingsnummer", "email": "Mail", "unit_kind": "Enhedstype"},
    )

    assert outcome.applied, errors(outcome)
    assert Unit.objects.get(key="a").kind == "x"
    assert Person.objects.get(key="c").email == "carl@fiktiv.example.dk"


def test_progress_is_reported_up_to_the_total(builtin_frameworks):
    calls = []

    run(small_csv(), progress=lambda done, total: calls.append((done, total)))

    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_apply_checks_the_plan_again_against_the_database(builtin_frameworks):
    run(csv_file("k,Fiktiv Kommune,,,,,,,,,"))
    child = csv_file("k,Fiktiv Kommune,,,,,,,,,", "s,Skoleafdelingen,k,,,,,,,,")
    plan = org_import_plan(data=child, filename="hr.csv")
    assert plan.outcome.errors == []
    Unit.objects.filter(key="k").update(name="Omdøbt")

    outcome = org_import_apply(plan=plan)

    assert outcome.applied
    assert outcome.changed["units"] == 1  # the rename made after the preview is seen and put right
    assert Unit.objects.get(key="k").name == "Fiktiv Kommune"


# --- Every check: a clear message with file, row and column; nothing written ----------------------------


def test_it_names_missing_columns_and_the_columns_it_found(builtin_frameworks):
    outcome = run("unit_id,unit_name,titel\na,Ahorn,Lærer\n".encode())

    assert_refused(
        outcome,
        "hr.csv:1:",
        "Columns missing: parent_unit_id, person_id",
        "The file has: unit_id, unit_name, titel",
    )


def test_it_warns_about_columns_it_does_not_use(builtin_frameworks):
    outcome = run(csv_file(*[line + ",x" for line in SMALL], header=HEADER + ",Telefon"))

    assert outcome.applied
    assert [str(p) for p in outcome.warnings] == [
        "hr.csv:1: These columns are not used and were ignored: Telefon."
    ]


def test_it_requires_a_name_for_a_person(builtin_frameworks):
    outcome = run(small_csv("a,Ahorn Skole,s,x,,x@fiktiv.example.dk,Lærer,,l,2024-01-01,"))

    assert_refused(outcome, "hr.csv:7: name: A value is required here.")


def test_it_requires_a_name_for_a_unit(builtin_frameworks):
    outcome = run(small_csv("c,,k,,,,,,,,"))

    assert_refused(outcome, "hr.csv:7: unit_name: Unit c is given no name on any row.")


def test_it_explains_the_date_format(builtin_frameworks):
    outcome = run(small_csv("a,Ahorn Skole,s,x,Xe,x@fiktiv.example.dk,Lærer,,l,01-08-2024,"))

    assert_refused(outcome, "hr.csv:7: start_date: 01-08-2024 is not a date; write dates as YYYY-MM-DD")


def test_it_refuses_an_end_before_the_start(builtin_frameworks):
    outcome = run(small_csv("a,Ahorn Skole,s,x,Xe,x@fiktiv.example.dk,Lærer,,l,2024-08-01,2024-07-31"))

    assert_refused(outcome, "hr.csv:7: end_date: The end date is before the start date.")


def test_it_refuses_a_duplicate_post_row(builtin_frameworks):
    outcome = run(small_csv(SMALL[3]))

    assert_refused(
        outcome, "hr.csv:7: person_id: The same post (person, unit and start date) is also on row 5."
    )


def test_it_refuses_a_unit_with_two_names(builtin_frameworks):
    outcome = run(small_csv("a,Ahorn Skolen,s,,,,,,,,"))

    assert_refused(
        outcome, "hr.csv:7: unit_name: Unit a is named “Ahorn Skole” on row 4 but “Ahorn Skolen” here."
    )


def test_it_refuses_a_unit_with_two_parents(builtin_frameworks):
    outcome = run(small_csv("a,Ahorn Skole,k,,,,,,,,"))

    assert_refused(outcome, "hr.csv:7: parent_unit_id: Unit a has the parent s on row 4 but k here.")


def test_it_refuses_an_unknown_parent(builtin_frameworks):
    outcome = run(small_csv("c,Ceder Skole,zz,,,,,,,,"))

    assert_refused(outcome, "hr.csv:7: parent_unit_id: Unknown parent unit zz")


def test_it_refuses_a_cycle_in_the_unit_tree_and_names_its_units(builtin_frameworks):
    outcome = run(
        csv_file("x,Xenhed,y,,,,,,,,", "y,Yenhed,z,,,,,,,,", "z,Zenhed,x,,,,,,,,", "k,Kommune,,,,,,,,,")
    )

    assert_refused(outcome, "The units form a cycle: x (Xenhed) → y (Yenhed) → z (Zenhed) → x (Xenhed).")
    assert len(outcome.errors) == 1


def test_it_refuses_a_unit_that_is_its_own_parent(builtin_frameworks):
    outcome = run(csv_file("x,Xenhed,x,,,,,,,,"))

    assert_refused(outcome, "hr.csv:2: parent_unit_id: The units form a cycle: x (Xenhed) → x (Xenhed).")


def test_it_refuses_a_person_who_manages_themself(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo@fiktiv.example.dk,Skoleleder,,bo,2020-01-01,"))

    assert_refused(outcome, "hr.csv:7: manager_person_id: A person cannot be their own manager.")


def test_it_refuses_a_manager_it_cannot_find(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo@fiktiv.example.dk,Skoleleder,,nobody,2020-01-01,"))

    assert_refused(outcome, "hr.csv:7: manager_person_id: Manager nobody not found")


def test_it_refuses_an_invalid_email_but_accepts_an_internationalised_one(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo(at)fiktiv,Skoleleder,,c,2020-01-01,"))
    assert_refused(outcome, "hr.csv:7: email: bo(at)fiktiv is not a valid e-mail address.")

    assert run(small_csv("b,Birk Skole,s,bo,Bo,bø@fiktiv.example.dk,Skoleleder,,c,2020-01-01,")).applied


def test_it_refuses_two_different_names_for_one_person(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s,t,Tom Andersen,tom@fiktiv.example.dk,Lærer,,c,2020-01-01,"))

    assert_refused(outcome, "hr.csv:7: name: Person t has another name on row 5")


def test_it_refuses_an_unknown_level_and_lists_the_levels(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo@fiktiv.example.dk,Skoleleder,Overchef,c,2020-01-01,"))

    assert_refused(
        outcome,
        "hr.csv:7: level: Unknown level Overchef; the levels of aarhus-boern-og-unge are:",
        "direktoer",
    )


def test_a_value_too_long_for_the_database_is_an_error(builtin_frameworks):
    outcome = run(small_csv(f"b,{'B' * 301},s,,,,,,,,"))

    assert_refused(outcome, "hr.csv:7: unit_name: The value is 301 characters long; at most 300 fit.")


def test_a_row_with_the_wrong_number_of_values_is_an_error(builtin_frameworks):
    outcome = run(small_csv("b,Birk Skole,s"))

    assert_refused(outcome, "hr.csv:7: The row has 3 values, but the header names 11 columns.")


def test_malformed_csv_is_an_error(builtin_frameworks):
    outcome = run(small_csv('b,"Birk Skole,s,,,,,,,,'))

    assert_refused(outcome, "Malformed CSV")


def test_a_file_that_is_not_csv_xlsx_or_json_is_refused(builtin_frameworks):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))

    assert_refused(run(png, filename="logo.png"), "logo.png: This is not a CSV, XLSX or JSON file.")
    assert_refused(run("å".encode("latin-1") * 20, filename="hr.csv"), "not UTF-8")
    assert_refused(
        run(b"PK\x03\x04broken", filename="hr.xlsx"), "hr.xlsx: This is not a readable XLSX workbook."
    )


def test_an_empty_file_is_refused(builtin_frameworks):
    assert_refused(run(b"  \n"), "hr.csv: The file is empty.")


@override_settings(ORGANISATION_UPLOAD_MAX_BYTES=100)
def test_an_oversized_file_is_refused(builtin_frameworks):
    assert_refused(run(small_csv()), "the largest file accepted is 100 bytes")


def test_a_mapping_that_names_unknown_columns_is_refused(builtin_frameworks):
    assert_refused(run(small_csv(), mapping={"afdeling": "Afd"}), "The column mapping names afdeling")


def test_one_bad_row_among_good_ones_writes_nothing(small_organisation):
    before = snapshot()

    outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo@fiktiv.example.dk,Skoleleder,,bo,2020-01-01,"))

    assert len(outcome.errors) == 1 and not outcome.applied
    assert snapshot() == before


# --- Audit and personal data ---------------------------------------------------------------------------


def test_it_records_the_import_in_the_audit_log_with_counts_only(builtin_frameworks, administrator):
    from grundlag.audit.models import AuditEvent

    run(small_csv(), by=administrator)

    event = AuditEvent.objects.get(action="organisation.import")
    assert event.user == administrator
    assert "posts" in event.detail and "4" in event.detail
    for person in Person.objects.all():
        assert person.name not in event.detail and person.email not in event.detail
    # A dry run and a refused file are not imports.
    run(small_csv(), dry_run=True)
    run(small_csv("x,,,,,,,,,,"))
    assert AuditEvent.objects.filter(action="organisation.import").count() == 1


def test_nothing_personal_is_logged(builtin_frameworks, caplog):
    with caplog.at_level(logging.DEBUG):
        run(small_csv())
        run(small_csv("b,Birk Skole,s,bo,Bo Birkesen,bo(at)fiktiv,Skoleleder,,c,2020-01-01,"))

    logged = caplog.text
    for line in SMALL:
        for value in line.split(",")[4:6]:
            assert not value or value not in logged
    assert "Birkesen" not in logged


# --- The round trip, as a property ---------------------------------------------------------------------

letters = "abcdefghijklmnopqrstuvwxyzæøå "
names = st.text(alphabet=letters, min_size=1, max_size=20).map(str.strip).filter(bool)
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2035, 12, 31))


@st.composite
def organisations(draw) -> bytes:
    """A valid HR export: a unit tree, people with one or two posts, managers higher up."""
    unit_count = draw(st.integers(min_value=1, max_value=8))
    lines, units = [], []
    for i in range(unit_count):
        parent = units[draw(st.integers(min_value=0, max_value=len(units) - 1))] if units else ""
        units.append(f"u{i}")
        lines.append((f"u{i}", f"Enhed {draw(names)}", parent))
    people = draw(st.integers(min_value=0, max_value=10))
    levels = ["", "direktoer", "Kontorchef", "LEDER AF MEDARBEJDER"]
    rows = [f"{key},{name},{parent},,,,,,,," for key, name, parent in lines]
    seen = set()
    for p in range(people):
        name = draw(names)
        for _post in range(draw(st.integers(min_value=1, max_value=2))):
            unit = draw(st.sampled_from(units))
            start = draw(st.none() | dates)
            if (p, unit, start) in seen:
                continue
            seen.add((p, unit, start))
            end = draw(st.none() | dates.filter(lambda d, s=start: s is None or d >= s))
            has_manager = p > 0 and draw(st.booleans())
            manager = f"p{draw(st.integers(min_value=0, max_value=p - 1))}" if has_manager else ""
            unit_name, parent = next((n, par) for k, n, par in lines if k == unit)
            rows.append(
                f"{unit},{unit_name},{parent},p{p},Person {name},p{p}@fiktiv.example.dk,"
                f"Titel {draw(names)},{draw(st.sampled_from(levels))},{manager},"
                f"{start or ''},{end or ''}"
            )
    return csv_file(*draw(st.permutations(rows)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=organisations())
def test_importing_a_valid_organisation_twice_changes_nothing_the_second_time(builtin_frameworks, data):
    with transaction.atomic():
        first = run(data)
        assert first.applied, errors(first)
        before = snapshot()

        second = run(data)

        assert second.applied
        assert second.new == second.changed == second.ended == {"units": 0, "people": 0, "posts": 0}
        assert snapshot() == before
        transaction.set_rollback(True)


def test_it_explains_problems_in_danish_by_default(builtin_frameworks):
    with translation.override("da"):
        outcome = run(small_csv("b,Birk Skole,s,bo,Bo,bo@fiktiv.example.dk,Skoleleder,,bo,2020-01-01,"))
    assert "hr.csv:7: manager_person_id: En person kan ikke være sin egen leder." in [
        str(p) for p in outcome.problems
    ]


# --- Review fixes: erasure, partial snapshots, future posts -------------------------------------------


def test_an_erased_person_is_not_imported_again(builtin_frameworks):
    from grundlag.accounts.services import person_erase

    run(small_csv())
    lis = Person.objects.get(source=Source.HR, key="l")
    person_erase(person=lis, by=None)
    people_before = Person.objects.count()
    lis_posts = list(Post.objects.filter(person=lis).values_list())

    outcome = run(small_csv())

    assert outcome.applied and not outcome.errors
    assert outcome.new == {"units": 0, "people": 0, "posts": 0}
    assert outcome.ended == {"units": 0, "people": 0, "posts": 0}
    assert Person.objects.count() == people_before
    assert not Person.objects.filter(name="Lis Leder").exists()
    assert not Person.objects.filter(email="lis@fiktiv.example.dk").exists()
    assert not Person.objects.filter(source=Source.HR, key="l").exists()
    lis.refresh_from_db()
    assert lis.erased_at is not None and lis.email == "" and "Lis" not in lis.name
    assert list(Post.objects.filter(person=lis).values_list()) == lis_posts
    # Tom's manager is still the erased person, not a new one.
    assert Post.objects.get(source=Source.HR, person__key="t").manager == lis
    (warning,) = outcome.warnings
    assert (warning.file, warning.row, warning.column) == ("hr.csv", 4, "person_id")


def test_a_partial_file_keeps_the_ancestors_of_the_parents_it_names(builtin_frameworks):
    run(small_csv())

    # unit a under s; neither s nor its parent k is in the file
    outcome = run(csv_file(SMALL[2], SMALL[3]), confirm_ending=True)

    assert outcome.applied, errors(outcome)
    assert Unit.objects.get(source=Source.HR, key="s").end_date is None
    assert Unit.objects.get(source=Source.HR, key="k").end_date is None
    assert Unit.objects.get(source=Source.HR, key="b").end_date is not None
    assert outcome.ended["units"] == 1


def test_a_future_post_gone_from_the_file_is_deleted_not_ended(builtin_frameworks):
    start = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    run(small_csv(f"b,Birk Skole,s,n,Nina Ny,nina@fiktiv.example.dk,Lærer,,,{start},"))
    assert Post.objects.filter(source=Source.HR, person__key="n").exists()

    outcome = run(small_csv())

    assert outcome.applied, errors(outcome)
    assert outcome.ended["posts"] == 1
    assert not Post.objects.filter(source=Source.HR, person__key="n").exists()
    assert Post.objects.filter(source=Source.HR).count() == 4
