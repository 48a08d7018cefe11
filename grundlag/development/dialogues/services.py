"""Writes of leader development: scheduling a development dialogue (LUS), opening an LUS round, preparing a
dialogue (the data pack, both parties' ratings), the conversation (agenda, shared and private notes) and
erasing dialogues past their retention."""

import datetime
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Expectation, Level
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    is_above_in_chain,
    leaders_in_unit,
    level_current,
    person_for_user,
    posts_active,
)

from ..models import (
    AgendaItem,
    AgendaSource,
    Agreement,
    Dialogue,
    DialoguePack,
    DialogueRound,
    DialogueStatus,
    FollowUp,
    Goal,
    Party,
    Plan,
    PrivateNote,
    RatingSheet,
    SectionRating,
)
from .documents import agreement_docx_document
from .pack import pack_make
from .selectors import agreement_content, agreement_digest

_By = User | AnonymousUser | None


def _account(by: _By) -> User | None:
    """The acting account, None for the system (a task, a command) or someone not signed in."""
    return by if isinstance(by, User) else None


def _leader_level(*, leader: Person) -> tuple[Level, Post]:
    """The level of the leader's main leadership post, in the latest published version of its foundation."""
    for post in posts_active(person=leader):
        if post.level is not None and (level := level_current(level=post.level)) is not None:
            return level, post
    raise ValidationError(
        _("%(name)s holds no post on a leadership level, whose expectations a development dialogue is about.")
        % {"name": leader.name},
        code="no_level",
    )


@transaction.atomic
def dialogue_schedule(
    *, leader: Person, when: datetime.datetime, place: str = "", video_url: str = "", by: _By
) -> Dialogue:
    """Schedule a development dialogue of the signed-in superior with a leader they lead.

    A dialogue of theirs that an LUS round planned without a date gets the date; otherwise a new one is made.
    """
    superior = person_for_user(user=by) if by is not None else None
    if superior is None or not is_above_in_chain(manager=superior, person=leader):
        raise ValidationError(
            _("You can only schedule a development dialogue with a leader you lead."), code="not_led"
        )
    if when < timezone.now():
        raise ValidationError({"when": _("The dialogue cannot be scheduled in the past.")}, code="past")
    level, post = _leader_level(leader=leader)
    dialogue = (
        Dialogue.objects.select_for_update()
        .filter(leader=leader, superior=superior, status=DialogueStatus.PLANNED, scheduled_for__isnull=True)
        .order_by("due", "pk")
        .first()
    ) or Dialogue(leader=leader, superior=superior, level=level, unit=post.unit, created_by=_account(by))
    dialogue.scheduled_for, dialogue.place, dialogue.video_url = when, place, video_url
    dialogue.full_clean()
    dialogue.save()
    audit_record(user=by, action="development.dialogue_schedule", obj=dialogue)
    return dialogue


@dataclass
class RoundOpened:
    round: DialogueRound
    planned: int = 0
    without_superior: list[Person] = field(default_factory=list)  # the top of the chain: no one to hold it


