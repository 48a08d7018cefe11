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


def dialogues_by_role_for_user(*, user: Viewer) -> tuple[list[Dialogue], list[Dialogue]]:
    """The person's own dialogues (as the leader) and those they hold as the superior, due first."""
    dialogues = list(dialogues_for_user(user=user))
    person = person_for_user(user=user)
    mine = [d for d in dialogues if person is not None and d.leader_id == person.pk]
    return mine, [d for d in dialogues if d not in mine]


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
    """How many of a unit's leaders' dialogues are in each phase (counts only, never their content)."""

    unit: Unit | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in DialogueStatus.values]


def round_overview_for_user(*, user: Viewer, round_: DialogueRound) -> list[RoundUnitRow]:
    """An LUS round's dialogues by the leaders' units and phase, for an administrator; 403 for anyone else."""
    require(user, "development.view_rounds")
    rows: dict[int | None, RoundUnitRow] = {}
    units = Unit.objects.in_bulk(round_.dialogues.values_list("unit_id", flat=True).distinct())
    for unit_id, status, n in (
        round_.dialogues.order_by()
        .values("unit_id", "status")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "status", "n")
    ):
        row = rows.setdefault(unit_id, RoundUnitRow(unit=units.get(unit_id) if unit_id else None))
        row.counts[status] = n
    return sorted(
        rows.values(), key=lambda row: (row.unit.path if row.unit else "~", row.unit.pk if row.unit else 0)
    )
