"""Build the demo: the built-in foundations, the fictional municipality, demo logins and evaluations.

Every record is written by the owning domain's services; this module only decides what to make. The one
exception is `demo_cycles_date`, which dates the closed cycles and their audit rows back to when they ran (no
service moves a closed cycle's deadline).
"""

import contextlib
import datetime
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from grundlag.accounts.services import demo_login_set
from grundlag.audit.models import AuditEvent
from grundlag.development.models import Agreement, Dialogue, FollowUp, Goal, RatingSheet
from grundlag.evaluations.models import Cycle, Evaluee, Invitation
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.responding.tokens import answer_link
from grundlag.frameworks.services import builtin_frameworks_load
from grundlag.networks.models import Event
from grundlag.organisation.imports.services.applying import organisation_import_generated
from grundlag.organisation.models import Person, Post, Source, Unit
from grundlag.tools.services import tools_builtin_load

from .actionplans import actionplans_demo_create
from .development import development_demo_create
from .evaluations import ANSWERING, evaluations_demo_create
from .fivef import fivef_demo_create
from .indicator_notes import indicator_notes_demo_create
from .indicators import indicators_demo_create
from .networks import networks_demo_create
from .talent import talent_demo_create
from .tools import tools_demo_create

DEMO_ADMIN = "demo-admin"
# The demo's leader consultant: scripts/start names this login in NETWORKS_CONSULTANTS.
DEMO_CONSULTANT = "demo-lederkonsulent"
DEMO_SEED = 1


class DemoError(Exception):
    """The demo could not be built (e.g. the generated organisation did not import)."""


@dataclass
class Demo:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, password, role
    answer_link: str = ""


def demo_create(*, report: Callable[[str], object] = print) -> Demo:
    """Make the demo (what is already there is kept) and fresh passwords for its logins."""
    for version, outcome in builtin_frameworks_load():
        report(f"  {version.framework.slug} v{version.number}: {outcome}")
    tools_builtin_load()
    _organisation_create(report=report)
    demo = Demo()
    password = secrets.token_urlsafe(12)
    demo_login_set(username=DEMO_ADMIN, password=password, staff=True)
    demo.logins.append((DEMO_ADMIN, password, "administrator (HR / leadership development)"))
    people = _demo_people()
    for username, role, person in people:
        password = secrets.token_urlsafe(12)
        demo_login_set(username=username, password=password, person=person)
        demo.logins.append((username, password, role))
    demo.answer_link = _evaluations_create(people=people, report=report)
    _development_create(people=people, report=report)
    consultant = _consultant()
    if consultant is not None:
        password = secrets.token_urlsafe(12)
        demo_login_set(username=DEMO_CONSULTANT, password=password, person=consultant)
        demo.logins.append((DEMO_CONSULTANT, password, "leader consultant (NETWORKS_CONSULTANTS)"))
        with _no_mail():  # the fictional people's sign-up confirmations, offers and newsletters
            _networks_create(people=people, consultant=consultant, report=report)
    talent_demo_create(people=people, admin_username=DEMO_ADMIN, report=report)
    _tools_create(people=people, report=report)
    indicators_demo_create(admin=get_user_model().objects.get(username=DEMO_ADMIN), report=report)
    actionplans_demo_create(people=people, report=report)
    indicator_notes_demo_create(people=people, report=report)
    fivef_demo_create(people=people, report=report)
    return demo


def _tools_create(*, people: list[tuple[str, str, Person]], report: Callable[[str], object]) -> None:
    """The demo school leader's tool documents and the administrator's local variant (`demo/tools.py`)."""
    by_role = {username: person for username, _role, person in people}
    leader, chief = by_role.get("demo-skoleleder"), by_role.get("demo-skolechef")
    if leader is None or chief is None:
        return
    tools_demo_create(
        leader=leader,
        chief=chief,
        teacher=by_role.get("demo-laerer"),
        admin=get_user_model().objects.get(username=DEMO_ADMIN),
        report=report,
    )


def _development_create(*, people: list[tuple[str, str, Person]], report: Callable[[str], object]) -> None:
    """The demo school leader's LUS of last year (dated back) and this year's, in an LUS round for the school
    chief's department (`demo/development.py`)."""
    by_role = {username: person for username, _role, person in people}
    leader, chief = by_role.get("demo-skoleleder"), by_role.get("demo-skolechef")
    if leader is None or chief is None:
        return
    department = (
        Post.objects.active_on(timezone.localdate()).filter(person=chief).select_related("unit").first()
    )
    if department is None:
        return
    development_demo_create(
        leader=leader,
        chief=chief,
        unit=department.unit,
        admin=get_user_model().objects.get(username=DEMO_ADMIN),
        date_back=lambda dialogue: demo_dialogue_date(
            dialogue=dialogue,
            held=timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
            - datetime.timedelta(days=365),
        ),
        report=report,
    )