@transaction.atomic
def round_open(*, name: str, unit: Unit, starts: datetime.date, ends: datetime.date, by: _By) -> RoundOpened:
    """Open an LUS round: every leader on a leadership level in the unit's subtree gets a dialogue with their
    superior (the manager of their main post), due down the chain in as many steps as the chain is deep:
    a leader's own dialogue falls due before those of the leaders below them."""
    round_ = DialogueRound(name=name, unit=unit, starts=starts, ends=ends, created_by=_account(by))
    round_.full_clean()
    round_.save()
    outcome = RoundOpened(round=round_)
    leaders = leaders_in_unit(unit=unit)
    depths = sorted({leader.depth for leader in leaders})
    span = (ends - starts).days
    dialogues = []
    for leader in leaders:
        if leader.post.manager is None:
            outcome.without_superior.append(leader.person)
            continue
        step = depths.index(leader.depth) + 1
        level = leader.post.level  # a leadership level: leaders_in_unit takes no other posts
        assert level is not None
        level = level_current(level=level) or level
        dialogues.append(
            Dialogue(
                leader=leader.person,
                superior=leader.post.manager,
                level=level,
                unit=leader.post.unit,
                round=round_,
                due=starts + datetime.timedelta(days=span * step // len(depths)),
                created_by=_account(by),
            )
        )
    for dialogue in dialogues:
        dialogue.full_clean(exclude=["round"])  # the round is saved, the pair checked by the constraint
    Dialogue.objects.bulk_create(dialogues)
    outcome.planned = len(dialogues)
    audit_record(
        user=by,
        action="development.round_open",
        obj=round_,
        detail=f"planned={outcome.planned} without_superior={len(outcome.without_superior)}",
    )
    return outcome


# --- Preparation ---------------------------------------------------------------------------------------

# The phases in which the conversation's notes may be written; once the plan is agreed they are read-only.
WRITABLE = (DialogueStatus.PLANNED, DialogueStatus.PREPARED, DialogueStatus.HELD)


def _party(*, dialogue: Dialogue, by: _By) -> tuple[Party, Person]:
    """The acting person's party in the dialogue; a refusal for anyone else (the views never get this far)."""
    person = person_for_user(user=by) if by is not None else None
    if person is not None and person.pk == dialogue.leader_id:
        return Party.LEADER, person
    if person is not None and person.pk == dialogue.superior_id:
        return Party.SUPERIOR, person
    raise ValidationError(
        _("Only the leader and the superior of a dialogue take part in it."), code="not_party"
    )


_LOCKED_FIELDS = ["status", "opened_at", "held_at", "report_shared", "impact_answered"]


def _lock(dialogue: Dialogue) -> None:
    """Lock the dialogue's row for the rest of the transaction and read its phase again, so that two parties
    (or two clicks) acting at once are taken one after the other, each on the other's result."""
    fresh = Dialogue.objects.select_for_update().filter(pk=dialogue.pk).values(*_LOCKED_FIELDS).get()
    for name, value in fresh.items():
        setattr(dialogue, name, value)


def _carried_items(*, dialogue: Dialogue) -> list[AgendaItem]:
    """The undone topics of the leader's previous dialogue, to be carried over to this one: all of them with
    the same superior; with a new superior, only those the leader added (the old superior's stay theirs)."""
    previous = (
        Dialogue.objects.filter(leader=dialogue.leader, opened_at__isnull=False)
        .exclude(pk=dialogue.pk)
        .order_by("-opened_at")
        .first()
    )
    if previous is None:
        return []
    items = previous.agenda.filter(done=False).exclude(source=AgendaSource.SECTION)
    if previous.superior_id != dialogue.superior_id:
        items = items.filter(added_by=Party.LEADER)
    return list(items)


@transaction.atomic
def dialogue_open(*, dialogue: Dialogue, by: _By) -> Dialogue:
    """Open the preparation of a dialogue: freeze its data pack, make its agenda from the foundation's
    sections and the undone topics of the leader's previous dialogue, and start both rating sheets."""
    _party(dialogue=dialogue, by=by)
    _lock(dialogue)
    if dialogue.opened_at is not None:
        raise ValidationError(_("The preparation of this dialogue is already open."), code="open")
    content = pack_make(dialogue=dialogue)
    DialoguePack.objects.create(dialogue=dialogue, content=content)
    items = [
        AgendaItem(
            dialogue=dialogue, source=AgendaSource.SECTION, section_id=section["id"], title=section["title"]
        )
        for section in content["sections"]
    ]
    items += [
        AgendaItem(
            dialogue=dialogue,
            source=AgendaSource.CARRIED,
            title=old.title,
            added_by=old.added_by,
            carried_from=old,
        )
        for old in _carried_items(dialogue=dialogue)
    ]
    for position, item in enumerate(items):
        item.position = position
    AgendaItem.objects.bulk_create(items)
    RatingSheet.objects.bulk_create([RatingSheet(dialogue=dialogue, party=party) for party in Party.values])
    dialogue.opened_at = timezone.now()
    dialogue.save(update_fields=["opened_at"])
    audit_record(user=by, action="development.dialogue_open", obj=dialogue)
    return dialogue


@dataclass(frozen=True)
class RatingInput:
    """A party's rating of one section as typed: a value on the scale, or not relevant, and a reason."""

    value: int | None
    not_relevant: bool = False
    reason: str = ""


def _rating_errors(
    *, sections: dict[int, str], ratings: Mapping[int, RatingInput], hand_in: bool
) -> list[str]:
    errors = []
    for section_id in ratings:
        if section_id not in sections:
            errors.append(_("A rating was given for a section that this dialogue does not rate."))
    for section_id, title in sections.items():
        rating = ratings.get(section_id)
        if rating is not None and rating.value is not None and not 1 <= rating.value <= 5:
            errors.append(_("%(section)s: a rating is a whole number from 1 to 5.") % {"section": title})
        elif rating is not None and rating.value is not None and rating.not_relevant:
            errors.append(
                _("%(section)s: give a rating or mark it not relevant, not both.") % {"section": title}
            )
        elif rating is not None and len(rating.reason) > 1000:
            errors.append(_("%(section)s: the reason is longer than 1,000 characters.") % {"section": title})
        elif hand_in and (rating is None or (rating.value is None and not rating.not_relevant)):
            errors.append(_("%(section)s: give a rating or mark it not relevant.") % {"section": title})
    return errors


@transaction.atomic
def ratings_save(
    *, dialogue: Dialogue, ratings: Mapping[int, RatingInput], hand_in: bool = False, by: _By
) -> RatingSheet:
    """Save the acting party's ratings by section id; with `hand_in`, hand the sheet in, every section
    rated or marked not relevant. A sheet handed in does not change. When both are in, the dialogue is
    prepared."""
    party, _person = _party(dialogue=dialogue, by=by)
    _lock(dialogue)
    if dialogue.status not in (DialogueStatus.PLANNED, DialogueStatus.PREPARED):
        raise ValidationError(
            _("The dialogue has been held: the ratings of its preparation can no longer change."), code="held"
        )
    sheet = RatingSheet.objects.filter(dialogue=dialogue, party=party).first()
    if sheet is None:
        raise ValidationError(_("The preparation of this dialogue has not been opened yet."), code="not_open")
    if sheet.handed_in_at is not None:
        raise ValidationError(_("Your ratings have been handed in and can no longer be changed."), code="in")
    sections = {section["id"]: section["title"] for section in dialogue.pack.content["sections"]}
    errors = _rating_errors(sections=sections, ratings=ratings, hand_in=hand_in)
    if errors:
        raise ValidationError(errors, code="ratings")
    SectionRating.objects.filter(sheet=sheet).delete()
    SectionRating.objects.bulk_create(
        SectionRating(
            sheet=sheet, section_id=pk, value=r.value, not_relevant=r.not_relevant, reason=r.reason.strip()
        )
        for pk, r in ratings.items()
        if r.value is not None or r.not_relevant or r.reason.strip()
    )
    if hand_in:
        sheet.handed_in_at = timezone.now()
        sheet.save(update_fields=["handed_in_at"])
        others = RatingSheet.objects.filter(dialogue=dialogue).exclude(pk=sheet.pk)
        if not others.filter(handed_in_at__isnull=True).exists():
            Dialogue.objects.filter(pk=dialogue.pk, status=DialogueStatus.PLANNED).update(
                status=DialogueStatus.PREPARED
            )
            dialogue.status = DialogueStatus.PREPARED
    # The ratings stay out of the audit: who handed in, never what they said.
    audit_record(
        user=by,
        action="development.ratings_hand_in" if hand_in else "development.ratings_save",
        obj=dialogue,
        detail=f"party={party}",
    )
    return sheet


@transaction.atomic
def report_share(*, dialogue: Dialogue, shared: bool, by: _By) -> Dialogue:
    """The leader shares (or stops sharing) the summary of their latest 360° report with the superior."""
    party, _person = _party(dialogue=dialogue, by=by)
    if party != Party.LEADER:
        raise ValidationError(_("Only the leader can share their own report."), code="not_leader")
    Dialogue.objects.filter(pk=dialogue.pk).update(report_shared=shared)
    dialogue.report_shared = shared
    audit_record(
        user=by, action="development.report_share" if shared else "development.report_unshare", obj=dialogue
    )
    return dialogue


# --- The conversation ----------------------------------------------------------------------------------


def _writable(dialogue: Dialogue) -> None:
    """Lock the dialogue and refuse a note where it takes none (as stored now, not as the caller read it)."""
    _lock(dialogue)
    if dialogue.opened_at is None:
        raise ValidationError(_("The preparation of this dialogue has not been opened yet."), code="not_open")
    if dialogue.status not in WRITABLE:
        raise ValidationError(
            _("The plan of this dialogue has been agreed: its notes can no longer be changed."), code="agreed"
        )


@transaction.atomic
def agenda_topic_add(*, dialogue: Dialogue, title: str, by: _By) -> AgendaItem:
    """A party adds a topic of their own to the agenda, after the foundation's sections."""
    party, _person = _party(dialogue=dialogue, by=by)
    _writable(dialogue)
    last = dialogue.agenda.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        dialogue=dialogue,
        source=AgendaSource.TOPIC,
        title=title.strip(),
        added_by=party,
        position=(last or 0) + 1,
    )
    item.full_clean()
    item.save()
    audit_record(user=by, action="development.agenda_topic_add", obj=dialogue)
    return item


