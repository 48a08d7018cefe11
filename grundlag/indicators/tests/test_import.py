"""The importer: formats, number strings, unit matching, the report, transactions, idempotence, bounds."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from grundlag.audit.models import AuditEvent
from grundlag.indicators.imports.mapping import InvalidMapping, mapping_load
from grundlag.indicators.models import Indicator, Observation, PeriodKind
from grundlag.indicators.services import indicators_import

pytestmark = pytest.mark.django_db

MAPPING = """
format: long
decimal_mark: ","
indicators:
  - {key: trivsel, name: Trivsel, data_type: perceptionsdata, direction: higher, scale: [1, 5]}
  - {key: fravaer, name: Fravær, data_type: processuelle-data, direction: lower, unit_of_measure: pct.}
"""
WIDE = """
format: wide
period: "2023/24"
unit_column: Institution
indicators:
  - {key: trivsel, name: Trivsel, column: Trivsel, data_type: perceptionsdata, direction: higher,
     scale: [1, 5], credit: "Kilde: Uddannelsesstatistik.dk"}
  - {key: karakter, name: Karakter, column: Snit, n_column: Antal, data_type: resultatdata,
     direction: higher, scale: [-3, 12]}
"""


def long_csv(*rows: str, delimiter: str = ";") -> bytes:
    header = delimiter.join(["indicator", "unit", "period", "value", "n", "sd"])
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode()


def run(data: bytes, mapping: str | None = MAPPING, **kwargs):
    return indicators_import(
        data=data, filename="data.csv", mapping=mapping_load(mapping) if mapping else None, **kwargs
    )


def test_a_long_csv_with_bom_crlf_semicolons_and_danish_numbers_imports(schools):
    data = long_csv(
        "trivsel;849001;2023/24;3,7;1.234;0,8",
        "fravaer;Aabybro Skole (Jammerbugt);2024;7,3;;",
        "fravaer;Rønne Skole;2024-03-01;;;",
    )
    outcome = run(data)

    assert outcome.applied and outcome.problems == []
    assert outcome.counts["new"] == {"indicators": 2, "observations": 3}
    trivsel = Observation.objects.get(indicator__key="trivsel")
    assert (trivsel.value, trivsel.n, trivsel.sd) == (Decimal("3.7"), 1234, Decimal("0.8"))
    assert trivsel.unit.name == "Aabybro Skole" and trivsel.period_kind == PeriodKind.SCHOOL_YEAR
    assert str(trivsel.period_start) == "2023-08-01"
    by_kind = {o.period_kind: o for o in Observation.objects.filter(indicator__key="fravaer")}
    assert by_kind[PeriodKind.YEAR].value == Decimal("7.3")
    blank = by_kind[PeriodKind.DATE]
    assert blank.value is None and blank.unit.name == "Rønne Skole"  # not published, never 0
    assert AuditEvent.objects.filter(action="indicators.import").count() == 1


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_commas_and_tabs_separate_too(schools, delimiter):
    detected = MAPPING.replace('decimal_mark: ","\n', "")  # "3.5" is unambiguous
    row = delimiter.join(["trivsel", "849001", "2023/24", "3.5", "", ""])
    outcome = run(long_csv(row, delimiter=delimiter), mapping=detected)
    assert outcome.applied and Observation.objects.get().value == Decimal("3.5")


def test_units_are_matched_by_name_with_their_municipality_in_parentheses(schools):
    data = long_csv(
        "trivsel;Bakkeskolen (Horsens);2023/24;4;;",
        "trivsel;Bakkeskolen (København);2023/24;3;;",  # "Københavns Kommune"
        "trivsel;Rønne Skole (Bornholm);2023/24;2;;",  # "Bornholms Regionskommune"
    )
    outcome = run(data)

    assert outcome.applied and outcome.problems == []
    values = {o.unit.parent.name: o.value for o in Observation.objects.select_related("unit__parent")}
    assert values == {
        "Horsens Kommune": Decimal("4"),
        "Københavns Kommune": Decimal("3"),
        "Bornholms Regionskommune": Decimal("2"),
    }


def test_every_unmatched_row_is_reported_by_file_row_and_column_and_skipped(schools):
    data = long_csv(
        "trivsel;849001;2023/24;3;;",
        "trivsel;Bakkeskolen;2023/24;3;;",
        "trivsel;Bakkeskolen (Aarhus);2023/24;3;;",
        "trivsel;Ingen Skole (Horsens);2023/24;3;;",
    )
    outcome = run(data)

    assert outcome.applied and Observation.objects.count() == 1
    assert [str(p) for p in outcome.warnings] == [
        "data.csv:3: unit: More than one unit is named Bakkeskolen; use the unit's key. The row is skipped.",
        "data.csv:4: unit: A unit is named Bakkeskolen, but not under the municipality Aarhus. The row is "
        "skipped.",
        "data.csv:5: unit: No unit has the key or name Ingen Skole (Horsens). The row is skipped.",
    ]


def test_a_file_with_an_invalid_value_writes_nothing_and_names_every_problem(schools):
    data = long_csv(
        "trivsel;849001;2023/24;3;;",
        "trivsel;101001;2023/24;7;;",  # outside the scale 1-5
        "trivsel;615001;2023/24;mange;;",
        "trivsel;400001;2023/24;3;2,5;",  # n must be whole
        "ukendt;400001;2023/24;3;;",
        "trivsel;849001;2023-24;3;;",
        "trivsel;849001;2023/24;4;;",  # the same unit and period twice
    )
    outcome = run(data)

    assert not outcome.applied
    assert Indicator.objects.count() == 0 and Observation.objects.count() == 0
    assert [(p.row, p.column) for p in outcome.errors] == [
        (4, "value"),
        (5, "n"),
        (7, "period"),
        (3, "trivsel"),
        (6, "ukendt"),
        (8, "trivsel"),
    ]
    assert "outside the scale 1.0000 to 5.0000" in outcome.errors[3].message
    assert "same unit and period as row 2" in outcome.errors[5].message


def test_the_command_prints_the_report_and_refuses_a_file_with_errors(schools, tmp_path):
    (tmp_path / "map.yaml").write_text(MAPPING)
    (tmp_path / "data.csv").write_bytes(long_csv("trivsel;849001;2023/24;3;;", "trivsel;101001;2023/24;9;;"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="data.csv: 1 error"):
        call_command("indicators_import", tmp_path / "data.csv", mapping=tmp_path / "map.yaml", stdout=out)
    assert "error: data.csv:3: trivsel: 9.0000 is outside the scale" in out.getvalue()
    assert Observation.objects.count() == 0

    (tmp_path / "data.csv").write_bytes(long_csv("trivsel;849001;2023/24;3;;"))
    call_command("indicators_import", tmp_path / "data.csv", mapping=tmp_path / "map.yaml", stdout=out)
    call_command("indicators_import", tmp_path / "data.csv", mapping=tmp_path / "map.yaml", stdout=out)
    assert out.getvalue().splitlines()[-2].split() == ["unchanged", "2", "1"]
    assert Observation.objects.count() == 1


def test_a_re_import_changes_nothing_and_a_changed_value_is_changed(schools):
    first = long_csv("trivsel;849001;2023/24;3,51723;;", "trivsel;101001;2023/24;;;")
    run(first)
    again = run(first)
    assert again.counts["unchanged"] == {"indicators": 2, "observations": 2}
    assert again.counts["new"] == again.counts["changed"] == {"indicators": 0, "observations": 0}

    changed = run(long_csv("trivsel;849001;2023/24;3,6;;", "trivsel;101001;2023/24;;;"))
    assert changed.counts["changed"]["observations"] == 1
    assert Observation.objects.get(unit__key="849001").value == Decimal("3.6")


def test_a_dry_run_writes_nothing(schools):
    outcome = run(long_csv("trivsel;849001;2023/24;3;;"), dry_run=True)
    assert not outcome.applied and outcome.counts["new"] == {"indicators": 2, "observations": 1}
    assert Indicator.objects.count() == Observation.objects.count() == 0


def test_a_wide_xlsx_workbook_imports_with_n_from_its_own_column(schools):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Institution", "Trivsel", "Snit", "Antal"])
    sheet.append(["Aabybro Skole (Jammerbugt)", "3.8", "7.4", "1150"])
    sheet.append(["Bakkeskolen (Horsens)", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)

    outcome = indicators_import(data=buffer.getvalue(), filename="skoler.xlsx", mapping=mapping_load(WIDE))

    assert outcome.applied and outcome.problems == []
    karakter = Observation.objects.get(indicator__key="karakter", unit__key="849001")
    assert (karakter.value, karakter.n, karakter.period) == (Decimal("7.4"), 1150, "2023/24")
    assert set(Observation.objects.filter(unit__key="615001").values_list("value", flat=True)) == {None}
    assert Indicator.objects.get(key="trivsel").credit == "Kilde: Uddannelsesstatistik.dk"


def test_missing_columns_are_named(schools):
    outcome = run(b"Institution,Snit\nAabybro Skole,7\n", mapping=WIDE)
    assert not outcome.applied
    assert str(outcome.errors[0]) == (
        "data.csv:1: Columns missing: Trivsel, Antal. The file has: Institution, Snit."
    )


def test_files_beyond_the_bounds_are_refused(schools, settings):
    settings.INDICATORS_IMPORT_MAX_BYTES = 100
    outcome = run(long_csv(*["trivsel;849001;2023/24;3;;"] * 10))
    assert not outcome.applied and "a file may be at most 100" in outcome.errors[0].message

    settings.INDICATORS_IMPORT_MAX_BYTES = 10_000
    settings.ORGANISATION_IMPORT_MAX_ROWS = 3
    outcome = run(long_csv(*["trivsel;849001;2023/24;3;;"] * 10))
    assert not outcome.applied and "beyond 3 rows" in outcome.errors[0].message
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: wide\nindicators: []", "period"),
        ("format: wide\nperiod: 2023-24\n", "not a period"),
        ("decimal_mark: ';'", "decimal_mark"),
        ("indicators:\n  - {key: 'a b', name: A, data_type: resultatdata, direction: higher}", "key must"),
        ("indicators:\n  - {key: a, name: A, data_type: tal, direction: higher}", "data_type"),
        (
            "indicators:\n  - {key: a, name: A, data_type: resultatdata, direction: higher, scale: [5, 1]}",
            "scale",
        ),
    ],
)
def test_a_wrong_mapping_says_what_is_wrong(text, message):
    with pytest.raises(InvalidMapping, match=message):
        mapping_load(text)