@contextlib.contextmanager
def _no_mail() -> Iterator[None]:
    """Build with the services as they are, but send none of their e-mails to the demo's fictional people."""
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        yield
    finally:
        settings.EMAIL_BACKEND = backend


def _consultant() -> Person | None:
    """The demo's leader consultant: an HR consultant of the administration's staff."""
    post = (
        Post.objects.active_on(timezone.localdate())
        .filter(source=Source.GENERATOR, title="HR-konsulent")
        .select_related("person")
        .order_by("person__key")
        .first()
    )
    return post.person if post is not None else None


def _networks_create(
    *, people: list[tuple[str, str, Person]], consultant: Person, report: Callable[[str], object]
) -> None:
    """Source 001's forums and events (`demo/networks.py`), the past event dated back."""
    chief = {username: person for username, _role, person in people}.get("demo-skolechef")
    if chief is None:
        return
    today = timezone.localdate()
    active = Post.objects.active_on(today).filter(source=Source.GENERATOR)
    managers = active.filter(level__isnull=False, manager__isnull=False).values("manager_id")
    leaders_of_leaders = list(Person.objects.filter(pk__in=managers).order_by("key")[:12])
    staff_unit = Unit.objects.filter(name="Stab for Økonomi og Administration").first()
    administration = (
        [
            post.person
            for post in active.filter(unit__path__startswith=staff_unit.path)
            .filter(title__in=["Stabschef", "HR-chef", "HR-konsulent"])
            .select_related("person")
            .order_by("person__key")[:5]
        ]
        if staff_unit is not None
        else []
    )
    events = networks_demo_create(
        chief=chief,
        leaders_of_leaders=leaders_of_leaders,
        consultant=consultant,
        administration=administration,
        admin=get_user_model().objects.get(username=DEMO_ADMIN),
        advice=DEMO_CONSULTANT in settings.NETWORKS_CONSULTANTS,
        report=report,
    )
    past = events[-1]
    if past.starts > timezone.now():
        demo_event_date_back(event=past, days=60)


def demo_event_date_back(*, event: Event, days: int) -> None:
    """Move an event made ahead (as every event is made) to `days` ago."""
    shift = (event.starts - timezone.now()) + datetime.timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(
        starts=event.starts - shift, ends=event.ends - shift, signup_deadline=event.signup_deadline - shift
    )


def demo_dialogue_date(*, dialogue: Dialogue, held: datetime.datetime) -> None:
    """Date a dialogue held now back to when it was held (no service moves a dialogue into the past): its
    preparation opened two weeks before, its agreement approved in the days after, its two follow-ups three
    and six months on, and its audit rows with it."""
    opened = held - datetime.timedelta(days=14)
    Dialogue.objects.filter(pk=dialogue.pk).update(
        scheduled_for=held, held_at=held, opened_at=opened, created_at=opened - datetime.timedelta(days=30)
    )
    RatingSheet.objects.filter(dialogue=dialogue).update(handed_in_at=held - datetime.timedelta(days=2))
    Agreement.objects.filter(dialogue=dialogue).update(
        created_at=held,
        leader_approved_at=held + datetime.timedelta(days=2),
        superior_approved_at=held + datetime.timedelta(days=3),
    )
    Goal.objects.filter(dialogue=dialogue).update(created_at=held)
    for months, follow_up in zip(
        (3, 6), FollowUp.objects.filter(dialogue=dialogue).order_by("pk"), strict=False
    ):
        when = held + datetime.timedelta(days=30 * months)
        FollowUp.objects.filter(pk=follow_up.pk).update(
            due=when.date(), held_at=when if follow_up.held_at else None, reminded_on=None
        )
    events = AuditEvent.objects.filter(object_type="development.dialogue", object_id=str(dialogue.pk))
    for minute, pk in enumerate(events.order_by("pk").values_list("pk", flat=True)):
        AuditEvent.objects.filter(pk=pk).update(at=opened + datetime.timedelta(minutes=minute))


def _organisation_create(*, report: Callable[[str], object]) -> None:
    """Import the fictional municipality once; a second start finds it and leaves it alone."""
    if Unit.objects.exists():
        report("  organisation: already there, not imported again")
        return
    started = time.perf_counter()
    outcome = organisation_import_generated(scale="municipality", seed=DEMO_SEED)
    if not outcome.applied:
        problems = "\n".join(str(problem) for problem in outcome.problems[:10])
        raise DemoError(f"The demo organisation could not be imported:\n{problems}")
    report(
        f"  organisation: Egelund Kommune imported in {time.perf_counter() - started:.1f} s "
        f"({outcome.new['units']} units, {outcome.new['people']} people, {outcome.new['posts']} posts)"
    )


