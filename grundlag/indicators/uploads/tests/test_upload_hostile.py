"""Hostile and broken files on the upload page: each refused with a clear message, nothing written."""

import html

import pytest
from django.test import override_settings
from django.urls import reverse

from grundlag.indicators.models import Observation
from grundlag.indicators.tests.test_import import long_csv
from grundlag.organisation.imports.tests.hostile_files import bomb_xlsx

from .test_upload_views import page, text, token_of, upload

pytestmark = pytest.mark.django_db
ROW = "trivsel;849001;2023/24;3,5;;"


def form_errors(response) -> list[str]:
    assert response.status_code == 200
    page_text = html.unescape(response.content.decode()).replace("\xa0", " ")
    return [part.split("</span>", 2)[1].strip() for part in page_text.split('class="form-error-message"')[1:]]


@override_settings(INDICATORS_IMPORT_MAX_BYTES=100)
def test_a_file_beyond_the_size_limit_is_refused_on_the_form(admin_client, schools):
    response = upload(admin_client, long_csv(*[ROW] * 10))

    assert form_errors(response) == ["data.csv is 337 bytes; the largest file accepted is 100 bytes."]
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("report.pdf", "report.pdf is not a CSV, XLSX or JSON file; save the table as CSV or XLSX."),
        ("old.xls", "old.xls is an old Excel workbook (.xls); save it as .xlsx or CSV and upload it again."),
    ],
)
def test_a_file_that_is_not_a_table_is_refused_by_its_name(admin_client, name, message):
    assert form_errors(upload(admin_client, b"%PDF-1.7\n\x00\x01", name=name)) == [message]


def test_an_empty_file_is_refused(admin_client):
    assert form_errors(upload(admin_client, b"", name="data.csv")) == ["The submitted file is empty."]


def test_a_binary_file_named_csv_is_refused_in_the_report(admin_client, schools):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    token = token_of(upload(admin_client, png, name="data.csv"))

    report = text(page(admin_client, token))

    assert "1 error: nothing can be imported." in report
    assert "<td>data.csv</td><td></td><td></td><td>This is not a CSV, XLSX or JSON file.</td>" in report


@override_settings(ORGANISATION_IMPORT_MAX_UNPACKED_BYTES=1_000_000)
def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(admin_client, schools):
    bomb = bomb_xlsx(2_000_000)
    assert len(bomb) < 20_000
    token = token_of(upload(admin_client, bomb, name="bomb.xlsx"))

    report = text(page(admin_client, token))

    assert "<td>bomb.xlsx</td><td></td><td></td><td>The workbook unpacks to more than 976.6 KB" in report
    assert reverse("indicators:upload_apply", args=[token]) not in report


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            "format: wide\nindicators: [\n  - key: a\n",
            "map.yaml: The mapping is not valid YAML or JSON (line 3).",
        ),
        (
            "- just\n- a list\n",
            "map.yaml: A mapping is a list of name: value pairs (format, period, indicators, …).",
        ),
        (
            "national: true\n",
            "map.yaml: national is the word, or a list of the words, the file uses for the country.",
        ),
    ],
)
def test_a_bad_mapping_file_is_a_form_error_naming_it(admin_client, mapping, message):
    assert form_errors(upload(admin_client, long_csv(ROW), mapping=mapping)) == [message]


def test_a_mapping_file_that_is_not_text_or_too_big_is_refused(admin_client):
    latin1 = "period: 2023/24\n# Fravær\n".encode("latin-1")
    assert form_errors(upload(admin_client, long_csv(ROW), mapping=latin1)) == [
        "map.yaml: The mapping is not UTF-8 text."
    ]
    big = "# " + "x" * 100_001
    assert form_errors(upload(admin_client, long_csv(ROW), mapping=big)) == [
        "map.yaml is 97.7 KB; a mapping file is at most 97.7 KB."
    ]


def test_a_wide_file_without_its_mapping_says_which_columns_are_missing(admin_client, schools):
    token = token_of(upload(admin_client, b"Institution,Trivsel\nAabybro Skole,3.5\n", mapping=None))

    report = text(page(admin_client, token))

    assert (
        "<td>data.csv</td><td>1</td><td></td><td>Columns missing: indicator, unit, period, value. The file "
        "has: Institution, Trivsel.</td>"
    ) in report
    assert "Discard and upload another file" in report
