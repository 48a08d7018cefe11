"""The upload page: a dry run in the background with progress, the report of every problem, Apply, Discard;
administrators only, counts only in the status, the task's result, the session and the logs."""

import html
import io
import logging
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.audit.models import AuditEvent
from grundlag.indicators import services
from grundlag.indicators.imports import reading
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.tests.test_import import MAPPING, long_csv
from grundlag.indicators.uploads import selectors, tasks
from grundlag.indicators.uploads.services import uploads

pytestmark = pytest.mark.django_db
GOOD = (
    "trivsel;849001;2023/24;3,5;120;",
    "trivsel;Ingen Skole (Horsens);2023/24;3;;",
    "fravaer;national;2024;7,3;;",
)


def start_url() -> str:
    return reverse("indicators:upload_start")


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def upload(
    client, data: bytes, name="data.csv", mapping: str | bytes | None = MAPPING, mapping_name="map.yaml"
):
    fields = {"file": SimpleUploadedFile(name, data)}
    if mapping is not None:
        content = mapping.encode() if isinstance(mapping, str) else mapping
        fields["mapping_file"] = SimpleUploadedFile(mapping_name, content)
    return client.post(start_url(), fields)


def token_of(response) -> str:
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def page(client, token: str, **headers):
    return client.get(reverse("indicators:upload", args=[token]), **headers)


def test_only_the_administrator_may_upload(client, schools, leader, administrator):
    client.force_login(leader)
    assert client.get(start_url()).status_code == 403
    assert upload(client, long_csv(*GOOD)).status_code == 403
    client.logout()
    response = client.get(start_url())
    assert response.status_code == 302 and "/login/" in response.url
    client.force_login(administrator)
    assert client.get(start_url()).status_code == 200


def test_the_start_page_is_a_labelled_form_for_a_file_and_a_mapping(admin_client):
    page_text = text(admin_client.get(start_url()))

    assert '<label class="form-label" for="id_file">Data file (CSV, XLSX or JSON)</label>' in page_text
    assert (
        '<label class="form-label" for="id_mapping_file">Mapping file (YAML), optional</label>' in page_text
    )
    assert 'enctype="multipart/form-data"' in page_text


def test_the_dry_run_reports_counts_and_every_problem_and_writes_nothing(admin_client, schools):
    token = token_of(upload(admin_client, long_csv(*GOOD)))

    report = text(page(admin_client, token))

    assert "data.csv with the mapping map.yaml" in report
    assert "Read as a long file: 3 rows, 1 units matched. 1 row is the national figure." in report
    assert "<caption>What the import will do</caption>" in report
    assert '<tr><th scope="row">New</th><td>2</td><td>2</td></tr>' in report  # 2 indicators, 2 figures
    assert (
        "<td>data.csv</td><td>3</td><td>unit</td><td>No unit has the key or name Ingen Skole (Horsens). "
        "The row is skipped.</td>"
    ) in report
    assert reverse("indicators:upload_apply", args=[token]) in report
    assert "hx-trigger" not in report  # the check is done: the page stops polling
    assert Indicator.objects.count() == Observation.objects.count() == 0


def test_apply_imports_in_the_background_and_shows_the_result_once(admin_client, schools):
    token = token_of(upload(admin_client, long_csv(*GOOD)))

    applied = admin_client.post(reverse("indicators:upload_apply", args=[token]))

    assert applied.status_code == 302 and applied.url == reverse("indicators:upload", args=[token])
    assert Observation.objects.count() == 2 and Observation.objects.filter(unit__isnull=True).count() == 1
    result = text(page(admin_client, token))
    assert "The import is done." in result and "<caption>What the import did</caption>" in result
    assert reverse("indicators:upload_apply", args=[token]) not in result
    assert not default_storage.exists(f"{selectors.FOLDER}/{token}.upload")  # the file is done with
    assert AuditEvent.objects.filter(action="indicators.import").count() == 1
    # A second click imports nothing twice.
    admin_client.post(reverse("indicators:upload_apply", args=[token]))
    assert AuditEvent.objects.filter(action="indicators.import").count() == 1


