"""Export writes what is stored; an export imported into an empty database gives the same data."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from grundlag.indicators.imports.mapping import mapping_load
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.selectors import indicators_export
from grundlag.indicators.services import indicators_import

from .test_import import MAPPING, long_csv

pytestmark = pytest.mark.django_db


def stored() -> tuple[list, list]:
    indicators = list(
        Indicator.objects.order_by("key").values(
            *[f.name for f in Indicator._meta.fields if f.name not in ("id", "created_at")]
        )
    )
    observations = list(
        Observation.objects.order_by("indicator__key", "unit__key", "period_start").values_list(
            "indicator__key", "unit__key", "period_kind", "period_start", "period", "value", "n", "sd"
        )
    )
    return indicators, observations


@pytest.fixture
def data(schools):
    rows = (
        "trivsel;849001;2023/24;3,5172;120;0,81",
        "trivsel;101001;2023/24;;;",
        "fravaer;615001;2024;7,3;;",
    )
    assert indicators_import(data=long_csv(*rows), filename="d.csv", mapping=mapping_load(MAPPING)).applied
    return stored()


def test_a_json_export_imported_into_an_empty_database_gives_the_same_data(data):
    exported = indicators_export(format="json")
    Observation.objects.all().delete()
    Indicator.objects.all().delete()

    outcome = indicators_import(data=exported.encode(), filename="export.json")

    assert outcome.applied and outcome.problems == []
    assert stored() == data
    assert indicators_import(data=exported.encode(), filename="export.json").counts["unchanged"] == {
        "indicators": 2,
        "observations": 3,
    }


def test_a_csv_export_of_observations_imports_back_to_the_same_observations(data):
    exported = indicators_export(format="csv")
    assert exported.splitlines()[:2] == ["indicator,unit,period,value,n,sd", "fravaer,615001,2024,7.3000,,"]
    Observation.objects.all().delete()

    outcome = indicators_import(data=exported.encode(), filename="export.csv")  # indicators are stored

    assert outcome.applied and outcome.problems == []
    assert stored() == data


def test_the_command_exports_one_indicator(data):
    out = io.StringIO()
    call_command("indicators_export", indicator="trivsel", format="json", stdout=out)
    document = json.loads(out.getvalue())
    assert [i["key"] for i in document["indicators"]] == ["trivsel"]
    assert [(o["unit"], o["value"]) for o in document["observations"]] == [
        ("101001", ""),
        ("849001", "3.5172"),
    ]
    with pytest.raises(CommandError, match="No indicator"):
        call_command("indicators_export", indicator="ukendt", stdout=out)
