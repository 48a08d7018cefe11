"""Reads of the talent pipeline, by who asks.

A talent's records are read by the talent, by their leaders (the one who nominated them and their nearest
leader), by their mentor (the practice assignments and their assessments only) and by the administrator
(stage, programme and the assessments' outcomes: never a reason, a self-reflection, a conversation's notes or
an assessment's note). A nomination not yet consented to is the nominee's and the nominating leader's only.
Anyone else finds nothing (404), so a refusal never reveals that a person is a talent.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.core.rules import is_administrator, require
from grundlag.frameworks.models import Expectation, Level
from grundlag.frameworks.selectors import SectionContent
from grundlag.networks.models import Event
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    expected_at_level_for_post,
    managers_of,
    organisation_levels,
    people_below,
    person_for_user,
    posts_active,
)

from .models import (
    READY,
    Activity,
    Assessment,
    AssessorRole,
    Assignment,
    Cohort,
    Outcome,
    Programme,
    Stage,
    Talent,
)

Viewer = AbstractBaseUser | AnonymousUser

TALENT, LEADER, MENTOR, ADMINISTRATOR = "talent", "leader", "mentor", "administrator"
# A leader's list of people to nominate is cut here: a director leads thousands.
NOMINEES_SHOWN = 500


# --- The foundation: the first leadership level --------------------------------------------------------


def first_level() -> Level | None:
    """The first leadership level of the organisation's foundation: its lowest (the highest position) in the
    latest published version, e.g. Aarhus's »Leder af medarbejder«."""
    return organisation_levels().last()


def level_expectations(*, level: Level) -> list[SectionContent]:
    """The level's own expectations (not the common part), by section in the foundation's order."""
    contents = []
    for content in expected_at_level_for_post(level=level):
        own = [expectation for expectation in content.expectations if expectation.level_id is not None]
        if own:
            contents.append(SectionContent(section=content.section, expectations=own))
    return contents


def level_expectation(*, level: Level, pk: int | None) -> Expectation | None:
    """One of the level's own expectations by id, or None."""
    for content in level_expectations(level=level):
        for expectation in content.expectations:
            if expectation.pk == pk:
                return expectation
    return None


# --- Where a person stands ---------------------------------------------------------------------------


def nearest_leader(*, person: Person) -> Person | None:
    """The person's manager through their main post."""
    managers = managers_of(person=person)
    return managers[0] if managers else None


def main_unit(*, person: Person) -> Unit | None:
    post = posts_active(person=person).first()
    return post.unit if post is not None else None


def units_of(*, person: Person) -> set[int]:
    return set(posts_active(person=person).values_list("unit_id", flat=True))


def open_talent(*, person: Person) -> Talent | None:
    """The person's way through the pipeline that has not stopped, if any."""
    return Talent.objects.filter(person=person).exclude(stage=Stage.STOPPED).first()


# --- Readiness ----------------------------------------------------------------------------------------


@dataclass
class AssignmentRow:
    """A practice assignment with the trio's assessments of it, by role."""

    assignment: Assignment
    assessments: dict[str, Assessment]
    mine: Assessment | None = None  # the asking person's own, if they are one of the trio

    @property
    def met_by_all(self) -> bool:
        return len(self.assessments) == len(AssessorRole) and all(
            assessment.outcome == Outcome.MET for assessment in self.assessments.values()
        )


