"""The demo's action plan and evaluation log, written through the action plans' services as the pages write
them: the demo school leader's plan for their school on the pupils' well-being, tied to the well-being
indicator with its baseline three school years back (so the page shows the trend since, a year the gate
withholds among it), three actions (one done), two follow-ups, shared with the school chief and taken up with
a colleague as its leadership team; and two entries in the school's evaluation log, one of them tied to the
plan. Dates are relative to today.

Made once: a second start finds the leader's plan and leaves everything alone.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

from grundlag.actionplans.log.services import evaluation_create
from grundlag.actionplans.models import ActionPlan, PlanStatus
from grundlag.actionplans.plans.figures import periods_of
from grundlag.actionplans.plans.selectors import team_member_candidates
from grundlag.actionplans.plans.services import (
    plan_action_add,
    plan_action_done,
    plan_create,
    plan_follow_up_add,
    plan_indicator_attach,
    plan_save,
    plan_share,
    plan_status_set,
)
from grundlag.indicators.models import Indicator
from grundlag.organisation.models import Person, Post

WELLBEING = "demo-generel-trivsel"
TITLE = "Trivsel i frikvartererne"

# (what, who, when, days from today to the date, episode, signs, done)
_ACTIONS = [
    (
        "Faste dage på boldbanen for hver årgang",
        "Skolelederen aftaler ordningen med elevrådet; gårdvagterne holder den",
        "Fra efterårsferien",
        -120,
        "Frikvarteret kl. 10, hvor de store elever fylder boldbanen",
        "De mindre elever går ud og spiller bold; færre konflikter om banen i gårdvagternes log",
        True,
    ),
    (
        "Legepatruljer af elever fra 6. årgang",
        "AKT-læreren uddanner patruljerne; to patruljer hver dag",
        "Hver dag i spisefrikvarteret",
        30,
        "Spisefrikvarteret, hvor flere elever går alene rundt",
        "Flere elever fra 0.–3. årgang er med i lege; færre henvendelser fra forældre om ensomhed",
        False,
    ),
    (
        "En fast voksen i skolegården, som eleverne kan gå til",
        "Teamlederne lægger gårdvagterne, så den samme voksen står samme sted",
        "Fra januar",
        75,
        "Elever, der i interviewet savnede en voksen at gå til",
        "Eleverne kender navnet på gårdens voksne; flere svarer i trivselsmålingen, at de har en voksen "
        "at gå til",
        False,
    ),
]

# (days ago, signs seen, what we learned and adjust, days from today to the next)
_FOLLOW_UPS = [
    (
        90,
        "Boldbanen bruges af alle årgange på deres dage; gårdvagterne noterer halvt så mange konflikter.",
        "Ordningen holder. Spisefrikvarteret er nu dér, hvor eleverne går alene: legepatruljerne sættes "
        "i gang.",
        -30,
    ),
    (
        30,
        "Legepatruljerne er i gang på tre dage om ugen; de yngste elever spørger efter dem.",
        "Patruljerne skal være der hver dag. Vi ser på trivselsmålingen, når den næste kommer.",
        45,
    ),
]


def _school(leader: Person) -> Post | None:
    return (
        Post.objects.active_on(timezone.localdate())
        .filter(person=leader, level__isnull=False)
        .select_related("unit")
        .order_by("pk")
        .first()
    )


def _plan_write(*, leader: Person, post: Post, today: datetime.date) -> ActionPlan:
    by = leader.user
    team = list(team_member_candidates(owner=leader)[:1])
    plan = plan_create(unit=post.unit, owner=leader, title=TITLE, team_members=team, by=by)
    plan = plan_save(
        plan=plan,
        expected_revision=plan.revision,
        by=by,
        title=TITLE,
        goal="Alle elever har nogen at lege med og en voksen at gå til i frikvartererne.",
        baseline="Trivselsmålingen og et interview med 5. årgang viser, at de mindre elever holder sig inde, "
        "fordi de store fylder boldbanen, og at nogle savner en voksen i skolegården.",
        evaluation="Vi samler op på teammøderne hver sjette uge og ser på næste trivselsmåling; "
        "ordningerne justeres med elevrådet.",
        evaluate_on=today + datetime.timedelta(days=180),
    )
    plan_status_set(plan=plan, status=PlanStatus.ACTIVE, expected_revision=plan.revision, by=by)
    plan_share(plan=plan, team_members=team, shared_with_superior=True, by=by)
    return plan


def _plan_fill(*, plan: ActionPlan, leader: Person, today: datetime.date) -> None:
    by = leader.user
    indicator = Indicator.objects.filter(key=WELLBEING).first()
    periods = periods_of(indicator=indicator, unit=plan.unit) if indicator is not None else []
    if indicator is not None and periods:
        # Three school years back: the trend since runs through the year the gate withholds (too few answers).
        baseline = periods[-4] if len(periods) >= 4 else periods[0]
        plan_indicator_attach(plan=plan, indicator=indicator, period_start=baseline.start, by=by)
    for what, who, when, days, episode, signs, done in _ACTIONS:
        action = plan_action_add(
            plan=plan,
            what=what,
            who=who,
            when=when,
            due=today + datetime.timedelta(days=days),
            episode=episode,
            signs=signs,
            by=by,
        )
        if done:
            plan_action_done(action=action, done=True, by=by)
    for days, signs_seen, note, next_days in _FOLLOW_UPS:
        plan_follow_up_add(
            plan=plan,
            held_on=today - datetime.timedelta(days=days),
            signs_seen=signs_seen,
            note=note,
            next_on=today + datetime.timedelta(days=next_days),
            by=by,
        )


def _log_write(*, plan: ActionPlan, leader: Person, today: datetime.date) -> None:
    indicator = Indicator.objects.filter(key=WELLBEING).first()
    evaluation_create(
        unit=plan.unit,
        evaluated_on=today - datetime.timedelta(days=150),
        subject="Trivslen i frikvartererne",
        data_used="Trivselsmålingen, et gruppeinterview med seks elever fra 5. årgang og gårdvagternes log.",
        indicators=[indicator] if indicator is not None else [],
        conclusion="De mindre elever holder sig inde, fordi de store fylder boldbanen.",
        decision="Vi laver en handleplan for trivslen i frikvartererne.",
        look_again_on=today + datetime.timedelta(days=20),
        plan=plan,
        by=leader.user,
    )
    evaluation_create(
        unit=plan.unit,
        evaluated_on=today - datetime.timedelta(days=60),
        subject="Skolens nye mødestruktur for teamene",
        data_used="En kort spørgeskemarunde blandt lærerne og referaterne fra teammøderne.",
        conclusion="Møderne er kortere og mere fokuserede; lærerne savner tid til at dele materialer.",
        decision="Hvert fjerde teammøde bliver et delemøde.",
        look_again_on=today + datetime.timedelta(days=120),
        by=leader.user,
    )


def actionplans_demo_create(
    *, people: list[tuple[str, str, Person]], report: Callable[[str], object]
) -> None:
    """The demo school leader's action plan and the school's evaluation log (the module's docstring)."""
    leader = {username: person for username, _role, person in people}.get("demo-skoleleder")
    post = _school(leader) if leader is not None and leader.user is not None else None
    if post is None or leader is None or ActionPlan.objects.filter(owner=leader, title=TITLE).exists():
        return
    today = timezone.localdate()
    plan = _plan_write(leader=leader, post=post, today=today)
    _plan_fill(plan=plan, leader=leader, today=today)
    _log_write(plan=plan, leader=leader, today=today)
    report(f"  action plans: »{TITLE}« for {post.unit.name} with 3 actions, 2 follow-ups and 2 log entries")
