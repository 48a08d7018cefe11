"""Writes of evaluation cycles: the cycle, its questionnaire (frozen at launch), the leaders evaluated and
their raters, the invitations' e-mails (enqueued here, sent by `responding.services`), the close, and
the fictional cycles of the benchmarks and the demo (`evaluation_cycle_generate`)."""

import datetime
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.core.rows import RowWriter
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import direct_reports, unit_subtree_q

from ..models import (
    Answer,
    Comment,
    Cycle,
    Evaluee,
    Instrument,
    Invitation,
    LocalQuestion,
    Question,
    QuestionKind,
    RaterGroup,
    Response,
    SealedDraft,
    SealedResponse,
)
from ..reports.services import results_publish
from ..reports.tasks import report_pdfs_make_task
from ..responding.sealed import response_seal, sealed_size
from ..sealing import SealError
from .asked import GROUPS, not_asked_default
from .generator import (
    EVALUEES_PER_CHUNK,
    GROUP_TENDENCY,
    LOCAL_STATEMENTS,
    OPEN_QUESTION,
    Generated,
    answers_draw,
    default_raters,
    framework_version_for_generating,
    leaders_read,
    people_and_levels_read,
)
from .questionnaire import cycle_levels, questionnaire_preview, sections_default
from .selectors import reminders_due
from .tasks import invitations_send

logger = logging.getLogger(__name__)

_By = User | AnonymousUser | None  # who acts: None for the system (a task, a command)


def _frozen_error() -> ValidationError:
    return ValidationError(_("The questionnaire is frozen: the cycle has been launched."), code="frozen")


def _require_draft(cycle: Cycle) -> None:
    if cycle.is_frozen:
        raise _frozen_error()


def _refuse_past_deadline(deadline: datetime.date) -> None:
    """The one place that decides a deadline is in the past: creating and moving a cycle both ask it."""
    if Cycle.is_past(deadline):
        raise ValidationError(_("The deadline cannot be in the past."))


