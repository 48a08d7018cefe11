"""The upload page and the command: preview first, nothing written before Apply, administrators only."""

import datetime
import html
import io
import logging
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from grundlag.organisation.imports import selectors, tasks
from grundlag.organisation.imports.services import uploads
from grundlag.organisation.imports.tests.import_files import SMALL, csv_file, small_csv
from grundlag.organisation.models import Person, Post, Source, Unit

pytestmark = pytest.mark.django_db
START = reverse("organisation_import:start")


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def upload(client, data: bytes, name="hr.csv", **fields):
    return client.post(START, {"file": SimpleUploadedFile(name, data), "format": "", **fields})


def token_of(response) -> str:
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def test_only_administrators_may_import(client, small_organisation):
    client.force_login(small_organisation["people"]["lis"].user)
    assert client.get(START).status_code == 403
    assert upload(client, small_csv()).status_code == 403
    client.force_login(small_organisation["people"]["ulla"].user)
    assert client.get(START).status_code == 403
    client.logout()
    assert client.get(START).status_code == 302


def test_the_upload_page_is_a_labelled_form(admin_client):
    response = admin_client.get(START)

    page = text(response)
    assert response.status_code == 200
    assert '<label class="form-label" for="id_file">' in page and 'name="format"' in page
    assert 'enctype="multipart/form-data"' in page


def test_the_preview_shows_counts_and_writes_nothing_until_apply(admin_client, builtin_frameworks):
    response = upload(admin_client, small_csv())
    assert response.status_code == 302
    token = token_of(response)

    preview = admin_client.get(response.url)

    page = text(preview)
    assert preview.status_code == 200
    assert "Nye" in page or "Ny" in page or "New" in page
    assert "<td>4</td>" in page  # 4 new units, people and posts
    assert "Lis Leder" in page  # an example of what comes
    assert reverse("organisation_import:apply", args=[token]) in page
    assert Unit.objects.count() == 0 and Person.objects.count() == 0

    applied = admin_client.post(reverse("organisation_import:apply", args=[token]))

    assert applied.status_code == 302
    assert Post.objects.filter(source=Source.HR).count() == 4
    status = admin_client.get(applied.url)
    assert status.status_code == 200
    assert 'aria-live="polite"' in text(status) and "hx-trigger" not in text(status)
    assert not default_storage.exists(f"{selectors.FOLDER}/{token}.upload")
    # A second click on Apply applies nothing twice.
    admin_client.post(reverse("organisation_import:apply", args=[token]))
    assert Post.objects.filter(source=Source.HR).count() == 4


def test_a_file_with_errors_shows_every_problem_and_offers_no_apply(admin_client, builtin_frameworks):
    bad = small_csv("b,Birk Skole,s,bo,Bo,bo@x.dk,Skoleleder,,bo,2020-01-01,", "c,,k,,,,,,,,")
    response = upload(admin_client, bad)

    preview = admin_client.get(response.url)

    page = text(preview)
    assert '<th scope="col">' in page
    assert "<td>hr.csv</td><td>7</td><td>manager_person_id</td>" in page
    assert "<td>hr.csv</td><td>8</td><td>unit_name</td>" in page
    assert reverse("organisation_import:apply", args=[token_of(response)]) not in page


def test_the_mapping_from_the_page_is_used(admin_client, builtin_frameworks):
    data = csv_file(*SMALL, header=",".join(["Afd", *small_csv().decode().split("\n")[0].split(",")[1:]]))

    response = upload(admin_client, data, mapping="unit_id: Afd")
    admin_client.post(reverse("organisation_import:apply", args=[token_of(response)]))

    assert Unit.objects.filter(source=Source.HR, key="a").exists()


def test_an_invalid_mapping_is_a_form_error(admin_client):
    response = upload(admin_client, small_csv(), mapping="- just\n- a list")

    assert response.status_code == 200
    assert "form-error-message" in text(response)


@override_settings(ORGANISATION_UPLOAD_MAX_BYTES=50)
def test_an_oversized_upload_is_refused_on_the_form(admin_client):
    response = upload(admin_client, small_csv())

    assert response.status_code == 200
    assert "hr.csv" in text(response) and "form-error-message" in text(response)
    assert Unit.objects.count() == 0


def test_another_sessions_upload_cannot_be_seen_or_applied(
    admin_client, client, builtin_frameworks, django_user_model
):
    token = token_of(upload(admin_client, small_csv()))
    other = django_user_model.objects.create_user(username="hr2", password="x-pass-2", is_staff=True)
    client.force_login(other)

    assert client.get(reverse("organisation_import:preview", args=[token])).status_code == 404
    assert client.post(reverse("organisation_import:apply", args=[token])).status_code == 404
    assert Unit.objects.count() == 0


def test_the_status_page_polls_while_the_import_runs(admin_client, builtin_frameworks):
    token = token_of(upload(admin_client, small_csv()))
    uploads.upload_status_write(token=token, status={"state": "running", "done": 30, "total": 60})
    session = admin_client.session
    session["organisation_imports"][token]["applying"] = True
    session.save()

    response = admin_client.get(reverse("organisation_import:status", args=[token]), HTTP_HX_REQUEST="true")

    page = text(response)
    assert 'hx-trigger="every 1s"' in page and 'aria-live="polite"' in page
    assert 'value="50"' in page
    assert "<html" not in page


def test_discard_deletes_the_stored_upload(admin_client, builtin_frameworks):
    token = token_of(upload(admin_client, small_csv()))

    admin_client.post(reverse("organisation_import:discard", args=[token]))

    assert not default_storage.exists(f"{selectors.FOLDER}/{token}.upload")
    assert admin_client.get(reverse("organisation_import:preview", args=[token])).status_code == 404


