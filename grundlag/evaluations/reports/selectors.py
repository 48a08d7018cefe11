"""Who may see which report: the leader reports, the organisation heatmaps and the survey reports.

Each `…_for_user` selector refuses by itself (404 where a report's existence is private, 403 for no one
signed in); the report builders beside this module then show only what the anonymity gate publishes.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from grundlag.core.rules import is_administrator, require
from grundlag.organisation.models import Post, Unit
from grundlag.organisation.selectors import person_for_user, today

from ..models import Block, Cycle, Evaluee, Instrument

VIEW_ORGANISATION_REPORT = "evaluations.view_organisation_report"


# --- Leader reports ----------------------------------------------------------------------------------


def report_evaluee_get_for_user(*, user: User | AnonymousUser, evaluee_id: int) -> Evaluee:
    """The evaluee whose report the user asks for; 404 when it does not exist or is not theirs to see.

    Surveys have no report per leader: their figures exist only per block (surveys.py).
    """
    evaluee = Evaluee.objects.select_related("cycle", "person", "unit").filter(pk=evaluee_id).first()
    if evaluee is None or evaluee.cycle.status == Cycle.Status.DRAFT or evaluee.cycle.is_survey:
        raise Http404
    if not user.has_perm("evaluations.view_report", evaluee):
        raise Http404
    return evaluee


def reports_for_user(*, user: User | AnonymousUser) -> list[Evaluee]:
    """The user's own reports and those they may see as the superior, newest cycle first."""
    person = person_for_user(user=user)
    if person is None:
        return []
    return list(
        Evaluee.objects.filter(
            Q(person=person) | Q(superior=person, cycle__report_to_superior=True),
            cycle__status__in=[Cycle.Status.LAUNCHED, Cycle.Status.CLOSED],
            cycle__instrument=Instrument.LEADERSHIP_360,
        )
        .select_related("cycle", "person", "unit")
        .order_by("-cycle__deadline", "-cycle__created_at", "person__name")
    )


# --- The organisation heatmap ------------------------------------------------------------------------


def org_scope_units(*, viewer: User | AnonymousUser) -> list[Unit] | None:
    """The units whose subtrees the viewer may see: None for an administrator (everything), else the
    units of their active leadership posts (those below another of them left out)."""
    if is_administrator(viewer):
        return None
    person = person_for_user(user=viewer)
    if person is None:
        return []
    units = sorted(
        {post.unit for post in Post.objects.active_on(today()).filter(person=person, level__isnull=False)},
        key=lambda unit: (len(unit.path), unit.path),
    )
    roots: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(root.path) for root in roots):
            roots.append(unit)
    return roots


def units_scope_q(*, roots: list[Unit] | None, prefix: str = "") -> Q:
    """A Q over rows whose unit is in one of the subtrees (everything for None)."""
    if roots is None:
        return Q()
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(**{f"{prefix}unit__path__startswith": root.path})
    return q


def org_cycles_for_user(*, user: User | AnonymousUser) -> list[Cycle]:
    """Closed cycles with leaders the user may see in the heatmap, newest first; 403 for no one signed in."""
    require(user, VIEW_ORGANISATION_REPORT)
    roots = org_scope_units(viewer=user)
    if roots == []:
        return []
    # A survey's figures exist only per block (surveys.py): its leaders' atoms would cut the blocks finer.
    cycles = Cycle.objects.filter(status=Cycle.Status.CLOSED, instrument=Instrument.LEADERSHIP_360)
    if roots is not None:
        # A row may hold a single leader: leaders above see rows only where the cycle shares the
        # leaders' results up the chain, so the heatmap never shows more than the reports would.
        cycles = cycles.filter(
            report_to_superior=True,
            pk__in=Evaluee.objects.filter(units_scope_q(roots=roots)).values("cycle_id"),
        )
    return list(cycles.order_by("-deadline", "-created_at"))


def org_report_cycle_get_for_user(*, user: User | AnonymousUser, cycle_id: int) -> Cycle:
    """A cycle of `org_cycles_for_user`; 404 for any other."""
    cycle = next((c for c in org_cycles_for_user(user=user) if c.pk == cycle_id), None)
    if cycle is None:
        raise Http404
    return cycle


def org_report_unit_get_for_user(*, user: User | AnonymousUser, unit_id: int | None) -> Unit | None:
    """The unit asked for if the user may see it (None: the user's top, whatever it is); else 404."""
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    roots = org_scope_units(viewer=user)
    if unit is None or (roots is not None and not any(unit.path.startswith(r.path) for r in roots)):
        raise Http404
    return unit


# --- Survey reports ----------------------------------------------------------------------------------


def survey_scope_q(*, viewer: User | AnonymousUser) -> Q | None:
    """A Q over blocks the viewer may see (None: every block); 404 for someone who leads no unit."""
    roots = org_scope_units(viewer=viewer)
    if roots is None:
        return None
    if not roots:
        raise Http404
    scope = Q(pk__in=[])
    for root in roots:
        scope |= Q(unit__path__startswith=root.path)
    return scope


def surveys_in_scope(*, scope: Q | None) -> QuerySet[Cycle]:
    """Closed surveys with blocks in the scope (None: every block)."""
    cycles = Cycle.objects.filter(status=Cycle.Status.CLOSED).exclude(instrument=Instrument.LEADERSHIP_360)
    if scope is not None:
        cycles = cycles.filter(pk__in=Block.objects.filter(scope).values("cycle_id"))
    return cycles


def survey_cycles_for_user(*, user: User | AnonymousUser) -> list[Cycle]:
    """Closed surveys with blocks the user may see, newest first; 403 for no one signed in."""
    require(user, VIEW_ORGANISATION_REPORT)
    try:
        scope = survey_scope_q(viewer=user)
    except Http404:
        return []
    return list(surveys_in_scope(scope=scope).order_by("-deadline", "-created_at"))


def survey_cycle_get_for_user(*, user: User | AnonymousUser, cycle_id: int) -> Cycle:
    """A survey of `survey_cycles_for_user`; 404 for any other."""
    cycle = next((c for c in survey_cycles_for_user(user=user) if c.pk == cycle_id), None)
    if cycle is None:
        raise Http404
    return cycle


def report_trend_evaluees_for_user(*, user: User | AnonymousUser, evaluee: Evaluee) -> list[Evaluee]:
    """The same leader in closed cycles of the same instrument before this one that the user may open,
    oldest first, and this one last: the points of the report's trend."""
    earlier = report_trend_evaluees_earlier(evaluee=evaluee)
    return [e for e in earlier if user.has_perm("evaluations.view_report", e)] + [evaluee]


def report_trend_evaluees_earlier(*, evaluee: Evaluee) -> QuerySet[Evaluee]:
    """Every earlier closed report of the same leader and instrument, oldest first: what the leader sees."""
    return (
        Evaluee.objects.filter(
            person_id=evaluee.person_id,
            cycle__instrument=evaluee.cycle.instrument,
            cycle__status=Cycle.Status.CLOSED,
            cycle__created_at__lt=evaluee.cycle.created_at,
        )
        .select_related("cycle")
        .order_by("cycle__created_at")
    )
