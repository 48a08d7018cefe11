"""Reads of leader development: a person's dialogues, one dialogue as its party sees it (the data pack, the
ratings, the agenda with their own private notes), and an LUS round's overview by unit."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from grundlag.core.rules import require
from grundlag.evaluations.models import Instrument
from grundlag.evaluations.reports.leader import group_label
from grundlag.frameworks.models import Expectation
from grundlag.frameworks.selectors import SectionContent, expected_at_level
from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    leader_main_posts_below,
    leads_leaders,
    people_below,
    person_for_user,
    today,
)

from ..models import (
    AgendaItem,
    Agreement,
    Dialogue,
    DialogueRound,
    DialogueStatus,
    FollowUp,
    Goal,
    GoalStatus,
    Party,
    PrivateNote,
    RatingSheet,
    SectionRating,
)
from .pack import pack_parts_shown

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
    """What the start page says: my next open dialogue and what it needs from me; of those I hold, how many,
    how many undated and how many wait for my ratings."""

    next: Dialogue | None = None
    next_needs: str = ""  # "open": preparation not opened; "rate": my ratings not handed in
    held: int = 0
    to_schedule: int = 0
    to_rate: int = 0
    # Below the person along the chain: dialogues not held due within 30 days, follow-ups due or overdue.
    below_due_soon: int = 0
    below_follow_ups_due: int = 0
    below_follow_ups_overdue: int = 0


def dialogues_at_start_for_user(*, user: Viewer) -> DialoguesAtStart:
    """The start page's dialogue figures for the signed-in person: at most seven queries, however many they
    hold or lead."""
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
    at_start = DialoguesAtStart(
        next=mine.first(),
        held=held["held"],
        to_schedule=held["to_schedule"],
        to_rate=RatingSheet.objects.filter(
            dialogue__superior=person, party=Party.SUPERIOR, handed_in_at__isnull=True
        ).count()
        if held["held"]
        else 0,
    )
    if leads_leaders(
        person=person
    ):  # one probe of the kept chain; the counts only for those who lead leaders
        at_start.below_due_soon, at_start.below_follow_ups_due, at_start.below_follow_ups_overdue = (
            _overview_counts(person)
        )
    if at_start.next is not None and at_start.next.opened_at is None:
        at_start.next_needs = "open"
    elif at_start.next is not None:
        sheet = RatingSheet.objects.filter(dialogue=at_start.next, party=Party.LEADER).first()
        at_start.next_needs = "rate" if sheet is not None and sheet.handed_in_at is None else ""
    return at_start


def may_schedule_for_user(*, user: Viewer) -> bool:
    """Whether the signed-in person leads any leader on a leadership level, so may schedule a dialogue."""
    person = person_for_user(user=user)
    return person is not None and leads_leaders(person=person)


def leaders_to_schedule_for_user(*, user: Viewer) -> QuerySet[Person]:
    """The leaders on a leadership level whom the signed-in person leads along the chain, by name."""
    person = person_for_user(user=user)
    if person is None:
        return Person.objects.none()
    ids = leader_main_posts_below(person=person).values("person_id")
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


# --- One dialogue, as its party sees it ----------------------------------------------------------------


@dataclass
class ComparisonRow:
    """Both parties' ratings of a section, once both have handed in; `difference` None where either party
    marked it not relevant."""

    title: str
    leader: SectionRating | None
    superior: SectionRating | None

    @property
    def difference(self) -> int | None:
        if self.leader is None or self.superior is None:
            return None
        if self.leader.value is None or self.superior.value is None:
            return None
        return self.leader.value - self.superior.value

    @property
    def leader_value(self) -> int | None:
        return self.leader.value if self.leader is not None else None

    @property
    def superior_value(self) -> int | None:
        return self.superior.value if self.superior is not None else None


@dataclass
class DialogueView:
    """Everything one party's page of a dialogue shows, and nothing the other party keeps to themself."""

    dialogue: Dialogue
    party: str
    pack: dict[str, Any] | None = None
    report: dict[str, Any] | None = None  # None: no report, or not the superior's to read
    report_withheld: bool = False  # the superior may not read the leader's report (the leader may share it)
    my_sheet: RatingSheet | None = None
    my_ratings: dict[int, SectionRating] = field(default_factory=dict)
    other_handed_in: bool = False
    comparison: list[ComparisonRow] | None = None
    retention_days: int = 0

    @property
    def is_leader(self) -> bool:
        return self.party == Party.LEADER

    @property
    def report_labels(self) -> list[str]:
        """The report's columns in the reader's language (the pack keeps their keys)."""
        return [group_label(column["key"]) for column in self.report["columns"]] if self.report else []

    @property
    def report_rows(self) -> list[tuple[str, list[float | None]]]:
        if not self.report:
            return []
        keys = [column["key"] for column in self.report["columns"]]
        return [(s["title"], [s["means"].get(key) for key in keys]) for s in self.report["sections"]]

    @property
    def report_deadline(self) -> datetime.date | None:
        deadline = (self.report or {}).get("deadline")
        return datetime.date.fromisoformat(deadline) if deadline else None

    @property
    def previous_date(self) -> datetime.date | None:
        previous = (self.pack or {}).get("previous") or {}
        return datetime.date.fromisoformat(previous["date"]) if previous.get("date") else None

    @property
    def previous_status(self) -> str:
        previous = (self.pack or {}).get("previous") or {}
        return str(DialogueStatus(previous["status"]).label) if previous else ""

    @property
    def plan_goals(self) -> list[dict[str, Any]]:
        """The pack's shared goals with their status in the reader's language."""
        return [
            {**goal, "status_label": str(GoalStatus(goal["status"]).label)}
            for goal in (self.pack or {}).get("plan", [])
        ]

    @property
    def added_parts(self) -> list[tuple[str, Any]]:
        """The parts other domains added to the pack (their partial and its data)."""
        return pack_parts_shown(content=self.pack or {})

    @property
    def surveys(self) -> list[tuple[str, dict[str, Any]]]:
        """The pack's surveys with their instrument's name in the reader's language."""
        return [(str(Instrument(s["instrument"]).label), s) for s in (self.pack or {}).get("surveys", [])]

    @property
    def is_superior(self) -> bool:
        return self.party == Party.SUPERIOR


