"""What evaluations put on the start page: answers owed, evaluations of me, reports, cycles to run.

Counts only, as everywhere else: who answered is never shown to a leader, only how many.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from grundlag.core.rules import is_administrator
from grundlag.core.start import StartSection, start_sections
from grundlag.organisation.selectors import person_for_user

from .cycles.selectors import Rates, invitation_rates
from .models import Cycle, Evaluee, Instrument, Invitation, RaterGroup
from .nominations.selectors import proposals_pending_for_user
from .reports.selectors import reports_for_user

REPORTS_SHOWN = 5


@dataclass
class OpenCycle:
    cycle: Cycle
    rates: Rates
    days_left: int


@dataclass
class OpenEvaluation:
    evaluee: Evaluee
    rates: Rates


def invitations_to_answer_for_user(*, user: User | AnonymousUser) -> list[Invitation]:
    """The signed-in person's invitations still open for answers, nearest deadline first."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return list(
        Invitation.objects.filter(
            person=person,
            status=Invitation.Status.PENDING,
            evaluee__cycle__status=Cycle.Status.LAUNCHED,
            evaluee__cycle__deadline__gte=timezone.localdate(),
        )
        .select_related("evaluee__cycle", "evaluee__person")
        .order_by("evaluee__cycle__deadline", "evaluee__cycle_id", "pk")
    )


def evaluations_of_me_open_for_user(*, user: User | AnonymousUser) -> list[OpenEvaluation]:
    """The signed-in leader's 360° evaluations open for answers, with how many have answered so far."""
    person = person_for_user(user=user)
    if person is None:
        return []
    evaluees = list(
        Evaluee.objects.filter(
            person=person, cycle__status=Cycle.Status.LAUNCHED, cycle__instrument=Instrument.LEADERSHIP_360
        )
        .select_related("cycle")
        .order_by("cycle__deadline", "cycle_id")
    )
    rates = invitation_rates(
        invitations=Invitation.objects.filter(evaluee__in=evaluees).exclude(group=RaterGroup.SELF),
        keys=("evaluee_id",),
    )
    return [OpenEvaluation(evaluee=e, rates=rates.get(e.pk, Rates())) for e in evaluees]


def open_cycles_for_user(*, user: User | AnonymousUser) -> list[OpenCycle]:
    """For an administrator: the launched cycles with their response rates and days to the deadline."""
    if not is_administrator(user):
        return []
    cycles = list(
        Cycle.objects.filter(status=Cycle.Status.LAUNCHED)
        .select_related("framework_version__framework")
        .order_by("deadline", "pk")
    )
    rates = invitation_rates(
        invitations=Invitation.objects.filter(evaluee__cycle__in=cycles), keys=("evaluee__cycle_id",)
    )
    today = timezone.localdate()
    return [
        OpenCycle(cycle=c, rates=rates.get(c.pk, Rates()), days_left=(c.deadline - today).days)
        for c in cycles
    ]


@start_sections
def evaluations_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """The respondent's answers owed, the leader's evaluations and reports, the administrator's cycles."""
    sections = []
    if person_for_user(user=user) is not None:  # only a person can be invited
        sections.append(
            StartSection(
                template="evaluations/_start_to_answer.html",
                context={"invitations": invitations_to_answer_for_user(user=user)},
                order=10,
            )
        )
    open_of_me = evaluations_of_me_open_for_user(user=user)
    if open_of_me:
        sections.append(
            StartSection(template="evaluations/_start_of_me.html", context={"open": open_of_me}, order=30)
        )
    reports = [e for e in reports_for_user(user=user) if e.cycle.status == Cycle.Status.CLOSED]
    if reports:
        sections.append(
            StartSection(
                template="evaluations/_start_reports.html",
                context={"reports": reports[:REPORTS_SHOWN], "me": person_for_user(user=user)},
                order=40,
            )
        )
    proposals = proposals_pending_for_user(user=user).count() if user.is_authenticated else 0
    if proposals:
        sections.append(
            StartSection(template="evaluations/_start_proposals.html", context={"count": proposals}, order=5)
        )
    if is_administrator(user):
        sections.append(_cycles_section(user=user))
    return sections


def _cycles_section(*, user: User | AnonymousUser) -> StartSection:
    cycles = open_cycles_for_user(user=user)
    return StartSection(
        template="evaluations/_start_cycles.html",
        context={
            "to_close": [c for c in cycles if c.days_left < 0],
            "open": [c for c in cycles if c.days_left >= 0],
            "drafts": Cycle.objects.filter(status=Cycle.Status.DRAFT).count(),
        },
        order=20,
    )