@transaction.atomic
def agenda_item_save(*, item: AgendaItem, notes: str, done: bool, by: _By) -> AgendaItem:
    """Save an agenda item's shared notes and whether it is done; both parties write the same notes."""
    _party(dialogue=item.dialogue, by=by)
    _writable(item.dialogue)
    item.notes, item.done = notes.strip(), done
    item.full_clean()
    item.save(update_fields=["notes", "done"])
    audit_record(user=by, action="development.notes_save", obj=item.dialogue)
    return item


@transaction.atomic
def private_note_save(*, item: AgendaItem, text: str, by: _By) -> PrivateNote | None:
    """Save the acting party's private note on an agenda item (an empty text erases it). Only its author
    ever reads it; its audit row is the shared notes' own, so the log does not tell that a note is private."""
    _party_, person = _party(dialogue=item.dialogue, by=by)
    _writable(item.dialogue)
    text = text.strip()
    if not text:
        PrivateNote.objects.filter(item=item, author=person).delete()
        return None
    note = PrivateNote.objects.filter(item=item, author=person).first() or PrivateNote(
        item=item, author=person
    )
    note.text = text
    note.full_clean()
    note.save()
    audit_record(user=by, action="development.notes_save", obj=item.dialogue)
    return note


@transaction.atomic
def dialogue_hold(*, dialogue: Dialogue, by: _By) -> Dialogue:
    """The superior records that the conversation has been held."""
    party, _person = _party(dialogue=dialogue, by=by)
    if party != Party.SUPERIOR:
        raise ValidationError(_("The superior records that the dialogue was held."), code="not_superior")
    _writable(dialogue)
    if dialogue.status == DialogueStatus.HELD:
        raise ValidationError(_("The dialogue has already been recorded as held."), code="held")
    dialogue.status, dialogue.held_at = DialogueStatus.HELD, timezone.now()
    dialogue.save(update_fields=["status", "held_at"])
    audit_record(user=by, action="development.dialogue_hold", obj=dialogue)
    return dialogue