def _comparison(sections: list[dict[str, Any]], sheets: dict[str, RatingSheet]) -> list[ComparisonRow]:
    ratings: dict[tuple[int, int], SectionRating] = {
        (rating.sheet_id, rating.section_id): rating
        for rating in SectionRating.objects.filter(sheet__in=list(sheets.values()))
    }
    leader, superior = sheets[Party.LEADER], sheets[Party.SUPERIOR]
    rows = [
        ComparisonRow(
            title=section["title"],
            leader=ratings.get((leader.pk, section["id"])),
            superior=ratings.get((superior.pk, section["id"])),
        )
        for section in sections
    ]
    # The largest differences first; the foundation's order among equals; not comparable last.
    return sorted(rows, key=lambda row: 1 if row.difference is None else -abs(row.difference))


def dialogue_view_for_user(*, user: Viewer, pk: int) -> DialogueView:
    """One dialogue as the signed-in party sees it; 404 for anyone else, an administrator included. The other
    party's ratings appear only once both have handed theirs in; the leader's report reaches the superior only
    where the cycle lets them read it or the leader shares it."""
    dialogue = dialogue_get_for_user(user=user, pk=pk)
    person = person_for_user(user=user)
    assert person is not None  # dialogue_get_for_user found the person a party
    party = Party.LEADER if dialogue.leader_id == person.pk else Party.SUPERIOR
    view = DialogueView(dialogue=dialogue, party=party, retention_days=settings.DEVELOPMENT_RETENTION_DAYS)
    pack = getattr(dialogue, "pack", None) if dialogue.opened_at else None
    if pack is None:
        return view
    view.pack = pack.content
    report = pack.content.get("report")
    if (
        report is not None
        and party == Party.SUPERIOR
        and not (report["superior_reads"] or dialogue.report_shared)
    ):
        view.report_withheld = True
    else:
        view.report = report
    sheets = {sheet.party: sheet for sheet in RatingSheet.objects.filter(dialogue=dialogue)}
    view.my_sheet = sheets.get(party)
    other = sheets.get(Party.SUPERIOR if party == Party.LEADER else Party.LEADER)
    view.other_handed_in = other is not None and other.handed_in_at is not None
    if view.my_sheet is not None:
        view.my_ratings = {r.section_id: r for r in SectionRating.objects.filter(sheet=view.my_sheet)}
    if view.other_handed_in and view.my_sheet is not None and view.my_sheet.handed_in_at is not None:
        view.comparison = _comparison(pack.content["sections"], sheets)
    return view