@transaction.atomic
def cycle_create(
    *,
    name: str,
    framework_version: FrameworkVersion,
    deadline: datetime.date,
    by: _By,
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
    _refuse_past_deadline(deadline)
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
        # A survey has one group, asked everything; a 360° cycle starts from the foundation's defaults.
        not_asked={} if instrument != Instrument.LEADERSHIP_360 else not_asked_default(framework_version),
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
    by: _By,
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
        _refuse_past_deadline(deadline)
        cycle.deadline = deadline
    cycle.full_clean()
    cycle.save()
    audit_record(user=by, action="evaluations.cycle_update", obj=cycle)
    return cycle


@transaction.atomic
def cycle_groups_set(
    *,
    cycle: Cycle,
    asked: dict[str, Iterable[int]],
    shown: Iterable[int],
    by: _By,
    local_asked: dict[str, Iterable[int]] | None = None,
    local_shown: Iterable[int] = (),
) -> Cycle:
    """Choose, among the statements `shown` (expectation ids), which each rater group is asked, and
    likewise among the cycle's local questions `local_shown` (`LocalQuestion` ids) with `local_asked`.

    `asked` maps a rater group to the statements it is asked; a shown statement not in it is not asked of
    that group. Statements not shown (on other levels) keep their choice, and so do local questions not
    shown. Refused after launch.
    """
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_frozen:
        raise ValidationError(
            _(
                "The cycle has been launched: which statements each rater group is asked "
                "can no longer be changed."
            ),
            code="frozen",
        )
    shown_ids = {int(pk) for pk in shown}
    not_asked = {}
    for group in GROUPS:
        kept = set(cycle.not_asked.get(group, [])) - shown_ids
        chosen = shown_ids - {int(pk) for pk in asked.get(group, ())}
        if kept | chosen:
            not_asked[str(group)] = sorted(kept | chosen)
    cycle.not_asked = not_asked
    cycle.full_clean()
    cycle.save(update_fields=["not_asked"])
    detail = " ".join(f"{group}={len(ids)}" for group, ids in not_asked.items()) or "all asked"
    local = _local_groups_set(cycle=cycle, asked=local_asked or {}, shown=local_shown)
    if local is not None:
        detail += f"; local questions not asked: {local}"
    audit_record(user=by, action="evaluations.cycle_groups_set", obj=cycle, detail=f"not asked: {detail}")
    return cycle


def _local_groups_set(*, cycle: Cycle, asked: dict[str, Iterable[int]], shown: Iterable[int]) -> str | None:
    """Store the groups each shown local scale question of the cycle is not asked of (other ids are
    ignored: open questions are asked of everyone); the audit detail, None when none was shown."""
    shown_ids = {int(pk) for pk in shown}
    if not shown_ids:
        return None
    asked_ids = {group: {int(pk) for pk in asked.get(group, ())} for group in GROUPS}
    counts: Counter[str] = Counter()
    for question in cycle.local_questions.filter(pk__in=shown_ids, kind=QuestionKind.SCALE).order_by("pk"):
        not_asked_of = [str(group) for group in GROUPS if question.pk not in asked_ids[group]]
        counts.update(not_asked_of)
        if not_asked_of != question.not_asked_of:
            question.not_asked_of = not_asked_of
            question.full_clean()
            question.save(update_fields=["not_asked_of"])
    return " ".join(f"{group}={counts[group]}" for group in GROUPS if counts[group]) or "all asked"


@transaction.atomic
def local_question_add(
    *, cycle: Cycle, text: str, by: _By, kind: str = QuestionKind.SCALE, self_text: str = ""
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
def local_question_remove(*, question: LocalQuestion, by: _By) -> None:
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


def _candidate_posts(*, unit: Unit | None, level_key: str, on: datetime.date) -> QuerySet[Post]:
    posts = Post.objects.active_on(on).filter(level__isnull=False)
    if unit is not None:
        posts = posts.filter(unit_subtree_q(unit=unit, on=on, prefix="unit__"))
    if level_key:
        posts = posts.filter(level__key=level_key)
    return posts


def _refuse_identified_rater(*, evaluee: Evaluee, person: Person, group: str) -> None:
    """Self is the leader and the superior is the leader's superior, one person each: the report shows
    them as who they are, so anyone else in the group could be told apart by subtracting (anonymity.py)."""
    if group not in (RaterGroup.SELF, RaterGroup.SUPERIOR):
        return
    label = RaterGroup(group).label
    if group == RaterGroup.SELF and person.pk != evaluee.person_id:
        raise ValidationError(
            _("Only the leader themselves can rate in the group “%(group)s”.") % {"group": label}, code="self"
        )
    if group == RaterGroup.SUPERIOR and evaluee.superior_id is None:
        raise ValidationError(
            _("The leader has no superior leader on record, so no one can rate in the group “%(group)s”.")
            % {"group": label},
            code="superior",
        )
    if group == RaterGroup.SUPERIOR and person.pk != evaluee.superior_id:
        raise ValidationError(
            _("Only the leader's superior leader, %(name)s, can rate in the group “%(group)s”.")
            % {"name": evaluee.superior, "group": label},
            code="superior",
        )
    if evaluee.invitations.filter(group=group).exists():
        raise ValidationError(
            _("The group “%(group)s” is one person, and the leader already has a rater in it.")
            % {"group": label},
            code="identified_taken",
        )


def _invite(*, evaluee: Evaluee, person: Person, group: str, by: _By = None) -> Invitation | None:
    # One answer per person in a survey, whichever leader's block it falls in; per leader otherwise.
    invited = Q(evaluee__cycle=evaluee.cycle) if evaluee.cycle.is_survey else Q(evaluee=evaluee)
    if Invitation.objects.filter(invited, person=person).exists():
        return None
    _refuse_identified_rater(evaluee=evaluee, person=person, group=group)
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
    by: _By,
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
def evaluee_remove(*, evaluee: Evaluee, by: _By) -> None:
    cycle = Cycle.objects.select_for_update().get(pk=evaluee.cycle_id)
    _require_draft(cycle)
    evaluee.delete()
    audit_record(user=by, action="evaluations.evaluee_remove", obj=cycle)


@transaction.atomic
def rater_add(*, evaluee: Evaluee, person: Person, group: str, by: _By) -> Invitation:
    """Invite one more rater; in a launched cycle the invitation is sent at once."""
    cycle = Cycle.objects.select_for_update().get(pk=evaluee.cycle_id)
    if cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed."))
    if group not in RaterGroup.values:
        raise ValidationError(_("Unknown rater group."))
    survey_group = cycle.survey_group
    if survey_group is not None and group != survey_group:
        raise ValidationError(
            _("This survey is answered by one rater group only: %(group)s.")
            % {"group": RaterGroup(survey_group).label}
        )
    invitation = _invite(evaluee=evaluee, person=person, group=group, by=by)
    if invitation is None:
        raise ValidationError(_("This person is already invited to rate the leader."))
    audit_record(user=by, action="evaluations.rater_add", obj=evaluee)
    if cycle.status == Cycle.Status.LAUNCHED and invitation.email:
        invitations_enqueue(ids=[invitation.pk], reminder=False)
    return invitation


@transaction.atomic
def rater_remove(*, invitation: Invitation, by: _By) -> None:
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


def invitations_enqueue(*, ids: list[int], reminder: bool, reminder_number: int | None = None) -> None:
    """E-mail the invitations (or reminders) in the background: the task calls `invitation_emails_send`."""
    if ids:
        invitations_send.enqueue(invitation_ids=ids, reminder=reminder, reminder_number=reminder_number)


@transaction.atomic
def questionnaire_freeze(*, cycle: Cycle) -> int:
    """Write the questionnaire of every level the cycle's leaders are on; returns the questions written."""
    levels = {level.key: level for level in cycle_levels(cycle=cycle)}
    not_asked = {group: set(ids) for group, ids in (cycle.not_asked or {}).items()}
    # A survey's questionnaire is one for every level (level key "").
    level_keys = [""] if cycle.is_survey else sorted(set(cycle.evaluees.values_list("level_key", flat=True)))
    cycle.questions.all().delete()
    rows = []
    for level_key in level_keys:
        position = 0
        # The statements are Danish; the titles of the local sections are frozen in the same language.
        with translation.override(settings.LANGUAGE_CODE):
            sections = questionnaire_preview(cycle=cycle, level=levels.get(level_key))
        for section in sections:
            for question in section.questions:
                if question.expectation_id is None:  # a local question carries its own choice
                    not_asked_of = [g for g in GROUPS if g in question.not_asked_of]
                else:
                    not_asked_of = [g for g in GROUPS if question.expectation_id in not_asked.get(g, ())]
                position += 1
                rows.append(
                    Question(
                        cycle=cycle,
                        level_key=level_key,
                        position=position,
                        section_key=section.key,
                        section_title=section.title,
                        kind=question.kind,
                        rater_text=question.rater_text,
                        self_text=question.self_text,
                        expectation_id=question.expectation_id,
                        not_asked_of=not_asked_of,
                    )
                )
    Question.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def cycle_launch(*, cycle: Cycle, by: _By) -> Cycle:
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
    invitations_enqueue(ids=ids, reminder=False)
    return cycle


@transaction.atomic
def reminders_send(*, cycle: Cycle, by: _By) -> int:
    """Remind everyone who has not answered yet (at most twice each); returns how many are reminded."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.LAUNCHED:
        raise ValidationError(_("Reminders can only be sent for a launched cycle."))
    if cycle.is_past_deadline:
        raise ValidationError(_("The deadline has passed: no reminders are sent."))
    due = list(reminders_due(cycle=cycle).values_list("pk", "reminders_sent"))
    audit_record(user=by, action="evaluations.reminders_send", obj=cycle, detail=f"invitations={len(due)}")
    # One task per reminder number (the first or the second), so that a task run again (its worker was
    # killed) or a second click sends no one the same reminder twice.
    by_number: dict[int, list[int]] = defaultdict(list)
    for pk, reminders_sent in due:
        by_number[reminders_sent + 1].append(pk)
    for number, ids in sorted(by_number.items()):
        invitations_enqueue(ids=ids, reminder=True, reminder_number=number)
    return len(due)


@transaction.atomic
def cycle_close(*, cycle: Cycle, by: _By, discard_unreadable: bool = False) -> Cycle:
    """End answering and open the reports: figures exist only for closed cycles.

    Reports wait for the close so that no one can compare a report before and after one more answer.
    Answers in progress that were never sent are deleted: they are not results. The sent responses are
    opened now, written anonymously and counted (`reports.services.results_publish`); if one cannot be
    opened with the keys in the settings, nothing changes and the cycle stays open, unless
    `discard_unreadable` says to close without them (a key that is lost for good).
    """
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != Cycle.Status.LAUNCHED:
        raise ValidationError(_("Only a launched cycle can be closed."))
    cycle.status = Cycle.Status.CLOSED
    cycle.save(update_fields=["status"])
    unreadable: list | None = [] if discard_unreadable else None
    try:
        opened = results_publish(cycle=cycle, unreadable=unreadable)
    except SealError:
        raise ValidationError(
            _(
                "The sent answers cannot be opened with the keys in the settings, so the cycle stays open. "
                "Restore the key they were sealed with (EVALUATIONS_SEAL_KEYS, or the SECRET_KEY it is "
                "derived from) and close the cycle again."
            ),
            code="sealed",
        ) from None
    drafts, _by_model = SealedDraft.objects.filter(invitation__evaluee__cycle=cycle).delete()
    detail = f"responses={opened} unsent_drafts={drafts}"
    if unreadable:
        detail += f" lost_unreadable={len(unreadable)}"
    audit_record(user=by, action="evaluations.cycle_close", obj=cycle, detail=detail)
    report_pdfs_enqueue(cycle_id=cycle.pk)  # queued once the close is committed
    return cycle


REPORT_PDFS_PER_TASK = 50  # a task makes this many report PDFs (about 0.5 s each): one failure loses few


def report_pdfs_enqueue(*, cycle_id: int) -> int:
    """Once the close is committed, make the PDFs of the cycle's reports in the background, each in its
    leader's language (`reports.services.report_pdfs_make`): a leader's click then finds theirs made
    (`reports.services.report_pdf_bytes`). Returns how many tasks are queued."""
    if not settings.EVALUATIONS_REPORT_PDFS_AT_CLOSE:
        return 0
    ids = list(Evaluee.objects.filter(cycle_id=cycle_id).order_by("pk").values_list("pk", flat=True))
    batches = [ids[i : i + REPORT_PDFS_PER_TASK] for i in range(0, len(ids), REPORT_PDFS_PER_TASK)]
    for batch in batches:
        transaction.on_commit(partial(report_pdfs_make_task.enqueue, evaluee_ids=batch))
    return len(batches)


def cycles_close_due(*, today: datetime.date | None = None) -> list[Cycle]:
    """Close every launched cycle whose deadline has passed (run daily: `manage.py evaluations_close_due`)."""
    today = today or timezone.localdate()
    closed = []
    for cycle in Cycle.objects.filter(status=Cycle.Status.LAUNCHED, deadline__lt=today):  # Cycle.is_past
        try:
            closed.append(cycle_close(cycle=cycle, by=None))
        except ValidationError as error:  # one cycle's lost key does not keep the others open
            logger.error("Cycle %s was not closed: %s", cycle.pk, " ".join(error.messages))
    return closed


# --- The fictional cycles of the benchmarks and the demo (rows drawn in generator.py) ------------------


def _generated_cycle_create(*, name: str, deadline: datetime.date, local_statements: int, by: _By) -> Cycle:
    """The cycle and its local statements through the real services; the deadline is set at launch."""
    cycle = cycle_create(
        name=name,
        framework_version=framework_version_for_generating(),
        deadline=max(deadline, timezone.localdate()),
        report_to_superior=True,  # so that leaders above see the organisation heatmap, as in most cycles
        by=by,
    )
    for text in LOCAL_STATEMENTS[:local_statements]:
        local_question_add(cycle=cycle, text=text, kind=QuestionKind.SCALE, by=by)
    local_question_add(cycle=cycle, text=OPEN_QUESTION, kind=QuestionKind.OPEN, by=by)
    return cycle


def _generated_evaluees_create(*, cycle: Cycle, main: dict, people: dict, levels: dict) -> list[Evaluee]:
    leader_order = sorted(main, key=lambda pk: (people[pk][0], pk))
    evaluees = Evaluee.objects.bulk_create(
        [
            Evaluee(
                cycle=cycle,
                person_id=pk,
                post_id=main[pk][0],
                unit_id=main[pk][2],
                level_key=levels[main[pk][3]][0],
                level_name=levels[main[pk][3]][1],
                superior_id=main[pk][4],
            )
            for pk in leader_order
        ],
        batch_size=2000,
    )
    if connection.vendor != "postgresql" and evaluees and evaluees[0].pk is None:
        by_person = dict(Evaluee.objects.filter(cycle=cycle).values_list("person_id", "pk"))
        for evaluee in evaluees:
            evaluee.pk = by_person[evaluee.person_id]
    return evaluees


def _generated_questions(*, cycle: Cycle, rng: random.Random) -> dict[str, list[tuple[int, str, float]]]:
    """The frozen questions by level key, each with a difficulty drawn once per expectation; under the key
    `not_asked:<rater group>`, the questions that group is not asked (level keys hold no colon)."""
    questions: dict[str, list[tuple[int, str, float]]] = defaultdict(list)
    difficulty: dict[int | None, float] = {}
    for question in Question.objects.filter(cycle=cycle).order_by("level_key", "position", "id"):
        if question.not_asked_of:
            for group in question.not_asked_of:
                questions[f"not_asked:{group}"].append((question.pk, question.kind, 0.0))
        if question.expectation_id not in difficulty:
            difficulty[question.expectation_id] = rng.gauss(0, 0.35)
        questions[question.level_key].append(
            (question.pk, question.kind, difficulty[question.expectation_id])
        )
    return questions


@dataclass(frozen=True)
class _RatersPlan:
    """What the raters of every leader are drawn from."""

    reports: dict[int, list[tuple[int, bool]]]  # manager → (person, has a level)
    people: dict[int | None, tuple[str, str, str]]  # person → (name, e-mail, language)
    questions: dict[str, list[tuple[int, str, float]]]  # level key → (question, kind, difficulty)
    unnamed_team: bool
    others: tuple[int, int] | None
    response_rate: float


def _generated_invitations_write(
    *,
    cycle: Cycle,
    evaluees: list[Evaluee],
    rng: random.Random,
    plan: _RatersPlan,
    rows: "_ResponseRows",
) -> int:
    """Each leader's raters, and the answers of those who answer; returns the invitations written."""
    written = 0
    for start in range(0, len(evaluees), EVALUEES_PER_CHUNK):
        invitations = []
        for evaluee in evaluees[start : start + EVALUEES_PER_CHUNK]:
            raters = default_raters(
                evaluee, reports=plan.reports, people=plan.people, peers_max=cycle.peers_max
            )
            if plan.unnamed_team and not any(group == RaterGroup.EMPLOYEE for group, _pk in raters):
                raters += [(RaterGroup.EMPLOYEE, None)] * rng.randint(6, 20)
            if plan.others is not None:
                raters += [(RaterGroup.OTHER, None)] * rng.randint(*plan.others)
            mean = rng.gauss(3.8, 0.35)
            level_questions = plan.questions[""] + plan.questions[evaluee.level_key]
            size = sealed_size([kind for _pk, kind, _difficulty in level_questions])
            for group, person_pk in raters:
                answered = rng.random() < plan.response_rate
                name_email_language = plan.people.get(person_pk, ("", "", "da"))
                invitations.append(
                    Invitation(
                        evaluee_id=evaluee.pk,
                        group=group,
                        person_id=person_pk,
                        email=name_email_language[1],
                        language=name_email_language[2],
                        status=Invitation.Status.COMPLETED if answered else Invitation.Status.PENDING,
                    )
                )
                if answered:
                    # A group answers only what it is asked (`Question.not_asked_of`).
                    not_asked = {pk for pk, _kind, _d in plan.questions.get(f"not_asked:{group}", [])}
                    asked = [q for q in level_questions if q[0] not in not_asked]
                    drawn = answers_draw(
                        rng, mean=mean + GROUP_TENDENCY[group] + rng.gauss(0, 0.35), questions=asked
                    )
                    rows.add(evaluee_id=evaluee.pk, group=group, drawn=drawn, size=size)
        Invitation.objects.bulk_create(invitations, batch_size=5000)
        written += len(invitations)
    return written


class _ResponseRows:
    """The generated responses: as a closed cycle keeps them, or sealed, as `response_submit` leaves them."""

    def __init__(self, *, cycle_id: int, sealed: bool) -> None:
        self.cycle_id, self.sealed = cycle_id, sealed
        self.responses = RowWriter(Response, ["id", "evaluee", "group"])
        self.answers = RowWriter(Answer, ["response", "question", "value"], after=self.responses)
        # As a close writes them: leader, group and question, no response, in an order of their own.
        self.comments: list[tuple[int, str, int, str]] = []
        self.sealed_responses = RowWriter(SealedResponse, ["id", "cycle", "sealed"])
        self.counts: Counter[str] = Counter()

    def add(self, *, evaluee_id: int, group: str, drawn: tuple, size: int) -> None:
        response_id, answers, comments = drawn
        self.counts.update(responses=1, answers=len(answers), comments=len(comments))
        if self.sealed:
            sealed = response_seal(
                cycle_id=self.cycle_id,
                evaluee_id=evaluee_id,
                group=group,
                answers=answers,
                comments=comments,
                size=size,
            )
            self.sealed_responses.add((response_id, self.cycle_id, sealed))
            return
        self.responses.add((response_id, evaluee_id, group))
        for question_id, value in answers:
            self.answers.add((response_id, question_id, value))
        self.comments.extend((evaluee_id, group, question_id, text) for question_id, text in comments.items())

    def flush(self) -> None:
        for writer in (self.responses, self.answers, self.sealed_responses):
            writer.flush()
        random.Random(self.cycle_id).shuffle(self.comments)
        comment_rows = RowWriter(Comment, ["evaluee", "group", "question", "text"])
        for row in self.comments:
            comment_rows.add(row)
        comment_rows.flush()
        self.comments = []


def _tables_analyse() -> None:
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner, as autovacuum would gather soon after a bulk load.
        with connection.cursor() as cursor:
            for model in (Evaluee, Invitation, Question, Response, Answer, Comment):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


def evaluation_cycle_generate(
    *,
    seed: int = 1,
    unit: Unit | None = None,
    response_rate: float = 0.8,
    close: bool = True,
    unnamed_team: bool = True,
    local_statements: int = 0,
    others: tuple[int, int] | None = None,
    name: str = "",
    by: _By = None,
    on: datetime.date | None = None,
    sealed: bool = False,
) -> Generated:
    """Evaluate every leader of the organisation (or of the unit's subtree), answered and (by default) closed.

    With `close=False` the cycle stays launched and open until a fortnight from now, for answering.
    `local_statements` adds that many of `LOCAL_STATEMENTS` to the questionnaire, and `others` gives each
    leader between the two numbers of unnamed raters in the group "others" (as nominated collaborators
    outside the organisation), so that a cycle has the size the benchmarks name. The responses are written
    as a closed cycle keeps them, or with `sealed=True` sealed, as sent responses are until the close
    opens them (for the close's benchmark). See `generator.py`.
    """
    rng = random.Random(seed)
    on = on or timezone.localdate()
    today = timezone.localdate()
    deadline = today - datetime.timedelta(days=1) if close else today + datetime.timedelta(days=14)
    cycle = _generated_cycle_create(
        name=name or f"Ledelsesevaluering {seed}", deadline=deadline, local_statements=local_statements, by=by
    )
    main, reports = leaders_read(unit=unit, on=on)
    people, levels = people_and_levels_read(main=main)
    with transaction.atomic():
        evaluees = _generated_evaluees_create(cycle=cycle, main=main, people=people, levels=levels)
        questionnaire_freeze(cycle=cycle)
        questions = _generated_questions(cycle=cycle, rng=rng)
        Cycle.objects.filter(pk=cycle.pk).update(
            status=Cycle.Status.LAUNCHED, launched_at=timezone.now(), deadline=deadline
        )
        cycle.refresh_from_db()
        rows = _ResponseRows(cycle_id=cycle.pk, sealed=sealed)
        plan = _RatersPlan(reports, people, questions, unnamed_team, others, response_rate)
        invitations = _generated_invitations_write(
            cycle=cycle, evaluees=evaluees, rng=rng, plan=plan, rows=rows
        )
        rows.flush()
    _tables_analyse()
    if close:
        cycle = cycle_close(cycle=cycle, by=by)
    return Generated(
        cycle=cycle,
        evaluees=len(evaluees),
        invitations=invitations,
        responses=rows.counts["responses"],
        answers=rows.counts["answers"],
        comments=rows.counts["comments"],
    )
