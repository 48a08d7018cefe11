"""The product's own perception data among a unit's indicators: the closed Ledelse-tæt-på conditions surveys
(003) and effect-picture surveys (000) of the evaluations app, as series beside the imported figures.

Nothing here reads answers, blocks or aggregates itself. The surveys a user may see are the survey report's
(`survey_cycles_for_user`, the same audience and scope), and every figure comes from the evaluations' block
gate (`surveys.survey_gate_for_readers` with the report's scope, narrowed to the unit): a block below the
survey's k, a block the reader answered in with fewer than k respondents besides them, or a question with
fewer than k real scores, gives a point without value and without n, only the reason the survey report gives.
Where the survey report's scope is stricter than the unit page's (`indicators.view_unit_figures`), the
stricter one wins: both are asked.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from grundlag.evaluations.models import SCALE_VALUES, Block, Cycle, Instrument, Question, QuestionKind
from grundlag.evaluations.reports.anonymity import BlockGate, Figure
from grundlag.evaluations.reports.leader import fewer_than
from grundlag.evaluations.reports.selectors import survey_cycles_for_user, survey_scope_q, surveys_in_scope
from grundlag.evaluations.reports.surveys import survey_gate_for_readers
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import person_for_user

from .models import DataType, Direction, PeriodKind

# The surveys' answers: five points from "Helt uenig" (1) to "Helt enig" (5); "Ved ikke" is no score.
SCALE_MIN, SCALE_MAX = min(SCALE_VALUES), max(SCALE_VALUES)
# The effect picture first (what the unit's employees see), then the leaders' conditions.
INSTRUMENTS = (Instrument.EFFECTS, Instrument.CONDITIONS)


@dataclass(frozen=True)
class SurveyPoint:
    """One survey's figure for the unit: its mean, the real scores it rests on (n) and their standard
    deviation, or (withheld) only the reason; the period is the survey's deadline."""

    cycle_id: int
    survey: str
    period: str
    period_start: date
    value: float | None = None
    n: int | None = None
    sd: float | None = None
    reason: str = ""
    period_kind: str = PeriodKind.DATE

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SurveySeries:
    """One statement of a survey over the surveys of the unit's blocks, shaped like an indicator's series:
    perception data on the scale 1–5, higher is better. Every series of one `group` (the survey kind and,
    for the conditions survey, the leaders' level) has a point for the same surveys, oldest first."""

    key: str
    name: str
    group: str
    instrument: str
    level_name: str
    points: tuple[SurveyPoint, ...]
    data_type: str = DataType.PERCEPTION
    direction: str = Direction.HIGHER
    scale_min: int = SCALE_MIN
    scale_max: int = SCALE_MAX
    decimals: int = 2

    @property
    def data_type_label(self) -> str:
        return str(DataType(self.data_type).label)

    @property
    def latest(self) -> SurveyPoint | None:
        """The newest point that is shown."""
        return next((point for point in reversed(self.points) if point.shown), None)


@dataclass(frozen=True)
class _Reading:
    """What the gate publishes of one survey for the unit: per (level, statement) the figure or why not."""

    cycle: Cycle
    levels: dict[str, str]  # level key → name, of the unit's blocks in this survey
    figures: dict[tuple[str, str], Figure]
    reasons: dict[str, str]  # level key → why the block is hidden ("" when shown)
    k: int


def unit_survey_figures_for_user(*, user: User | AnonymousUser, unit: Unit) -> list[SurveySeries]:
    """The closed conditions and effect-picture surveys' figures of the unit's blocks that the survey report
    shows the user, as series per statement; 404 for a unit whose figures the user may not see."""
    if not user.has_perm("indicators.view_unit_figures", unit):
        raise Http404
    try:
        visible = survey_cycles_for_user(user=user)  # the survey report's audience
        scope = survey_scope_q(viewer=user)
    except (Http404, PermissionDenied):
        return []
    unit_scope = Q(unit=unit) if scope is None else scope & Q(unit=unit)
    with_unit = set(surveys_in_scope(scope=unit_scope).values_list("pk", flat=True))
    cycles = sorted(
        (cycle for cycle in visible if cycle.pk in with_unit and cycle.instrument in INSTRUMENTS),
        key=lambda cycle: (cycle.deadline, cycle.created_at, cycle.pk),
    )
    if not cycles:
        return []
    questions = _scale_questions(cycles)
    # A reader who answered in a block sees it only with k respondents besides them (the survey report's).
    person = person_for_user(user=user)
    readers = [person.pk] if person is not None else []
    readings = [
        _read(
            survey_gate_for_readers(cycle=cycle, scope=unit_scope, person_ids=readers),
            questions.get(cycle.pk, []),
        )
        for cycle in cycles
    ]
    return [
        series
        for instrument in INSTRUMENTS
        for series in _series(
            [r for r in readings if r.cycle.instrument == instrument], instrument, questions
        )
    ]


