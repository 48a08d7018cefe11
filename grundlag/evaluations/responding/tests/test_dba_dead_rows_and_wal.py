"""The anonymity promise against a database administrator (issue 12): what a DBA finds in the old row
versions and in the write-ahead log, with SQL only and no application key.

Ten employees answer one leader's open question through the answering pages: each saves a draft with a
comment, changes the comment (so the draft's old version stays behind as a dead row) and sends. Every
comment carries a marker of its own (with a non-ASCII letter, so its UTF-8 bytes are searched). The DBA,
a superuser without the key, then reads every page of the app's tables, their TOAST tables and indexes
(and of the whole database) with `pageinspect`, dead versions included and before any VACUUM, and every
byte of the WAL written while they answered, with `pg_read_binary_file`.

The attack fails: until the cycle closes, what was written exists only sealed (AES-GCM, the key in the
settings), in the live rows and in every dead version and WAL record alike, so no marker is found. The
comments appear in plain text only in the WAL of the close, written in one transaction in a random order,
so neither the transaction id nor the order of the WAL tells which invitation wrote which comment. A
comment replaced while answering is never written in plain text at all.
"""

import re
import secrets
import struct
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from grundlag.evaluations.cycles.services import cycle_close
from grundlag.evaluations.models import (
    Comment,
    Cycle,
    Invitation,
    QuestionKind,
    RaterGroup,
    Response,
    SealedDraft,
    SealedResponse,
)
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

RESPONDENTS = 10
STATEMENTS = 3
# The close writes the comments in a random order. How many of the ten land in their place of submission is
# the number of fixed points of a random permutation: one on average, seven or more once in about 12,700
# closes (286 of the 10! orders). An order that follows the submissions puts all ten in place.
CHANCE = 6

# A WAL page starts with a header, longer on a segment's first page; a record that crosses pages is split
# by it, so the headers are cut out before searching (src/include/access/xlog_internal.h).
WAL_PAGE_HEADER = struct.Struct("<HHIQI")  # magic, info, timeline, the page's own address, remaining length
SHORT_PAGE_HEADER, LONG_PAGE_HEADER, XLP_LONG_HEADER = 24, 40, 0x0002

pytestmark = [
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'", reason="the attack reads PostgreSQL's pages and WAL files"
    ),
    pytest.mark.django_db(transaction=True),
]


