#!/usr/bin/env python3
"""The load test: an evaluation season's traffic on Grundlag as production runs it, with locust.

    .venv/bin/python bench/load/run.py --users 200 --duration 60      # about 3 minutes in all

On a PostgreSQL database of its own (stack.py; 127.0.0.1:5432 unless DATABASE_URL names another server),
production settings, gunicorn with --workers workers and a task worker: the generated municipality, a closed
360° cycle of its ≈1,000 leaders (reports and heatmap to read) and a cycle launched through the real services
whose invitations the task worker e-mails to files; the answer links are read from those files. Then locust,
headless, for --duration seconds (locustfile.py): --users respondents answering at once through the real
pages, --leaders leaders on their reports, an administrator on the heatmap, and `/healthz` twice a second.

Prints per page: requests, requests/s, median and p95 (ms) and p95 as a multiple of `/healthz`'s p95 in the
same run (and of `/healthz` on the idle server before the load), errors; then the answers lost: every submit
acknowledged (the redirect to the thanks page) must be a completed invitation with a stored response.
Exit status 0: no errors and nothing lost.
"""

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import VENV, answers_stored, fetch, mails, say, stack, use_the_venv, wait_for  # noqa: E402

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def idle_healthz(port: int, count: int = 200) -> float:
    """`/healthz`'s p95 on the idle server, one request at a time (ms)."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        fetch(port, "/healthz")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.quantiles(times, n=20)[-1]


def run_locust(running, args, tokens: list[str]) -> tuple[list[dict], dict, float]:
    folder = running.folder
    (folder / "tokens.txt").write_text("\n".join(tokens))
    (folder / "data-for-locust.json").write_text(json.dumps(running.data))
    users = args.users + args.leaders + 2  # respondents, leaders, one administrator, /healthz
    env = dict(os.environ) | {
        "LOAD_DATA": str(folder / "data-for-locust.json"),
        "LOAD_TOKENS": str(folder / "tokens.txt"),
        "LOAD_RESULTS": str(folder / "results.json"),
        "LOAD_LEADERS": str(args.leaders),
        "LOAD_ADMINS": "1",
        "LOAD_THINK": str(args.think),
    }
    command = [
        str(VENV / "bin" / "locust"),
        *("-f", str(LOCUSTFILE), "--headless", "--only-summary", "--loglevel", "WARNING"),
        *("-u", str(users), "-r", str(max(1, users // 5)), "--run-time", f"{args.duration}s"),
        *(
            "--host",
            f"http://127.0.0.1:{running.port}",
            "--csv",
            str(folder / "locust"),
            "--stop-timeout",
            "0",
        ),
    ]
    say(
        f"-- locust: {users} users ({args.users} respondents) for {args.duration} s, "
        f"think time {args.think} s"
    )
    started = time.perf_counter()
    load_before = os.getloadavg()
    locust = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    say(
        f"   locust ran {elapsed:.0f} s (exit {locust.returncode}); "
        f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    if not (folder / "locust_stats.csv").exists():
        raise RuntimeError(f"locust wrote no statistics:\n{locust.stdout[-3000:]}\n{locust.stderr[-3000:]}")
    with (folder / "locust_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    with (folder / "locust_failures.csv").open() as failures:
        for failure in csv.DictReader(failures):
            say(
                f"   failure: {failure['Method']} {failure['Name']}: {failure['Error']} "
                f"× {failure['Occurrences']}"
            )
    return rows, json.loads((folder / "results.json").read_text()), elapsed


ORDER = [
    "/healthz (baseline)",
    "answer link (redirect)",
    "answer page",
    "autosave (htmx)",
    "submit",
    "leader report",
    "heatmap (organisation report)",
    "login page",
    "login (POST)",
    "Aggregated",
]


def report(rows: list[dict], idle: float) -> int:
    by_name = {row["Name"]: row for row in rows}
    health = float(by_name["/healthz (baseline)"]["95%"])
    say(f"\n/healthz p95 on the idle server before the load: {idle:.1f} ms; in the run: {health:.0f} ms\n")
    say(
        f"{'page':32} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'×healthz':>9} {'×idle':>7} {'errors':>6}"
    )
    errors = 0
    for name in ORDER:
        row = by_name.get(name)
        if row is None:
            continue
        p95 = float(row["95%"])
        failures = int(row["Failure Count"])
        errors += failures
        say(
            f"{name:32} {int(row['Request Count']):8d} {float(row['Requests/s']):7.1f} "
            f"{float(row['50%']):7.0f} {p95:7.0f} {p95 / health:9.1f} {p95 / idle:7.0f} {failures:6d}"
        )
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="respondents answering at once")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--think", type=float, default=3.0, help="seconds between two answers, on average")
    parser.add_argument("--leaders", type=int, default=10, help="leaders reading their reports")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn's workers")
    args = parser.parse_args()
    # Each respondent's first questionnaire, then a new one every ≈ 22 × think seconds: links to spare.
    invitations = int(args.users + args.users * args.duration / (20 * args.think) * 1.5) + 20
    with stack("run") as running:
        running.prepare(invitations=invitations, closed=1, leaders=args.leaders)
        running.start_web(workers=args.workers)
        running.start_worker("sender")
        expected = running.data["invitations"]
        started = time.perf_counter()
        wait_for(lambda: len(mails(running.mail)) >= expected, seconds=300, what="the invitations' e-mails")
        sent = mails(running.mail)
        tokens = [mail.token for mail in sent if mail.token]
        say(
            f"   {len(sent)} invitations e-mailed by the task worker "
            f"in {time.perf_counter() - started:.0f} s; "
            f"{len(set(tokens))} answer links read from the files"
        )
        random.Random(1).shuffle(tokens)
        idle = idle_healthz(running.port)
        rows, results, _ = run_locust(running, args, tokens)
        errors = report(rows, idle)
        stored = answers_stored(
            running, cycle_id=running.data["open_cycle"], tokens=set(results["acknowledged"])
        )
        say(
            f"\nsubmits acknowledged {stored['acknowledged']}, not acknowledged {len(results['in_doubt'])}; "
            f"invitations completed {stored['completed']}, responses stored {stored['responses']}"
        )
        say(
            f"answers lost (acknowledged, not stored): {stored['lost']}; duplicate responses: "
            f"{stored['duplicates']}; completed without a response: {stored['missing_responses']}; "
            f"drafts left of completed invitations: {stored['drafts_left_behind']}"
        )
        failed = errors or stored["lost"] or stored["duplicates"] or stored["missing_responses"]
        say("\nLOAD TEST " + ("FAILED" if failed else "PASSED: 0 errors, 0 answers lost"))
        return 1 if failed else 0


if __name__ == "__main__":
    use_the_venv(__file__)
    sys.exit(main())
