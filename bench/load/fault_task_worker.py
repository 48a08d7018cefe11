#!/usr/bin/env python3
"""Fault: a task worker killed (SIGKILL) while it sends a cycle's invitations.

    .venv/bin/python bench/load/fault_task_worker.py [--invitations 1500]   # about 2 minutes

The data of stack.py/data.py: a cycle launched through the real services, which queues one task that
e-mails every invitation (`invitations_send`, resumable). Task worker A runs it; when about a quarter of the
e-mails are written, A is killed with SIGKILL and worker B is started, as systemd would restart it. B's
heartbeat thread finds A silent for READINESS_WORKER_SECONDS (10 s here, 60 s by default) and queues the task
again (`tasks_of_lost_workers_recover`); the task skips the invitations already marked sent.

Prints the e-mails before the kill, how long until B sent again and until all were sent, and the e-mails per
invitation (each answer link once; the link is per invitation, and a person invited to rate two leaders gets
two): missing (target 0) and twice (target 0; one is possible by design when the kill falls between the mail
server's acceptance and the mark, `invitation_emails_send`).
"""

import argparse
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import digest, mails, say, stack, use_the_venv, wait_for  # noqa: E402

WORKER_SECONDS = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invitations", type=int, default=1500)
    parser.add_argument("--kill-at", type=float, default=0.25, help="the share sent when A is killed")
    args = parser.parse_args()
    with stack("taskkill", worker_seconds=WORKER_SECONDS) as running:
        running.prepare(invitations=args.invitations)
        expected = running.data["invitations"]
        first = running.start_worker("a")
        started = time.monotonic()
        wait_for(
            lambda: len(mails(running.mail)) >= expected * args.kill_at,
            seconds=300,
            what="worker A sending",
            every=0.05,
        )
        os.kill(first.pid, signal.SIGKILL)
        killed = time.monotonic()
        first.wait()
        before = len(mails(running.mail))
        say(f"\nworker A killed after {killed - started:.1f} s, {before} of {expected} e-mails written")
        running.start_worker("b")
        wait_for(lambda: len(mails(running.mail)) > before, seconds=120, what="worker B sending", every=0.1)
        resumed = time.monotonic()
        wait_for(lambda: _all_marked(running), seconds=300, what="every invitation marked sent", every=0.2)
        finished = time.monotonic()
        sent = mails(running.mail)
        per_link = Counter(mail.token for mail in sent)
        links = {row[0] for row in running.sql("SELECT token_digest FROM evaluations_invitation")}
        twice = sum(1 for count in per_link.values() if count > 1)
        unmarked = running.sql(
            "SELECT count(*) FROM evaluations_invitation WHERE sent_at IS NULL AND email > ''"
        )
        say(f"worker B started at once; sending again {resumed - killed:.1f} s after the kill")
        say(f"all sent {finished - killed:.1f} s after the kill ({finished - started:.1f} s all told)")
        say(
            f"e-mails written {len(sent)} for {expected} invitations: {len(per_link)} links, "
            f"{twice} sent twice, {expected - len(per_link)} never sent, {unmarked[0][0]} not marked sent; "
            f"recipients {len({mail.recipient for mail in sent})}"
        )
        foreign = sum(1 for token in per_link if digest(token) not in links)
        bad = twice or expected != len(per_link) or unmarked[0][0] or foreign
        say("\nFAULT (task worker killed) " + ("FAILED" if bad else "PASSED: everything sent, nothing twice"))
        return 1 if bad else 0


def _all_marked(running) -> bool:
    return (
        running.sql("SELECT count(*) FROM evaluations_invitation WHERE sent_at IS NULL AND email > ''")[0][0]
        == 0
    )


if __name__ == "__main__":
    use_the_venv(__file__)
    sys.exit(main())