def dialogue_expectations(*, view: DialogueView) -> list[SectionContent]:
    """What the foundation expects at the dialogue's level in the sections the pack rates (the level's
    version is published and never changes, so reading it now reads what was frozen)."""
    if view.pack is None:
        return []
    rated = {section["id"] for section in view.pack["sections"]}
    level = view.dialogue.level
    return [c for c in expected_at_level(version=level.version, level=level) if c.section.pk in rated]


@dataclass
class AgendaRow:
    item: AgendaItem
    private_note: str = ""


def agenda_for_user(*, user: Viewer, dialogue: Dialogue) -> list[AgendaRow]:
    """The dialogue's agenda with the shared notes, and beside each item the signed-in party's own private
    note: never anyone else's (the dialogue was fetched for the user by `dialogue_view_for_user`)."""
    person = person_for_user(user=user)
    if person is None or person.pk not in (dialogue.leader_id, dialogue.superior_id):
        raise Http404
    items = list(dialogue.agenda.all())
    own = dict(PrivateNote.objects.filter(item__in=items, author=person).values_list("item_id", "text"))
    return [AgendaRow(item=item, private_note=own.get(item.pk, "")) for item in items]


def agenda_item_get_for_user(*, user: Viewer, dialogue: Dialogue, pk: int) -> AgendaItem:
    """An agenda item of one of the signed-in person's dialogues; 404 for any other."""
    item = AgendaItem.objects.filter(pk=pk, dialogue=dialogue).select_related("dialogue").first()
    person = person_for_user(user=user)
    if item is None or person is None or person.pk not in (dialogue.leader_id, dialogue.superior_id):
        raise Http404
    return item


# --- Agreement and follow-up ---------------------------------------------------------------------------


@dataclass
class AgreementView:
    """The dialogue's agreement as its party sees it: the version to approve (or the approved one), the
    versions approved before it, the goals the dialogue put in the leader's plan, and the follow-ups."""

    current: Agreement | None
    earlier: list[Agreement]
    goals: list[Goal]
    follow_ups: list[FollowUp]
    party: str
    digest: str = ""  # of what the current version says now: the approve button sends it back

    @property
    def approved(self) -> bool:
        return self.current is not None and self.current.approved

    @property
    def my_approval(self) -> datetime.datetime | None:
        if self.current is None:
            return None
        return (
            self.current.leader_approved_at
            if self.party == Party.LEADER
            else self.current.superior_approved_at
        )

    @property
    def other_approval(self) -> datetime.datetime | None:
        if self.current is None:
            return None
        return (
            self.current.superior_approved_at
            if self.party == Party.LEADER
            else self.current.leader_approved_at
        )