def test_a_file_with_errors_names_file_row_and_column_and_cannot_be_applied(admin_client, schools):
    data = long_csv("trivsel;849001;2023/24;9;;", "trivsel;615001;2023/24;mange;;", "ukendt;400001;2024;3;;")
    token = token_of(upload(admin_client, data))

    report = text(page(admin_client, token))

    assert "3 errors: nothing can be imported." in report
    assert "<td>data.csv</td><td>2</td><td>trivsel</td><td>9.0000 is outside the scale" in report
    assert "<td>data.csv</td><td>3</td><td>value</td><td>mange is not a number.</td>" in report
    assert "<td>data.csv</td><td>4</td><td>ukendt</td><td>No indicator has the key ukendt" in report
    assert reverse("indicators:upload_apply", args=[token]) not in report
    admin_client.post(reverse("indicators:upload_apply", args=[token]))
    assert Observation.objects.count() == 0 and not AuditEvent.objects.filter(action="indicators.import")


def test_the_report_file_has_every_problem(admin_client, schools):
    rows = [f"trivsel;Skole {number};2023/24;3;;" for number in range(7)]
    token = token_of(upload(admin_client, long_csv(*rows)))

    with mock.patch("grundlag.indicators.uploads.views.SHOWN", 5):
        report = text(page(admin_client, token))
    response = admin_client.get(reverse("indicators:upload_report", args=[token]))

    assert "The first 5 of 7 are shown; the report file has them all." in report
    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert lines[0] == "File,Row,Column,Kind,Problem" and len(lines) == 8
    assert lines[7] == "data.csv,8,unit,Warning,No unit has the key or name Skole 6. The row is skipped."


def test_discard_deletes_the_stored_files_and_forgets_the_upload(admin_client, schools):
    token = token_of(upload(admin_client, long_csv(*GOOD)))

    response = admin_client.post(reverse("indicators:upload_discard", args=[token]))

    assert response.url == start_url()
    assert not [name for name in default_storage.listdir(selectors.FOLDER)[1] if name.startswith(token)]
    assert page(admin_client, token).status_code == 404
    assert Observation.objects.count() == 0


def test_another_sessions_upload_cannot_be_seen_applied_or_discarded(
    admin_client, client, schools, django_user_model
):
    token = token_of(upload(admin_client, long_csv(*GOOD)))
    client.force_login(django_user_model.objects.create_user(username="admin2", is_staff=True))

    assert page(client, token).status_code == 404
    assert client.post(reverse("indicators:upload_apply", args=[token])).status_code == 404
    assert client.post(reverse("indicators:upload_discard", args=[token])).status_code == 404
    assert client.get(reverse("indicators:upload_report", args=[token])).status_code == 404
    assert Observation.objects.count() == 0


def test_the_page_polls_while_a_step_runs_and_shows_its_progress(admin_client, schools):
    token = token_of(upload(admin_client, long_csv(*GOOD)))
    uploads.upload_status_write(
        token=token, status={"step": "apply", "state": "running", "done": 30, "total": 60}
    )

    response = page(admin_client, token, HTTP_HX_REQUEST="true")

    partial = text(response)
    assert 'hx-trigger="every 1s"' in partial and 'aria-live="polite"' in partial
    assert "Importing: 50 % done." in partial and 'value="50"' in partial
    assert "<html" not in partial
    # While the import runs, it cannot be discarded.
    admin_client.post(reverse("indicators:upload_discard", args=[token]))
    assert default_storage.exists(f"{selectors.FOLDER}/{token}.upload")


def test_the_task_reports_its_progress_to_the_status_file(admin_client, schools, monkeypatch):
    monkeypatch.setattr(reading, "PROGRESS_EVERY", 2)
    written = []
    real = uploads.upload_status_write

    def record(*, token, status):
        written.append(status)
        real(token=token, status=status)

    rows = [f"trivsel;849001;{2000 + number};3;;" for number in range(5)]
    with mock.patch.object(uploads, "upload_status_write", record):
        token = token_of(upload(admin_client, long_csv(*rows)))
        admin_client.post(reverse("indicators:upload_apply", args=[token]))

    progress = [(s["step"], s["done"], s["total"]) for s in written if s["state"] == "running"]
    assert progress[:4] == [("check", 0, 1), ("check", 2, 5), ("check", 4, 5), ("check", 5, 5)]
    assert ("apply", 2, 10) in progress and progress[-1] == ("apply", 10, 10)
    assert [s["state"] for s in written if s["step"] == "apply"][-1] == "done"