def _rows(sql: str, params: list | tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _execute(sql: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _one(sql: str, params: list | tuple = ()):
    return _rows(sql, params)[0][0]


def _lsn() -> int:
    """Where the next WAL record will go: everything written after this call lies beyond it."""
    return int(_one("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn"))


def _flushed_lsn() -> int:
    """How far the WAL is in its files: every transaction committed so far (synchronously) lies before it."""
    return int(_one("SELECT pg_current_wal_flush_lsn() - '0/0'::pg_lsn"))


def _lsn_text(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


def _wal(start: int, end: int) -> bytes:
    """The WAL's bytes from `start` to `end`, read from the segment files with SQL, page headers cut out so
    that a record crossing a page reads as one run of bytes. Each page's own address is checked, so a
    recycled file's old content is never taken for the WAL asked for; only the unused rest of a segment
    after a WAL switch (`pg_switch_wal`, `archive_timeout`) holds no WAL and is passed over."""
    segment = int(_one("SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'"))
    page = int(_one("SELECT current_setting('wal_block_size')::int"))
    timeline = int(_one("SELECT timeline_id FROM pg_control_checkpoint()"))
    per_id = 0x1_0000_0000 // segment
    switched = {
        int(lsn) // segment
        for (lsn,) in _rows(
            "SELECT start_lsn - '0/0'::pg_lsn FROM pg_get_wal_records_info(%s::pg_lsn, %s::pg_lsn) "
            "WHERE resource_manager = 'XLOG' AND record_type = 'SWITCH'",
            [_lsn_text(start), _lsn_text(end)],
        )
    }
    last_segment = (end - 1) // segment
    found = bytearray()
    for number in range(start // segment, last_segment + 1):
        name = f"{timeline:08X}{number // per_id:08X}{number % per_id:08X}"
        first = max(start, number * segment) // page * page
        last = min(end, (number + 1) * segment)
        length = -(-(last - first) // page) * page
        data = bytes(
            _one(
                "SELECT pg_read_binary_file(%s, %s, %s)",
                [f"pg_wal/{name}", first - number * segment, length],
            )
        )
        for at in range(0, len(data), page):
            address = first + at
            _magic, info, _timeline, own, _remaining = WAL_PAGE_HEADER.unpack_from(data, at)
            if own != address:
                assert number in switched and number != last_segment and address > start, (
                    f"{name}: the page at {_lsn_text(address)} is not the WAL asked for"
                )
                break  # the rest of a segment the WAL was switched away from
            header = LONG_PAGE_HEADER if info & XLP_LONG_HEADER else SHORT_PAGE_HEADER
            begin, finish = max(address + header, start), min(address + page, end)
            if begin < finish:
                found += data[begin - first : finish - first]
    return bytes(found)


def _wal_readable() -> None:
    if _one("SHOW wal_compression") != "off":
        pytest.skip("full-page images in the WAL are compressed: a byte search cannot read them")


def _found_in(haystack: bytes, markers: list[str]) -> list[str]:
    return [marker for marker in markers if marker.encode() in haystack]


# Every page of the app's tables, their TOAST tables and the indexes of both.
APP_RELATIONS = """
    WITH app AS (
        SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'evaluations\\_%%'
    ), tables AS (
        SELECT oid FROM app UNION SELECT reltoastrelid FROM app WHERE reltoastrelid <> 0
    )
    SELECT oid FROM tables UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM tables)
"""
# Every page of every relation of the database (catalogs included) that this session may read.
ALL_RELATIONS = "SELECT oid FROM pg_class WHERE relkind IN ('r', 't', 'i', 'm') AND relpersistence <> 't'"


def _pages(relations: str) -> dict[str, int]:
    """Each relation's name and how many pages it has."""
    return dict(
        _rows(
            f"SELECT r.oid::regclass::text, pg_relation_size(r.oid) / current_setting('block_size')::int "
            f"FROM ({relations}) AS r(oid)"
        )
    )


def _pages_with(relations: str, markers: list[str]) -> list[tuple[str, int, str]]:
    """(relation, page, marker) for each marker found in the raw bytes of a page: live, dead and unused
    row versions alike, as they lie in the buffers (and so on disk)."""
    return _rows(
        f"""
        SELECT r.oid::regclass::text, p.n, convert_from(m.marker, 'UTF8')
        FROM ({relations}) AS r(oid)
        CROSS JOIN LATERAL generate_series(
            0, pg_relation_size(r.oid) / current_setting('block_size')::int - 1) AS p(n)
        CROSS JOIN LATERAL (SELECT get_raw_page(r.oid::regclass::text, p.n) AS page) AS g
        CROSS JOIN unnest(%s::bytea[]) AS m(marker)
        WHERE position(m.marker IN g.page) > 0
        """,
        [[marker.encode() for marker in markers]],
    )


@dataclass
class Answered:
    cycle: Cycle
    invitation_ids: list[int]  # in the order the respondents sent their answers
    sent: list[str]  # the marker in each one's sent comment, in the same order
    replaced: list[str]  # the marker in each one's first comment, changed before sending
    start: int  # the WAL's insert position before anyone answered
    end: int  # and after everyone had sent


@pytest.fixture
def answered(builtin_frameworks):
    """Ten employees answer through the pages: a draft with a comment, the comment changed, then sent."""
    assert _one("SHOW server_encoding") == "UTF8"  # the markers are searched as UTF-8 bytes
    _execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
    _execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect")
    # Each commit of the pages below then waits until its WAL is in the files, where it is read.
    _execute("SET synchronous_commit TO on")
    evaluee = EvalueeFactory()
    statements = [QuestionFactory(cycle=evaluee.cycle, level_key="", position=n) for n in range(STATEMENTS)]
    comment = QuestionFactory(cycle=evaluee.cycle, level_key="", position=STATEMENTS, kind=QuestionKind.OPEN)
    invitations = [InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE) for _ in range(RESPONDENTS)]
    tokens = [invitation_token_issue(invitation=invitation) for invitation in invitations]
    # A temporary slot holds on to the WAL from here, so no checkpoint recycles a segment before it is read.
    slot = f"grundlag_test_{secrets.token_hex(6)}"
    _rows("SELECT pg_create_physical_replication_slot(%s, true, true)", [slot])
    start = _lsn()
    sent, replaced = [], []
    for number, token in enumerate(tokens):
        sent.append(f"MARKØR-{number}-{secrets.token_hex(4)}")
        replaced.append(f"UDKAST-ÆØÅ-{number}-{secrets.token_hex(4)}")
        scale = {f"q-{q.pk}": str(1 + (number + n) % 5) for n, q in enumerate(statements)}
        field = f"q-{comment.pk}"
        client = Client()
        assert client.get(reverse("evaluations:answer_start", kwargs={"token": token})).status_code == 302
        # "Save and continue later" with everything, then the autosave of the changed comment.
        first = {**scale, field: f"Min leder lytter. {replaced[-1]}"}
        assert client.post(reverse("evaluations:answer_save"), first).status_code == 200
        changed = {field: f"Min leder lytter og handler. {sent[-1]}"}
        assert (
            client.post(reverse("evaluations:answer_save"), changed, HTTP_HX_REQUEST="true").status_code
            == 200
        )
        submit = client.post(reverse("evaluations:answer_submit"), {**scale, **changed})
        assert submit.status_code == 302 and submit.url == reverse("evaluations:answer_done")
    end = _flushed_lsn()
    assert SealedResponse.objects.filter(cycle=evaluee.cycle).count() == RESPONDENTS
    assert not SealedDraft.objects.exists()
    assert not Response.objects.filter(evaluee=evaluee).exists()  # nothing is opened before the close
    yield Answered(evaluee.cycle, [i.pk for i in invitations], sent, replaced, start, end)
    _rows("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = %s", [slot])


def test_it_leaves_no_comment_in_any_row_version_while_the_cycle_is_open(answered):
    markers = answered.sent + answered.replaced
    # The drafts were saved, changed, saved again and deleted: every version is still in the table, dead,
    # since nothing has vacuumed it. So the pages searched below do hold the old versions.
    dead = _one(
        """
        SELECT count(*) FROM generate_series(
            0, pg_relation_size('evaluations_sealeddraft') / current_setting('block_size')::int - 1) AS p(n)
        CROSS JOIN LATERAL heap_page_items(get_raw_page('evaluations_sealeddraft', p.n)) AS t
        WHERE t.lp_flags = 1 AND t.t_data IS NOT NULL AND t.t_xmax::text <> '0'
        """
    )
    assert dead >= 2 * RESPONDENTS  # at least the version with the first comment and the one sent
    # The sealed bytes are too long for a row: they lie in the TOAST tables, which are searched too.
    pages = _pages(APP_RELATIONS)
    toast = _one(
        "SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'evaluations_sealeddraft'"
    )
    assert pages[toast] > 0 and pages["evaluations_sealedresponse"] > 0
    assert _pages_with(APP_RELATIONS, markers) == []
    # And nowhere else in the database either (an audit record, a catalog, an index).
    assert _pages_with(ALL_RELATIONS, markers) == []


def test_it_writes_no_comment_to_the_write_ahead_log_while_the_cycle_is_open(answered):
    _wal_readable()
    wal = _wal(answered.start, answered.end)
    assert _found_in(wal, answered.sent + answered.replaced) == []
    # The WAL read is where the drafts and the sealed responses were written: its records name their
    # tables and TOAST tables (pg_walinspect), and their sealed bytes are in it.
    database = _one("SELECT oid FROM pg_database WHERE datname = current_database()")
    written = {
        (int(db), int(node))
        for (refs,) in _rows(
            "SELECT block_ref FROM pg_get_wal_records_info(%s::pg_lsn, %s::pg_lsn) "
            "WHERE block_ref IS NOT NULL",
            [_lsn_text(answered.start), _lsn_text(answered.end)],
        )
        for db, node in re.findall(r"rel \d+/(\d+)/(\d+)", refs)
    }
    nodes = _rows(
        "SELECT pg_relation_filenode(c.oid), pg_relation_filenode(c.reltoastrelid) FROM pg_class c "
        "WHERE c.relname IN ('evaluations_sealeddraft', 'evaluations_sealedresponse')"
    )
    assert {(database, node) for pair in nodes for node in pair} <= written
    sealed = bytes(SealedResponse.objects.filter(cycle=answered.cycle).values_list("sealed", flat=True)[0])
    assert sealed[100:164] in wal  # a run of the first TOAST chunk


def test_the_comments_reach_the_write_ahead_log_only_at_the_close_in_an_order_that_tells_nothing(answered):
    _wal_readable()
    before_close = _lsn()
    cycle_close(cycle=answered.cycle, by=None)
    after_close = _flushed_lsn()
    # A group of ten employees: every comment is published, so the close writes it in plain text.
    assert Comment.objects.filter(evaluee__cycle=answered.cycle).count() == RESPONDENTS
    assert _found_in(_wal(answered.start, before_close), answered.sent) == []
    closing = _wal(before_close, after_close)
    assert _found_in(closing, answered.sent) == answered.sent
    # The page search finds them now too, in the comments' table: it would have found them before.
    assert {relation for relation, _page, _marker in _pages_with(APP_RELATIONS, answered.sent)} == {
        "evaluations_comment"
    }
    # The order the comments were written in is not the order they were sent in.
    first_seen = sorted(range(RESPONDENTS), key=lambda number: closing.index(answered.sent[number].encode()))
    in_place = sum(1 for position, number in enumerate(first_seen) if position == number)
    assert in_place <= CHANCE


def test_a_replaced_comment_is_never_written_in_plain_text_even_after_the_close(answered):
    _wal_readable()
    cycle_close(cycle=answered.cycle, by=None)
    after_close = _flushed_lsn()
    assert _found_in(_wal(answered.start, after_close), answered.replaced) == []
    assert _pages_with(ALL_RELATIONS, answered.replaced) == []


def test_the_close_writes_every_response_and_comment_in_one_transaction_apart_from_the_invitations(answered):
    cycle_close(cycle=answered.cycle, by=None)
    # Every row written at close for this cycle: the responses, their answers and their comments.
    written = _rows(
        """
        WITH responses AS (
            SELECT r.id, r.xmin FROM evaluations_response r
            JOIN evaluations_evaluee e ON e.id = r.evaluee_id WHERE e.cycle_id = %s
        )
        SELECT xmin::text FROM responses
        UNION SELECT c.xmin::text FROM evaluations_comment c
            JOIN evaluations_evaluee e ON e.id = c.evaluee_id WHERE e.cycle_id = %s
        UNION SELECT a.xmin::text FROM evaluations_answer a JOIN responses r ON r.id = a.response_id
        """,
        [answered.cycle.pk, answered.cycle.pk],
    )
    assert Response.objects.filter(evaluee__cycle=answered.cycle).count() == RESPONDENTS
    assert len(written) == 1  # one transaction wrote every response, answer and comment
    invitations = {
        xmin
        for (xmin,) in _rows(
            "SELECT xmin::text FROM evaluations_invitation WHERE id = ANY(%s)", [answered.invitation_ids]
        )
    }
    assert len(invitations) == RESPONDENTS  # each completed in a transaction of its own
    assert written[0][0] not in invitations
    assert (
        Invitation.objects.filter(pk__in=answered.invitation_ids, status="completed").count() == RESPONDENTS
    )