def _demo_people() -> list[tuple[str, str, Person]]:
    """A school leader with staff, the school chief above, and a teacher who only answers evaluations."""
    active = Post.objects.active_on(timezone.localdate()).filter(source=Source.GENERATOR)
    head = (
        active.filter(title="Skoleleder", manager__isnull=False)
        .select_related("person", "manager", "unit")
        .order_by("unit__key")
        .first()
    )
    if head is None or head.manager is None:  # the organisation came from elsewhere: only the administrator
        return []
    teacher = (
        active.filter(unit=head.unit, title="Lærer", level__isnull=True)
        .annotate(posts=Count("person__posts"))
        .filter(posts=1)  # one post and no history: the plainest respondent
        .select_related("person")
        .order_by("person__key")
        .first()
    )
    people = [
        ("demo-skoleleder", f"leader with staff (Skoleleder, {head.unit.name})", head.person),
        ("demo-skolechef", "the school leader's manager (Skolechef)", head.manager),
    ]
    if teacher is not None:
        people.append(
            ("demo-laerer", f"employee and respondent only (Lærer, {head.unit.name})", teacher.person)
        )
    return people


def _evaluations_create(*, people: list[tuple[str, str, Person]], report: Callable[[str], object]) -> str:
    """Evaluation cycles with answers, made once; returns the teacher's answer link in the open cycle."""
    by_role = {username: person for username, _role, person in people}
    leader, teacher = by_role.get("demo-skoleleder"), by_role.get("demo-laerer")
    if leader is None:
        return ""
    if not Cycle.objects.exists():
        started = time.perf_counter()
        demo = evaluations_demo_create(
            leader=leader, employee=teacher, by=get_user_model().objects.get(username=DEMO_ADMIN)
        )
        demo_cycles_date(deadlines=demo.deadlines)
        report(
            f"  evaluations: {len(demo.closed)} closed cycles with answers and one open, "
            f"{len(demo.surveys)} closed surveys, made in {time.perf_counter() - started:.1f} s"
        )
    else:
        report("  evaluations: already there, not made again")
    invitation = (
        Invitation.objects.filter(
            evaluee__cycle__status=Cycle.Status.LAUNCHED, person=teacher, status=Invitation.Status.PENDING
        ).first()
        if teacher
        else None
    )
    return answer_link(invitation_token_issue(invitation=invitation)) if invitation else ""


@transaction.atomic
def demo_cycles_date(*, deadlines: dict[int, datetime.date]) -> None:
    """Give the demo's closed cycles their true dates: the deadline, launched three weeks before it.

    A cycle takes answers only until its deadline, so the demo answers and closes each cycle first and
    then dates it back to when it ran; its answers and figures stay as they are. Open cycles keep theirs.
    """
    for pk, deadline in deadlines.items():
        launched = timezone.make_aware(datetime.datetime.combine(deadline - ANSWERING, datetime.time(8)))
        if Cycle.objects.filter(pk=pk, status=Cycle.Status.CLOSED).update(
            deadline=deadline, launched_at=launched, created_at=launched - datetime.timedelta(weeks=1)
        ):
            _audit_date(cycle_pk=pk, launched=launched, deadline=deadline)


# When in a cycle's run each of its audit rows happened, in days after the launch: the draft's work a week
# before it, the reminders two weeks into the answering; the close and anything after it (a report opened)
# the morning after the deadline.
_AUDIT_DAYS = {
    **dict.fromkeys(
        (
            "evaluations.cycle_create",
            "evaluations.cycle_update",
            "evaluations.cycle_groups_set",
            "evaluations.evaluees_add",
            "evaluations.evaluee_remove",
            "evaluations.local_question_add",
            "evaluations.local_question_remove",
            "evaluations.nomination_propose",
            "evaluations.nomination_approve",
            "evaluations.nomination_decline",
            "evaluations.rater_add",
            "evaluations.rater_remove",
        ),
        -7,
    ),
    "evaluations.cycle_launch": 0,
    "evaluations.invitations_sent": 0,
    "evaluations.reminders_send": 14,
    "evaluations.reminders_sent": 14,
}


def _audit_date(*, cycle_pk: int, launched: datetime.datetime, deadline: datetime.date) -> None:
    """Date a closed cycle's audit rows (and those about its leaders) to when they happened in its run, in
    the order they were written, a minute apart."""
    closed = timezone.make_aware(
        datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time(6))
    )
    evaluees = [str(pk) for pk in Evaluee.objects.filter(cycle_id=cycle_pk).values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(object_type="evaluations.cycle", object_id=str(cycle_pk)) | (
        AuditEvent.objects.filter(object_type="evaluations.evaluee", object_id__in=evaluees)
    )
    for minute, (pk, action) in enumerate(events.order_by("pk").values_list("pk", "action")):
        days = _AUDIT_DAYS.get(action)
        at = closed if days is None else launched + datetime.timedelta(days=days)
        AuditEvent.objects.filter(pk=pk).update(at=at + datetime.timedelta(minutes=minute))
