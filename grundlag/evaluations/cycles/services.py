"""Writes of leadership evaluations: cycles, their questionnaire, the leaders evaluated and their raters."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.accounts.services import audit_record
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import direct_reports, unit_subtree_q

from .aggregates import aggregates_build
from .models import (
    Cycle,
    DraftAnswer,
    Evaluee,
    Instrument,
    Invitation,
    LocalQuestion,
    QuestionKind,
    RaterGroup,
)
from .questionnaire import questionnaire_freeze, sections_default

REMINDERS_MAX = 2


def _frozen_error() -> ValidationError:
    return ValidationError(_("The questionnaire is frozen: the cycle has been launched."), code="frozen")


def _require_draft(cycle: Cycle) -> None:
    if cycle.is_frozen:
        raise _frozen_error()


@transaction.atomic
def cycle_create(
    *,
    name: str,
    framework_version: FrameworkVersion,
    deadline: datetime.date,
    by,
    section_keys: Iterable[str] = (),
    superior_shown: bool = False,
    report_to_superior: bool = False,
    peers_max: int = 6,
    others_max: int = 4,
    instrument: str = Instrument.LEADERSHIP_360,
    block_depth: int | None = None,
) -> Cycle:
    """Start a draft cycle on a published version of a foundation (sections: see `sections_default`).

    A survey (conditions, effects) needs a version that holds its statements.
    """
    if framework_version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError(
            {"framework_version": _("Only a published version of a foundation can be evaluated against.")}
        )
    defaults = sections_default(framework_version, instrument)
    if instrument == Instrument.CONDITIONS and not defaults:
        raise ValidationError(
            {"framework_version": _("This foundation states no conditions for leadership to survey.")}
        )
    if instrument == Instrument.EFFECTS and not defaults:
        raise ValidationError(
            {"framework_version": _("This foundation states no intended effects to survey.")}
        )
    cycle = Cycle(
        name=name,
        instrument=instrument,
        block_depth=block_depth if instrument != Instrument.LEADERSHIP_360 else None,
        framework_version=framework_version,
        deadline=deadline,
        section_keys=list(section_keys) or defaults,
        superior_shown=superior_shown,
        report_to_superior=report_to_superior,
        peers_max=peers_max,
        others_max=others_max,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    cycle.full_clean()
    cycle.save()
    audit_record(user=by, action="evaluations.cycle_create", obj=cycle)
    return cycle


@transaction.atomic
def cycle_update(
    *,
    cycle: Cycle,
    by,
    name: str | None = None,
    deadline: datetime.date | None = None,
    section_keys: Iterable[str] | None = None,
) -> Cycle:
    """Rename, move the deadline, or (while a draft) choose the sections the questionnaire is drawn from."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if section_keys is not None:
        _require_draft(cycle)
        known = set(cycle.framework_version.sections.values_list("key", flat=True))
        unknown = sorted(set(section_keys) - known)
        if unknown:
            raise ValidationError(_("Unknown sections: %(keys)s") % {"keys": ", ".join(unknown)})
        cycle.section_keys = [key for key in section_keys]
    if name is not None:
        cycle.name = name
    if deadline is not None and deadline != cycle.deadline:
        if cycle.status == Cycle.Status.CLOSED:
            raise ValidationError(_("The cycle is closed: its deadline can no longer be moved."))
        if deadline < timezone.localdate():
            raise ValidationError(_("The deadline cannot be in the past."))
        cycle.deadline = deadline
    cycle.full_clean()
    cycle.save()
    audit_record(user=by, action="evaluations.cycle_update", obj=cycle)
    return cycle


@transaction.atomic
def local_question_add(
    *, cycle: Cycle, text: str, by, kind: str = QuestionKind.SCALE, self_text: str = ""
) -> LocalQuestion:
    """Add a question of the organisation's own to a draft cycle's questionnaire."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_draft(cycle)
    last = cycle.local_questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = LocalQuestion(
        cycle=cycle, kind=kind, text=text.strip(), self_text=self_text.strip(), position=last + 1
    )
    question.full_clean()
    question.save()
    audit_record(user=by, action="evaluations.local_question_add", obj=cycle)
    return question


@transaction.atomic
def local_question_remove(*, question: LocalQuestion, by) -> None:
    cycle = Cycle.objects.select_for_update().get(pk=question.cycle_id)
    _require_draft(cycle)
    question.delete()
    audit_record(user=by, action="evaluations.local_question_remove", obj=cycle)


def _main_leadership_post(person: Person, *, on: datetime.date) -> Post | None:
    """The person's main post on the day: one on a leadership level first, then the oldest."""
    posts = Post.objects.active_on(on).filter(person=person).select_related("level", "unit", "manager")
    return posts.order_by(
        F("level").asc(nulls_last=True), F("start_date").asc(nulls_first=True), "id"
    ).first()


