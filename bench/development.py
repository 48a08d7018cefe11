"""Benchmark: leader development's pages at municipality and national scale.

Each scale runs on a fresh database: the organisation imported through the real importer (as
bench/organisation.py does), an LUS round for the largest municipality (a dialogue for every leader in it),
the school leader's dialogue taken through every phase with a plan, and goals shared by many leaders; then the
leader's start page, the superior's overview and the dialogue's pages are timed against /healthz.
"""

import argparse
import datetime
import gc
import os
import sys
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
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.organisation import (  # noqa: E402
    REPEAT,
    _bench_import,
    _largest_municipality_leaders,
    _print,
    _signed_in,
    _timed_page,
    _user,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("municipality", "national", "both"), default="both")
    args = parser.parse_args()
    from grundlag.frameworks.services import builtin_frameworks_load

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_development"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"\nGrundlag development benchmark ({connection.vendor}, {REPEAT} requests per page)")
        for scale in ("municipality", "national") if args.scale == "both" else (args.scale,):
            call_command("flush", interactive=False, verbosity=0)
            builtin_frameworks_load()
            _bench_import(scale)
            cases = _development_made()
            gc.collect()
            _print([result for result in (_timed_page(case) for case in cases) if result is not None])
    finally:
        teardown_databases(databases, verbosity=0)


def _development_made() -> list[tuple]:
    """The round, the school leader's dialogue through every phase, shared goals; the pages to time."""
    from grundlag.development.dialogues import services
    from grundlag.development.models import Goal, Plan
    from grundlag.organisation.models import Post

    director_post, head_post = _largest_municipality_leaders()
    director, head = _signed_in(director_post.person), _signed_in(head_post.person)
    superior_post = Post.objects.filter(pk=head_post.pk).select_related("manager").get()
    chief = _signed_in(superior_post.manager)
    admin = _user("bench-admin", staff=True)
    started = time.perf_counter()
    today = timezone.localdate()
    opened = services.round_open(
        name="LUS", unit=director_post.unit, starts=today, ends=today + datetime.timedelta(days=120), by=admin
    )
    made = time.perf_counter() - started
    chief_user, head_user = superior_post.manager.user, head_post.person.user
    dialogue = services.dialogue_schedule(
        leader=head_post.person, when=timezone.now() + datetime.timedelta(days=7), by=chief_user
    )
    dialogue = services.dialogue_open(dialogue=dialogue, by=chief_user)
    sections = dialogue.pack.content["sections"]
    ratings = {s["id"]: services.RatingInput(value=4, reason="Fordi") for s in sections}
    for user in (head_user, chief_user):
        services.ratings_save(dialogue=dialogue, ratings=ratings, hand_in=True, by=user)
    services.dialogue_hold(dialogue=dialogue, by=chief_user)
    services.agreement_goal_add(dialogue=dialogue, title="Mål", by=head_user)
    for user in (head_user, chief_user):
        services.agreement_approve(dialogue=dialogue, by=user)
    services.follow_ups_set(dialogue=dialogue, dates=[today], by=chief_user)
    leaders = [d.leader_id for d in opened.round.dialogues.all()]
    plans = Plan.objects.bulk_create([Plan(leader_id=pk) for pk in leaders if pk != head_post.person_id])
    Goal.objects.bulk_create([Goal(plan=plan, title="Mål", shared=True) for plan in plans])
    print(f"  an LUS round of {opened.planned} dialogues opened in {made:.1f} s; {len(plans)} plans")
    page_2 = "?page=2"
    return [
        ("bare endpoint /healthz (baseline)", Client(), "/healthz", False),
        ("start page, school leader (next LUS, what it needs)", head, ("core:home", {}), False),
        ("start page, the school leader's superior", chief, ("core:home", {}), False),
        ("start page, top director (dialogues below)", director, ("core:home", {}), False),
        ("overview of the leaders below, top director", director, ("development:overview", {}), False),
        (
            "overview, page 2, top director",
            director,
            _url("development:overview") + page_2,
            False,
        ),
        ("overview of the leaders below, school chief", chief, ("development:overview", {}), False),
        ("dialogue: data pack, school leader", head, ("development:dialogue", {"pk": dialogue.pk}), False),
        ("dialogue: ratings and LUS-spind", head, ("development:ratings", {"pk": dialogue.pk}), False),
        ("dialogue: conversation", head, ("development:conversation", {"pk": dialogue.pk}), False),
        ("dialogue: agreement and follow-up", head, ("development:agreement", {"pk": dialogue.pk}), False),
        ("my development dialogues, top director", director, ("development:dialogues", {}), False),
    ]


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


if __name__ == "__main__":
    main()
