#!/usr/bin/env python3
"""Fault: a gunicorn web worker killed (SIGKILL) in the middle of submits.

    .venv/bin/python bench/load/fault_web_worker.py [--kills 5] [--respondents 12]   # about 2 minutes

gunicorn with 3 workers and the data of stack.py/data.py (a launched cycle, its links read from the e-mails).
Respondents answer at once (open the link, one autosave, "Send answers"), each taking the next link when
done; meanwhile one web worker is killed --kills times, each time after gunicorn's arbiter has replaced the
previous one. A respondent whose request died opens the link again, as a person would: the form again if
the answer was not stored (and sends it again), or the page that says it was already answered.

Prints the requests during the faults, the errors, how long the arbiter took to serve again, what the
retries found, and the answers lost (acknowledged, not stored) and duplicated (target 0 for both).
"""

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import crowd  # noqa: E402
from stack import answers_stored, fetch, mails, say, stack, use_the_venv, wait_for  # noqa: E402

WORKERS = 3


def kill_workers(running, *, kills: int, started: threading.Event, done: threading.Event) -> list[dict]:
    """Kill one worker at a time once the respondents are under way; wait for its replacement each time."""
    started.wait()
    killed = []
    for number in range(kills):
        time.sleep(1.5)  # the respondents are mid-way through their submits again
        before = running.web_worker_pids()
        victim = before[number % len(before)]
        at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        wait_for(
            lambda before=before, victim=victim: (
                len(pids := running.web_worker_pids()) == WORKERS
                and victim not in pids
                and set(pids) != set(before)
            ),
            seconds=60,
            what="gunicorn's arbiter replacing the killed worker",
            every=0.05,
        )
        replaced = time.monotonic()
        wait_for(lambda: _healthy(running.port), seconds=60, what="/healthz after the kill", every=0.05)
        killed.append({"at": at, "replaced": replaced - at, "serving": time.monotonic() - at})
    done.set()
    return killed


def _healthy(port: int) -> bool:
    try:
        return fetch(port, "/healthz")[0] == 200
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--respondents", type=int, default=12)
    args = parser.parse_args()
    with stack("webkill") as running:
        running.prepare(invitations=1200)
        running.start_web(workers=WORKERS)
        running.start_worker("sender")
        expected = running.data["invitations"]
        wait_for(lambda: len(mails(running.mail)) >= expected, seconds=300, what="the invitations' e-mails")
        tokens = [mail.token for mail in mails(running.mail)]
        started, done, killed = threading.Event(), threading.Event(), []

        def killer() -> None:
            killed.extend(kill_workers(running, kills=args.kills, started=started, done=done))

        thread = threading.Thread(target=killer)
        thread.start()
        begun = time.monotonic()
        started.set()
        outcome = crowd(running.port, tokens, threads=args.respondents, until=done, seconds=240)
        thread.join()
        ended = time.monotonic()
        say(f"\n{len(killed)} web workers killed with SIGKILL while {args.respondents} respondents answered")
        for kill in killed:
            say(
                f"   kill at {kill['at'] - begun:5.1f} s: replaced in {kill['replaced']:.2f} s, "
                f"/healthz served {kill['serving']:.2f} s after the kill"
            )
        errors = outcome.errors()
        say(
            f"requests during the run ({ended - begun:.0f} s): {len(outcome.requests)}, failed: {len(errors)}"
        )
        for _, step, error in errors:
            say(f"   failed {step}: {error}")
        say(
            f'retries: {outcome.retried_answered} found the answer stored ("already answered"), '
            f"{outcome.retried_form} found the form again and sent it; gave up: {len(outcome.gave_up)}"
        )
        stored = answers_stored(running, cycle_id=running.data["open_cycle"], tokens=outcome.acknowledged)
        say(
            f"acknowledged {stored['acknowledged']}; invitations completed {stored['completed']}; "
            f"responses stored {stored['responses']}"
        )
        say(
            f"answers lost: {stored['lost']}; duplicate responses: {stored['duplicates']}; "
            f"completed without a response: {stored['missing_responses']}"
        )
        bad = stored["lost"] or stored["duplicates"] or stored["missing_responses"] or outcome.gave_up
        bad = bad or stored["completed"] != stored["acknowledged"]
        say("\nFAULT (web worker killed) " + ("FAILED" if bad else "PASSED: nothing lost, nothing twice"))
        return 1 if bad else 0


if __name__ == "__main__":
    use_the_venv(__file__)
    sys.exit(main())