def agreement_for_user(*, user: Viewer, view: DialogueView) -> AgreementView:
    """The agreement of a dialogue the user is a party to (`view` came from `dialogue_view_for_user`)."""
    person = person_for_user(user=user)
    dialogue = view.dialogue
    if person is None or person.pk not in (dialogue.leader_id, dialogue.superior_id):
        raise Http404
    versions = list(Agreement.objects.filter(dialogue=dialogue).order_by("-version"))
    return AgreementView(
        current=versions[0] if versions else None,
        earlier=[version for version in versions[1:] if version.approved],
        goals=list(Goal.objects.filter(dialogue=dialogue).select_related("section", "expectation")),
        follow_ups=list(FollowUp.objects.filter(dialogue=dialogue)),
        party=view.party,
        digest=agreement_digest(content=agreement_content(agreement=versions[0])) if versions else "",
    )


def agreement_goal_get_for_user(*, user: Viewer, dialogue: Dialogue, pk: int) -> Goal:
    """A goal the dialogue agreed, for one of its parties; 404 for anything else."""
    person = person_for_user(user=user)
    goal = Goal.objects.filter(pk=pk, dialogue=dialogue).select_related("dialogue").first()
    if goal is None or person is None or person.pk not in (dialogue.leader_id, dialogue.superior_id):
        raise Http404
    return goal


def follow_up_get_for_user(*, user: Viewer, dialogue: Dialogue, pk: int) -> FollowUp:
    """A follow-up of the dialogue, for one of its parties; 404 for anything else."""
    person = person_for_user(user=user)
    follow_up = FollowUp.objects.filter(pk=pk, dialogue=dialogue).select_related("dialogue").first()
    if follow_up is None or person is None or person.pk not in (dialogue.leader_id, dialogue.superior_id):
        raise Http404
    return follow_up


def goal_choices(*, view: DialogueView) -> list[tuple[str, list[tuple[int, str]]]]:
    """The expectations a goal may be tied to, by section: those of the sections the dialogue rates."""
    return [
        (content.section.title, [(e.pk, e.text) for e in content.expectations])
        for content in dialogue_expectations(view=view)
    ]


def expectation_for_goal(*, view: DialogueView, pk: int | None) -> Expectation | None:
    """The expectation a goal is tied to, if it is one of the dialogue's level (else a clear 404)."""
    if pk is None:
        return None
    for content in dialogue_expectations(view=view):
        for expectation in content.expectations:
            if expectation.pk == pk:
                return expectation
    raise Http404


def agreement_approved_get_for_user(*, user: Viewer, view: DialogueView) -> Agreement:
    """The latest version of the dialogue's agreement that both approved, for one of its parties; 404 while
    there is none (a draft is not exported: what both have not approved is no agreement)."""
    agreement = agreement_for_user(user=user, view=view)
    approved = agreement.current if agreement.approved else next(iter(agreement.earlier), None)
    if approved is None:
        raise Http404
    return approved


# --- The superior's overview ---------------------------------------------------------------------------

OVERVIEW_ROWS_PER_PAGE = 50
DUE_SOON_DAYS = 30


@dataclass
class OverviewRow:
    """A leader below the viewer: their latest dialogue's phase and date, their next follow-up (overdue or
    not), and how many goals they share with their superiors."""

    post: Post
    dialogue: Dialogue | None = None
    next_follow_up: FollowUp | None = None
    shared_goals: int = 0
    holds: bool = False  # the viewer is the dialogue's superior, so may open it

    @property
    def follow_up_overdue(self) -> bool:
        return self.next_follow_up is not None and self.next_follow_up.due < today()


@dataclass
class Overview:
    page: Page
    rows: list[OverviewRow]
    leaders: int
    due_soon: int  # dialogues below not yet held, due or scheduled within DUE_SOON_DAYS
    follow_ups_due: int  # follow-ups below not recorded, overdue or within DUE_SOON_DAYS
    follow_ups_overdue: int


