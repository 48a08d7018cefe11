"""Answered evaluation cycles in bulk, for the benchmarks: a municipality's or the whole country's leaders.

`services.evaluation_cycle_generate` evaluates every leader of an imported organisation (or of one unit's
subtree) in one cycle. The cycle, its local open question, the frozen questionnaire and the close go
through the real code (`services.cycle_create`, `services.local_question_add`,
`services.questionnaire_freeze`, `services.cycle_close`). Leaders and raters are NOT added through
`services.evaluees_add`: it works person by person (a few queries per rater), which takes hours at 46,000
leaders. Instead the same rows are made in bulk from one read of the day's posts, by the same rules:

- the leaders: everyone with an active post on a level (in the unit's subtree), each in their main post
  (a post on a level first, then the oldest start, then the lowest id), superior = that post's manager;
- the raters: self; the superior; everyone whose active post reports to the leader (employees); and the
  leaders reporting to the superior, alphabetically, up to the cycle's `peers_max` (peers).

The national organisation carries leaders only, no staff. So that its leaders have teams to answer
(≈27 million answers), a leader with no one reporting to them gets `unnamed_team` unnamed employee raters
(invitations without a person or address, as for a rater the administrator adds by hand); pass
`unnamed_team=False` to leave them without.

Launching sends no e-mail here (the invitations have no tokens yet; a token is made when needed with
`responding.services.invitation_token_issue`). Responses are made directly, as a closed cycle keeps them:
a response naming only the leader and the rater group (a random id from the seed), its answers and
comments, and the invitation marked completed (or, on request, sealed as `response_submit` leaves them,
for the close to open). Values are realistic: each leader has a mean, each rater
group and each respondent a tendency, each statement a difficulty, and 5 % of answers are "Ved ikke".
On PostgreSQL the responses, answers and comments are written with COPY, elsewhere with executemany,
and the tables are then analysed (as autovacuum would soon do) so the planner knows their size.
The same organisation and seed give the same rows.

This module draws the rows; `services.evaluation_cycle_generate` writes them.
"""

import datetime
import math
import random
import uuid
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from grundlag.frameworks.models import FrameworkVersion, Level
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import unit_subtree_q

from ..models import Cycle, Evaluee, QuestionKind, RaterGroup

DONT_KNOW_SHARE = 0.05
COMMENT_SHARE = 0.4
OPEN_QUESTION = "Hvad skal din leder blive ved med at gøre, og hvad kunne din leder gøre anderledes?"
# Statements of the organisation's own, as a municipality adds them to the foundation's (`local_statements`).
LOCAL_STATEMENTS = [
    "Min leder sørger for, at vi kender kommunens mål for børn og unge.",
    "Min leder giver mig feedback, som jeg kan bruge i mit arbejde.",
    "Min leder inddrager os, før der træffes beslutninger om vores arbejde.",
    "Min leder følger op på de aftaler, vi indgår.",
    "Min leder er synlig i hverdagen.",
    "Min leder tager hånd om konflikter i tide.",
    "Min leder bruger data om børnenes trivsel og læring i dialogen med os.",
    "Min leder skaber rum for faglig sparring mellem kolleger.",
]
# Answers to OPEN_QUESTION (what to keep doing, what to do differently), worded so that any rater, the
# leader included, could have written them. Their number is part of what a seed draws: keep it at ten.
COMMENTS = [
    "Bliv ved med at sætte en tydelig retning og lytte, før der bliver besluttet.",
    "Bliv ved med at følge op på det, vi aftaler. Giv gerne oftere feedback.",
    "Bliv ved med de velforberedte møder, hvor alle ved, hvad der skal besluttes.",
    "Bliv ved med at skabe ro om kerneopgaven.",
    "Bliv ved med at være synlig i hverdagen og kende praksis tæt på.",
    "Bliv ved med at give plads til faglig udvikling.",
    "Inddrag medarbejderne tidligere, før der træffes beslutninger om deres arbejde.",
    "Vær tydeligere om, hvad der skal prioriteres, når der er travlt.",
    "Giv mere tid til sparring i hverdagen.",
    "Bliv ved med at lytte, men sig tydeligere, hvad der er besluttet.",
]
# How a group tends to rate compared with the leader's mean (self a little kinder, peers a little milder).
GROUP_TENDENCY: dict[str, float] = {
    RaterGroup.SELF: 0.25,
    RaterGroup.SUPERIOR: -0.1,
    RaterGroup.PEER: 0.05,
    RaterGroup.EMPLOYEE: 0.0,
    RaterGroup.OTHER: 0.0,
}
EVALUEES_PER_CHUNK = 500


