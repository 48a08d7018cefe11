"""The demo's talent pipeline: a programme for the first leadership level with three practice assignments, a
cohort with a course and a network meeting (an event of a leader forum, if the demo has one), and talents at
every stage: the demo teacher nominated by the demo school leader and awaiting consent, a colleague clarifying
their interest, a teacher at another school who signed up and decided to go on, and two of that school's
teachers in the cohort with the demo school leader as their mentor, one with assessed assignments and one
ready. One nomination was declined: only its count remains.

Every record is written by the talent services. The people who act in it and have no login get one as single
sign-on gives it (`account_sso_link`: no password). Made once: a second start finds the programme and leaves
it alone.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth.models import User
from django.utils import timezone

from grundlag.accounts.services import account_sso_link
from grundlag.networks.models import Event
from grundlag.organisation.models import Person, Post
from grundlag.organisation.selectors import people_below
from grundlag.talent.models import ActivityKind, Assignment, Decision, Interest, Outcome, Programme, Talent
from grundlag.talent.selectors import level_expectations, nearest_leader
from grundlag.talent.services import (
    activity_add,
    assessment_give,
    assignment_add,
    cohort_create,
    conversation_record,
    programme_create,
    reflection_save,
    talent_consent,
    talent_decide,
    talent_decline,
    talent_enrol,
    talent_nominate,
    talent_sign_up,
)

ASSIGNMENTS = [
    ("Led et teammøde", "Planlæg og led et af teamets møder, og følg op på aftalerne."),
    ("Følg op på en fælles aftale", "Tag ansvar for, at en aftale i teamet bliver ført ud i livet."),
    ("Giv en kollega feedback", "Giv en kollega feedback på en konkret opgave og tal om den bagefter."),
]


def _user(person: Person) -> User:
    """The person's login, made as single sign-on makes it when they have none."""
    return person.user if person.user is not None else account_sso_link(person=person)


def _staff_below(leader: Person, *, exclude: set[int], count: int) -> list[Person]:
    """People below the leader on no leadership level, one post each, by identifier."""
    today = timezone.localdate()
    on_levels = Post.objects.active_on(today).filter(level__isnull=False).values("person_id")
    people = (
        Person.objects.filter(pk__in=people_below(person=leader), posts__isnull=False)
        .exclude(pk__in=on_levels)
        .exclude(pk__in=exclude)
        .distinct()
        .order_by("key")
    )
    return list(people[:count])


def _other_head(leader: Person) -> Person | None:
    """The school leader of another school, for the mentored talents."""
    today = timezone.localdate()
    own_units = Post.objects.active_on(today).filter(person=leader).values("unit_id")
    post = (
        Post.objects.active_on(today)
        .filter(title="Skoleleder")
        .exclude(unit_id__in=own_units)
        .select_related("person")
        .order_by("unit__key")
        .first()
    )
    return post.person if post is not None else None


def _reflect_and_talk(talent: Talent, *, held_on: datetime.date) -> None:
    expected = [e for content in level_expectations(level=talent.level) for e in content.expectations]
    interests: list[str] = [Interest.APPEALS, Interest.UNSURE, Interest.APPEALS, Interest.NOT_FOR_ME]
    answers = {e.pk: interests[n % len(interests)] for n, e in enumerate(expected)}
    reflection_save(
        talent=talent,
        answers=answers,
        text="Jeg kan lide at samle teamet om en opgave, men er i tvivl om personaleansvaret.",
        by=_user(talent.person),
    )
    if talent.leader is not None:
        conversation_record(
            talent=talent,
            held_on=held_on,
            notes="Vi talte om, hvad der trækker, og aftalte at prøve kræfter med teamledelse.",
            by=_user(talent.leader),
        )


