"""The anonymity gate, attacked: whatever is suppressed can change without any published figure changing,
and every published figure rests on at least k respondents of the groups it names."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grundlag.evaluations.models import Answer, Comment, Cycle, QuestionKind, RaterGroup, Response
from grundlag.evaluations.reports.anonymity import comment_threshold, gate_load, threshold
from grundlag.evaluations.reports.charts import section_chart_rows
from grundlag.evaluations.reports.leader import OTHERS, leader_report
from grundlag.evaluations.reports.services import aggregates_build
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, QuestionFactory
from grundlag.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = [RaterGroup.EMPLOYEE, RaterGroup.PEER, RaterGroup.OTHER]
values = st.sampled_from([None, 1, 2, 3, 4, 5])
texts = st.sampled_from(["", "Godt", "godt", "Mere ro", "Tydelig", "åben", "Øv", "Zebra"])


@dataclass
class Rater:
    answers: list  # one value per scale question, None for "Ved ikke"
    comment: str


@st.composite
def datasets(draw):
    """1–4 evaluees over two closed cycles (a leader may be in both), each with up to 8 raters per group."""
    questions = draw(st.integers(min_value=2, max_value=5))
    slots = draw(
        st.lists(st.tuples(st.integers(0, 1), st.integers(0, 2)), min_size=1, max_size=4, unique=True)
    )
    evaluees = []
    for cycle, person in slots:
        groups = {}
        for group, most in [
            # Self and the superior are one person each; a second (put there by hand) must change nothing.
            (RaterGroup.SELF, 2),
            (RaterGroup.SUPERIOR, 2),
            (RaterGroup.EMPLOYEE, 8),
            (RaterGroup.PEER, 8),
            (RaterGroup.OTHER, 8),
        ]:
            count = draw(st.integers(min_value=0, max_value=most))
            groups[group] = [
                Rater(draw(st.lists(values, min_size=questions, max_size=questions)), draw(texts))
                for _ in range(count)
            ]
        evaluees.append({"cycle": cycle, "person": person, "groups": groups})
    return {"questions": questions, "superior_shown": draw(st.booleans()), "evaluees": evaluees}


def build(data):
    """The dataset as rows, in bulk; returns the evaluees and, per (evaluee, group), its responses."""
    unit = UnitFactory()
    User = get_user_model()
    people = [
        PersonFactory(user=User.objects.create(username=f"hyp-{i}-{User.objects.count()}")) for i in range(3)
    ]
    cycles = []
    for i in range(2):
        cycle = CycleFactory(status=Cycle.Status.CLOSED, superior_shown=data["superior_shown"])
        Cycle.objects.filter(pk=cycle.pk).update(created_at=cycle.created_at + datetime.timedelta(days=i))
        cycle.refresh_from_db()
        scale = [
            QuestionFactory(cycle=cycle, section_key=f"s{q % 2}", section_title=f"Sektion {q % 2}")
            for q in range(data["questions"])
        ]
        open_question = QuestionFactory(cycle=cycle, kind=QuestionKind.OPEN, section_key="", section_title="")
        cycles.append((cycle, scale, open_question))
    evaluees, responses, answers, comments = [], {}, [], []
    for spec in data["evaluees"]:
        cycle, scale, open_question = cycles[spec["cycle"]]
        evaluee = EvalueeFactory(cycle=cycle, person=people[spec["person"]], unit=unit)
        evaluees.append(evaluee)
        for group, raters in spec["groups"].items():
            rows = Response.objects.bulk_create([Response(evaluee=evaluee, group=group) for _ in raters])
            responses[(evaluee.pk, group)] = rows
            for response, rater in zip(rows, raters, strict=True):
                answers += [
                    Answer(response=response, question=q, value=v)
                    for q, v in zip(scale, rater.answers, strict=True)
                ]
                if rater.comment:
                    comments.append(
                        Comment(evaluee=evaluee, group=group, question=open_question, text=rater.comment)
                    )
    Answer.objects.bulk_create(answers)
    Comment.objects.bulk_create(comments)
    for cycle, _scale, _open in cycles:
        aggregates_build(cycle=cycle)  # as closing the cycle does
    return evaluees, responses


def figure(f):
    return None if f is None else (f.count, f.total, f.value_counts)


def published(evaluees, viewers) -> list:
    """Everything any report shows, for every evaluee and every viewer, as plain values."""
    out = []
    for evaluee in evaluees:
        for viewer in viewers(evaluee):
            report = leader_report(evaluee=evaluee, viewer=viewer)
            out.append(
                [
                    [(c.key, c.respondents) for c in report.columns],
                    [(h.label, h.reason) for h in report.hidden],
                    [
                        (
                            s.key,
                            [(c.column.key, figure(c.figure)) for c in s.cells],
                            [
                                (
                                    st_.question.pk,
                                    [(c.column.key, figure(c.figure), c.dont_know) for c in st_.cells],
                                )
                                for st_ in s.statements
                            ],
                        )
                        for s in report.sections
                    ],
                    [s.question.pk for s in report.blind_spots],
                    [s.question.pk for s in report.hidden_strengths],
                    [(b.question.pk, b.label, b.texts, b.reason) for b in report.comments],
                    [(p.cycle.pk, p.self_mean, p.others_mean) for p in report.trend],
                    section_chart_rows(report),
                ]
            )
    return out


def suppressed_parts(data, evaluees, responses):
    """Every part of the data that no report may show: (kind, responses, question index or None)."""
    parts = []
    for evaluee in evaluees:
        for group in [*ANONYMOUS, RaterGroup.SUPERIOR, RaterGroup.SELF]:
            rows = responses.get((evaluee.pk, group), [])
            n = len(rows)
            if not n:
                continue
            if group in (RaterGroup.SUPERIOR, RaterGroup.SELF):
                # An identified group is shown only as one person (the superior where the cycle says so).
                if n > 1 or (group == RaterGroup.SUPERIOR and not data["superior_shown"]):
                    parts.append(("group", rows, None))
                continue
            k = threshold(group)
            if n < k:
                parts.append(("group", rows, None))
                continue
            if n < comment_threshold(group):
                parts.append(("comments", rows, None))
            for question_id in evaluee.cycle.questions.filter(kind=QuestionKind.SCALE).values_list(
                "pk", flat=True
            ):
                real = Answer.objects.filter(response__in=rows, question_id=question_id, value__isnull=False)
                if 0 < real.count() < k:
                    parts.append(("atom", rows, question_id))
    return parts


def change(part, draw):
    """Rewrite the suppressed part's values (or comment texts) to whatever hypothesis draws."""
    kind, rows, question_id = part
    if kind in ("group", "atom"):
        answers = Answer.objects.filter(response__in=rows)
        if kind == "atom":
            answers = answers.filter(question_id=question_id, value__isnull=False)
        for answer in answers.order_by("pk"):  # responses have random ids: keep the draws in one order
            # Always a different value, so that every example really changes the suppressed part.
            if kind == "group":
                new = draw(values.filter(lambda v, old=answer.value: v != old))
            else:
                new = (answer.value - 1 + draw(st.integers(1, 4))) % 5 + 1
            Answer.objects.filter(pk=answer.pk).update(value=new)
    if kind in ("group", "comments"):
        for comment in Comment.objects.filter(evaluee=rows[0].evaluee, group=rows[0].group).order_by("pk"):
            new = draw(texts.filter(lambda t, old=comment.text: t and t != old))
            Comment.objects.filter(pk=comment.pk).update(text=new)
    aggregates_build(cycle=rows[0].evaluee.cycle)