# --- Retention -----------------------------------------------------------------------------------------


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Dialogues whose last date is before this are past retention (`DEVELOPMENT_RETENTION_DAYS`)."""
    return (now or timezone.now()) - datetime.timedelta(days=settings.DEVELOPMENT_RETENTION_DAYS)


@transaction.atomic
def dialogues_erase_expired(*, now: datetime.datetime | None = None, by: _By = None) -> int:
    """Erase every dialogue whose last date (its last follow-up, else held, else scheduled, else due, else
    made) is past retention, with its pack, ratings, agenda and notes. Run daily
    (`development_erase_expired`)."""
    cutoff = retention_cutoff(now=now)
    expired = Dialogue.objects.filter(
        Q(held_at__lt=cutoff)
        | Q(held_at__isnull=True, scheduled_for__lt=cutoff)
        | Q(held_at__isnull=True, scheduled_for__isnull=True, due__lt=cutoff.date())
        | Q(held_at__isnull=True, scheduled_for__isnull=True, due__isnull=True, created_at__lt=cutoff)
    )
    # Still running: a follow-up not recorded, or recorded within the period, keeps the dialogue.
    expired = expired.exclude(
        pk__in=FollowUp.objects.filter(Q(held_at__isnull=True) | Q(held_at__gte=cutoff)).values("dialogue_id")
    )
    count = expired.count()
    if count:
        expired.delete()
    audit_record(user=by, action="development.dialogues_erase", detail=f"erased={count}")
    return count


# --- Agreement -----------------------------------------------------------------------------------------


def _agreement_draft(*, dialogue: Dialogue) -> Agreement:
    """The dialogue's agreement still to be approved: the latest version, or a first one; refused once the
    latest is approved by both (a change then opens the next version: `agreement_revise`)."""
    _lock(dialogue)  # two parties writing the first version at once make it once
    latest = Agreement.objects.filter(dialogue=dialogue).order_by("-version").first()
    if latest is None:
        return Agreement.objects.create(dialogue=dialogue, version=1)
    if latest.approved:
        raise ValidationError(
            _("Both of you have approved the agreement; to change it, open a new version."), code="approved"
        )
    return latest


def _approvals_reset(agreement: Agreement) -> None:
    """A change to what was approved asks both parties to approve it again."""
    if agreement.leader_approved_at or agreement.superior_approved_at:
        agreement.leader_approved_at = agreement.superior_approved_at = None
        agreement.save(update_fields=["leader_approved_at", "superior_approved_at"])


@transaction.atomic
def agreement_summary_save(*, dialogue: Dialogue, summary: str, by: _By) -> Agreement:
    """Save the summary of what the dialogue agreed; a changed summary must be approved again by both."""
    _party(dialogue=dialogue, by=by)
    agreement = _agreement_draft(dialogue=dialogue)
    _writable(dialogue)
    if agreement.summary != summary.strip():
        agreement.summary = summary.strip()
        agreement.full_clean()
        agreement.save(update_fields=["summary"])
        _approvals_reset(agreement)
    audit_record(user=by, action="development.agreement_save", obj=dialogue)
    return agreement


def _section_of(*, dialogue: Dialogue, section_id: int | None, expectation: Expectation | None) -> int | None:
    """The section the goal is tied to: the expectation's, else one the pack rates; refused otherwise."""
    rated = {section["id"] for section in dialogue.pack.content["sections"]}
    if expectation is not None:
        section_id = expectation.section_id
    if section_id is not None and section_id not in rated:
        raise ValidationError(
            _("A goal is tied to an expectation of the leader's level, in a section the dialogue is about."),
            code="section",
        )
    return section_id


