"""Two runs of the sending at once (a second "send reminders" click while two task workers run, or a task
queued again while its worker still runs it) send each e-mail once: each invitation is sent in a transaction
that locks its row, and the second run finds it marked."""

import datetime
import threading
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from django.utils import timezone

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Invitation
from grundlag.evaluations.responding.services import invitation_emails_send

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite lets one transaction write at a time: the second run cannot begin until the first's "
        "invitation is marked, and that wait cannot be observed from a test",
    ),
]
DEADLINE_SECONDS = 60


def _launched_cycle(builtin_frameworks, small_organisation, administrator) -> list[int]:
    cycle = services.cycle_create(
        name="Ledelsesevaluering 2026",
        framework_version=builtin_frameworks["aarhus-boern-og-unge"],
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=administrator,
    )
    services.evaluees_add(cycle=cycle, unit=small_organisation["units"]["schools"], by=administrator)
    services.cycle_launch(cycle=cycle, by=administrator)
    return list(
        Invitation.objects.filter(evaluee__cycle=cycle).exclude(email="").values_list("pk", flat=True)
    )


def _waiting_for_a_lock(thread: threading.Thread) -> bool:
    """The other run is blocked on a row lock (or has finished: then it did not wait)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        (waiting,) = cursor.fetchone()
    return waiting > 0 or not thread.is_alive()


def test_two_runs_at_once_send_each_reminder_once(
    builtin_frameworks, small_organisation, administrator, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ids = _launched_cycle(builtin_frameworks, small_organisation, administrator)
    mail.outbox = []
    original, second = EmailBackend.send_messages, []

    def second_run() -> None:
        try:
            invitation_emails_send(invitation_ids=ids, reminder=True, reminder_number=1)
        finally:
            connections.close_all()

    def send_messages(self, messages):
        if not second:  # the first run is sending its first reminder: the second run begins now
            second.append(threading.Thread(target=second_run))
            second[0].start()
            deadline = timezone.now() + datetime.timedelta(seconds=DEADLINE_SECONDS)
            while not _waiting_for_a_lock(second[0]) and timezone.now() < deadline:
                second[0].join(timeout=0.05)
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    invitation_emails_send(invitation_ids=ids, reminder=True, reminder_number=1)
    second[0].join(timeout=DEADLINE_SECONDS)

    # One reminder per invitation (a person rating several leaders has several invitations).
    invited = Counter(Invitation.objects.filter(pk__in=ids).values_list("email", flat=True))
    assert Counter(message.to[0] for message in mail.outbox) == invited
    assert set(Invitation.objects.filter(pk__in=ids).values_list("reminders_sent", flat=True)) == {1}
