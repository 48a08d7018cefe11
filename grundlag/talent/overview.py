"""The administrator's overview of the pipeline: the talents by stage, unit and programme, and the need
ahead, the leadership posts whose end date falls within the next years, against the talents who are ready.

What it shows of a talent is what the administrator may see: name, unit, stage, programme and readiness. A
nomination still awaiting consent is counted, never named; a declined one is only in the yearly counts.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Sum
from django.utils import timezone

from grundlag.core.rules import require
from grundlag.organisation.models import Post

from .models import READY, DeclinedCount, Stage, Talent
from .selectors import Readiness, readiness, stage_label, stage_shown

Viewer = AbstractBaseUser | AnonymousUser

STAGES_SHOWN = [
    Stage.NOMINATED,
    Stage.CLARIFYING,
    Stage.GOING_ON,
    Stage.IN_PROGRAMME,
    READY,
    Stage.STOPPED,
]
# By unit and programme: the talents who consented or signed up (a nomination awaiting consent has no unit
# to be counted in here: the count would point at the nominee in a small unit).
NAMED_STAGES = STAGES_SHOWN[1:]


@dataclass
class TalentRow:
    talent: Talent
    stage: str
    readiness: Readiness

    @property
    def stage_label(self) -> str:
        return stage_label(stage=self.stage)


@dataclass
class NeedRow:
    """A year ahead: the leadership posts ending in it, by level."""

    year: int
    posts: int
    by_level: list[tuple[str, int]]


@dataclass
class Overview:
    rows: list[TalentRow]
    by_stage: list[tuple[str, int]]  # (label, count) in the pipeline's order
    by_unit: list[tuple[str, list[int]]]  # the unit's name, its count at each stage in that order
    by_programme: list[tuple[str, list[int]]]
    need: list[NeedRow]
    years: int
    ending_posts: int
    ready: int
    declined: int = 0
    stages: list[str] = field(default_factory=lambda: [stage_label(stage=stage) for stage in NAMED_STAGES])


def _rows() -> list[TalentRow]:
    talents = (
        Talent.objects.exclude(stage=Stage.NOMINATED)
        .select_related("person", "unit", "cohort__programme")
        .order_by("person__name", "pk")
    )
    rows = []
    for talent in talents:
        shown = readiness(talent=talent)
        rows.append(
            TalentRow(talent=talent, stage=stage_shown(talent=talent, ready=shown.ready), readiness=shown)
        )
    return rows


def _need(*, years: int) -> list[NeedRow]:
    today = timezone.localdate()
    until = datetime.date(today.year + years, 12, 31)
    counts = (
        Post.objects.filter(level__isnull=False, end_date__gte=today, end_date__lte=until)
        .values("end_date__year", "level__name", "level__position")
        .annotate(posts=Count("pk"))
        .order_by("end_date__year", "level__position")
    )
    need: dict[int, NeedRow] = {}
    for row in counts:
        year = row["end_date__year"]
        need.setdefault(year, NeedRow(year=year, posts=0, by_level=[]))
        need[year].posts += row["posts"]
        need[year].by_level.append((row["level__name"], row["posts"]))
    return [need[year] for year in sorted(need)]


def overview_for_user(*, user: Viewer, years: int) -> Overview:
    """The pipeline for the administrator; 403 for anyone else."""
    require(user, "talent.view_overview")
    rows = _rows()
    awaiting = Talent.objects.filter(stage=Stage.NOMINATED).count()
    stages = Counter(row.stage for row in rows)
    stages[Stage.NOMINATED] = awaiting
    by_unit: dict[str, Counter] = {}
    by_programme: dict[str, Counter] = {}
    for row in rows:
        by_unit.setdefault(row.talent.unit.name, Counter())[row.stage] += 1
        if row.talent.cohort is not None:
            name = f"{row.talent.cohort.programme.name}: {row.talent.cohort.name}"
            by_programme.setdefault(name, Counter())[row.stage] += 1
    need = _need(years=years)
    return Overview(
        rows=rows,
        by_stage=[(stage_label(stage=stage), stages[stage]) for stage in STAGES_SHOWN],
        by_unit=[
            (name, [counts[stage] for stage in NAMED_STAGES]) for name, counts in sorted(by_unit.items())
        ],
        by_programme=[
            (name, [counts[stage] for stage in NAMED_STAGES]) for name, counts in sorted(by_programme.items())
        ],
        need=need,
        years=years,
        ending_posts=sum(row.posts for row in need),
        ready=stages[READY],
        declined=DeclinedCount.objects.filter(year=timezone.localdate().year).aggregate(n=Sum("declined"))[
            "n"
        ]
        or 0,
    )