def _programme(admin: User) -> tuple[Programme, list[Assignment], object]:
    today = timezone.localdate()
    programme = programme_create(
        name="Lederspirer", description="Et års forløb fra medarbejder mod første ledelsesniveau.", by=admin
    )
    expected = [e for content in level_expectations(level=programme.level) for e in content.expectations]
    assignments = [
        assignment_add(programme=programme, title=title, description=text, expectation=expected[n], by=admin)
        for n, (title, text) in enumerate(ASSIGNMENTS)
    ]
    cohort = cohort_create(
        programme=programme,
        name=f"Hold {today.year}",
        starts=today - datetime.timedelta(days=60),
        ends=today + datetime.timedelta(days=300),
        by=admin,
    )
    activity_add(
        cohort=cohort,
        kind=ActivityKind.COURSE,
        title="Introduktion til ledelse",
        held_on=today - datetime.timedelta(days=50),
        by=admin,
    )
    event = Event.objects.filter(cancelled_at__isnull=True).order_by("starts", "pk").first()
    if event is not None:
        activity_add(
            cohort=cohort,
            kind=ActivityKind.NETWORK_MEETING,
            title=event.title,
            held_on=timezone.localtime(event.starts).date(),
            event=event,
            by=admin,
        )
    return programme, assignments, cohort


def _going_on(talent: Talent, *, days_ago: int) -> Talent:
    _reflect_and_talk(talent, held_on=timezone.localdate() - datetime.timedelta(days=days_ago))
    return talent_decide(talent=talent, decision=Decision.GO_ON, note="", by=_user(talent.person))


def _mentored(
    person: Person,
    *,
    by: Person,
    mentor: Person,
    cohort,
    assignments: list[Assignment],
    admin: User,
    ready: bool,
) -> None:
    talent = talent_nominate(nominee=person, reason="Tager ansvar og har blik for helheden.", by=_user(by))
    talent_consent(talent=talent, by=_user(person))
    talent = talent_enrol(talent=_going_on(talent, days_ago=70), cohort=cohort, mentor=mentor, by=admin)
    trio = [talent.person, talent.leader, mentor] if ready else [talent.person, talent.leader]
    for assignment in assignments if ready else assignments[:1]:
        for assessor in trio:
            if assessor is not None:
                assessment_give(
                    talent=talent,
                    assignment=assignment,
                    outcome=Outcome.MET,
                    note="Opgaven blev løst med overblik.",
                    by=_user(assessor),
                )


def talent_demo_create(
    *, people: list[tuple[str, str, Person]], admin_username: str, report: Callable[[str], object]
) -> None:
    """The pipeline around the demo school leader (`people`: the demo logins' usernames, roles and people),
    made once."""
    by_role = {username: person for username, _role, person in people}
    leader, teacher = by_role.get("demo-skoleleder"), by_role.get("demo-laerer")
    admin = User.objects.filter(username=admin_username).first()
    if leader is None or admin is None:
        return
    if Programme.objects.exists():
        report("  talent pipeline: already there")
        return
    other = _other_head(leader)
    own = _staff_below(leader, exclude={teacher.pk} if teacher else set(), count=2)
    others = _staff_below(other, exclude=set(), count=3) if other is not None else []
    if len(own) < 2 or len(others) < 3 or other is None:
        report("  talent pipeline: too few people to show it, skipped")
        return
    _programme_made, assignments, cohort = _programme(admin)
    if teacher is not None and nearest_leader(person=teacher) is not None:
        talent_nominate(nominee=teacher, reason="Du samler teamet og tager ansvar.", by=_user(leader))
    clarifying = talent_nominate(
        nominee=own[0], reason="Har overblik og skaber ro i teamet.", by=_user(leader)
    )
    _reflect_and_talk(talent_consent(talent=clarifying, by=_user(own[0])), held_on=timezone.localdate())
    declined = talent_nominate(nominee=own[1], reason="Viser lederevner.", by=_user(leader))
    talent_decline(talent=declined, by=_user(own[1]))
    _going_on(
        talent_sign_up(person=others[0], motivation="Jeg vil gerne prøve ledelse af.", by=_user(others[0])),
        days_ago=5,
    )
    for person, ready in ((others[1], False), (others[2], True)):
        _mentored(
            person, by=other, mentor=leader, cohort=cohort, assignments=assignments, admin=admin, ready=ready
        )
    report(f"  talent pipeline: a programme, a cohort and {Talent.objects.count()} talents at every stage")
