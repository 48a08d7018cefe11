"""Upgrading an install with answers in it (migration 0007): nothing a report shows is lost, and nothing is
kept in the open that the sealed design would not keep."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grundlag.evaluations.models import Cycle, Invitation, SealedDraft
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding.sealed import responses_open, sealed_size
from grundlag.evaluations.sealing import seal
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = ("evaluations", "0006_sealed_drafts"), ("evaluations", "0007_sealed_responses")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_apps(builtin_frameworks):
    apps = _migrate(BEFORE)
    yield apps
    _migrate_to_latest()  # the schema the rest of the suite runs on


def _cycle(apps, **fields):
    version_id = FrameworkVersion.objects.order_by("pk").values_list("pk", flat=True).first()
    return apps.get_model("evaluations", "Cycle").objects.create(
        name="Før", framework_version_id=version_id, deadline="2026-12-31", **fields
    )


def _evaluee(apps, cycle, unit=None):
    person, unit = PersonFactory(), unit or UnitFactory()
    return apps.get_model("evaluations", "Evaluee").objects.create(
        cycle=cycle, person_id=person.pk, unit_id=unit.pk, level_key=""
    )


def _responses(apps, evaluee, group, questions, values, comment=""):
    Response, Answer, Comment = (apps.get_model("evaluations", m) for m in ("Response", "Answer", "Comment"))
    for value in values:
        response = Response.objects.create(evaluee=evaluee, group=group)
        for question in questions:
            if question.kind == "scale":
                Answer.objects.create(response=response, question=question, value=value)
            elif comment:
                Comment.objects.create(response=response, question=question, text=comment)


def test_upgrading_seals_open_cycles_and_keeps_only_what_can_be_shown(old_apps):
    apps = old_apps
    Question, Block = apps.get_model("evaluations", "Question"), apps.get_model("evaluations", "Block")
    # An open cycle with a sent response and an answer in progress.
    open_cycle = _cycle(apps, status="launched")
    leader = _evaluee(apps, open_cycle)
    questions = [
        Question.objects.create(cycle=open_cycle, position=1, kind="scale", rater_text="a", self_text="a"),
        Question.objects.create(cycle=open_cycle, position=2, kind="open", rater_text="b", self_text="b"),
    ]
    _responses(apps, leader, "employee", questions, [4], comment="Tydelig retning")
    invitation = apps.get_model("evaluations", "Invitation").objects.create(evaluee=leader, group="employee")
    apps.get_model("evaluations", "SealedDraft").objects.create(
        invitation=invitation,
        sealed=seal(
            data={str(questions[0].pk): [2, False, ""]},
            context=f"evaluations.draft:{invitation.pk}",
            size=512,
        ),
    )
    # A closed leadership cycle: five employees, two peers, a superior the cycle does not show.
    closed = _cycle(apps, status="closed")
    rated = _evaluee(apps, closed)
    statement = Question.objects.create(cycle=closed, position=1, kind="scale", rater_text="c", self_text="c")
    _responses(apps, rated, "employee", [statement], [5, 4, 4, 3, 5])
    _responses(apps, rated, "peer", [statement], [1, 1])
    _responses(apps, rated, "superior", [statement], [2])
    # A closed conditions survey: one block of three leaders, one block of one.
    survey = _cycle(apps, status="closed", instrument="conditions")
    shown_unit, small_unit = UnitFactory(), UnitFactory()
    shown = Block.objects.create(cycle=survey, unit_id=shown_unit.pk, leaders=3, respondents=3)
    small = Block.objects.create(cycle=survey, unit_id=small_unit.pk, leaders=1, respondents=1)
    asked = [
        Question.objects.create(cycle=survey, position=1, kind="scale", rater_text="d", self_text="d"),
        Question.objects.create(cycle=survey, position=2, kind="open", rater_text="e", self_text="e"),
    ]
    for block, unit in [(shown, shown_unit)] * 3 + [(small, small_unit)]:
        member = _evaluee(apps, survey, unit)
        member.block = block
        member.save()
        _responses(apps, member, "self", asked, [3], comment=f"Om {unit.name}")
    for block in (shown, small):
        apps.get_model("evaluations", "BlockAggregate").objects.create(
            block=block, question=asked[0], respondents=block.respondents, scores=1, total=3, count_3=1
        )

    new_apps = _migrate(AFTER)
    _migrate_to_latest()  # the application's code below reads the schema it was written for

    Response = new_apps.get_model("evaluations", "Response")
    (opened,) = responses_open(cycle=Cycle.objects.get(pk=open_cycle.pk))
    assert (list(opened.answers()), opened.comments) == (
        [(questions[0].pk, 4)],
        {questions[1].pk: "Tydelig retning"},
    )
    assert not Response.objects.filter(evaluee__cycle_id=open_cycle.pk).exists()
    draft = SealedDraft.objects.get(pk=invitation.pk)
    assert len(bytes(draft.sealed)) == len(seal(data={}, context="c", size=sealed_size(["scale", "open"])))
    assert answering.drafts_for(Invitation.objects.get(pk=invitation.pk))[questions[0].pk].value == 2
    kept = Response.objects.filter(evaluee_id=rated.pk).values_list("group", flat=True)
    assert sorted(kept) == ["employee"] * 5
    assert not Response.objects.filter(evaluee__cycle_id=survey.pk).exists()
    comments = new_apps.get_model("evaluations", "BlockComment").objects.values_list("block_id", "text")
    assert sorted(comments) == [(shown.pk, f"Om {shown_unit.name}")] * 3
    aggregates = new_apps.get_model("evaluations", "BlockAggregate").objects.values_list(
        "block_id", flat=True
    )
    assert list(aggregates) == [shown.pk]
