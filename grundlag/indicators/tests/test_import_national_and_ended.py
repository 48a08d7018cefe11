"""National figures (the unit column says "national", or the mapping's word for the country), units that have
ended, the importer's progress, and the export of both formats read back into an empty database."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from grundlag.indicators.imports.mapping import InvalidMapping, mapping_load
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.selectors import indicators_export, indicators_export_mapping
from grundlag.indicators.services import indicators_import
from grundlag.organisation.models import Unit

from .test_export import stored
from .test_import import MAPPING, long_csv, run

pytestmark = pytest.mark.django_db


def test_a_row_whose_unit_is_national_is_the_national_figure(schools):
    outcome = run(long_csv("trivsel;national;2023/24;3,6;;", "trivsel;849001;2023/24;3,5;;"))

    assert outcome.applied and outcome.problems == []
    assert outcome.national_rows == 1 and outcome.matched_units == 1
    national = Observation.objects.get(unit__isnull=True)
    assert (national.indicator.key, national.value, national.period) == ("trivsel", Decimal("3.6"), "2023/24")


def test_the_mapping_names_the_files_own_words_for_the_country(schools):
    mapping = MAPPING + "national: [Danmark, Hele landet]\n"
    data = long_csv(
        "trivsel;DANMARK;2023/24;3,6;;", "fravaer;hele  landet;2024;7,3;;", "trivsel;National;2024;3;;"
    )

    outcome = run(data, mapping=mapping)

    assert outcome.applied and outcome.problems == []
    assert Observation.objects.filter(unit__isnull=True).count() == 3


def test_a_re_import_of_national_figures_changes_nothing_and_a_second_national_row_is_an_error(schools):
    data = long_csv("trivsel;national;2023/24;3,6;;", "trivsel;national;2024;;;")
    run(data)
    again = run(data)
    assert again.counts["unchanged"]["observations"] == 2 and again.counts["new"]["observations"] == 0

    twice = run(long_csv("trivsel;national;2023/24;3,6;;", "trivsel;National;2023/24;3,7;;"))
    assert not twice.applied and "same unit and period as row 2" in twice.errors[0].message


@pytest.mark.parametrize("national", ["true", "[1, 2]", "['']"])
def test_national_in_the_mapping_is_a_word_or_a_list_of_words(national):
    with pytest.raises(InvalidMapping, match="national is the word"):
        mapping_load(f"national: {national}")


def test_a_unit_that_has_ended_is_not_matched_and_the_row_is_named(schools):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Unit.objects.filter(key="849001").update(end_date=yesterday)
    Unit.objects.filter(key="400001").update(end_date=timezone.localdate())  # ends today: still there

    outcome = run(
        long_csv(
            "trivsel;849001;2023/24;3;;",
            "trivsel;Aabybro Skole (Jammerbugt);2023/24;3;;",
            "trivsel;Rønne Skole;2023/24;3;;",
        )
    )

    assert outcome.applied and Observation.objects.get().unit.key == "400001"
    assert [(p.row, p.column, p.warning) for p in outcome.problems] == [(2, "unit", True), (3, "unit", True)]
    assert outcome.problems[1].message.startswith("The unit Aabybro Skole ended on ")
    assert outcome.problems[1].message.endswith(
        "; figures are not imported for a unit that has ended. The row is skipped."
    )


def test_a_name_shared_by_an_ended_and_a_living_unit_is_the_living_one(schools):
    Unit.objects.filter(key="101001").update(end_date=timezone.localdate() - datetime.timedelta(days=400))

    outcome = run(long_csv("trivsel;Bakkeskolen;2023/24;3;;"))

    assert outcome.applied and outcome.problems == []
    assert Observation.objects.get().unit.key == "615001"


def test_the_importer_reports_its_progress_every_few_thousand_rows(schools):
    rows = [f"trivsel;849001;{2000 + i // 3}-0{1 + i % 3}-01;3;;" for i in range(4500)]
    calls: list[tuple[int, int]] = []

    outcome = run(long_csv(*rows), dry_run=True, progress=lambda done, total: calls.append((done, total)))

    assert outcome.errors == []
    assert calls == [(2000, 4500), (4000, 4500), (4500, 4500)]  # rows read of the rows
    calls.clear()
    assert run(long_csv(*rows), progress=lambda done, total: calls.append((done, total))).applied
    assert calls[:3] == [(2000, 9000), (4000, 9000), (4500, 9000)]  # an import writes the second half
    assert calls[-1] == (9000, 9000)
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


@pytest.fixture
def data(schools):
    mapping = MAPPING + "national: Danmark\n"
    rows = (
        "trivsel;849001;2023/24;3,5172;120;0,81",
        "trivsel;101001;2023/24;;;",  # a blank: not published
        "trivsel;Danmark;2023/24;3,6;80000;",
        "fravaer;national;2024;;;",  # a national figure not published
        "fravaer;615001;2024;7,3;;",
    )
    assert indicators_import(data=long_csv(*rows), filename="d.csv", mapping=mapping_load(mapping)).applied
    return stored()


def empty() -> None:
    Observation.objects.all().delete()
    Indicator.objects.all().delete()


def test_a_csv_export_with_its_definitions_gives_an_empty_database_the_same_data(data, tmp_path):
    out = io.StringIO()
    call_command("indicators_export", definitions=tmp_path / "map.yaml", stdout=out)
    (tmp_path / "export.csv").write_text(out.getvalue(), encoding="utf-8")
    assert "trivsel,national,2023/24,3.6000,80000," in out.getvalue()
    assert "fravaer,national,2024,,," in out.getvalue()
    empty()

    call_command(
        "indicators_import", tmp_path / "export.csv", mapping=tmp_path / "map.yaml", stdout=io.StringIO()
    )

    assert stored() == data
    again = indicators_import(
        data=out.getvalue().encode(), filename="export.csv", mapping=mapping_load(indicators_export_mapping())
    )
    assert again.counts["unchanged"] == {"indicators": 2, "observations": 5}


def test_a_json_export_with_national_figures_and_blanks_gives_an_empty_database_the_same_data(data):
    exported = indicators_export(format="json")
    empty()

    outcome = indicators_import(data=exported.encode(), filename="export.json")

    assert outcome.applied and outcome.problems == [] and outcome.national_rows == 2
    assert stored() == data


def test_the_definitions_of_one_indicator(data):
    text = indicators_export_mapping(indicator_key="fravaer")

    mapping = mapping_load(text)
    assert [spec.key for spec in mapping.indicators] == ["fravaer"]
    assert (mapping.format, mapping.decimal_mark) == ("long", ".")
    indicator = Indicator.objects.get(key="fravaer")
    assert mapping.indicators[0].fields() == {
        name: getattr(indicator, name) for name in mapping.indicators[0].fields()
    }