@transaction.atomic
def agreement_goal_add(
    *,
    dialogue: Dialogue,
    title: str,
    description: str = "",
    section_id: int | None = None,
    expectation: Expectation | None = None,
    report_statement: str = "",
    by: _By,
) -> Goal:
    """Add an agreed development goal: it goes into the leader's development plan, shared with the superior;
    the agreement must be approved again by both."""
    _party(dialogue=dialogue, by=by)
    agreement = _agreement_draft(dialogue=dialogue)
    _writable(dialogue)
    plan, _created = Plan.objects.get_or_create(leader=dialogue.leader, team_name="")
    goal = Goal(
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        section_id=_section_of(dialogue=dialogue, section_id=section_id, expectation=expectation),
        expectation=expectation,
        report_statement=report_statement.strip(),
        shared=True,
        dialogue=dialogue,
        position=plan.goals.count(),
    )
    goal.full_clean()
    goal.save()
    _approvals_reset(agreement)
    audit_record(user=by, action="development.agreement_goal_add", obj=dialogue)
    return goal


@transaction.atomic
def agreement_goal_remove(*, goal: Goal, by: _By) -> None:
    """Take a goal out of an agreement not yet approved by both (and out of the leader's plan)."""
    dialogue = goal.dialogue
    if dialogue is None:
        raise ValidationError(_("This goal was not agreed in a dialogue."), code="not_agreed")
    _party(dialogue=dialogue, by=by)
    agreement = _agreement_draft(dialogue=dialogue)
    _writable(dialogue)
    if goal.actions.exists():
        raise ValidationError(_("The goal has actions in the leader's plan; it stays."), code="has_actions")
    goal.delete()
    _approvals_reset(agreement)
    audit_record(user=by, action="development.agreement_goal_remove", obj=dialogue)


