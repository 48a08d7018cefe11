"""The data of a load or fault run, made through the product's own services (run by stack.py, in the run's
production environment): the built-in frameworks, the generated municipality (seed 1, ≈400 units, 13,000
people), an administrator's login, and

- with --closed: a closed 360° cycle of every leader of the municipality, answered (the generator the
  evaluation benchmark uses: ≈1,000 leaders, 80 % answered), and logins for --leaders of its leaders, whose
  reports the leaders open and whose heatmap the administrator opens;
- a 360° cycle launched through `cycle_create`, `evaluees_add` and `cycle_launch`, with leaders added until
  at least --invitations raters are invited. The launch queues the sending of the invitations; a task
  worker sends them (stack.py starts it), and the answer links are read from the e-mails.

Writes what it made (ids and logins, no tokens) as JSON to --out.
"""

import argparse
import datetime
import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "load_settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from grundlag.accounts.services import demo_login_set  # noqa: E402
from grundlag.evaluations.cycles import services  # noqa: E402
from grundlag.evaluations.cycles.generator import framework_version_for_generating  # noqa: E402
from grundlag.evaluations.models import Evaluee, Invitation  # noqa: E402
from grundlag.organisation.imports.services.applying import organisation_import_generated  # noqa: E402
from grundlag.organisation.models import Post  # noqa: E402

INSTITUTION_LEADER = "dagtilbuds-skole-og-fu-leder"


def closed_cycle(*, admin, leaders: int) -> dict:
    started = time.perf_counter()
    generated = services.evaluation_cycle_generate(seed=1, close=True, name="Ledelsesevaluering (lukket)")
    print(
        f"closed cycle: {generated.evaluees} leaders, {generated.responses} responses, "
        f"{generated.answers} answers in {time.perf_counter() - started:.0f} s"
    )
    logins = []
    evaluees = Evaluee.objects.filter(cycle=generated.cycle, level_key=INSTITUTION_LEADER).order_by("pk")
    for evaluee in evaluees.select_related("person")[:leaders]:
        username, password = f"leader-{evaluee.pk}", secrets.token_urlsafe(12)
        demo_login_set(username=username, password=password, person=evaluee.person)
        logins.append({"username": username, "password": password, "evaluee": evaluee.pk})
    return {"closed_cycle": generated.cycle.pk, "leaders": logins}


def launched_cycle(*, admin, invitations: int) -> dict:
    """A cycle launched as an administrator does: leaders added a few at a time until enough are invited."""
    cycle = services.cycle_create(
        name="Ledelsesevaluering (åben)",
        framework_version=framework_version_for_generating(),
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=admin,
    )
    leaders = (
        Post.objects.active_on(timezone.localdate())
        .filter(level__key=INSTITUTION_LEADER)
        .order_by("unit__name", "pk")
        .select_related("person")
    )
    people = list(dict.fromkeys(post.person for post in leaders))
    while Invitation.objects.filter(evaluee__cycle=cycle).count() < invitations and people:
        batch, people = people[:5], people[5:]
        services.evaluees_add(cycle=cycle, people=batch, by=admin)
    services.cycle_launch(cycle=cycle, by=admin)
    invited = Invitation.objects.filter(evaluee__cycle=cycle).exclude(email="")
    print(f"launched cycle: {cycle.evaluees.count()} leaders, {invited.count()} invitations with an e-mail")
    return {"open_cycle": cycle.pk, "invitations": invited.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--invitations", type=int, default=300)
    parser.add_argument("--closed", type=int, default=0, help="1: also a closed cycle, with leaders' logins")
    parser.add_argument("--leaders", type=int, default=20)
    args = parser.parse_args()
    call_command("frameworks_load_builtin", verbosity=0)
    started = time.perf_counter()
    outcome = organisation_import_generated(scale="municipality", seed=1)
    assert outcome.applied and not outcome.problems, [str(problem) for problem in outcome.problems[:5]]
    print(f"municipality imported in {time.perf_counter() - started:.0f} s")
    password = secrets.token_urlsafe(12)
    admin = demo_login_set(username="load-admin", password=password, staff=True)
    made = {"admin": {"username": "load-admin", "password": password}}
    if args.closed:
        made |= closed_cycle(admin=admin, leaders=args.leaders)
    made |= launched_cycle(admin=admin, invitations=args.invitations)
    Path(args.out).write_text(json.dumps(made))


if __name__ == "__main__":
    main()
