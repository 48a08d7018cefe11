"""A task worker killed while it sends a cycle's invitations: what it had sent is not sent again, and the rest
is sent by another worker once the killed one is taken as gone, without anyone touching anything."""

import datetime
import signal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from grundlag.core.tests.workers import WorkerDatabase, wait_until
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Invitation

pytestmark = pytest.mark.django_db(transaction=True)
INVITATIONS = Invitation._meta.db_table
TASKS = DBTaskResult._meta.db_table
GATE = "grundlag.evaluations.cycles.tests.mail.GateBackend"


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def launched(builtin_frameworks, small_organisation, administrator):
    """The schools' cycle launched: its invitations wait in one task for a worker."""
    cycle = services.cycle_create(
        name="Ledelsesevaluering 2026",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    services.evaluees_add(cycle=cycle, unit=small_organisation["units"]["schools"], by=administrator)
    return services.cycle_launch(cycle=cycle, by=administrator)


@pytest.fixture
def workers(tmp_path):
    database = WorkerDatabase(tmp_path)
    yield database
    database.stop_all()


def test_a_worker_killed_mid_send_leaves_nothing_sent_twice_and_the_rest_is_sent_by_the_next(
    launched, workers, tmp_path, admin_client
):
    mails = tmp_path / "mails"
    mails.mkdir()
    to_send = sorted(
        Invitation.objects.filter(evaluee__cycle=launched).exclude(email="").values_list("email", flat=True)
    )
    assert len(to_send) > 3
    workers.hand_over()
    gate = {"EMAIL_BACKEND": GATE, "MAIL_DIR": str(mails), "READINESS_WORKER_SECONDS": "1"}

    killed = workers.start(MAIL_HOLD_AT="3", **gate)
    wait_until((mails / "held").exists, what="the worker to hold the third e-mail")
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    # Today's state when nothing recovers: the two accepted e-mails are marked, the task is left running.
    assert workers.scalar(f"SELECT count(*) FROM {INVITATIONS} WHERE sent_at IS NOT NULL") == 2
    assert workers.scalar(f"SELECT status FROM {TASKS}") == TaskResultStatus.RUNNING

    following = workers.start(**gate)
    wait_until(
        lambda: workers.scalar(f"SELECT count(*) FROM {TASKS} WHERE status = 'SUCCESSFUL'"),
        what="the next worker to finish the sending",
    )
    following.send_signal(signal.SIGTERM)
    output, _ = following.communicate(timeout=60)
    assert following.returncode == 0, output
    workers.take_back()

    received = sorted(path.read_text() for path in mails.glob("mail-*"))
    assert received == to_send  # everyone once: none twice, none left out
    assert (
        not Invitation.objects.filter(evaluee__cycle=launched, sent_at__isnull=True)
        .exclude(email="")
        .exists()
    )
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL and len(task.worker_ids) == 2
    page = admin_client.get(reverse("evaluations:cycle_detail", args=[launched.pk]))
    assert page.status_code == 200
