"""An import that would do harm is stopped: one that ends most of the organisation, a loop of managers,
an import whose worker stopped, a dry run that would lock the site, a file parsed on every preview."""

import datetime
import html
import io
import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from grundlag.organisation.imports import readers, selectors
from grundlag.organisation.imports.planning import ImportOutcome
from grundlag.organisation.imports.readers.common import Problem
from grundlag.organisation.imports.services import applying as applying_service
from grundlag.organisation.imports.services import uploads
from grundlag.organisation.imports.services.applying import org_import
from grundlag.organisation.imports.tests.import_files import csv_file, small_csv, small_xlsx
from grundlag.organisation.models import Person, Post, Source, Unit
from grundlag.organisation.tests.factories import PostFactory

pytestmark = pytest.mark.django_db
START = reverse("organisation_import:start")


def run(data: bytes, **kwargs):
    return org_import(data=data, filename=kwargs.pop("filename", "hr.csv"), **kwargs)


def text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def without_tokens(page: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", page)  # the CSRF tokens of each page


def upload(client, data: bytes, name="hr.csv"):
    response = client.post(START, {"file": SimpleUploadedFile(name, data), "format": ""})
    assert response.status_code == 302, text(response)
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def active_hr_posts() -> int:
    return Post.objects.filter(source=Source.HR, end_date__isnull=True).count()


# --- An import that ends most of the organisation ---------------------------------------------------------


def test_the_service_refuses_a_header_only_file_that_would_end_everything(builtin_frameworks):
    run(small_csv())

    outcome = run(csv_file())

    assert not outcome.applied
    (error,) = outcome.errors
    assert "end 4 of 4 units and 4 of 4 posts, and 4 people would have no post left" in error.message
    assert "more than 20 %" in error.message
    assert active_hr_posts() == 4 and not Unit.objects.filter(end_date__isnull=False).exists()


def test_the_service_applies_an_import_that_ends_much_when_confirmed(builtin_frameworks):
    run(small_csv())

    outcome = run(csv_file(), confirm_ending=True)

    assert outcome.applied and outcome.ended == {"units": 4, "people": 0, "posts": 4}
    assert active_hr_posts() == 0


def test_an_import_that_ends_a_small_share_needs_no_confirmation(builtin_frameworks, settings):
    settings.ORGANISATION_IMPORT_MAX_ENDED_PERCENT = 25
    run(small_csv())

    outcome = run(small_csv(without=(3,)))  # Tom's post: 1 of 4 posts, 25 %

    assert outcome.applied and outcome.ended["posts"] == 1 and not outcome.ends_too_much


def test_the_preview_warns_and_the_apply_needs_the_box_ticked(admin_client, builtin_frameworks):
    run(small_csv())
    token = upload(admin_client, csv_file())

    page = text(admin_client.get(reverse("organisation_import:preview", args=[token])))

    assert "Denne import afslutter mere end 20 % af organisationen." in page
    assert "Den afslutter 4 af 4 enheder og 4 af 4 stillinger; 4 personer vil ikke have nogen" in page
    assert 'name="confirm_ending"' in page and "required" in page
    # Without the box (a form posted by hand), the service refuses and the result page says why.
    applied = admin_client.post(reverse("organisation_import:apply", args=[token]))
    status = text(admin_client.get(applied.url))
    assert "den blev ikke bekræftet. Intet blev skrevet." in status
    assert active_hr_posts() == 4


def test_the_ticked_box_applies_the_import(admin_client, builtin_frameworks):
    run(small_csv())
    token = upload(admin_client, csv_file())

    admin_client.post(reverse("organisation_import:apply", args=[token]), {"confirm_ending": "on"})

    assert active_hr_posts() == 0


def test_an_ordinary_preview_asks_for_no_confirmation(admin_client, builtin_frameworks):
    page = text(
        admin_client.get(reverse("organisation_import:preview", args=[upload(admin_client, small_csv())]))
    )

    assert "confirm_ending" not in page and "af organisationen" not in page


# --- Managers in a loop -----------------------------------------------------------------------------------

LOOP = [
    "k,Kommune,,a,Anna,,Leder,,b,2020-01-01,",
    "k,Kommune,,b,Bent,,Leder,,a,2020-01-01,",
]


def test_two_people_who_manage_each_other_are_an_error_naming_both_rows(builtin_frameworks):
    outcome = run(csv_file(*LOOP), dry_run=True)

    (error,) = outcome.errors
    assert error.column == "manager_person_id" and error.row == 2
    assert "The managers form a loop: Anna → Bent → Anna (rows 2, 3)." in error.message


def test_a_longer_loop_of_managers_is_an_error_and_nothing_is_written(builtin_frameworks):
    rows = [
        "k,Kommune,,t,Top,,Direktør,,,2020-01-01,",
        "k,Kommune,,a,Anna,,Leder,,c,2020-01-01,",
        "k,Kommune,,b,Bent,,Leder,,a,2020-01-01,",
        "k,Kommune,,c,Cecilie,,Leder,,b,2020-01-01,",
        "k,Kommune,,d,Dan,,Lærer,,a,2020-01-01,",  # below the loop, not in it
    ]

    outcome = run(csv_file(*rows))

    assert [e.message for e in outcome.errors] == [
        "The managers form a loop: Anna → Cecilie → Bent → Anna (rows 3, 5, 4). "
        "Someone in it must have a manager outside it."
    ]
    assert not outcome.applied and Unit.objects.count() == 0


def test_a_loop_that_closes_through_a_post_entered_by_hand_is_an_error(builtin_frameworks):
    run(csv_file("k,Kommune,,a,Anna,,Leder,,,2020-01-01,", "k,Kommune,,b,Bent,,Leder,,,2020-01-01,"))
    anna, bent = (Person.objects.get(source=Source.HR, key=key) for key in ("a", "b"))
    PostFactory(person=anna, manager=bent, start_date=datetime.date(2021, 1, 1))  # by hand, elsewhere

    outcome = run(
        csv_file("k,Kommune,,a,Anna,,Leder,,,2020-01-01,", "k,Kommune,,b,Bent,,Leder,,a,2020-01-01,")
    )

    (error,) = outcome.errors
    assert "The managers form a loop: Anna → Bent → Anna (rows 3)." in error.message
    assert not outcome.applied and not Post.objects.filter(source=Source.HR, manager=anna).exists()


def test_a_loop_only_through_a_post_that_has_ended_is_no_error(builtin_frameworks):
    ended = ["k,Kommune,,a,Anna,,Leder,,b,2020-01-01,2021-01-01", "k,Kommune,,b,Bent,,Leder,,a,2020-01-01,"]

    assert run(csv_file(*ended), dry_run=True).errors == []


# --- An import whose worker stopped ---------------------------------------------------------------------


def applying(client, token: str) -> None:
    session = client.session
    session["organisation_imports"][token]["applying"] = True
    session.save()


def status_page(client, token: str) -> str:
    return text(client.get(reverse("organisation_import:status", args=[token])))


def test_a_running_import_without_progress_for_too_long_is_interrupted_and_can_be_applied_again(
    admin_client, builtin_frameworks
):
    token = upload(admin_client, small_csv())
    applying(admin_client, token)
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    with mock.patch.object(uploads.timezone, "now", return_value=long_ago):  # the worker was killed then
        uploads.upload_status_write(token=token, status={"state": "running", "done": 45, "total": 60})

    page = status_page(admin_client, token)

    assert "Importen blev afbrudt; intet blev ændret." in page
    assert "hx-trigger" not in page and "importen fortsætter" not in page
    assert reverse("organisation_import:preview", args=[token]) in page
    admin_client.post(reverse("organisation_import:apply", args=[token]))
    assert Post.objects.filter(source=Source.HR).count() == 4
    assert "Importen er gennemført." in status_page(admin_client, token)


def test_an_import_whose_task_failed_without_saying_so_is_interrupted(admin_client, builtin_frameworks):
    token = upload(admin_client, small_csv())
    applying(admin_client, token)
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="grundlag.organisation.imports.tasks.org_import_run",
        backend_name="default",
        run_after=timezone.now(),
    )
    uploads.upload_task_write(token=token, task_id=str(task.pk))
    uploads.upload_status_write(token=token, status={"state": "running", "done": 1, "total": 60})

    assert "Importen blev afbrudt; intet blev ændret." in status_page(admin_client, token)