@dataclass
class Readiness:
    """A talent's readiness from the evidence: the share of the programme's practice assignments that all
    three (the talent, the nearest leader and the mentor) assessed as met."""

    rows: list[AssignmentRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def met(self) -> int:
        return sum(1 for row in self.rows if row.met_by_all)

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def ready(self) -> bool:
        return self.total > 0 and self.met == self.total


def readiness(*, talent: Talent) -> Readiness:
    """The programme's assignments with the talent's assessments; empty outside a programme."""
    if talent.cohort_id is None or talent.cohort is None:
        return Readiness()
    assignments = list(
        Assignment.objects.filter(programme_id=talent.cohort.programme_id).select_related(
            "expectation__section"
        )
    )
    by_assignment: dict[int, dict[str, Assessment]] = {}
    for assessment in Assessment.objects.filter(talent=talent).select_related("assessor"):
        by_assignment.setdefault(assessment.assignment_id, {})[assessment.role] = assessment
    return Readiness(
        rows=[AssignmentRow(assignment=a, assessments=by_assignment.get(a.pk, {})) for a in assignments]
    )


def stage_shown(*, talent: Talent, ready: bool) -> str:
    """The stage as the pipeline shows it: a talent in a programme who is ready is shown as ready."""
    return READY if talent.stage == Stage.IN_PROGRAMME and ready else talent.stage


def stage_label(*, stage: str) -> str:
    """A stage's name in the active language, ready included."""
    return str(_("Ready")) if stage == READY else str(Stage(stage).label)


# --- One talent, as the person asking sees it ---------------------------------------------------------


@dataclass
class TalentView:
    talent: Talent
    role: str
    readiness: Readiness
    is_nearest_leader: bool = False  # the one who records the conversation
    assessor_role: str | None = None  # as whom the person assesses: the talent, nearest leader or mentor

    @property
    def stage_label(self) -> str:
        return stage_label(stage=stage_shown(talent=self.talent, ready=self.readiness.ready))

    @property
    def sees_private(self) -> bool:
        """The talent and their leaders read the reason, the self-reflection and the conversation."""
        return self.role in (TALENT, LEADER)

    @property
    def sees_notes(self) -> bool:
        """The trio reads the assessments' notes; the administrator their outcomes only."""
        return self.role != ADMINISTRATOR

    @property
    def assessor_role_label(self) -> str:
        return str(AssessorRole(self.assessor_role).label) if self.assessor_role else ""


def _role(*, talent: Talent, person: Person | None, user: Viewer) -> str | None:
    if person is not None and talent.person_id == person.pk:
        return TALENT
    if person is not None and talent.nominated_by_id == person.pk:
        return LEADER
    if talent.stage == Stage.NOMINATED:
        return None  # not yet consented to: the nominee's and the nominating leader's only
    if person is not None and talent.leader_id == person.pk:
        return LEADER
    if person is not None and talent.mentor_id == person.pk and talent.cohort_id is not None:
        return MENTOR
    if is_administrator(user):
        return ADMINISTRATOR
    return None


def _assessor(*, talent: Talent, person: Person | None) -> str | None:
    """As whom the person assesses the talent's assignments (as `services._assessor_role` decides): the
    talent, the nearest leader (not a nominating leader above them) or the mentor; None for anyone else."""
    if person is None:
        return None
    if person.pk == talent.person_id:
        return AssessorRole.TALENT
    if person.pk == talent.leader_id:
        return AssessorRole.LEADER
    if person.pk == talent.mentor_id:
        return AssessorRole.MENTOR
    return None


def talent_get_for_user(*, user: Viewer, pk: int) -> TalentView:
    """One talent as the person asking may see it; 404 for anyone else (and for a nomination not yet
    consented to, but for the nominee and the nominating leader)."""
    talent = (
        Talent.objects.select_related(
            "person", "nominated_by", "leader", "mentor", "unit", "level", "cohort__programme"
        )
        .filter(pk=pk)
        .first()
    )
    if talent is None or not user.is_authenticated:
        raise Http404
    person = person_for_user(user=user)
    role = _role(talent=talent, person=person, user=user)
    if role is None:
        raise Http404
    view = TalentView(
        talent=talent,
        role=role,
        readiness=readiness(talent=talent),
        is_nearest_leader=role == LEADER and person is not None and talent.leader_id == person.pk,
        assessor_role=_assessor(talent=talent, person=person),
    )
    for row in view.readiness.rows:
        row.mine = row.assessments.get(view.assessor_role or "")
    return view


def talent_as_get_for_user(*, user: Viewer, pk: int, roles: tuple[str, ...]) -> TalentView:
    """One talent for someone in one of the roles (a page of the talent's own, or of their leaders); 404 for
    anyone else."""
    view = talent_get_for_user(user=user, pk=pk)
    if view.role not in roles:
        raise Http404
    return view


def assignment_get_for_user(*, user: Viewer, view: TalentView, pk: int) -> AssignmentRow:
    """A practice assignment of the talent's programme, with its assessments, for the trio; 404 else."""
    if view.assessor_role is None:
        raise Http404
    for row in view.readiness.rows:
        if row.assignment.pk == pk:
            return row
    raise Http404


# --- The pipeline page: mine, the talents I lead, those I mentor --------------------------------------


def person_in_pipeline_for_user(*, user: Viewer) -> Person:
    """The signed-in person, who may sign up and be nominated; 404 for an account that is no one."""
    person = person_for_user(user=user)
    if person is None:
        raise Http404
    return person


def talents_of_person_for_user(*, user: Viewer) -> QuerySet[Talent]:
    """The signed-in person's own ways through the pipeline, newest first."""
    person = person_for_user(user=user)
    if person is None:
        return Talent.objects.none()
    return Talent.objects.filter(person=person).select_related("cohort__programme", "nominated_by", "leader")


def talents_led_for_user(*, user: Viewer) -> QuerySet[Talent]:
    """The talents the signed-in person nominated or is the nearest leader of (not a nomination of another
    leader still awaiting consent), by name."""
    person = person_for_user(user=user)
    if person is None:
        return Talent.objects.none()
    return (
        Talent.objects.filter(Q(nominated_by=person) | (Q(leader=person) & ~Q(stage=Stage.NOMINATED)))
        .exclude(person=person)
        .select_related("person", "unit", "cohort__programme")
        .order_by("person__name", "pk")
    )


def talents_mentored_for_user(*, user: Viewer) -> QuerySet[Talent]:
    """The talents in a programme whom the signed-in person mentors."""
    person = person_for_user(user=user)
    if person is None:
        return Talent.objects.none()
    return (
        Talent.objects.filter(mentor=person, cohort__isnull=False)
        .exclude(stage=Stage.NOMINATED)
        .select_related("person", "unit", "cohort__programme")
        .order_by("person__name", "pk")
    )


def nominee_choices_for_user(*, user: Viewer) -> QuerySet[Person]:
    """The people the signed-in leader may nominate: those below them in the chain, by name (the first
    `NOMINEES_SHOWN`); 404 for anyone who leads no one."""
    person = person_for_user(user=user)
    if person is None:
        raise Http404
    below = Person.objects.filter(pk__in=people_below(person=person)).exclude(pk=person.pk)
    if not below.exists():
        raise Http404
    return below.order_by("name", "pk")[:NOMINEES_SHOWN]


# --- The administrator: programmes, cohorts, enrolment, overview --------------------------------------


def programmes_for_user(*, user: Viewer) -> QuerySet[Programme]:
    """Every programme with its cohorts; 403 for anyone but an administrator."""
    require(user, "talent.manage_programmes")
    return Programme.objects.select_related("level").prefetch_related("cohorts")


def programme_get_for_user(*, user: Viewer, pk: int) -> Programme:
    require(user, "talent.manage_programmes")
    programme = Programme.objects.select_related("level").filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def cohort_get_for_user(*, user: Viewer, pk: int) -> Cohort:
    require(user, "talent.manage_programmes")
    cohort = Cohort.objects.select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


def cohort_talents(*, cohort: Cohort) -> QuerySet[Talent]:
    return cohort.talents.select_related("person", "mentor", "unit").order_by("person__name", "pk")


def cohort_activities(*, cohort: Cohort) -> QuerySet[Activity]:
    return cohort.activities.select_related("event")


def event_choices() -> QuerySet[Event]:
    """The leader forums' events from a month back on, to link an activity to."""
    since = timezone.now() - datetime.timedelta(days=31)
    return Event.objects.filter(starts__gte=since, cancelled_at__isnull=True).order_by("starts", "pk")


def enrolment_for_user(*, user: Viewer, pk: int) -> Talent:
    """A talent who decided to go on (or is in a programme), for the administrator to place in a cohort; 403
    for anyone else, 404 for any other talent."""
    require(user, "talent.manage_programmes")
    talent = (
        Talent.objects.select_related("person", "unit", "leader", "mentor", "cohort")
        .filter(pk=pk, stage__in=(Stage.GOING_ON, Stage.IN_PROGRAMME))
        .first()
    )
    if talent is None:
        raise Http404
    return talent


def mentor_candidates(*, talent: Talent) -> QuerySet[Person]:
    """Who may mentor the talent: a leader on a leadership level in another unit than the talent's, neither
    the talent nor their nearest leader."""
    units = units_of(person=talent.person) | {talent.unit_id}
    today = timezone.localdate()
    in_their_units = Post.objects.active_on(today).filter(unit_id__in=units).values("person_id")
    leaders = Post.objects.active_on(today).filter(level__isnull=False).values("person_id")
    return (
        Person.objects.filter(pk__in=leaders)
        .exclude(pk__in=in_their_units)
        .exclude(pk__in=[talent.person_id, talent.leader_id or 0])
        .order_by("name", "pk")
    )


def cohort_choices() -> QuerySet[Cohort]:
    """The cohorts not yet ended, to place a talent in."""
    return Cohort.objects.filter(ends__gte=timezone.localdate()).select_related("programme")


def programme_assignments(*, programme: Programme) -> QuerySet[Assignment]:
    return programme.assignments.select_related("expectation__section")


# --- What the talent's page shows ------------------------------------------------------------------------


def may_sign_up_for_user(*, user: Viewer) -> bool:
    """Whether the signed-in person may sign up: a person with no way through the pipeline open."""
    person = person_for_user(user=user)
    return person is not None and open_talent(person=person) is None


def may_nominate_for_user(*, user: Viewer) -> bool:
    """Whether the signed-in person leads anyone to nominate."""
    person = person_for_user(user=user)
    return person is not None and Person.objects.filter(pk__in=people_below(person=person)).exists()


@dataclass
class ReflectionShown:
    """The self-reflection as the talent and their leaders read it: the interest in each expectation, by
    section, and the talent's own words."""

    sections: list[tuple[str, list[tuple[Expectation, str]]]]
    text: str
    at: datetime.datetime | None


def reflection_for_view(*, view: TalentView) -> ReflectionShown | None:
    """The self-reflection for the talent and their leaders; None for the mentor and the administrator, and
    before it is written."""
    if not view.sees_private or view.talent.reflected_at is None:
        return None
    answers = {
        answer.expectation_id: answer.get_interest_display()
        for answer in view.talent.reflection_answers.all()
    }
    sections = [
        (content.section.title, [(e, answers.get(e.pk, "–")) for e in content.expectations])
        for content in level_expectations(level=view.talent.level)
    ]
    return ReflectionShown(sections=sections, text=view.talent.reflection, at=view.talent.reflected_at)


def reflection_initial(*, talent: Talent) -> dict[str, str]:
    """The form's starting point: what the talent answered last time."""
    initial = {f"e{a.expectation_id}": a.interest for a in talent.reflection_answers.all()}
    return {**initial, "reflection": talent.reflection}


def activities_for_view(*, view: TalentView) -> QuerySet[Activity]:
    """The activities of the talent's cohort, for everyone who reads the talent's page."""
    if view.talent.cohort_id is None:
        return Activity.objects.none()
    return Activity.objects.filter(cohort_id=view.talent.cohort_id).select_related("event")


# --- The start page ---------------------------------------------------------------------------------------


@dataclass
class ToAssess:
    talent: Talent
    assignment: Assignment
    role: str


@dataclass
class TalentStart:
    """What the pipeline asks of the signed-in person: a nomination to answer, their own next step as a
    talent, the conversations to hold and the assessments to give as a leader or mentor."""

    to_answer: list[Talent] = field(default_factory=list)
    own: Talent | None = None
    own_next: Assignment | None = None
    own_to_reflect: bool = False
    own_to_decide: bool = False
    conversations: list[Talent] = field(default_factory=list)
    to_assess: list[ToAssess] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.to_answer or self.own or self.conversations or self.to_assess)


