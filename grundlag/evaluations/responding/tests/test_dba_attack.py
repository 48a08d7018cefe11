"""The anonymity promise against a database administrator (issue 12), as an attack with SQL only.

Ten employees answer one leader's cycle one at a time through the answering pages, each in a transaction
of its own as in production. The attacker then reads the database with SQL (no application key) and
tries to say which invitation gave which response, by the transaction id that wrote the rows (`xmin`),
by where the rows lie in the tables (`ctid`), by the order of the answers' ids, and by the answering
session's rows, before and after the cycle closes. Each response's answers follow a pattern only its
respondent used, so every guess can be checked.

The answering keeps no session row, so the session attack finds nothing. The transaction id, the order
of the writes and (mostly) the physical row order still re-link every response: those tests are expected
to fail until the sealed design of issue 12 lands, and `strict` makes the first two fail loudly once it
does, so the markers go.
"""

import base64
import json
import zlib

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import Answer, RaterGroup, Response
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

RESPONDENTS = 10
# A re-link is no better than chance when it finds at most this many of the ten (a random guess finds one
# on average, five or more with a probability below 0.4 %).
CHANCE = 4

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="the attack reads PostgreSQL's system columns"
    ),
    pytest.mark.django_db(transaction=True),
]
# Still open (issue 12): the response is written in the transaction that completes its invitation, and in
# the order the invitations complete. `strict` fails these loudly once sealing closes them.
NOT_YET = pytest.mark.xfail(strict=True, reason="issue 12: responses are not yet sealed against the database")


def _pattern(number: int) -> list[int]:
    """Respondent number's answers to the three statements: distinct for each of the ten."""
    return [1 + number % 5, 1 + (number // 5) % 5, 1 + (number * 3) % 5]


@pytest.fixture
def answered(builtin_frameworks):
    """The cycle, and for each invitation id the answers its respondent gave (submitted one at a time)."""
    evaluee = EvalueeFactory()
    statements = [QuestionFactory(cycle=evaluee.cycle, level_key="", position=n) for n in range(3)]
    given = {}
    for number in range(RESPONDENTS):
        invitation = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
        client = Client()
        token = invitation_token_issue(invitation=invitation)
        assert client.get(reverse("evaluations:answer_start", kwargs={"token": token})).status_code == 302
        answers = {f"q-{q.pk}": str(v) for q, v in zip(statements, _pattern(number), strict=True)}
        assert client.post(reverse("evaluations:answer_submit"), answers).status_code == 302
        given[invitation.pk] = _pattern(number)
    assert Response.objects.filter(evaluee=evaluee).count() == RESPONDENTS
    return evaluee.cycle, given


def _answers_of(response_id) -> list[int]:
    return list(
        Answer.objects.filter(response_id=response_id)
        .order_by("question__position")
        .values_list("value", flat=True)
    )


def _correct(links: dict, given: dict[int, list[int]]) -> int:
    """How many of the attacker's (response → invitation) links are right."""
    return sum(
        1
        for response_id, invitation_id in links.items()
        if given.get(invitation_id) == _answers_of(response_id)
    )


def _rows(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def _by_transaction_id(cycle) -> dict:
    rows = _rows(
        "SELECT r.id, i.id FROM evaluations_response r JOIN evaluations_evaluee e ON e.id = r.evaluee_id "
        "JOIN evaluations_invitation i ON i.xmin = r.xmin WHERE e.cycle_id = %s",
        [cycle.pk],
    )
    return dict(rows)


def _responses_in_order(cycle) -> list:
    """The responses in the order they were written, as the smallest id among each one's answers says."""
    return [
        row[0]
        for row in _rows(
            "SELECT a.response_id FROM evaluations_answer a "
            "JOIN evaluations_response r ON r.id = a.response_id "
            "JOIN evaluations_evaluee e ON e.id = r.evaluee_id WHERE e.cycle_id = %s "
            "GROUP BY a.response_id ORDER BY MIN(a.id)",
            [cycle.pk],
        )
    ]


def _invitations_answered(cycle, *, order: str) -> list[int]:
    return [
        row[0]
        for row in _rows(
            "SELECT i.id FROM evaluations_invitation i JOIN evaluations_evaluee e ON e.id = i.evaluee_id "
            f"WHERE e.cycle_id = %s AND i.status = 'completed' ORDER BY {order}",
            [cycle.pk],
        )
    ]


def _by_write_order(cycle) -> dict:
    """Responses in the order their answers' ids say they were written, matched to the answered invitations
    in the order of the transactions that completed them (a transaction id grows with time)."""
    invitations = _invitations_answered(cycle, order="i.xmin::text::bigint")
    return dict(zip(_responses_in_order(cycle), invitations, strict=False))


def _by_row_order(cycle) -> dict:
    """Responses and answered invitations each in the order they lie in their tables."""
    responses = _rows(
        "SELECT r.id FROM evaluations_response r JOIN evaluations_evaluee e ON e.id = r.evaluee_id "
        "WHERE e.cycle_id = %s ORDER BY r.ctid",
        [cycle.pk],
    )
    invitations = _invitations_answered(cycle, order="i.ctid")
    return {r[0]: i for r, i in zip(responses, invitations, strict=False)}


def _session_invitations() -> list[int]:
    """The invitation ids in the answering sessions, read without the key, in the order of their expiry."""
    found = []
    for (data,) in _rows("SELECT session_data FROM django_session ORDER BY expire_date"):
        payload = data.split(":")[0]
        compressed = payload.startswith(".")
        raw = base64.urlsafe_b64decode(payload.lstrip(".") + "=" * (-len(payload.lstrip(".")) % 4))
        session = json.loads(zlib.decompress(raw) if compressed else raw)
        found += [value for key, value in session.items() if "invitation" in key]
    return found


def _by_session_order(cycle) -> dict:
    return dict(zip(_responses_in_order(cycle), _session_invitations(), strict=False))


ATTACKS = {
    "transaction id": _by_transaction_id,
    "order of writes": _by_write_order,
    "physical row order": _by_row_order,
    "answer ids and session rows": _by_session_order,
}
PARAMETERS = [
    pytest.param("transaction id", marks=NOT_YET),
    pytest.param("order of writes", marks=NOT_YET),
    # Where an updated row lands depends on the free space in its page, so this one re-links all, or
    # nearly all, today: expected to fail, without `strict`.
    pytest.param("physical row order", marks=pytest.mark.xfail(reason="issue 12: not yet sealed")),
    "answer ids and session rows",
]


@pytest.mark.parametrize("attack", PARAMETERS)
def test_a_database_reader_cannot_link_a_response_to_its_invitation_while_the_cycle_is_open(answered, attack):
    cycle, given = answered
    assert _correct(ATTACKS[attack](cycle), given) <= CHANCE


@pytest.mark.parametrize("attack", PARAMETERS)
def test_a_database_reader_cannot_link_a_response_to_its_invitation_after_close(answered, attack):
    cycle, given = answered
    cycle_close(cycle=cycle, by=None)
    assert _correct(ATTACKS[attack](cycle), given) <= CHANCE
