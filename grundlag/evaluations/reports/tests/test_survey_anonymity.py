"""The survey gate, attacked: whatever a block hides can change without any published survey figure
changing, for the administrator and for a leader who sees part of the organisation, across cycles; and
every published figure rests on at least k respondents."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from grundlag.evaluations.models import Answer, Comment, Cycle, Instrument, QuestionKind, RaterGroup, Response
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.reports.surveys import survey_chart_rows, survey_report
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, QuestionFactory
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory

pytestmark = pytest.mark.django_db

K, COMMENT_K = 3, 4
values = st.sampled_from([None, 1, 2, 3, 4, 5])
texts = st.sampled_from(["Mere tid", "mere tid", "Sparring", "Råderum", "ro", "Øv"])


@st.composite
def datasets(draw):
    """Up to 16 leaders in two cycles, each in one of three areas and on one of two levels; a leader may
    not have answered. Blocks are (area, level) per cycle."""
    questions = draw(st.integers(min_value=2, max_value=3))
    leaders = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "cycle": st.integers(0, 1),
                    "area": st.integers(0, 2),
                    "level": st.integers(0, 1),
                    "answers": st.none() | st.lists(values, min_size=questions, max_size=questions),
                    "comment": texts,
                }
            ),
            min_size=1,
            max_size=16,
        )
    )
    return {"questions": questions, "leaders": leaders}


def build(data, version):
    """The dataset as rows; returns the cycles, a viewer who leads area 0, and the responses per block."""
    top = UnitFactory(name="Kommune")
    areas = [UnitFactory(name=f"Område {n}", parent=top) for n in range(3)]
    User = get_user_model()
    viewer = User.objects.create(username=f"viewer-{User.objects.count()}")
    level = version["aarhus-boern-og-unge"].levels.get(key="forvaltningschef")
    PostFactory(person=PersonFactory(user=viewer), unit=areas[0], level=level, title="Områdeleder")
    cycles = []
    for i in range(2):
        cycle = CycleFactory(
            status=Cycle.Status.CLOSED,
            instrument=Instrument.CONDITIONS,
            block_depth=2,
            framework_version=version["ledelse-taet-paa"],
        )
        Cycle.objects.filter(pk=cycle.pk).update(created_at=cycle.created_at + datetime.timedelta(days=i))
        cycle.refresh_from_db()
        scale = [
            QuestionFactory(cycle=cycle, level_key="", rater_text=f"Vilkår {q}")
            for q in range(data["questions"])
        ]
        open_question = QuestionFactory(cycle=cycle, level_key="", kind=QuestionKind.OPEN, rater_text="Hvad?")
        cycles.append((cycle, scale, open_question))
    by_block: dict[tuple[int, int, int], list[Response]] = {}
    answers, comments = [], []
    for n, spec in enumerate(data["leaders"]):
        cycle, scale, open_question = cycles[spec["cycle"]]
        school = UnitFactory(name=f"Skole {n}", parent=areas[spec["area"]])
        evaluee = EvalueeFactory(
            cycle=cycle,
            unit=school,
            level_key=f"niveau-{spec['level']}",
            level_name=f"Niveau {spec['level']}",
        )
        if spec["answers"] is None:
            continue
        response = Response.objects.create(evaluee=evaluee, group=RaterGroup.SELF)
        by_block.setdefault((spec["cycle"], spec["area"], spec["level"]), []).append(response)
        answers += [
            Answer(response=response, question=q, value=v)
            for q, v in zip(scale, spec["answers"], strict=True)
        ]
        comments.append(
            Comment(evaluee=evaluee, group=RaterGroup.SELF, question=open_question, text=spec["comment"])
        )
    Answer.objects.bulk_create(answers)
    Comment.objects.bulk_create(comments)
    for cycle, _scale, _open in cycles:
        aggregates_build(cycle=cycle)  # as closing the cycle does
    return [Cycle.objects.get(pk=c.pk) for c, _s, _o in cycles], viewer, by_block


def figure(cell):
    f = cell.figure
    return None if f is None else (f.count, f.total, f.value_counts)


def row_values(row):
    return (row.label, row.level_name, row.respondents, row.reason, [figure(c) for c in row.cells])


def published(cycles, viewers) -> list:
    """Everything the survey reports show, for every cycle and viewer, as plain values."""
    out = []
    for cycle in cycles:
        for viewer in viewers:
            try:
                report = survey_report(cycle=cycle, viewer=viewer)
            except Http404:  # a viewer with nothing to see learns that, too
                out.append("404")
                continue
            out.append(
                [
                    row_values(report.total),
                    [row_values(row) for row in report.levels],
                    [row_values(row) for row in report.rows],
                    report.blocks_hidden,
                    [(c.label, c.question.rater_text, c.texts, c.reason) for c in report.comments],
                    [(p.cycle.pk, [figure(c) for c in p.cells]) for p in report.trend],
                    survey_chart_rows(report),
                ]
            )
    return out


def suppressed_parts(by_block):
    """What no survey report may show: (kind, responses, question or None)."""
    parts = []
    for responses in by_block.values():
        if len(responses) < K:
            parts.append(("block", responses, None))
            continue
        if len(responses) < COMMENT_K:
            parts.append(("comments", responses, None))
        question_ids = {a.question_id for a in Answer.objects.filter(response__in=responses)}
        for question_id in sorted(question_ids):
            real = Answer.objects.filter(response__in=responses, question_id=question_id, value__isnull=False)
            if 0 < real.count() < K:
                parts.append(("atom", responses, question_id))
    return parts


def change(part, draw):
    kind, responses, question_id = part
    if kind in ("block", "atom"):
        answers = Answer.objects.filter(response__in=responses)
        if kind == "atom":
            answers = answers.filter(question_id=question_id, value__isnull=False)
        for answer in answers.order_by("pk"):
            if kind == "block":
                new = draw(values.filter(lambda v, old=answer.value: v != old))
            else:
                new = (answer.value - 1 + draw(st.integers(1, 4))) % 5 + 1
            Answer.objects.filter(pk=answer.pk).update(value=new)
    if kind in ("block", "comments"):
        written = Comment.objects.filter(evaluee__in=[r.evaluee_id for r in responses], group=RaterGroup.SELF)
        for comment in written.order_by("pk"):
            new = draw(texts.filter(lambda t, old=comment.text: t != old))
            Comment.objects.filter(pk=comment.pk).update(text=new)
    aggregates_build(cycle=responses[0].evaluee.cycle)


SETTINGS = hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def thresholds(settings):
    settings.EVALUATION_THRESHOLDS = {
        "employee": 5,
        "peer": 3,
        "other": 3,
        "comments": COMMENT_K,
        "conditions": K,
    }


@SETTINGS
@given(data=datasets(), draws=st.data())
def test_changing_anything_a_block_hides_changes_no_published_figure(
    builtin_frameworks, administrator, thresholds, data, draws
):
    with transaction.atomic():
        cycles, viewer, by_block = build(data, builtin_frameworks)
        parts = suppressed_parts(by_block)
        if parts:
            before = published(cycles, [administrator, viewer])
            part = draws.draw(st.sampled_from(parts))

            change(part, draws.draw)

            assert published(cycles, [administrator, viewer]) == before
        transaction.set_rollback(True)


@SETTINGS
@given(data=datasets())
def test_every_published_survey_figure_rests_on_at_least_k_respondents(
    builtin_frameworks, administrator, thresholds, data
):
    with transaction.atomic():
        cycles, viewer, by_block = build(data, builtin_frameworks)
        for cycle in cycles:
            report = survey_report(cycle=cycle, viewer=administrator)
            for row in [report.total, *report.levels, *report.rows]:
                for cell in row.cells:
                    if cell.figure is not None:
                        assert cell.figure.count >= K
                        assert cell.figure.least_respondents >= K
            for row in report.rows:
                assert (row.reason == "") == any(c.figure for c in row.cells)
            for comments in report.comments:
                if comments.texts is not None:
                    (block,) = [
                        responses
                        for (c, area, level), responses in by_block.items()
                        if cycles[c] == cycle and f"Område {area} (Niveau {level})" == comments.label
                    ]
                    assert len(block) >= COMMENT_K
        transaction.set_rollback(True)