@dataclass
class Generated:
    cycle: Cycle
    evaluees: int
    invitations: int
    responses: int
    answers: int
    comments: int


def framework_version_for_generating() -> FrameworkVersion:
    version = (
        FrameworkVersion.objects.filter(
            framework__slug=settings.ORGANISATION_FRAMEWORK, status=FrameworkVersion.Status.PUBLISHED
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        raise ValueError(f"No published version of {settings.ORGANISATION_FRAMEWORK}; load the frameworks.")
    return version


def _cumulative(mean: float, spread: float = 0.8) -> list[float]:
    """Cumulative weights of "Ved ikke" and the scale values 1–5 around a mean (a discretised normal)."""
    weights = [math.exp(-((value - mean) ** 2) / (2 * spread * spread)) for value in range(1, 6)]
    total = sum(weights)
    cumulative, running = [DONT_KNOW_SHARE], DONT_KNOW_SHARE
    for weight in weights:
        running += (1 - DONT_KNOW_SHARE) * weight / total
        cumulative.append(running)
    cumulative[-1] = 1.0
    return cumulative


_OUTCOMES = [None, 1, 2, 3, 4, 5]
_TABLES: dict[int, list[float]] = {}


def _table(mean: float) -> list[float]:
    key = round(min(5.5, max(0.5, mean)) * 20)  # means to the nearest 0.05
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = _cumulative(key / 20)
    return table


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def leaders_read(*, unit: Unit | None, on: datetime.date):
    """The leaders' main posts and every active post of the day, as plain tuples."""
    posts = list(
        Post.objects.active_on(on).values_list(
            "id", "person_id", "unit_id", "level_id", "manager_id", "start_date"
        )
    )
    candidates = Post.objects.active_on(on).filter(level__isnull=False)
    if unit is not None:
        candidates = candidates.filter(unit_subtree_q(unit=unit, on=on, prefix="unit__"))
    leader_ids = set(candidates.values_list("person_id", flat=True))
    # Main post as services._main_leadership_post orders them: level (nulls last), start (nulls first), id.
    main = {}
    for post in sorted(
        posts,
        key=lambda p: (
            p[3] is None,
            p[3] or 0,
            p[5] is not None,
            p[5] or datetime.date.min,
            p[0],
        ),
    ):
        if post[1] in leader_ids and post[1] not in main:
            main[post[1]] = post
    reports = defaultdict(list)  # manager → (person, has level)
    for post in posts:
        if post[4] is not None:
            reports[post[4]].append((post[1], post[3] is not None))
    return main, reports


def people_and_levels_read(*, main: dict) -> tuple[dict, dict]:
    """Everyone's (name, e-mail, language) by id, and the leaders' levels' (key, name) by id."""
    people = {
        pk: (name, email, language or "da")
        for pk, name, email, language in Person.objects.values_list("id", "name", "email", "language")
    }
    level_ids = {post[3] for post in main.values()}
    levels = {
        pk: (key, name)
        for pk, key, name in Level.objects.filter(pk__in=level_ids).values_list("id", "key", "name")
    }
    return people, levels


def default_raters(evaluee: Evaluee, *, reports, people, peers_max: int) -> list[tuple[str, int | None]]:
    """The default raters by the rules of `services._default_raters`: (group, person id)."""
    person, superior = evaluee.person_id, evaluee.superior_id
    raters: list[tuple[str, int | None]] = [(RaterGroup.SELF, person)]
    seen: set[int | None] = {person}
    if superior is not None and superior not in seen:
        raters.append((RaterGroup.SUPERIOR, superior))
    seen.add(superior)
    employees = sorted({pk for pk, _level in reports.get(person, ()) if pk not in seen})
    raters += [(RaterGroup.EMPLOYEE, pk) for pk in employees]
    seen.update(employees)
    if superior is not None:
        peers = sorted(
            {pk for pk, has_level in reports.get(superior, ()) if has_level and pk not in seen},
            key=lambda pk: (people[pk][0], pk),
        )
        raters += [(RaterGroup.PEER, pk) for pk in peers[:peers_max]]
    return raters


def answers_draw(rng: random.Random, *, mean: float, questions) -> tuple[uuid.UUID, list, dict[int, str]]:
    """One respondent's response: an id, the scale answers (question, value) and the comments."""
    response_id = _uuid(rng)
    answers, comments = [], {}
    for question_id, kind, difficulty in questions:
        if kind == QuestionKind.SCALE:
            answers.append((question_id, _OUTCOMES[bisect_left(_table(mean + difficulty), rng.random())]))
        elif rng.random() < COMMENT_SHARE:
            comments[question_id] = rng.choice(COMMENTS)
    return response_id, answers, comments
