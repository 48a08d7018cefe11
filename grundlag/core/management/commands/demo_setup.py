import os
import secrets
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from grundlag.frameworks.services import builtin_frameworks_load
from grundlag.organisation.generator import organisation_import_generated
from grundlag.organisation.models import Person, Post, Source, Unit

DEMO_ADMIN = "demo-admin"
DEMO_SEED = 1


class Command(BaseCommand):
    help = (
        "Load the built-in frameworks, import the fictional municipality and create demo logins "
        "(development only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo is for development: run it with DEBUG=true.")
        for version, outcome in builtin_frameworks_load():
            self.stdout.write(f"  {version.framework.slug} v{version.number}: {outcome}")
        self._organisation()
        logins = [(_demo_user(DEMO_ADMIN, staff=True), "administrator (HR / leadership development)")]
        people = _demo_people()
        for username, role, person in people:
            logins.append((_demo_user(username, person=person), role))
        answer_link = self._evaluations(people)
        lines = "".join(
            f"  {role:60} username {username:18} password {password}\n"
            for (username, password), role in logins
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"\nGrundlag is starting at http://{os.environ.get('GRUNDLAG_ADDRESS', '127.0.0.1:8000')}/\n"
                f"Demo logins:\n{lines}"
                "(new passwords are made each time the demo starts)\n"
                + (
                    f"Answer the open evaluation as the teacher (no login needed):\n  {answer_link}\n"
                    if answer_link
                    else ""
                )
            )
        )

    def _evaluations(self, people) -> str:
        """Evaluation cycles with answers, made once; returns the teacher's answer link in the open cycle."""
        from grundlag.evaluations.demo import evaluations_demo_create
        from grundlag.evaluations.models import Cycle, Invitation
        from grundlag.evaluations.tasks import answer_link
        from grundlag.evaluations.tokens import invitation_token

        by_role = {username: person for username, _role, person in people}
        leader, teacher = by_role.get("demo-skoleleder"), by_role.get("demo-laerer")
        if leader is None:
            return ""
        if not Cycle.objects.exists():
            started = time.perf_counter()
            demo = evaluations_demo_create(
                leader=leader, employee=teacher, by=get_user_model().objects.get(username=DEMO_ADMIN)
            )
            self.stdout.write(
                f"  evaluations: {len(demo.closed)} closed cycles with answers and one open, "
                f"{len(demo.surveys)} closed surveys, made in {time.perf_counter() - started:.1f} s"
            )
        else:
            self.stdout.write("  evaluations: already there, not made again")
        invitation = (
            Invitation.objects.filter(
                evaluee__cycle__status=Cycle.Status.LAUNCHED, person=teacher, status=Invitation.Status.PENDING
            ).first()
            if teacher
            else None
        )
        return answer_link(invitation_token(invitation)) if invitation else ""

    def _organisation(self) -> None:
        """Import the fictional municipality once; a second start finds it and leaves it alone."""
        if Unit.objects.exists():
            self.stdout.write("  organisation: already there, not imported again")
            return
        started = time.perf_counter()
        outcome = organisation_import_generated(scale="municipality", seed=DEMO_SEED)
        if not outcome.applied:
            problems = "\n".join(str(problem) for problem in outcome.problems[:10])
            raise CommandError(f"The demo organisation could not be imported:\n{problems}")
        self.stdout.write(
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
    if head is None:  # the organisation came from elsewhere: only the administrator
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


def _demo_user(username: str, *, staff: bool = False, person: Person | None = None) -> tuple[str, str]:
    """Create or refresh a demo login with a new random password, linked to the person if given."""
    password = secrets.token_urlsafe(12)
    names = {"first_name": "Demo", "last_name": "Administrator"} if staff else {}
    user, _created = get_user_model().objects.get_or_create(username=username, defaults=names)
    user.is_staff = staff
    user.set_password(password)
    user.save()
    if person is not None and person.user_id != user.pk:
        Person.objects.filter(user=user).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    return username, password