def test_an_import_whose_worker_took_it_long_ago_and_never_began_is_interrupted(
    admin_client, builtin_frameworks
):
    token = upload(admin_client, small_csv())
    applying(admin_client, token)
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="grundlag.organisation.imports.tasks.org_import_run",
        backend_name="default",
        run_after=timezone.now(),
    )
    uploads.upload_task_write(token=token, task_id=str(task.pk))
    uploads.upload_status_write(token=token, status={"state": "queued"})

    assert "Importen blev afbrudt; intet blev ændret." in status_page(admin_client, token)
    task.status = TaskResultStatus.READY  # waiting for a worker, however long, is no interruption
    task.save()
    assert "afbrudt" not in status_page(admin_client, token)


def test_a_running_import_that_reports_progress_is_not_interrupted(admin_client, builtin_frameworks):
    token = upload(admin_client, small_csv())
    applying(admin_client, token)
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="grundlag.organisation.imports.tasks.org_import_run",
        backend_name="default",
        run_after=timezone.now(),
    )
    uploads.upload_task_write(token=token, task_id=str(task.pk))
    uploads.upload_status_write(token=token, status={"state": "running", "done": 30, "total": 60})

    page = status_page(admin_client, token)

    assert "afbrudt" not in page and "hx-trigger" in page
    # A second click while it runs applies nothing twice.
    admin_client.post(reverse("organisation_import:apply", args=[token]))
    assert Post.objects.count() == 0