def _scale_questions(cycles: Iterable[Cycle]) -> dict[int, list[Question]]:
    """Each survey's scale statements in questionnaire order (wording only: no answers)."""
    found: dict[int, list[Question]] = {}
    for question in Question.objects.filter(cycle__in=list(cycles), kind=QuestionKind.SCALE).order_by(
        "cycle_id", "position", "id"
    ):
        found.setdefault(question.cycle_id, []).append(question)
    return found


def _read(gate: BlockGate, questions: list[Question]) -> _Reading:
    """The gate's figures of the unit's blocks (one, or one per level in the conditions survey)."""
    blocks: list[Block] = list(gate.blocks.values())
    shown = [block for block in blocks if gate.block_shown(block)]
    published = gate.figures(block_ids=[block.pk for block in shown])
    text_of = {question.pk: question.rater_text for question in questions}
    figures = {
        (gate.blocks[block_id].level_key, text_of[question_id]): figure
        for (block_id, question_id), figure in published.items()
        if question_id in text_of
    }
    reasons = {
        block.level_key: ""
        if gate.block_shown(block)
        else (fewer_than(gate.k) if block.respondents else _("no answers"))
        for block in blocks
    }
    levels = {block.level_key: block.level_name for block in blocks}
    return _Reading(cycle=gate.cycle, levels=levels, figures=figures, reasons=reasons, k=gate.k)


def _series(
    readings: list[_Reading], instrument: str, questions: dict[int, list[Question]]
) -> list[SurveySeries]:
    """One instrument's series: per level (as the blocks have them) and statement (by its wording, as the
    survey report's trend matches them), the newest survey's statements first in its order."""
    out = []
    levels = {key: name for reading in readings for key, name in reading.levels.items()}
    for level_key, level_name in levels.items():
        present = [reading for reading in readings if level_key in reading.levels]
        texts = list(
            dict.fromkeys(q.rater_text for r in reversed(present) for q in questions.get(r.cycle.pk, []))
        )
        label = str(Instrument(instrument).label)
        group = f"{label} ({level_name})" if level_name else label
        for number, text in enumerate(texts, start=1):
            asked = {
                r.cycle.pk for r in present for q in questions.get(r.cycle.pk, []) if q.rater_text == text
            }
            points = tuple(
                _point(reading, level_key, text, asked=reading.cycle.pk in asked) for reading in present
            )
            key = f"survey-{instrument}-{level_key or 'all'}-{number}"
            out.append(SurveySeries(key, text, group, instrument, level_name, points))
    return out


def _point(reading: _Reading, level_key: str, text: str, *, asked: bool) -> SurveyPoint:
    cycle = reading.cycle
    point = SurveyPoint(cycle.pk, cycle.name, cycle.deadline.isoformat(), cycle.deadline)
    if not asked:
        return replace(point, reason=_("not asked in this survey"))
    if reading.reasons[level_key]:
        return replace(point, reason=reading.reasons[level_key])
    figure = reading.figures.get((level_key, text))
    if figure is None or figure.mean is None:
        return replace(point, reason=fewer_than(reading.k))
    return replace(point, value=figure.mean, n=figure.count, sd=_sd(figure))


def _sd(figure: Figure) -> float | None:
    """The sample standard deviation of the figure's scores, from its published distribution."""
    if figure.count < 2 or figure.mean is None:
        return None
    mean = figure.mean
    squares = sum(c * (v - mean) ** 2 for v, c in zip(SCALE_VALUES, figure.value_counts, strict=True))
    return math.sqrt(squares / (figure.count - 1))