def viewers_for(administrator):
    return lambda evaluee: [administrator, evaluee.person.user]


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(data=datasets(), draws=st.data())
def test_changing_anything_suppressed_changes_no_published_figure(
    builtin_frameworks, administrator, data, draws
):
    with transaction.atomic():
        evaluees, responses = build(data)
        parts = suppressed_parts(data, evaluees, responses)
        if parts:
            viewers = viewers_for(administrator)
            before = published(evaluees, viewers)
            part = draws.draw(st.sampled_from(parts))

            change(part, draws.draw)

            assert published(evaluees, viewers) == before
        transaction.set_rollback(True)


@SETTINGS
@given(data=datasets())
def test_every_published_figure_rests_on_at_least_k_respondents(builtin_frameworks, administrator, data):
    with transaction.atomic():
        evaluees, responses = build(data)
        k_least = min(threshold(g) for g in ANONYMOUS)
        for evaluee in evaluees:
            report = leader_report(evaluee=evaluee, viewer=administrator)
            n = {group: len(responses.get((evaluee.pk, group), [])) for group in RaterGroup.values}
            superior_shown = data["superior_shown"] and n[RaterGroup.SUPERIOR] == 1
            # A group is shown exactly when it has at least k respondents; self and the superior as one.
            shown = {c.key for c in report.columns}
            assert (RaterGroup.SELF in shown) == (n[RaterGroup.SELF] == 1)
            assert (RaterGroup.SUPERIOR in shown) == superior_shown
            assert [g for g in ANONYMOUS if g in shown] == [g for g in ANONYMOUS if n[g] >= threshold(g)]
            for statement in report.statements:
                cells = {c.column.key: c for c in statement.cells}
                superior = cells.get(RaterGroup.SUPERIOR)
                superior_count = superior.figure.count if superior and superior.figure else 0
                assert superior is None or superior_shown
                for key, c in cells.items():
                    if key in ANONYMOUS:
                        assert n[key] >= threshold(key)
                        if c.figure is not None:
                            assert c.figure.count >= threshold(key)
                    if key == OTHERS and c.figure is not None:
                        # What is left of "all others" once the (shown) superior is taken away.
                        anonymous_part = c.figure.count - superior_count
                        assert anonymous_part == 0 or anonymous_part >= k_least
            for block in report.comments:
                if block.texts:
                    group = next(g for g in RaterGroup if str(g.label) == block.label)
                    if group in ANONYMOUS:
                        assert n[group] >= comment_threshold(group)
        gate = gate_load(evaluees=evaluees)
        for evaluee in evaluees:
            for group in ANONYMOUS:
                combined = gate.figure(
                    evaluee_ids=[evaluee.pk],
                    groups=[group, RaterGroup.SELF, RaterGroup.SUPERIOR],
                    question_ids=list(evaluee.cycle.questions.values_list("pk", flat=True)),
                    own_report=False,
                )
                # Figures combined beyond one leader's report never hold self or the superior.
                if combined is not None:
                    assert combined.least_respondents >= threshold(group)
        transaction.set_rollback(True)