@transaction.atomic
def agreement_approve(*, dialogue: Dialogue, seen: str | None = None, by: _By) -> Agreement:
    """The acting party approves the agreement's current version, as they read it (`seen`: its digest on the
    page they approved from; refused if it has changed since). When both have, it is frozen and read-only,
    and the plan is agreed (or followed up, where a revised agreement's follow-ups are all held)."""
    party, _person = _party(dialogue=dialogue, by=by)
    agreement = _agreement_draft(dialogue=dialogue)  # locks the dialogue
    if dialogue.status != DialogueStatus.HELD:
        raise ValidationError(
            _("The agreement is approved after the conversation has been held."), code="not_held"
        )
    content = agreement_content(agreement=agreement)
    if seen is not None and seen != agreement_digest(content=content):
        raise ValidationError(
            _("The agreement was changed while you read it: read it again before you approve."),
            code="changed",
        )
    if not content["summary"] and not content["goals"]:
        raise ValidationError(_("Write a summary or add a goal before you approve."), code="empty")
    field_name = "leader_approved_at" if party == Party.LEADER else "superior_approved_at"
    setattr(agreement, field_name, timezone.now())
    agreement.save(update_fields=[field_name])
    if agreement.approved:
        agreement.content = content
        agreement.save(update_fields=["content"])
        follow_ups = list(dialogue.follow_ups.values_list("held_at", flat=True))
        followed_up = bool(follow_ups) and all(follow_ups)
        dialogue.status = DialogueStatus.FOLLOWED_UP if followed_up else DialogueStatus.AGREED
        dialogue.save(update_fields=["status"])
    audit_record(user=by, action="development.agreement_approve", obj=dialogue, detail=f"party={party}")
    return agreement


def agreement_goal_changed(*, goal: Goal) -> None:
    """A goal agreed in a dialogue is changed in the leader's plan: refused once both approved the agreement
    (a change then opens a new version), else both must approve again what the goal now says."""
    if goal.dialogue is None:
        return
    agreement = _agreement_draft(dialogue=goal.dialogue)
    _approvals_reset(agreement)


@transaction.atomic
def agreement_revise(*, dialogue: Dialogue, by: _By) -> Agreement:
    """Open a new version of an agreement both approved, to change it; both approve the new one again. The
    approved versions stay as they were."""
    _party(dialogue=dialogue, by=by)
    latest = Agreement.objects.select_for_update().filter(dialogue=dialogue).order_by("-version").first()
    if latest is None or not latest.approved:
        raise ValidationError(
            _("The agreement has not been approved by both yet: change it as it is."), code="draft"
        )
    revised = Agreement.objects.create(dialogue=dialogue, version=latest.version + 1, summary=latest.summary)
    Dialogue.objects.filter(pk=dialogue.pk).update(status=DialogueStatus.HELD)
    dialogue.status = DialogueStatus.HELD
    audit_record(
        user=by, action="development.agreement_revise", obj=dialogue, detail=f"version={revised.version}"
    )
    return revised


# --- Follow-up -----------------------------------------------------------------------------------------

MAX_FOLLOW_UPS = 2


@transaction.atomic
def follow_ups_set(*, dialogue: Dialogue, dates: list[datetime.date], by: _By) -> list[FollowUp]:
    """Set the dates of the one or two status follow-ups on an agreed dialogue (those not held yet are
    replaced); a date in the past is refused."""
    _party(dialogue=dialogue, by=by)
    _lock(dialogue)
    if dialogue.status not in (DialogueStatus.AGREED, DialogueStatus.FOLLOWED_UP):
        raise ValidationError(
            _("Follow-ups are set once the agreement is approved by both."), code="not_agreed"
        )
    held = list(dialogue.follow_ups.filter(held_at__isnull=False))
    today = timezone.localdate()
    if not dates or len(dates) + len(held) > MAX_FOLLOW_UPS:
        raise ValidationError(_("A dialogue has one or two follow-ups."), code="count")
    if any(day < today for day in dates):
        raise ValidationError(_("A follow-up cannot be set in the past."), code="past")
    # A date kept keeps its follow-up (and the reminder already sent for it); the others are replaced.
    kept: dict[datetime.date, FollowUp | None] = {
        f.due: f for f in dialogue.follow_ups.filter(held_at__isnull=True, due__in=dates)
    }
    dialogue.follow_ups.filter(held_at__isnull=True).exclude(
        pk__in=[f.pk for f in kept.values() if f]
    ).delete()
    follow_ups = [
        kept.pop(day, None) or FollowUp.objects.create(dialogue=dialogue, due=day) for day in sorted(dates)
    ]
    if dialogue.status == DialogueStatus.FOLLOWED_UP:
        Dialogue.objects.filter(pk=dialogue.pk).update(status=DialogueStatus.AGREED)
    audit_record(user=by, action="development.follow_ups_set", obj=dialogue, detail=f"count={len(dates)}")
    return follow_ups