def _overview_counts(person: Person) -> tuple[int, int, int]:
    soon = today() + datetime.timedelta(days=DUE_SOON_DAYS)
    below = Dialogue.objects.filter(leader_id__in=people_below(person=person))
    due_soon = below.filter(
        Q(scheduled_for__date__lte=soon) | Q(scheduled_for__isnull=True, due__lte=soon),
        status__in=(DialogueStatus.PLANNED, DialogueStatus.PREPARED),
    ).count()
    follow_ups = FollowUp.objects.filter(
        held_at__isnull=True,
        dialogue_id__in=Dialogue.objects.filter(leader_id__in=people_below(person=person)).values("pk"),
    ).aggregate(soon=Count("pk", filter=Q(due__lte=soon)), late=Count("pk", filter=Q(due__lt=today())))
    return due_soon, follow_ups["soon"], follow_ups["late"]


def overview_for_user(*, user: Viewer, page: int | str = 1) -> Overview:
    """The leaders below the signed-in person along the chain, a page at a time by name, with their LUS
    status, next follow-up and shared goals: a fixed number of queries however many they lead; 404 for
    someone who leads no leader."""
    person = person_for_user(user=user)
    if person is None:
        raise Http404
    # The page by post id first (sorting a thousand leaders needs only their names), then those fifty whole.
    post_ids = (
        leader_main_posts_below(person=person)
        .order_by("person__name", "person_id", "level__position", "pk")
        .values_list("pk", flat=True)
    )
    paginator = Paginator(list(post_ids), OVERVIEW_ROWS_PER_PAGE)  # one query: the ids hold the count too
    if paginator.count == 0:
        raise Http404
    page_obj = paginator.get_page(page)
    posts = Post.objects.select_related("person", "unit", "level").in_bulk(list(page_obj.object_list))
    rows = [OverviewRow(post=posts[pk]) for pk in page_obj.object_list]
    ids = {row.post.person_id for row in rows}
    latest: dict[int, Dialogue] = {}
    for dialogue in Dialogue.objects.filter(leader_id__in=ids).select_related("superior").order_by("-pk"):
        latest.setdefault(dialogue.leader_id, dialogue)
    upcoming: dict[int, FollowUp] = {}
    for follow_up in FollowUp.objects.filter(
        held_at__isnull=True, dialogue_id__in=[d.pk for d in latest.values()]
    ):
        upcoming.setdefault(follow_up.dialogue_id, follow_up)
    shared = dict(
        Goal.objects.filter(plan__leader_id__in=ids, shared=True)
        .order_by()
        .values("plan__leader_id")
        .annotate(n=Count("pk"))
        .values_list("plan__leader_id", "n")
    )
    for row in rows:
        row.dialogue = latest.get(row.post.person_id)
        row.next_follow_up = upcoming.get(row.dialogue.pk) if row.dialogue else None
        row.shared_goals = shared.get(row.post.person_id, 0)
        row.holds = row.dialogue is not None and row.dialogue.superior_id == person.pk
    due_soon, follow_ups_due, follow_ups_overdue = _overview_counts(person)
    return Overview(
        page=page_obj,
        rows=rows,
        leaders=paginator.count,
        due_soon=due_soon,
        follow_ups_due=follow_ups_due,
        follow_ups_overdue=follow_ups_overdue,
    )


def agreement_content(*, agreement: Agreement) -> dict[str, Any]:
    """What both parties approve: the summary and the dialogue's goals, as they read now."""
    goals = Goal.objects.filter(dialogue=agreement.dialogue).select_related("section", "expectation")
    return {
        "summary": agreement.summary,
        "goals": [
            {
                "title": goal.title,
                "description": goal.description,
                "section": goal.section.title if goal.section else "",
                "expectation": goal.expectation.text if goal.expectation else "",
                "report_statement": goal.report_statement,
            }
            for goal in goals.order_by("position", "pk")
        ],
    }


def agreement_digest(*, content: dict[str, Any]) -> str:
    """A digest of what an agreement says, to tell whether it changed between reading and approving."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
