"""Reads of leader development: a person's dialogues, and an LUS round's overview by unit."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.organisation.models import Person, Unit
from grundlag.organisation.selectors import leaders_below, person_for_user

from .models import Dialogue, DialogueRound, DialogueStatus

Viewer = User | AnonymousUser


def dialogues_for_user(*, user: Viewer) -> QuerySet[Dialogue]:
    """The development dialogues the signed-in person holds, as the leader or as the superior."""
    person = person_for_user(user=user)
    if person is None:
        return Dialogue.objects.none()
    return Dialogue.objects.filter(Q(leader=person) | Q(superior=person)).select_related(
        "leader", "superior", "level", "unit", "round"
    )


def dialogue_get_for_user(*, user: Viewer, pk: int) -> Dialogue:
    """One dialogue of the signed-in person, as the leader or the superior; 404 for anyone else, an
    administrator included (a dialogue is its two parties'; a round's progress is counted elsewhere)."""
    dialogue = dialogues_for_user(user=user).filter(pk=pk).first()
    if dialogue is None:
        raise Http404
    return dialogue


def dialogues_by_role_for_user(*, user: Viewer) -> tuple[list[Dialogue], list[Dialogue]]:
    """The person's own dialogues (as the leader) and those they hold as the superior, due first."""
    dialogues = list(dialogues_for_user(user=user))
    person = person_for_user(user=user)
    mine = [d for d in dialogues if person is not None and d.leader_id == person.pk]
    return mine, [d for d in dialogues if d not in mine]


@dataclass
class DialoguesAtStart:
    """What the start page says: my next open dialogue, and of those I hold, how many and how many undated."""

    next: Dialogue | None = None
    held: int = 0
    to_schedule: int = 0


def dialogues_at_start_for_user(*, user: Viewer) -> DialoguesAtStart:
    """The start page's dialogue figures for the signed-in person: two queries, however many they hold."""
    person = person_for_user(user=user)
    if person is None:
        return DialoguesAtStart()
    mine = dialogues_for_user(user=user).filter(
        leader=person, status__in=(DialogueStatus.PLANNED, DialogueStatus.PREPARED)
    )
    held = Dialogue.objects.filter(superior=person).aggregate(
        held=Count("pk"),
        to_schedule=Count("pk", filter=Q(status=DialogueStatus.PLANNED, scheduled_for__isnull=True)),
    )
    return DialoguesAtStart(next=mine.first(), held=held["held"], to_schedule=held["to_schedule"])


def leaders_to_schedule_for_user(*, user: Viewer) -> QuerySet[Person]:
    """The leaders on a leadership level whom the signed-in person leads along the chain, by name."""
    person = person_for_user(user=user)
    if person is None:
        return Person.objects.none()
    ids = leaders_below(person=person).values("person_id")
    return Person.objects.filter(pk__in=ids).order_by("name", "pk")


def rounds_for_user(*, user: Viewer) -> QuerySet[DialogueRound]:
    """Every LUS round with its number of dialogues, newest first; 403 for anyone but an administrator."""
    require(user, "development.view_rounds")
    return DialogueRound.objects.select_related("unit").annotate(dialogue_count=Count("dialogues"))


def round_get_for_user(*, user: Viewer, pk: int) -> DialogueRound:
    """One LUS round for an administrator; 403 for anyone else, 404 for a round that is not there."""
    require(user, "development.view_rounds")
    round_ = DialogueRound.objects.select_related("unit").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


@dataclass
class RoundUnitRow:
    """How many dialogues of a unit's leaders (with the units below it) are in each phase: counts only,
    never their content. `itself`: the leaders of the shown unit's own posts, not of the units below."""

    unit: Unit | None
    itself: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in DialogueStatus.values]


def round_unit_get_for_user(*, user: Viewer, round_: DialogueRound, pk: int | None) -> Unit:
    """The unit of the round to break down: the round's own, or one below it (404 for any other)."""
    require(user, "development.view_rounds")
    if pk is None:
        return round_.unit
    unit = Unit.objects.filter(pk=pk, path__startswith=round_.unit.path).first()
    if unit is None:
        raise Http404
    return unit


def round_overview_for_user(*, user: Viewer, round_: DialogueRound, unit: Unit) -> list[RoundUnitRow]:
    """An LUS round's dialogues by phase, one row per child unit of `unit` (its subtree summed) and one for
    the unit's own leaders, for an administrator; 403 for anyone else. Two queries."""
    require(user, "development.view_rounds")
    rows: dict[str, RoundUnitRow] = {}
    counts = (
        round_.dialogues.filter(unit__path__startswith=unit.path)
        .order_by()
        .values("unit__path", "status")
        .annotate(n=Count("pk"))
        .values_list("unit__path", "status", "n")
    )
    children = {f"{child.path}": child for child in Unit.objects.filter(parent=unit)}
    for path, status, n in counts:
        child_id = path[len(unit.path) :].split("/", 1)[0]
        key = f"{unit.path}{child_id}/" if child_id else ""
        row = rows.setdefault(key, RoundUnitRow(unit=children.get(key, unit), itself=not child_id))
        row.counts[status] = row.counts.get(status, 0) + n
    return sorted(rows.values(), key=lambda row: (not row.itself, row.unit.name if row.unit else ""))
