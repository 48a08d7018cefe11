"""Benchmark: a municipality's (or the country's) evaluation cycle, its reports, and answering under load.

On a fresh database: the organisation is generated and imported through the real importer, then one
closed cycle evaluating every leader is generated (`grundlag/evaluations/cycles/generator.py`). Timed
in-process with the test client as signed-in users, beside baselines measured in the same run:

- a leader's report page (as that leader) and its PDF (once), against `/healthz` and against the same
  aggregation as one raw SQL group-by (the leader's answers by rater group and statement);
- the organisation heatmap (`evaluations:org_report`, if that URL exists) as the top director and as an
  administrator, against the same aggregation as one raw SQL group-by (answers by unit and section);
- on PostgreSQL only: 50 concurrent respondents (threads, each with its own client and database
  connection) answering and submitting distinct invitations of an open cycle through the real pages;
  responses per second beside 50 threads requesting `/healthz` as often; then the database is checked:
  no error response, every answer submitted is there (sealed), no answer in progress is left;
- closing one municipality's cycle whose responses are sealed (opened, left out where never shown,
  shuffled and written at the close), against closing the same cycle with its responses already
  written as rows (as before responses were sealed), in the same run.

    .venv/bin/python bench/evaluations.py                      # municipality, SQLite
    .venv/bin/python bench/evaluations.py --scale national     # ≈27 million answers: takes long
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/evaluations.py
"""

import argparse
import functools
import gc
import logging
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    teardown_databases,
)
from django.urls import NoReverseMatch, reverse  # noqa: E402

REPEAT = 50
RESPONDENTS = 50
logging.getLogger("axes").setLevel(logging.WARNING)


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("municipality", "national"), default="municipality")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    args = parser.parse_args()
    from grundlag.frameworks.services import builtin_frameworks_load

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_evaluations"
    if args.scale == "national":
        print("The national scale generates ≈27 million answers: expect it to take a long time.")
    # Not setup_test_environment(): its template instrumentation (a copy of every template's context, for
    # the tests' response.context) is no part of a server's time. The test client's host is allowed instead.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    databases = setup_databases(verbosity=0, interactive=False)
    started = time.perf_counter()
    try:
        print(
            f"\nGrundlag evaluation benchmark ({connection.vendor}, {args.scale}, "
            f"{args.repeat} requests per page)"
        )
        call_command("flush", interactive=False, verbosity=0)
        builtin_frameworks_load()
        _bench(args.scale, args.repeat)
    finally:
        teardown_databases(databases, verbosity=0)
    print(f"\nThe whole run took {time.perf_counter() - started:.0f} s.")