def test_a_locked_database_ends_the_task_with_a_status_and_keeps_the_upload(builtin_frameworks):
    token = uploads.upload_store(data=small_csv(), filename="hr.csv")
    locked = OperationalError("database is locked")

    with mock.patch.object(uploads, "org_import", side_effect=locked):
        status = uploads.upload_import(
            token=token, filename="hr.csv", format=None, mapping=None, user_id=None, language="en"
        )

    assert status == {"state": "interrupted", "reason": "locked"}
    assert selectors.upload_status_read(token=token)["state"] == "interrupted"
    assert selectors.upload_read(token=token) == small_csv()
    uploads.upload_discard(token=token)


# --- Planning only reads -------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_opens_no_transaction(builtin_frameworks):
    run(small_csv())

    with CaptureQueriesContext(connection) as queries:
        outcome = run(csv_file(), dry_run=True)

    assert outcome.ended["posts"] == 4
    statements = [q["sql"].split(None, 1)[0].upper() for q in queries.captured_queries]
    assert statements and set(statements) == {"SELECT"}, statements


def test_the_preview_writes_nothing_to_the_database(admin_client, builtin_frameworks):
    run(small_csv())
    token = upload(admin_client, small_csv(without=(3,)))

    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse("organisation_import:preview", args=[token]))

    sql = [q["sql"] for q in queries.captured_queries]
    # The session middleware may save the session (idle expiry); the import itself writes nothing and
    # opens no transaction of its own.
    writes = [q for q in sql if q.startswith(("INSERT", "UPDATE", "DELETE"))]
    session_writes = [q for q in writes if "django_session" in q]
    assert writes == session_writes
    assert len([q for q in sql if q.startswith(("SAVEPOINT", "BEGIN"))]) <= len(session_writes)


# --- The file is parsed once ---------------------------------------------------------------------------


