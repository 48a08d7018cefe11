"""Evaluation cycles for the demo, made with the real services: created, launched, answered, closed.

Two closed cycles for a school leader and seven colleagues under the same school chief, so their
reports have figures and a trend, and one open cycle for the demo teacher's nearest leader, which
the teacher can still answer. Beside them two closed surveys: the Ledelse-tæt-på conditions survey of
every leader in the schools, by school district and level, and the effect picture answered by the
people led in the demo leader's school (with its SFO), by unit. Deterministic for a seed.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, Instrument, Invitation, QuestionKind, RaterGroup
from grundlag.evaluations.responding.answering import DONT_KNOW, questionnaire_for
from grundlag.evaluations.responding.services import draft_answers_save, response_submit
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.models import Person

DEMO_LEADERS = 8  # the demo leader and seven colleagues under the same manager

# The open questions, as the raters and as the leader (in the first person) read them.
LEADER_QUESTION = "Hvad skal din leder blive ved med at gøre?"
LEADER_QUESTION_SELF = "Hvad vil du blive ved med at gøre som leder?"
SURVEY_QUESTION = "Hvad ville give dig bedre vilkår for at lede tæt på?"

# Answers written for each question as its reader sees it; a question with none here is left unanswered,
# never given another question's answers.
DEMO_COMMENTS: dict[str, list[str]] = {
    LEADER_QUESTION: [
        "Sætte en tydelig retning og lytte, før der bliver besluttet.",
        "Holde møderne velforberedte, så alle ved, hvad der skal besluttes.",
        "Skabe ro, så der er plads til at koncentrere sig om børnene.",
        "Følge op på det, vi aftaler.",
        "Være synlig i hverdagen og kende praksis tæt på.",
        "Give feedback, som kan bruges i arbejdet.",
        "Inddrage medarbejderne, før der træffes beslutninger om deres arbejde.",
        "Give plads til faglig sparring mellem kolleger.",
    ],
    LEADER_QUESTION_SELF: [
        "Være synlig på gangene og i klasserne.",
        "Følge op på det, vi aftaler i ledelsesteamet og med medarbejderne.",
        "Sætte en tydelig retning for skolens udvikling.",
        "Lytte til medarbejderne, før jeg beslutter.",
        "Holde fast i de faste samtaler med teamene.",
        "Skabe ro om undervisningen.",
        "Give tid til faglig sparring.",
        "Forberede møderne, så vi bruger tiden på det vigtige.",
    ],
    SURVEY_QUESTION: [
        "Mere tid til at være tæt på undervisningen.",
        "Færre indberetninger, så der er tid til sparring.",
        "Et fast netværk med ledere fra de andre skoler.",
        "Klarere rammer for, hvad vi selv må beslutte.",
    ],
}

# The story counts back from the day the demo is made, so it is true whatever day that is: the latest
# round of evaluations closed eight weeks ago and the one before a year earlier, the surveys four weeks
# ago, each after three weeks of answering; the follow-up is open for three more weeks.
LATEST_ROUND_AGO = datetime.timedelta(weeks=8)
SURVEYS_AGO = datetime.timedelta(weeks=4)
ANSWERING = datetime.timedelta(weeks=3)


def demo_rounds(today: datetime.date) -> list[datetime.date]:
    """The deadlines of the two closed rounds, the older first: a year apart, and in different years."""
    latest = today - LATEST_ROUND_AGO
    try:
        before = latest.replace(year=latest.year - 1)
    except ValueError:  # 29 February
        before = latest.replace(year=latest.year - 1, day=28)
    return [before, latest]


@dataclass
class DemoEvaluations:
    closed: list[Cycle]
    open: Cycle | None
    open_invitation: Invitation | None  # an employee's invitation in the open cycle, for the demo login
    surveys: list[Cycle]
    # A cycle is answered before its deadline, so the closed ones are made with a deadline ahead and their
    # true dates (`demo_rounds`, SURVEYS_AGO) are set after they close: cycle id → deadline.
    deadlines: dict[int, datetime.date] = field(default_factory=dict)


def _organisation_version() -> FrameworkVersion:
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


def evaluations_demo_create(*, leader: Person, employee: Person | None, by, seed: int = 1) -> DemoEvaluations:
    """Cycles for `leader` and colleagues under the same manager, and an open one the employee can answer."""
    version = _organisation_version()
    today = timezone.localdate()
    colleagues = [leader]
    if leader_post := leader.posts.filter(manager__isnull=False).first():
        others = (
            Person.objects.filter(
                posts__manager=leader_post.manager, posts__level__isnull=False, posts__end_date__isnull=True
            )
            .exclude(pk=leader.pk)
            .distinct()
            .order_by("key")
        )
        colleagues += list(others[: DEMO_LEADERS - 1])
    rng = random.Random(seed)
    strengths = {person.pk: rng.uniform(3.0, 4.4) for person in colleagues}
    closed, deadlines = [], {}
    rounds = demo_rounds(today)
    for index, deadline in enumerate(rounds):
        cycle = services.cycle_create(
            name=f"Ledelsesevaluering {deadline.year}",
            framework_version=version,
            deadline=today + datetime.timedelta(days=14),
            report_to_superior=True,
            by=by,
        )
        services.local_question_add(
            cycle=cycle, text=LEADER_QUESTION, self_text=LEADER_QUESTION_SELF, kind=QuestionKind.OPEN, by=by
        )
        services.evaluees_add(cycle=cycle, people=colleagues, by=by)
        services.cycle_launch(cycle=cycle, by=by)
        growth = 0.25 * index
        _answer(cycle, rng=rng, centre_of=lambda i, growth=growth: strengths[i.evaluee.person_id] + growth)
        closed.append(services.cycle_close(cycle=cycle, by=by))
        deadlines[cycle.pk] = deadline
    open_cycle = services.cycle_create(
        name=f"Ledelsesevaluering {rounds[-1].year}, opfølgning",
        framework_version=version,
        deadline=today + ANSWERING,
        by=by,
    )
    # The open cycle evaluates the employee's own nearest leader, so the employee is invited by default.
    nearest = (
        employee.posts.filter(manager__isnull=False).values_list("manager", flat=True).first()
        if employee
        else None
    )
    evaluated = (Person.objects.filter(pk=nearest).first() if nearest is not None else None) or leader
    services.evaluees_add(cycle=open_cycle, people=[evaluated], by=by)
    services.cycle_launch(cycle=open_cycle, by=by)
    invitation = None
    if employee is not None:
        invitation = Invitation.objects.filter(evaluee__cycle=open_cycle, person=employee).first()
    surveys = _surveys(leader=leader, by=by, rng=rng) if leader_post is not None else []
    deadlines |= {survey.pk: today - SURVEYS_AGO for survey in surveys}
    return DemoEvaluations(
        closed=closed, open=open_cycle, open_invitation=invitation, surveys=surveys, deadlines=deadlines
    )


def _surveys(*, leader: Person, by, rng: random.Random) -> list[Cycle]:
    """The conditions survey of the schools' leaders and the effect picture of the leader's own school."""
    post = leader.posts.filter(level__isnull=False).select_related("unit__parent__parent").first()
    if post is None or post.unit.parent is None or post.unit.parent.parent is None:
        return []
    district = post.unit.parent
    schools = district.parent
    today = timezone.localdate()
    made = []
    for instrument, slug, name, unit, depth, comments in [
        (
            Instrument.CONDITIONS,
            "ledelse-taet-paa",
            "Vilkår for ledelse tæt på",
            schools,
            district.depth + 1,
            True,
        ),
        (Instrument.EFFECTS, "buvm", "Effektbillede", post.unit, None, False),
    ]:
        version = (
            FrameworkVersion.objects.filter(framework__slug=slug, status=FrameworkVersion.Status.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if version is None:
            continue
        cycle = services.cycle_create(
            name=f"{name} {(today - SURVEYS_AGO).year}",
            instrument=instrument,
            framework_version=version,
            block_depth=depth,
            deadline=today + datetime.timedelta(days=14),
            by=by,
        )
        if comments:
            services.local_question_add(
                cycle=cycle,
                text=SURVEY_QUESTION,
                kind=QuestionKind.OPEN,
                by=by,
            )
        services.evaluees_add(cycle=cycle, unit=unit, by=by)
        services.cycle_launch(cycle=cycle, by=by)
        centres: dict[int, float] = {}

        def centre_of(invitation, centres=centres):
            # Each unit its own level, so the rows differ.
            return centres.setdefault(invitation.evaluee.unit_id, rng.uniform(2.4, 4.2))

        _answer(cycle, rng=rng, centre_of=centre_of)
        made.append(services.cycle_close(cycle=cycle, by=by))
    return made


def _answer(cycle: Cycle, *, rng: random.Random, centre_of) -> None:
    """Answer four in five invitations through the answering services, with plausible spread."""
    invitations = (
        Invitation.objects.filter(evaluee__cycle=cycle, status=Invitation.Status.PENDING)
        .select_related("evaluee__cycle")
        .order_by("pk")
    )
    for invitation in invitations:
        if rng.random() > 0.8:
            continue
        centre = centre_of(invitation)
        if invitation.group == RaterGroup.SELF and not cycle.is_survey:
            centre += 0.5  # leaders tend to rate themselves higher: the report's blind spots
        posted = {}
        for question in questionnaire_for(invitation):
            if question.kind == QuestionKind.OPEN:
                written = DEMO_COMMENTS.get(
                    question.text
                )  # the answers to this question as the rater reads it
                if written and rng.random() < 0.6:
                    posted[question.pk] = rng.choice(written)
            elif rng.random() < 0.05:
                posted[question.pk] = DONT_KNOW
            else:
                posted[question.pk] = str(min(5, max(1, round(rng.gauss(centre, 0.8)))))
        draft_answers_save(invitation=invitation, posted=posted)
        response_submit(invitation=invitation)