def _to_assess(*, role: str, talents: list[Talent], limit: int) -> list[ToAssess]:
    """The assignments each talent in a programme still waits for an assessment of in this role."""
    rows: list[ToAssess] = []
    for talent in talents:
        if talent.stage != Stage.IN_PROGRAMME or talent.cohort is None:
            continue
        done = Assessment.objects.filter(talent=talent, role=role).values("assignment_id")
        for assignment in Assignment.objects.filter(programme_id=talent.cohort.programme_id).exclude(
            pk__in=done
        ):
            rows.append(ToAssess(talent=talent, assignment=assignment, role=role))
            if len(rows) >= limit:
                return rows
    return rows


def talent_start_for_user(*, user: Viewer, limit: int = 5) -> TalentStart:
    """The talent records the person is part of, read in one query (the assignments only where a talent is in
    a programme), sorted into what waits for them."""
    person = person_for_user(user=user)
    if person is None:
        return TalentStart()
    related = list(
        Talent.objects.filter(Q(person=person) | Q(leader=person) | Q(mentor=person)).select_related(
            "person", "cohort", "nominated_by"
        )
    )
    mine = [talent for talent in related if talent.person_id == person.pk]
    start = TalentStart(to_answer=[talent for talent in mine if talent.stage == Stage.NOMINATED])
    active = (Stage.CLARIFYING, Stage.GOING_ON, Stage.IN_PROGRAMME)
    start.own = next((talent for talent in mine if talent.stage in active), None)
    if start.own is not None and start.own.stage == Stage.CLARIFYING:
        start.own_to_reflect = start.own.reflected_at is None
        start.own_to_decide = not start.own_to_reflect and start.own.conversation_held_on is not None
    own_rows = _to_assess(role=AssessorRole.TALENT, talents=mine, limit=1)
    start.own_next = own_rows[0].assignment if own_rows else None
    led = [t for t in related if t.leader_id == person.pk and t.person_id != person.pk]
    start.conversations = [t for t in led if t.stage == Stage.CLARIFYING and t.conversation_held_on is None][
        :limit
    ]
    start.to_assess = _to_assess(role=AssessorRole.LEADER, talents=led, limit=limit)
    mentored = [t for t in related if t.mentor_id == person.pk and t.person_id != person.pk]
    start.to_assess += _to_assess(role=AssessorRole.MENTOR, talents=mentored, limit=limit)
    return start


def talent_in_programme_for_user(*, user: Viewer, leader_id: int) -> TalentView | None:
    """The signed-in person's own way through a programme, when they are the plan's leader; else None."""
    person = person_for_user(user=user)
    if person is None or person.pk != leader_id:
        return None
    talent = Talent.objects.filter(person=person, cohort__isnull=False).exclude(stage=Stage.STOPPED).first()
    return talent_get_for_user(user=user, pk=talent.pk) if talent is not None else None
