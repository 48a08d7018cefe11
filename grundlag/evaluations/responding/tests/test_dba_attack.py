"""The anonymity promise against a database administrator (issue 12), as an attack with SQL only.

Ten employees answer one leader's cycle one at a time through the answering pages, each in a transaction
of its own as in production. The attacker then reads the database with SQL (no application key) and
tries to say which invitation gave which response, by the transaction id that wrote the rows (`xmin`),
by where the rows lie in the tables (`ctid`), by the order of the answers' ids, and by the answering
session's rows, before and after the cycle closes. Each response's answers follow a pattern only its
respondent used, so every guess can be checked.

Before the close there is nothing to re-link: a sent response is one sealed row that names only the
cycle, all of one size (the attacker sees which invitation wrote which sealed row, and that is all). The
close opens them and writes the responses in one transaction, in a random order, with new random ids,
so neither `xmin`, nor `ctid`, nor the answers' ids, nor the sealed rows say whose response is whose.
The answering keeps no session row, so the session attack finds nothing either.
"""

import base64
import json
import zlib

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import Answer, RaterGroup, Response, SealedResponse
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

RESPONDENTS = 10
# A re-link is no better than chance when it finds at most this many of the ten: a random order matches
# one on average, and seven or more with a probability below 0.01 % (the fixed points of a random
# permutation), while a working attack finds all ten.
CHANCE = 6

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="the attack reads PostgreSQL's system columns"
    ),
    pytest.mark.django_db(transaction=True),
]


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
    assert SealedResponse.objects.filter(cycle=evaluee.cycle).count() == RESPONDENTS
    assert not Response.objects.exists()
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
PARAMETERS = list(ATTACKS)


@pytest.mark.parametrize("attack", PARAMETERS)
def test_a_database_reader_cannot_link_a_response_to_its_invitation_while_the_cycle_is_open(answered, attack):
    cycle, given = answered
    assert _correct(ATTACKS[attack](cycle), given) <= CHANCE


@pytest.mark.parametrize("attack", PARAMETERS)
def test_a_database_reader_cannot_link_a_response_to_its_invitation_after_close(answered, attack):
    cycle, given = answered
    cycle_close(cycle=cycle, by=None)
    assert _correct(ATTACKS[attack](cycle), given) <= CHANCE


def test_the_sealed_rows_say_who_answered_and_nothing_that_survives_the_close(answered):
    cycle, given = answered
    # What the attacker may know: which invitation wrote which sealed row (the same transaction).
    sealed = dict(
        _rows(
            "SELECT s.id, i.id FROM evaluations_sealedresponse s JOIN evaluations_invitation i "
            "ON i.xmin = s.xmin WHERE s.cycle_id = %s",
            [cycle.pk],
        )
    )
    assert sorted(sealed.values()) == sorted(given)
    assert len({length for (length,) in _rows("SELECT length(sealed) FROM evaluations_sealedresponse")}) == 1
    cycle_close(cycle=cycle, by=None)
    responses = _rows(
        "SELECT r.id, r.xmin::text FROM evaluations_response r JOIN evaluations_evaluee e "
        "ON e.id = r.evaluee_id WHERE e.cycle_id = %s",
        [cycle.pk],
    )
    assert len(responses) == RESPONDENTS
    assert not {response_id for response_id, _xmin in responses} & set(sealed)  # new ids, not the sealed
    (close_transaction,) = {xmin for _id, xmin in responses}  # all written at once, by the close
    invitation_xmins = _rows(
        "SELECT xmin::text FROM evaluations_invitation WHERE id = ANY(%s)", [list(given)]
    )
    assert close_transaction not in {xmin for (xmin,) in invitation_xmins}
    assert not SealedResponse.objects.filter(cycle=cycle).exists()
