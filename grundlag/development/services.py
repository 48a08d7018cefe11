"""Writes of leader development: scheduling a development dialogue (LUS) and opening an LUS round."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Level
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    is_above_in_chain,
    leaders_in_unit,
    level_current,
    person_for_user,
    posts_active,
)

from .models import Dialogue, DialogueRound, DialogueStatus

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