def test_the_page_flow_logs_nothing_personal(admin_client, builtin_frameworks, caplog):
    with caplog.at_level(logging.DEBUG):
        response = upload(admin_client, small_csv())
        admin_client.get(response.url)
        applied = admin_client.post(reverse("organisation_import:apply", args=[token_of(response)]))
        admin_client.get(applied.url)

    for person in Person.objects.all():
        assert person.name not in caplog.text and person.email not in caplog.text


# --- The command ----------------------------------------------------------------------------------------


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("org_import", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def test_the_command_shows_the_plan_on_a_dry_run_and_writes_nothing(tmp_path, builtin_frameworks):
    path = tmp_path / "hr.csv"
    path.write_bytes(small_csv())

    out, _err, error = command(str(path), "--dry-run")

    assert error is None
    assert "new                4         4         4" in out
    assert "Dry run: nothing written." in out
    assert Unit.objects.count() == 0
    out, _err, error = command(str(path))
    assert "Imported." in out and Post.objects.count() == 4


def test_the_command_prints_every_problem_and_fails(tmp_path, builtin_frameworks):
    path = tmp_path / "hr.csv"
    path.write_bytes(small_csv("b,Birk Skole,s,bo,Bo,bo@x.dk,Skoleleder,,bo,2020-01-01,", "c,,k,,,,,,,,"))

    out, _err, error = command(str(path))

    # The command speaks the installation's language, Danish by default.
    assert "error: hr.csv:7: manager_person_id: En person kan ikke være sin egen leder." in out
    assert "error: hr.csv:8: unit_name:" in out
    assert error == "hr.csv: 2 error(s); nothing imported."
    assert Unit.objects.count() == 0


def test_the_command_reads_a_mapping_file_and_a_format(tmp_path, builtin_frameworks):
    path = tmp_path / "org.json"
    path.write_bytes((settings.BASE_DIR / "docs" / "examples" / "os2mo-organisation.json").read_bytes())
    mapping = tmp_path / "levels.yaml"
    mapping.write_text("Niveau 4: kontorchef\n", encoding="utf-8")

    out, _err, error = command(str(path), "--format", "os2mo", "--mapping", str(mapping))

    assert error is None, out
    assert Post.objects.get(person__name="Allan Ahorn").level.key == "kontorchef"


def test_the_command_shows_progress_for_a_big_file(tmp_path, builtin_frameworks):
    lines = ["k,Kommune,,,,,,,,,"] + [f"k,Kommune,,p{i},Person {i},,Pædagog,,,," for i in range(2500)]
    path = tmp_path / "big.csv"
    path.write_bytes(csv_file(*lines))

    out, err, error = command(str(path), "--dry-run")

    assert error is None
    assert "100% (" in err and "%" in err.split("\r")[1]


def test_the_command_reports_a_missing_file(tmp_path):
    _out, _err, error = command(str(tmp_path / "nothing.csv"))

    assert "nothing.csv" in error


def test_opening_the_import_page_deletes_uploads_older_than_a_day(admin_client):
    long_ago = timezone.now() - datetime.timedelta(hours=25)
    with mock.patch("django.core.files.storage.memory.now", return_value=long_ago):
        old = uploads.upload_store(data=b"old")
        uploads.upload_status_write(token=old, status={"state": "done", "outcome": None})
    fresh = uploads.upload_store(data=b"fresh")

    assert admin_client.get(START).status_code == 200

    assert not default_storage.exists(f"{selectors.FOLDER}/{old}.upload")
    assert not default_storage.exists(f"{selectors.FOLDER}/{old}.json")
    assert selectors.upload_read(token=fresh) == b"fresh"
    uploads.upload_discard(token=fresh)


def apply_and_capture(client, data: bytes):
    """Upload, apply and open the result page; returns the task's result and the result page."""
    token = token_of(upload(client, data))
    enqueued = []
    task_type = type(tasks.org_import_run)
    real_enqueue = task_type.enqueue

    def enqueue(self, **kwargs):
        enqueued.append(real_enqueue(self, **kwargs))
        return enqueued[-1]

    with mock.patch.object(task_type, "enqueue", enqueue):
        applied = client.post(reverse("organisation_import:apply", args=[token]))
    (result,) = enqueued
    return result, client.get(applied.url)


def test_the_task_result_and_the_session_keep_counts_only(admin_client, builtin_frameworks):
    result, status = apply_and_capture(admin_client, small_csv())

    outcome = result.return_value["outcome"]
    assert outcome["applied"] and outcome["new"] == {"units": 4, "people": 4, "posts": 4}
    assert (outcome["errors"], outcome["warnings"]) == (0, 0)
    stored = repr(result.return_value) + repr(dict(admin_client.session)) + repr(status.context["status"])
    for person in Person.objects.filter(source=Source.HR):
        assert person.name not in stored and person.email not in stored
    assert "<td>4</td>" in text(status)


def test_an_apply_that_fails_its_checks_shows_the_number_of_errors(admin_client, builtin_frameworks):
    token = token_of(upload(admin_client, small_csv()))
    # What the task stores when the organisation changed after the preview and Apply found errors.
    uploads.upload_status_write(
        token=token,
        status={
            "state": "done",
            "outcome": {
                "format": "csv",
                "source": "hr",
                "rows": 5,
                "applied": False,
                "errors": 2,
                "warnings": 0,
                **{
                    c: {"units": 0, "people": 0, "posts": 0} for c in ("new", "changed", "ended", "unchanged")
                },
            },
        },
    )
    session = admin_client.session
    session["organisation_imports"][token]["applying"] = True
    session.save()

    page = text(admin_client.get(reverse("organisation_import:status", args=[token])))

    assert "2 fejl. Upload filen igen" in page
