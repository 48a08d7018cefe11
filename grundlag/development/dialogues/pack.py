"""The data pack a development dialogue is prepared on, put together when preparation opens and frozen.

What it holds (`DialoguePack.content`), each part read the way the product shows it elsewhere:

- `sections`: the sections of the foundation the leader is rated on (common part and the level's own, by
  section, introductions left out), as `{"id", "title"}`; the statements themselves are read from the
  dialogue's level, whose published version never changes.
- `report`: the summary of the leader's latest closed 360° report, built from the anonymity gate's
  publishable figures only (`evaluations.reports.leader.leader_report`), or None. `superior_reads` says
  whether the cycle lets this superior read it; otherwise the superior sees it only if the leader shares it.
- `surveys`: per survey instrument, the latest closed survey's total over the shown blocks of the leader's
  units: the same figures as the total line of the leader's own survey report, never a single block below k.
  Both parties read it, so a block where the leader or the superior answered counts only with at least k
  respondents besides them (`surveys.survey_gate_for_readers`): neither can take their own answers out.
- `span`: the leader's direct reports and everyone they lead along the chain, on the day.
- `previous`: the leader's previous dialogue (date, phase), or None.
- `plan`: the goals of the leader's development plan shared with the superior, with their status and how
  many of their actions are done (a private goal stays out: the superior reads the pack too).
- `parts`: what the domains above this app add (registered with `pack_part`, as the start page's sections
  are): the figures of the leader's units and the action plans the leader shares with the superior. Both
  parties read the pack, so a part holds only what the leader and the superior may both see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from grundlag.evaluations.models import Block, Cycle, Evaluee, Instrument, Question, QuestionKind
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.reports.surveys import survey_gate_for_readers
from grundlag.frameworks.models import SectionKind
from grundlag.frameworks.selectors import expected_at_level
from grundlag.organisation.models import Person, Post
from grundlag.organisation.selectors import direct_reports, people_below_count, today

from ..models import Dialogue, Goal


@dataclass(frozen=True)
class PackPart:
    """A part of the pack that a domain above this app adds: `make(dialogue=...)` gives its JSON-ready content
    (None or empty: nothing to show), shown by the partial `template` with the content as `data`.
    `still_shown(data)`, where given, is asked on every read: what of the frozen content may still be shown
    (a plan shared when the preparation opened and withdrawn since is no longer the superior's to read)."""

    key: str
    template: str
    make: Callable[..., Any]
    order: int = 100
    still_shown: Callable[[Any], Any] | None = None


_parts: dict[str, PackPart] = {}


def pack_part(
    *, key: str, template: str, order: int = 100, still_shown: Callable[[Any], Any] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a part of the pack (a decorator in the domains' pack.py, imported by AppConfig.ready)."""

    def register(make: Callable[..., Any]) -> Callable[..., Any]:
        _parts[key] = PackPart(key=key, template=template, make=make, order=order, still_shown=still_shown)
        return make

    return register


def pack_parts_shown(*, content: dict[str, Any]) -> list[tuple[str, Any]]:
    """The frozen pack's added parts as (template, data), in their order; a part no longer registered is left
    out, a pack frozen before a part existed simply does not have it, and a part's `still_shown` takes out
    what may no longer be shown."""
    kept = content.get("parts") or {}
    parts = sorted((part for key, part in _parts.items() if kept.get(key)), key=lambda part: part.order)
    shown = [
        (part.template, part.still_shown(kept[part.key]) if part.still_shown else kept[part.key])
        for part in parts
    ]
    return [(template, data) for template, data in shown if data]


def pack_sections(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    """The sections of the level's expectations that the parties rate, in the foundation's order."""
    return [
        {"id": content.section.pk, "title": content.section.title}
        for content in expected_at_level(version=dialogue.level.version, level=dialogue.level)
        if content.section.kind != SectionKind.INTRODUCTION and content.expectations
    ]


def _means(cells) -> dict[str, float | None]:
    return {
        cell.column.key: (
            round(cell.figure.mean, 2) if cell.figure and cell.figure.mean is not None else None
        )
        for cell in cells
    }


def _statement(statement) -> dict[str, Any]:
    return {
        "section": statement.question.section_title,
        "text": statement.question.rater_text,
        "self": round(statement.self_mean, 2),
        "others": round(statement.others_mean, 2),
    }


def pack_report(*, dialogue: Dialogue) -> dict[str, Any] | None:
    """The summary of the leader's latest closed 360° report, from publishable figures only."""
    evaluee = (
        Evaluee.objects.filter(
            person=dialogue.leader,
            cycle__status=Cycle.Status.CLOSED,
            cycle__instrument=Instrument.LEADERSHIP_360,
        )
        .select_related("cycle")
        .order_by("-cycle__deadline", "-cycle__created_at")
        .first()
    )
    if evaluee is None:
        return None
    report = leader_report(evaluee=evaluee, viewer=None)
    return {
        "evaluee": evaluee.pk,
        "cycle": evaluee.cycle.name,
        "deadline": evaluee.cycle.deadline.isoformat() if evaluee.cycle.deadline else None,
        "superior_reads": bool(
            evaluee.cycle.report_to_superior
            and dialogue.superior_id is not None
            and evaluee.superior_id == dialogue.superior_id
        ),
        "columns": [{"key": c.key, "respondents": c.respondents} for c in report.columns],
        "hidden": [{"label": h.label, "reason": h.reason} for h in report.hidden],
        "sections": [{"title": s.title, "means": _means(s.cells)} for s in report.sections],
        "blind_spots": [_statement(s) for s in report.blind_spots],
        "hidden_strengths": [_statement(s) for s in report.hidden_strengths],
    }


def _leader_roots(*, leader: Person) -> list[str]:
    """The paths of the units of the leader's leadership posts today, those below another left out."""
    paths = sorted(
        set(
            Post.objects.active_on(today())
            .filter(person=leader, level__isnull=False)
            .values_list("unit__path", flat=True)
        ),
        key=len,
    )
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def _survey(cycle: Cycle, scope: Q, readers: list[int]) -> dict[str, Any]:
    gate = survey_gate_for_readers(cycle=cycle, scope=scope, person_ids=readers)
    shown = [block for block in gate.blocks.values() if gate.block_shown(block)]
    totals = gate.totals()
    questions = Question.objects.filter(cycle=cycle, kind=QuestionKind.SCALE).order_by("position", "id")
    return {
        "cycle": cycle.name,
        "instrument": cycle.instrument,
        "deadline": cycle.deadline.isoformat() if cycle.deadline else None,
        "k": gate.k,
        "blocks_shown": len(shown),
        "blocks_hidden": len(gate.blocks) - len(shown),
        "respondents": sum(block.respondents for block in shown),
        "questions": [
            {
                "text": question.rater_text,
                "mean": round(figure.mean, 2)
                if (figure := totals.get(("", question.pk))) and figure.mean
                else None,
            }
            for question in questions
        ],
    }


def pack_surveys(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    """Per survey instrument, the latest closed survey over the leader's units: totals of shown blocks."""
    roots = _leader_roots(leader=dialogue.leader)
    if not roots:
        return []
    scope = Q(pk__in=[])
    for root in roots:
        scope |= Q(unit__path__startswith=root)
    cycles = (
        Cycle.objects.filter(
            status=Cycle.Status.CLOSED, pk__in=Block.objects.filter(scope).values("cycle_id")
        )
        .exclude(instrument=Instrument.LEADERSHIP_360)
        .order_by("-deadline", "-created_at")
    )
    latest: dict[str, Cycle] = {}
    for cycle in cycles:
        latest.setdefault(cycle.instrument, cycle)
    readers = [pk for pk in (dialogue.leader_id, dialogue.superior_id) if pk is not None]
    return [_survey(cycle, scope, readers) for cycle in latest.values()]


def pack_span(*, dialogue: Dialogue) -> dict[str, int]:
    return {
        "direct_reports": direct_reports(person=dialogue.leader).count(),
        "people_led": people_below_count(person=dialogue.leader),
    }


def pack_previous(*, dialogue: Dialogue) -> dict[str, Any] | None:
    previous = (
        Dialogue.objects.filter(leader=dialogue.leader, opened_at__isnull=False)
        .exclude(pk=dialogue.pk)
        .order_by("-opened_at")
        .first()
    )
    if previous is None:
        return None
    when = previous.held_at or previous.scheduled_for
    return {"id": previous.pk, "date": when.date().isoformat() if when else None, "status": previous.status}


def pack_plan(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    """The shared goals of the leader's own plan: title, status, actions done of all."""
    goals = (
        Goal.objects.filter(plan__leader=dialogue.leader, plan__team_name="", shared=True)
        .annotate(
            actions_total=Count("actions"),
            actions_done=Count("actions", filter=Q(actions__done_on__isnull=False)),
        )
        .order_by("position", "pk")
    )
    return [
        {"title": g.title, "status": g.status, "actions": g.actions_total, "done": g.actions_done}
        for g in goals
    ]


def pack_make(*, dialogue: Dialogue) -> dict[str, Any]:
    """Everything the pack holds, read now (frozen by the service that stores it)."""
    return {
        "sections": pack_sections(dialogue=dialogue),
        "report": pack_report(dialogue=dialogue),
        "surveys": pack_surveys(dialogue=dialogue),
        "span": pack_span(dialogue=dialogue),
        "previous": pack_previous(dialogue=dialogue),
        "plan": pack_plan(dialogue=dialogue),
        "parts": {key: part.make(dialogue=dialogue) for key, part in _parts.items()},
    }