@transaction.atomic
def follow_up_record(*, follow_up: FollowUp, notes: str, by: _By) -> FollowUp:
    """Record a follow-up as held, with its notes; when the last is held, the dialogue is followed up."""
    dialogue = follow_up.dialogue
    _party(dialogue=dialogue, by=by)
    _lock(dialogue)
    if dialogue.status != DialogueStatus.AGREED:
        raise ValidationError(
            _("A follow-up is recorded on an agreement both have approved."), code="not_agreed"
        )
    follow_up.refresh_from_db()
    if follow_up.held_at is not None:
        raise ValidationError(_("This follow-up has already been recorded."), code="held")
    if follow_up.due > timezone.localdate():
        raise ValidationError(_("A follow-up is recorded on or after its date."), code="early")
    follow_up.held_at, follow_up.notes = timezone.now(), notes.strip()
    follow_up.full_clean()
    follow_up.save(update_fields=["held_at", "notes"])
    if not dialogue.follow_ups.filter(held_at__isnull=True).exists():
        Dialogue.objects.filter(pk=dialogue.pk, status=DialogueStatus.AGREED).update(
            status=DialogueStatus.FOLLOWED_UP
        )
    audit_record(user=by, action="development.follow_up_record", obj=dialogue)
    return follow_up


# --- Reminders -----------------------------------------------------------------------------------------

# A follow-up's reminder goes out this many days before its date.
REMINDER_DAYS_BEFORE = 7


def _follow_up_email(*, follow_up: FollowUp, recipient: Person, overdue: bool) -> EmailMultiAlternatives:
    dialogue = follow_up.dialogue
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "recipient_name": recipient.name,
            "leader_name": dialogue.leader.name,
            "due": follow_up.due,
            "overdue": overdue,
            "link": settings.SITE_URL.rstrip("/") + reverse("development:agreement", args=[dialogue.pk]),
        }
        subject = "".join(render_to_string("development/email/follow_up_subject.txt", context).splitlines())
        body = render_to_string("development/email/follow_up_body.txt", context)
    return EmailMultiAlternatives(
        subject, body, None, [recipient.email], headers={"Content-Language": language}
    )


def follow_up_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail both parties of each follow-up a week before its date, and once when its date has passed
    without it being recorded; each reminder once. Returns how many e-mails were sent. Run daily
    (`development_reminders_send`)."""
    today = today or timezone.localdate()
    pending = FollowUp.objects.filter(held_at__isnull=True).select_related(
        "dialogue__leader", "dialogue__superior"
    )
    soon = pending.filter(
        reminded_on__isnull=True,
        due__gte=today,
        due__lte=today + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
    )
    overdue = pending.filter(overdue_reminded_on__isnull=True, due__lt=today)
    sent = 0
    for follow_ups, is_overdue, field_name in (
        (soon, False, "reminded_on"),
        (overdue, True, "overdue_reminded_on"),
    ):
        for follow_up in follow_ups:
            # Marked (and committed) before it is sent: a reminder goes at most once, even if two runs meet
            # or the mail server fails halfway (then it is not sent again; nothing is sent twice).
            if not FollowUp.objects.filter(pk=follow_up.pk, **{f"{field_name}__isnull": True}).update(
                **{field_name: today}
            ):
                continue
            dialogue = follow_up.dialogue
            for person in (dialogue.leader, dialogue.superior):
                if person is not None and person.email and person.erased_at is None:
                    _follow_up_email(follow_up=follow_up, recipient=person, overdue=is_overdue).send()
                    sent += 1
    audit_record(user=None, action="development.reminders_sent", detail=f"sent={sent}")
    return sent


def agreement_docx(*, agreement: Agreement) -> bytes:
    """The approved version of an agreement written out as a Word file."""
    buffer = io.BytesIO()
    agreement_docx_document(agreement=agreement).save(buffer)
    return buffer.getvalue()
