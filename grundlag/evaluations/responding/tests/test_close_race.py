"""Answers sent while their cycle is being closed are neither lost nor sealed into a closed cycle: the
submit waits for the close and is then told that the evaluation has closed. (Before, a submit locked the
leader's and the cycle's rows too, in another order than the close, and one of the two died of a
deadlock.)"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import Cycle, Invitation, RaterGroup, Response, SealedResponse
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

pytestmark = [
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="two sessions at once: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _in_a_thread(target, outcome: dict, key: str) -> threading.Thread:
    def run():
        try:
            outcome[key] = target()
        except ValidationError as error:
            outcome[key] = error.code
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _until(condition, *, seconds: float = 30) -> None:
    """Wait for a condition (checked again and again), failing after a generous deadline."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition was not reached"


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def test_a_submit_during_the_close_waits_for_it_and_is_told_the_evaluation_closed(builtin_frameworks):
    evaluee = EvalueeFactory()
    cycle = evaluee.cycle
    statement = QuestionFactory(cycle=cycle, level_key="")
    *early, late = (InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE) for _ in range(4))
    for invitation in early:
        responding.draft_answer_save(invitation=invitation, question_id=statement.pk, value=4)
        responding.response_submit(invitation=invitation)
    responding.draft_answer_save(invitation=late, question_id=statement.pk, value=2)
    closing_has_begun, go_on = threading.Event(), threading.Event()
    outcome: dict = {}

    def close():
        with transaction.atomic():
            Cycle.objects.select_for_update().get(pk=cycle.pk)  # where the close begins
            closing_has_begun.set()
            go_on.wait(30)
            return cycle_close(cycle=cycle, by=None).status

    closer = _in_a_thread(close, outcome, "close")
    assert closing_has_begun.wait(30)
    submitter = _in_a_thread(lambda: responding.response_submit(invitation=late), outcome, "submit")
    _until(lambda: "submit" in outcome or _someone_waits_for_a_lock())
    go_on.set()
    closer.join(60)
    submitter.join(60)

    assert outcome == {"close": Cycle.Status.CLOSED, "submit": answering.CLOSED}
    assert Response.objects.filter(evaluee=evaluee).count() == 3
    assert not SealedResponse.objects.exists()
    late.refresh_from_db()
    assert late.status == Invitation.Status.PENDING  # not counted as answered: it was not