def test_the_file_is_parsed_once_however_often_the_preview_is_loaded(admin_client, builtin_frameworks):
    calls = []
    real_read = readers.read

    def counting_read(*args, **kwargs):
        calls.append(kwargs.get("filename"))
        return real_read(*args, **kwargs)

    with (
        mock.patch.object(uploads, "read", counting_read),
        mock.patch.object(selectors, "read", counting_read),
        mock.patch.object(applying_service, "read", counting_read),
    ):
        token = upload(admin_client, small_csv())
        first = text(admin_client.get(reverse("organisation_import:preview", args=[token])))
        second = text(admin_client.get(reverse("organisation_import:preview", args=[token])))
        admin_client.post(reverse("organisation_import:apply", args=[token]))

    assert calls == ["hr.csv"]
    assert "Lis Leder" in first and without_tokens(first) == without_tokens(second)
    assert Post.objects.filter(source=Source.HR).count() == 4
    # Once applied, neither the file nor the rows read from it are kept (the result keeps counts only).
    assert not default_storage.exists(f"{selectors.FOLDER}/{token}.upload")
    assert not default_storage.exists(f"{selectors.FOLDER}/{token}.rows.json")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("hr.xlsx", small_xlsx()),  # dates as real dates
        ("os2mo.json", (settings.BASE_DIR / "docs" / "examples" / "os2mo-organisation.json").read_bytes()),
        ("bad.csv", small_csv("b,Birk Skole,s,bo,Bo,bo@x.dk,Skoleleder,,bo,2020-01-01,")),  # with an error
    ],
)
def test_the_stored_rows_plan_exactly_as_the_file_does(builtin_frameworks, name, data):
    token = uploads.upload_store(data=data, filename=name)
    stored = selectors.upload_read_result(token=token)

    from_file = selectors.org_import_plan(data=data, filename=name)
    from_stored = selectors.org_import_plan(data=data, filename=name, read_result=stored)

    assert from_stored.outcome.as_dict() == from_file.outcome.as_dict()
    assert [r.columns for r in from_stored.rows] == [r.columns for r in from_file.rows]
    uploads.upload_discard(token=token)


def test_the_command_refuses_an_import_that_ends_much_unless_confirmed(tmp_path, builtin_frameworks):
    run(small_csv())
    path = tmp_path / "empty.csv"
    path.write_bytes(csv_file())

    with pytest.raises(CommandError, match="If the file is complete, run again with --confirm-ending"):
        call_command("org_import", str(path), stdout=io.StringIO())
    assert active_hr_posts() == 4

    call_command("org_import", str(path), "--confirm-ending", stdout=io.StringIO())
    assert active_hr_posts() == 0


def test_applying_a_file_parses_it_before_the_transaction(builtin_frameworks):
    outside = len(connection.savepoint_ids)  # the test's own transaction
    depths = []
    real_read = readers.read

    def recording_read(*args, **kwargs):
        depths.append(len(connection.savepoint_ids))
        return real_read(*args, **kwargs)

    with mock.patch.object(applying_service, "read", recording_read):
        assert run(small_csv()).applied

    assert depths == [outside]


def start_page(client) -> str:
    page = text(client.get(reverse("core:home")))
    return page[page.index("<main") : page.index("</main>")]


def test_an_import_that_stopped_with_an_error_is_on_the_administrators_start_page(
    admin_client, builtin_frameworks
):
    token = upload(admin_client, small_csv())
    with mock.patch.object(uploads, "org_import", side_effect=RuntimeError("the disk is full")):
        admin_client.post(reverse("organisation_import:apply", args=[token]))

    page = start_page(admin_client)
    assert "Ikke gennemført: importen stoppede med en fejl; intet blev ændret." in page
    assert "the disk is full" not in page
    assert not Post.objects.filter(source=Source.HR).exists()


def test_an_import_whose_file_was_gone_and_one_refused_for_its_errors_are_on_the_start_page(
    admin_client, builtin_frameworks
):
    token = upload(admin_client, small_csv())
    default_storage.delete(f"{selectors.FOLDER}/{token}.upload")
    admin_client.post(reverse("organisation_import:apply", args=[token]))
    assert "Ikke gennemført: den uploadede fil var der ikke længere" in start_page(admin_client)

    refused = ImportOutcome(format="hr", source="hr", rows=7)
    refused.problems.append(Problem(file="hr.csv", row=3, column="email", message="not an e-mail address"))
    token = upload(admin_client, small_csv())
    with mock.patch.object(uploads, "org_import", return_value=refused):
        admin_client.post(reverse("organisation_import:apply", args=[token]))
    page = start_page(admin_client)
    assert "Ikke gennemført: 1 fejl i filen; intet blev ændret." in page
    assert "not an e-mail address" not in page