def _candidate_posts(*, unit: Unit | None, level_key: str, on: datetime.date):
    posts = Post.objects.active_on(on).filter(level__isnull=False)
    if unit is not None:
        posts = posts.filter(unit_subtree_q(unit, on=on, prefix="unit__"))
    if level_key:
        posts = posts.filter(level__key=level_key)
    return posts


def _invite(*, evaluee: Evaluee, person: Person, group: str, by=None) -> Invitation | None:
    # One answer per person in a survey, whichever leader's block it falls in; per leader otherwise.
    invited = Q(evaluee__cycle=evaluee.cycle) if evaluee.cycle.is_survey else Q(evaluee=evaluee)
    if Invitation.objects.filter(invited, person=person).exists():
        return None
    invitation = Invitation(
        evaluee=evaluee,
        group=group,
        person=person,
        email=person.email,
        language=person.language or "da",
        nominated_by=by if by is not None and by.is_authenticated else None,
    )
    invitation.full_clean(exclude=["token_digest"])
    invitation.save()
    return invitation


def _default_raters(*, evaluee: Evaluee, on: datetime.date) -> None:
    """Self, the superior, the direct reports and (up to the cycle's limit) the leaders beside them.

    The conditions survey asks the leader alone; the effect picture the people they lead.
    """
    person, superior = evaluee.person, evaluee.superior
    if evaluee.cycle.instrument == Instrument.EFFECTS:
        for post in direct_reports(person=person, on=on):
            if post.person_id != person.pk:
                _invite(evaluee=evaluee, person=post.person, group=RaterGroup.EMPLOYEE)
        return
    _invite(evaluee=evaluee, person=person, group=RaterGroup.SELF)
    if evaluee.cycle.instrument == Instrument.CONDITIONS:
        return
    if superior is not None:
        _invite(evaluee=evaluee, person=superior, group=RaterGroup.SUPERIOR)
    seen = {person.pk, superior.pk if superior else None}
    for post in direct_reports(person=person, on=on):
        if post.person_id not in seen:
            seen.add(post.person_id)
            _invite(evaluee=evaluee, person=post.person, group=RaterGroup.EMPLOYEE)
    if superior is None:
        return
    peers = []
    for post in direct_reports(person=superior, on=on).filter(level__isnull=False):
        if post.person_id not in seen and post.person not in peers:
            peers.append(post.person)
    for peer in sorted(peers, key=lambda p: (p.name, p.pk))[: evaluee.cycle.peers_max]:
        _invite(evaluee=evaluee, person=peer, group=RaterGroup.PEER)


