#!/usr/bin/env python3
"""Fault: PostgreSQL restarted while respondents answer; the pages recover by themselves.

    .venv/bin/python bench/load/fault_database.py --restart       # restarts the machine's PostgreSQL
    .venv/bin/python bench/load/fault_database.py --terminate     # only ends the run's connections

CAUTION: --restart restarts the whole PostgreSQL server of 127.0.0.1:5432 (`pg_ctlcluster
--skip-systemctl-redirect 15 main restart -m fast`), which other work on the machine may be using: run it
seldom, on a machine of your own. --terminate ends only the run's own database connections
(`pg_terminate_backend`), which is what a restart does to the connections gunicorn and the task worker
keep (CONN_MAX_AGE), without the minute the server is away.

gunicorn with 3 workers and a task worker, the data of stack.py/data.py; respondents answer at once (open
the link, one autosave, "Send answers"), and a respondent whose request failed opens the link again a moment
later. Neither gunicorn nor the worker is restarted. Prints the requests and errors around the fault, when
the last error was (recovery), whether `/readyz` is ready again, what the retries found and the answers lost
(acknowledged, not stored; target 0).
"""

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import crowd  # noqa: E402
from stack import answers_stored, fetch, mails, say, stack, use_the_venv, wait_for  # noqa: E402

RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart", "-m", "fast"]
AFTER = 15  # seconds of answering after the fault


def fault(running, *, restart: bool, times: dict, done: threading.Event) -> None:
    time.sleep(3)  # the respondents are under way
    times["start"] = time.monotonic()
    try:
        if restart:
            subprocess.run(RESTART, check=True, capture_output=True, timeout=120)
        else:
            running.sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    finally:
        times["end"] = time.monotonic()
        wait_for(_ready_server, seconds=120, what="pg_isready", every=0.2)
        times["isready"] = time.monotonic()
    time.sleep(AFTER)
    done.set()


def _ready_server() -> bool:
    return (
        subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--restart", action="store_true", help="restart the PostgreSQL server (shared!)")
    how.add_argument("--terminate", action="store_true", help="end the run's own connections only")
    parser.add_argument("--respondents", type=int, default=8)
    args = parser.parse_args()
    with stack("dbrestart", worker_seconds=10) as running:
        running.prepare(invitations=900)
        running.start_web(workers=3)
        running.start_worker("sender")
        expected = running.data["invitations"]
        wait_for(lambda: len(mails(running.mail)) >= expected, seconds=300, what="the invitations' e-mails")
        tokens = [mail.token for mail in mails(running.mail)]
        processes = (running.gunicorn.pid, *sorted(running.web_worker_pids()), running.workers[0].pid)
        times: dict[str, float] = {}
        done = threading.Event()
        thread = threading.Thread(
            target=fault, args=(running,), kwargs={"restart": args.restart, "times": times, "done": done}
        )
        begun = time.monotonic()
        thread.start()
        outcome = crowd(running.port, tokens, threads=args.respondents, until=done, seconds=240)
        thread.join()
        ready = _readyz(running.port)
        what = "PostgreSQL restarted (-m fast)" if args.restart else "the run's connections terminated"
        say(
            f"\n{what} at {times['start'] - begun:.1f} s; "
            f"the command took {times['end'] - times['start']:.1f} s; "
            f"pg_isready {times['isready'] - times['start']:.1f} s after it began"
        )
        window = outcome.errors(since=times["start"])
        during = [entry for entry in outcome.requests if entry[0] >= times["start"]]
        say(
            f"requests from the fault on ({time.monotonic() - times['start']:.0f} s): {len(during)}; "
            f"failed: {len(window)}"
        )
        for at, step, error in window:
            say(f"   {at - times['start']:5.2f} s  {step}: {error}")
        if window:
            say(
                f"last failure {window[-1][0] - times['start']:.2f} s after the fault began, "
                f"{window[-1][0] - times['isready']:.2f} s after pg_isready"
            )
        ok_after = [entry for entry in during if entry[2] == "ok" and entry[0] >= times["isready"]]
        if ok_after:
            say(f"first page served after pg_isready: {ok_after[0][0] - times['isready']:.2f} s")
        same = processes == (running.gunicorn.pid, *sorted(running.web_worker_pids()), running.workers[0].pid)
        say(f"gunicorn, its workers and the task worker the same processes: {same}; /readyz: {ready}")
        say(
            f"retries: {outcome.retried_answered} found the answer stored, "
            f"{outcome.retried_form} found the form "
            f"and sent it; gave up: {len(outcome.gave_up)}"
        )
        stored = answers_stored(running, cycle_id=running.data["open_cycle"], tokens=outcome.acknowledged)
        say(
            f"acknowledged {stored['acknowledged']}; completed {stored['completed']}; "
            f"responses {stored['responses']}; "
            f"answers lost {stored['lost']}; duplicates {stored['duplicates']}"
        )
        bad = (
            stored["lost"]
            or stored["duplicates"]
            or stored["missing_responses"]
            or outcome.gave_up
            or not same
        )
        say("\nFAULT (database) " + ("FAILED" if bad else "PASSED: recovered by itself, nothing lost"))
        return 1 if bad else 0


def _readyz(port: int) -> str:
    started = time.monotonic()
    try:
        wait_for(lambda: fetch(port, "/readyz")[0] == 200, seconds=60, what="/readyz", every=0.5)
    except RuntimeError:
        return "not ready within 60 s"
    return f"ready (checked {time.monotonic() - started:.1f} s)"


if __name__ == "__main__":
    use_the_venv(__file__)
    sys.exit(main())