def _bench(scale: str, repeat: int) -> None:
    cycle = _generate(scale)
    gc.collect()
    leader, director = _leaders(cycle)
    leader_client, director_client = _signed_in(leader.person), _signed_in(director.person)
    administrator = Client()
    administrator.force_login(_user("bench-admin", staff=True))

    results = [_timed("bare endpoint /healthz (baseline)", Client(), "/healthz", repeat * 4)]
    results.append(
        _timed_sql(
            "raw SQL: one leader's answers by group and statement (baseline)",
            *_leader_sql(leader.pk),
            repeat,
        )
    )
    report_url = reverse("evaluations:report", kwargs={"evaluee_id": leader.pk})
    results.append(
        _timed(f"report, a leader ({leader.level_name}) as that leader", leader_client, report_url, repeat)
    )
    first_opens = [
        reverse("evaluations:report", kwargs={"evaluee_id": pk})
        for pk in cycle.evaluees.exclude(pk=leader.pk).order_by("?").values_list("pk", flat=True)[:repeat]
    ]
    name = f"report, {len(first_opens)} other leaders', each opened once (administrator)"
    results.append(_timed_each(name, administrator, first_opens))
    results.append(
        _timed("report PDF, none kept: made in the click", leader_client, report_url + "pdf/", 1, warm=False)
    )
    results += _kept_pdfs(cycle, leader, leader_client, report_url + "pdf/", repeat)
    heatmap = _heatmap_url(cycle)
    heatmap_repeat = max(5, repeat // 5)
    results.append(
        _timed_sql("raw SQL: answers by unit and section (baseline)", *_heatmap_sql(cycle.pk), heatmap_repeat)
    )
    if heatmap is None:
        print("  skipped the organisation heatmap: no URL named evaluations:org_report")
    else:
        for name, client in [("top director", director_client), ("administrator", administrator)]:
            try:
                results.append(_timed(f"organisation heatmap, {name}", client, heatmap, heatmap_repeat))
            except Exception as error:  # noqa: BLE001 - a page still being built must not stop the run
                print(f"  the organisation heatmap failed for the {name}: {error!r}")
    _print(results)

    if connection.vendor == "postgresql":
        _bench_submissions()
    else:
        print("\n  skipped concurrent answering: it is measured on PostgreSQL only")
    _bench_close()


def _bench_close() -> None:
    """The first municipality's cycle closed twice: responses already rows (baseline), then sealed."""
    from grundlag.evaluations.cycles.services import cycle_close, evaluation_cycle_generate
    from grundlag.organisation.models import Unit

    root = Unit.objects.filter(parent__isnull=True).order_by("key").first()
    print(f"\n  closing one municipality's cycle ({root})")
    print(f"  {'what':66} {'s':>9} {'× baseline':>10}")
    baseline = None
    for sealed, name in [
        (False, "close, responses written as rows when sent (baseline, as before)"),
        (True, "close, responses sealed when sent: opened, shuffled, written"),
    ]:
        generated = evaluation_cycle_generate(
            seed=3, unit=root, close=False, sealed=sealed, local_statements=8, others=(2, 4), name=name[:40]
        )
        started = time.perf_counter()
        cycle_close(cycle=generated.cycle, by=None)
        took = time.perf_counter() - started
        baseline = baseline or took
        print(f"  {name:66} {took:9.2f} {took / baseline:10.2f}")
    sizes = (
        f"{generated.responses:,} responses, {generated.answers:,} answers, {generated.comments:,} comments"
    )
    print(f"  (each cycle: {sizes})")


def _generate(scale: str):
    """Import the generated organisation and run one closed cycle over all its leaders; the cycle."""
    from grundlag.evaluations.cycles.services import evaluation_cycle_generate
    from grundlag.organisation.imports.services.applying import organisation_import_generated

    started = time.perf_counter()
    outcome = organisation_import_generated(scale=scale, seed=1)
    assert outcome.applied and not outcome.problems, [str(problem) for problem in outcome.problems[:5]]
    imported = time.perf_counter() - started
    started = time.perf_counter()
    # Eight local statements and two to four others per leader, as municipalities run their cycles:
    # ≈600,000 answers for the municipality, ≈27 million for the country.
    generated = evaluation_cycle_generate(seed=1, local_statements=8, others=(2, 4))
    took = time.perf_counter() - started
    print(f"\n  organisation generated and imported in {imported:.1f} s")
    print(
        f"  cycle generated and closed in {took:.1f} s: {generated.evaluees:,} leaders, "
        f"{generated.invitations:,} invitations, {generated.responses:,} responses, "
        f"{generated.answers:,} answers ({generated.answers / took:,.0f} answers/s), "
        f"{generated.comments:,} comments"
    )
    return generated.cycle


def _leaders(cycle):
    """The evaluee with the most responses among the lower leaders, and the top director's evaluee."""
    from django.db.models import Count

    from grundlag.organisation.generator import DIRECTOR, INSTITUTION_LEADER

    evaluees = cycle.evaluees.select_related("person", "unit")
    leader = (
        evaluees.filter(level_key=INSTITUTION_LEADER)
        .annotate(n=Count("responses"))
        .order_by("-n", "pk")
        .first()
    )
    # The director of the largest municipality (the most leaders evaluated below them).
    directors = list(evaluees.filter(level_key=DIRECTOR))
    director = max(
        directors, key=lambda e: (cycle.evaluees.filter(unit__path__startswith=e.unit.path).count(), -e.pk)
    )
    return leader, director


def _heatmap_url(cycle) -> str | None:
    for kwargs in ({}, {"pk": cycle.pk}, {"cycle_id": cycle.pk}):
        try:
            url = reverse("evaluations:org_report", kwargs=kwargs)
        except NoReverseMatch:
            continue
        return f"{url}?cycle={cycle.pk}" if not kwargs else url
    return None


def _leader_sql(evaluee_id: int) -> tuple[str, list]:
    from grundlag.evaluations.models import Answer, Question, Response

    q = connection.ops.quote_name
    sql = (
        f"SELECT r.{q('group')}, a.question_id, COUNT(a.value), SUM(a.value), COUNT(*) "
        f"FROM {Answer._meta.db_table} a JOIN {Response._meta.db_table} r ON r.id = a.response_id "
        f"JOIN {Question._meta.db_table} qu ON qu.id = a.question_id "
        f"WHERE r.evaluee_id = %s AND qu.kind = 'scale' GROUP BY r.{q('group')}, a.question_id"
    )
    return sql, [evaluee_id]


def _heatmap_sql(cycle_id: int) -> tuple[str, list]:
    from grundlag.evaluations.models import Answer, Evaluee, Question, Response

    q = connection.ops.quote_name
    sql = (
        f"SELECT e.unit_id, qu.section_key, COUNT(a.value), SUM(a.value) "
        f"FROM {Answer._meta.db_table} a JOIN {Response._meta.db_table} r ON r.id = a.response_id "
        f"JOIN {Evaluee._meta.db_table} e ON e.id = r.evaluee_id "
        f"JOIN {Question._meta.db_table} qu ON qu.id = a.question_id "
        f"WHERE e.cycle_id = %s AND qu.kind = 'scale' AND r.{q('group')} IN ('employee', 'peer', 'other') "
        f"GROUP BY e.unit_id, qu.section_key"
    )
    return sql, [cycle_id]


def _timed(name: str, client: Client, url: str, repeat: int, *, warm: bool = True):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        first = time.perf_counter() - started
        query_count = len(queries)  # inside: each request empties the connection's query log
    if response.status_code != 200:
        raise AssertionError(f"{name}: {url} answered {response.status_code}")
    if not warm:
        return name, [first], query_count
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return name, times, query_count


def _kept_pdfs(cycle, leader, client: Client, pdf_url: str, repeat: int) -> list[tuple]:
    """The PDFs as the close makes them in the background (per leader), then the click that finds its own."""
    from grundlag.evaluations.models import ReportPdf
    from grundlag.evaluations.reports.services import report_pdfs_make

    ReportPdf.objects.all().delete()
    ids = [leader.pk, *cycle.evaluees.exclude(pk=leader.pk).order_by("pk").values_list("pk", flat=True)[:9]]
    started = time.perf_counter()
    made = report_pdfs_make(evaluee_ids=ids)
    each = (time.perf_counter() - started) / max(made, 1)
    return [
        (f"report PDFs made as at close, background, per leader ({made})", [each], 0),
        _timed("report PDF, kept since the close (the click)", client, pdf_url, repeat),
    ]


def _timed_each(name: str, client: Client, urls: list[str]):
    """Each URL once: what a leader meets who opens their report, not a page already asked for."""
    times, query_counts = [], []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            query_counts.append(len(queries))
        if response.status_code != 200:
            raise AssertionError(f"{name}: {url} answered {response.status_code}")
    return name, times, max(query_counts)


def _timed_sql(name: str, sql: str, params: list, repeat: int):
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            start = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            times.append(time.perf_counter() - start)
    assert rows, name
    return name, times[1:], 1


def _print(results) -> None:
    baseline_p95 = p95(results[0][1])
    print(f"\n  {'what':66} {'p95 ms':>9} {'median ms':>10} {'p95 ×':>8} {'queries':>8}")
    for name, times, queries in results:
        print(
            f"  {name:66} {p95(times) * 1000:9.1f} {statistics.median(times) * 1000:10.1f} "
            f"{p95(times) / baseline_p95:8.0f} {queries:8}"
        )
    print("  (× is the ratio to /healthz's p95 in the same run; the PDF is one request)")


def _bench_submissions() -> None:
    """50 respondents at once, each answering a distinct invitation of an open cycle through the pages."""
    from django.db import connections

    cycle, plans = _open_cycle_plans()
    expected_answers = sum(len(plan[1]) for plan in plans)
    connections.close_all()  # every thread opens its own connection
    errors: list[str] = []
    barrier = threading.Barrier(RESPONDENTS)
    baseline = _run_threads(plans, functools.partial(_healthz_thread, barrier=barrier, errors=errors))
    took = _run_threads(plans, functools.partial(_respond_thread, barrier=barrier, errors=errors))
    _print_submissions(cycle, baseline=baseline, took=took, expected_answers=expected_answers, errors=errors)


def _open_cycle_plans():
    """An open cycle for the first municipality's leaders, and what each of 50 respondents will answer:
    (token, statement ids, values, open question ids)."""
    from grundlag.evaluations.cycles.services import evaluation_cycle_generate
    from grundlag.evaluations.models import Invitation, QuestionKind
    from grundlag.evaluations.responding.answering import DONT_KNOW, questionnaire_for
    from grundlag.evaluations.responding.services import invitation_token_issue
    from grundlag.organisation.models import Unit

    root = Unit.objects.filter(parent__isnull=True).order_by("key").first()
    cycle = evaluation_cycle_generate(seed=2, unit=root, response_rate=0, close=False, name="Åben").cycle
    invitations = list(
        Invitation.objects.filter(evaluee__cycle=cycle, status=Invitation.Status.PENDING)
        .select_related("evaluee")
        .order_by("pk")[:RESPONDENTS]
    )
    assert len(invitations) == RESPONDENTS
    plans = []
    for number, invitation in enumerate(invitations):
        questions = questionnaire_for(invitation)
        statements = [q.pk for q in questions if q.kind == QuestionKind.SCALE]
        values = [
            DONT_KNOW if (number + i) % 20 == 0 else str(1 + (number + i) % 5) for i in range(len(statements))
        ]
        open_questions = [q.pk for q in questions if q.kind == QuestionKind.OPEN]
        plans.append((invitation_token_issue(invitation=invitation), statements, values, open_questions))
    return cycle, plans


HTMX = {"HX-Request": "true"}


def _respond_thread(plan, *, barrier: threading.Barrier, errors: list[str]) -> None:
    """One respondent: open the link, the form, 3 autosaves, save and continue later, submit."""
    from django.db import connections

    token, statements, values, open_questions = plan
    client = Client()
    try:
        barrier.wait()
        checks = [(client.get(reverse("evaluations:answer_start", kwargs={"token": token})), 302)]
        checks.append((client.get(reverse("evaluations:answer")), 200))
        half = len(statements) // 2
        for pk, value in zip(statements[:3], values[:3], strict=False):  # autosaves, one answer each
            autosave = client.post(reverse("evaluations:answer_save"), {f"q-{pk}": value}, headers=HTMX)
            checks.append((autosave, 200))
        saved = {f"q-{pk}": value for pk, value in zip(statements[:half], values[:half], strict=True)}
        checks.append((client.post(reverse("evaluations:answer_save"), saved), 200))  # save, continue later
        rest = {f"q-{pk}": value for pk, value in zip(statements[half:], values[half:], strict=True)}
        rest |= {f"q-{pk}": "Godt samarbejde." for pk in open_questions}
        checks.append((client.post(reverse("evaluations:answer_submit"), rest), 302))
        errors.extend(
            f"{response.request['PATH_INFO']} answered {response.status_code}"
            for response, status in checks
            if response.status_code != status
        )
    except Exception as error:  # noqa: BLE001 - every failure is reported below
        errors.append(repr(error))
    finally:
        connections.close_all()


def _healthz_thread(_plan, *, barrier: threading.Barrier, errors: list[str]) -> None:
    """The baseline: as many requests to /healthz as a respondent makes."""
    from django.db import connections

    client = Client()
    barrier.wait()
    for _ in range(8):
        if client.get("/healthz").status_code != 200:
            errors.append("/healthz failed")
    connections.close_all()


def _run_threads(plans, target) -> float:
    """Seconds for one thread per plan to run target to the end."""
    threads = [threading.Thread(target=target, args=(plan,)) for plan in plans]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def _print_submissions(
    cycle, *, baseline: float, took: float, expected_answers: int, errors: list[str]
) -> None:
    from grundlag.evaluations.models import Invitation, SealedDraft
    from grundlag.evaluations.responding.sealed import responses_open

    opened = list(responses_open(cycle=cycle))  # sent responses stay sealed until the close
    responses, answers = len(opened), sum(len(response.values) for response in opened)
    comments = sum(len(response.comments) for response in opened)
    print(
        f"\n  {RESPONDENTS} concurrent respondents, each: open the link, the form, 3 autosaves, save, submit"
    )
    print(f"  {'what':66} {'s':>9} {'per s':>10}")
    print(f"  {'50 threads × 8 requests to /healthz (baseline)':66} {baseline:9.2f} {400 / baseline:10.0f}")
    print(
        f"  {'50 responses answered and submitted (8 requests each)':66} {took:9.2f} "
        f"{RESPONDENTS / took:10.1f}"
    )
    print(
        f"  errors: {len(errors)}; responses {responses} of {RESPONDENTS}; answers {answers:,} of "
        f"{expected_answers:,}; comments {comments}; "
        f"answers in progress left {SealedDraft.objects.filter(invitation__evaluee__cycle=cycle).count()}"
    )
    assert not errors, errors[:5]
    assert responses == RESPONDENTS and answers == expected_answers
    assert not SealedDraft.objects.filter(invitation__evaluee__cycle=cycle).exists()
    assert (
        Invitation.objects.filter(evaluee__cycle=cycle, status=Invitation.Status.COMPLETED).count()
        == RESPONDENTS
    )


def _user(username: str, *, staff: bool = False):
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": staff})
    return user


def _signed_in(person) -> Client:
    person.user = _user(f"bench-{person.pk}")
    person.save(update_fields=["user"])
    client = Client()
    client.force_login(person.user)
    return client


if __name__ == "__main__":
    main()