@transaction.atomic
def evaluees_add(
    *,
    cycle: Cycle,
    by,
    unit: Unit | None = None,
    level_key: str = "",
    people: Iterable[Person] = (),
    on: datetime.date | None = None,
) -> list[Evaluee]:
    """Add the leaders in a unit's subtree and/or on a level, or the people listed, with default raters."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_draft(cycle)
    on = on or timezone.localdate()
    people = list(people)
    if unit is None and not level_key and not people:
        raise ValidationError(_("Choose a unit, a level or some people."))
    person_ids = set(p.pk for p in people)
    if unit is not None or level_key:
        person_ids |= set(
            _candidate_posts(unit=unit, level_key=level_key, on=on).values_list("person_id", flat=True)
        )
    already = set(cycle.evaluees.values_list("person_id", flat=True))
    added = []
    for person in Person.objects.filter(pk__in=person_ids - already).order_by("name", "pk"):
        post = _main_leadership_post(person, on=on)
        if post is None:
            continue  # no post on the day: nothing to evaluate them in
        evaluee = Evaluee.objects.create(
            cycle=cycle,
            person=person,
            post=post,
            unit=post.unit,
            level_key=post.level.key if post.level else "",
            level_name=post.level.name if post.level else "",
            superior=post.manager,
        )
        _default_raters(evaluee=evaluee, on=on)
        added.append(evaluee)
    audit_record(user=by, action="evaluations.evaluees_add", obj=cycle, detail=f"leaders={len(added)}")
    return added


@transaction.atomic
def evaluee_remove(*, evaluee: Evaluee, by) -> None:
    cycle = Cycle.objects.select_for_update().get(pk=evaluee.cycle_id)
    _require_draft(cycle)
    evaluee.delete()
    audit_record(user=by, action="evaluations.evaluee_remove", obj=cycle)


@transaction.atomic
def rater_add(*, evaluee: Evaluee, person: Person, group: str, by) -> Invitation:
    """Invite one more rater; in a launched cycle the invitation is sent at once."""
    cycle = Cycle.objects.select_for_update().get(pk=evaluee.cycle_id)
    if cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed."))
    if group not in RaterGroup.values:
        raise ValidationError(_("Unknown rater group."))
    if cycle.is_survey and group != cycle.survey_group:
        raise ValidationError(
            _("This survey is answered by one rater group only: %(group)s.")
            % {"group": RaterGroup(cycle.survey_group).label}
        )
    invitation = _invite(evaluee=evaluee, person=person, group=group, by=by)
    if invitation is None:
        raise ValidationError(_("This person is already invited to rate the leader."))
    audit_record(user=by, action="evaluations.rater_add", obj=evaluee)
    if cycle.status == Cycle.Status.LAUNCHED and invitation.email:
        _enqueue_invitations(ids=[invitation.pk], reminder=False)
    return invitation


@transaction.atomic
def rater_remove(*, invitation: Invitation, by) -> None:
    """Withdraw an invitation while the cycle is a draft.

    After launch nothing is withdrawn: whether it could be would tell the administrator who has answered.
    """
    invitation = Invitation.objects.select_for_update().select_related("evaluee__cycle").get(pk=invitation.pk)
    if invitation.evaluee.cycle.is_frozen:
        raise ValidationError(
            _("Raters can only be withdrawn before launch: afterwards it would show who has answered.")
        )
    evaluee = invitation.evaluee
    invitation.delete()
    audit_record(user=by, action="evaluations.rater_remove", obj=evaluee)


def _enqueue_invitations(*, ids: list[int], reminder: bool) -> None:
    from .tasks import invitations_send

    if ids:
        invitations_send.enqueue(invitation_ids=ids, reminder=reminder)


@transaction.atomic
def cycle_launch(*, cycle: Cycle, by) -> Cycle:
    """Freeze the questionnaire and send the invitations."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_frozen:
        raise ValidationError(_("The cycle has already been launched."), code="launched")
    if not cycle.evaluees.exists():
        raise ValidationError(_("Add at least one leader before launching the cycle."))
    questions = questionnaire_freeze(cycle=cycle)
    cycle.status = Cycle.Status.LAUNCHED
    cycle.launched_at = timezone.now()
    cycle.save(update_fields=["status", "launched_at"])
    ids = list(
        Invitation.objects.filter(
            evaluee__cycle=cycle, status=Invitation.Status.PENDING, email__gt=""
        ).values_list("pk", flat=True)
    )
    audit_record(
        user=by,
        action="evaluations.cycle_launch",
        obj=cycle,
        detail=f"leaders={cycle.evaluees.count()} questions={questions} invitations={len(ids)}",
    )
    _enqueue_invitations(ids=ids, reminder=False)
    return cycle


def reminders_due(*, cycle: Cycle):
    """Invitations a reminder would go to now: pending, with an address, fewer than two reminders."""
    return Invitation.objects.filter(
        Q(evaluee__cycle=cycle, status=Invitation.Status.PENDING, reminders_sent__lt=REMINDERS_MAX)
        & ~Q(email="")
    )


@transaction.atomic
def reminders_send(*, cycle: Cycle, by) -> int:
    """Remind everyone who has not answered yet (at most twice each); returns how many are reminded."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.LAUNCHED:
        raise ValidationError(_("Reminders can only be sent for a launched cycle."))
    if timezone.localdate() > cycle.deadline:
        raise ValidationError(_("The deadline has passed: no reminders are sent."))
    ids = list(reminders_due(cycle=cycle).values_list("pk", flat=True))
    audit_record(user=by, action="evaluations.reminders_send", obj=cycle, detail=f"invitations={len(ids)}")
    _enqueue_invitations(ids=ids, reminder=True)
    return len(ids)


@transaction.atomic
def cycle_close(*, cycle: Cycle, by) -> Cycle:
    """End answering and open the reports: figures exist only for closed cycles.

    Reports wait for the close so that no one can compare a report before and after one more answer.
    Answers in progress that were never sent are deleted: they are not results.
    """
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.LAUNCHED:
        raise ValidationError(_("Only a launched cycle can be closed."))
    drafts, _by_model = DraftAnswer.objects.filter(invitation__evaluee__cycle=cycle).delete()
    cycle.status = Cycle.Status.CLOSED
    cycle.save(update_fields=["status"])
    aggregates_build(cycle=cycle)  # results are final now: count them once for reports and heatmaps
    audit_record(user=by, action="evaluations.cycle_close", obj=cycle, detail=f"unsent_drafts={drafts}")
    return cycle


def cycles_close_due(*, today: datetime.date | None = None) -> list[Cycle]:
    """Close every launched cycle whose deadline has passed (run daily: `manage.py evaluations_close_due`)."""
    today = today or timezone.localdate()
    return [
        cycle_close(cycle=cycle, by=None)
        for cycle in Cycle.objects.filter(status=Cycle.Status.LAUNCHED, deadline__lt=today)
    ]