def test_an_interrupted_import_says_nothing_was_written_and_may_be_applied_again(admin_client, schools):
    token = token_of(upload(admin_client, long_csv(*GOOD)))
    long_ago = (timezone.now() - timezone.timedelta(hours=2)).isoformat()
    with mock.patch.object(
        uploads.timezone, "now", return_value=timezone.now() - timezone.timedelta(hours=2)
    ):
        uploads.upload_status_write(
            token=token, status={"step": "apply", "state": "running", "done": 3, "total": 6}
        )
    assert long_ago[:13] in default_storage.open(f"{selectors.FOLDER}/{token}.json").read().decode()

    report = text(page(admin_client, token))

    assert "The import was interrupted; nothing was changed." in report
    assert "Apply the import again" in report
    admin_client.post(reverse("indicators:upload_apply", args=[token]))
    assert Observation.objects.count() == 2


def apply_and_capture(client, data: bytes):
    """Upload, apply and open the result page; returns the tasks' results and the result page."""
    enqueued = []
    task_type = type(tasks.indicators_upload_run)
    real_enqueue = task_type.enqueue

    def enqueue(self, **kwargs):
        enqueued.append(real_enqueue(self, **kwargs))
        return enqueued[-1]

    with mock.patch.object(task_type, "enqueue", enqueue):
        token = token_of(upload(client, data))
        applied = client.post(reverse("indicators:upload_apply", args=[token]))
    return token, enqueued, client.get(applied.url)


def test_the_status_the_task_result_the_session_and_the_logs_keep_counts_only(admin_client, schools, caplog):
    with caplog.at_level(logging.DEBUG):
        token, results, result_page = apply_and_capture(admin_client, long_csv(*GOOD))

    check, apply = (result.return_value for result in results)
    assert check["outcome"]["new"] == {"indicators": 2, "observations": 2} and not check["outcome"]["applied"]
    assert apply["outcome"]["applied"] and apply["outcome"]["warnings"] == 1
    status = default_storage.open(f"{selectors.FOLDER}/{token}.json").read().decode()
    kept = repr(check) + repr(apply) + status + repr(dict(admin_client.session)) + caplog.text
    for private in ("Ingen Skole", "Horsens", "No unit has", "849001", "Aabybro"):
        assert private not in kept
    assert "Ingen Skole (Horsens)" in text(result_page)  # the page itself shows the skipped row


def test_the_pages_speak_danish_by_default(admin_client, schools):
    with translation.override("da"):
        start = text(admin_client.get(reverse("indicators:upload_start")))
    assert "<h1>Importér indikatordata</h1>" in start


def test_the_command_line_and_the_page_give_the_same_counts(admin_client, schools, tmp_path):
    token = token_of(upload(admin_client, long_csv(*GOOD)))
    (tmp_path / "data.csv").write_bytes(long_csv(*GOOD))
    (tmp_path / "map.yaml").write_text(MAPPING)
    out = io.StringIO()
    from django.core.management import call_command

    call_command(
        "indicators_import", tmp_path / "data.csv", mapping=tmp_path / "map.yaml", dry_run=True, stdout=out
    )

    status = selectors.upload_status_read(token=token)
    assert status["outcome"]["new"] == {"indicators": 2, "observations": 2}
    assert out.getvalue().splitlines()[-4].split() == ["new", "2", "2"]


def test_an_import_that_fails_half_way_writes_nothing_and_says_so(admin_client, schools, monkeypatch):
    rows = [f"trivsel;849001;{2000 + number};3;;" for number in range(5)]
    token = token_of(upload(admin_client, long_csv(*rows)))
    monkeypatch.setattr("grundlag.indicators.services.WRITE_BATCH", 2)
    real_insert = services._observations_insert
    inserted = []

    def insert_then_fail(batch):
        if inserted:
            raise RuntimeError("the disk is full")
        inserted.append(real_insert(batch))
        return inserted[-1]

    monkeypatch.setattr(services, "_observations_insert", insert_then_fail)
    admin_client.post(reverse("indicators:upload_apply", args=[token]))

    assert inserted == [2] and Observation.objects.count() == Indicator.objects.count() == 0
    result = text(page(admin_client, token))
    assert "The work failed and nothing was written." in result
    assert AuditEvent.objects.filter(action="indicators.import_failed", detail="reason=error").count() == 1
