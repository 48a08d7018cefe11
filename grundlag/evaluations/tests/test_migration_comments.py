"""Upgrading an install with closed cycles (migration 0011): every comment is kept with its leader, group and
question, and none keeps its response, its old id or its old place in the table."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = (
    ("evaluations", "0010_localquestion_not_asked_of"),
    ("evaluations", "0011_comment_without_response"),
)


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def old_apps(builtin_frameworks):
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the schema the rest of the suite runs on


def _closed_cycle_with_comments(apps):
    """A closed cycle: five employees and three peers, each with a comment, and a self-evaluation."""
    Cycle, Evaluee, Question, Response, Comment = (
        apps.get_model("evaluations", name)
        for name in ("Cycle", "Evaluee", "Question", "Response", "Comment")
    )
    version_id = FrameworkVersion.objects.order_by("pk").values_list("pk", flat=True).first()
    cycle = Cycle.objects.create(
        name="Før", framework_version_id=version_id, deadline="2026-12-31", status="closed"
    )
    evaluee = Evaluee.objects.create(
        cycle=cycle, person_id=PersonFactory().pk, unit_id=UnitFactory().pk, level_key=""
    )
    question = Question.objects.create(
        cycle=cycle, position=1, kind="open", rater_text="Hvad virker?", self_text="Hvad virker?"
    )
    written = [("employee", f"medarbejder {i}") for i in range(5)] + [
        ("peer", f"kollega {i}") for i in range(3)
    ]
    written.append(("self", "mig selv"))
    for group, text in written:
        response = Response.objects.create(evaluee=evaluee, group=group)
        Comment.objects.create(response=response, question=question, text=text)
    return evaluee, question, written


def test_upgrading_keeps_every_comment_without_its_response_in_new_rows(old_apps):
    evaluee, question, written = _closed_cycle_with_comments(old_apps)
    old_ids = set(old_apps.get_model("evaluations", "Comment").objects.values_list("pk", flat=True))

    new_apps = _migrate(AFTER)

    Comment = new_apps.get_model("evaluations", "Comment")
    assert "response" not in {field.name for field in Comment._meta.get_fields()}
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, Comment._meta.db_table)
        }
    assert "response_id" not in columns
    kept = Comment.objects.values_list("evaluee_id", "group", "question_id", "text")
    assert sorted(kept) == sorted((evaluee.pk, group, question.pk, text) for group, text in written)
    new_ids = set(Comment.objects.values_list("pk", flat=True))
    assert min(new_ids) > max(old_ids)  # written anew: no old id, no old place


def test_downgrading_gives_each_comment_a_response_of_its_leader_and_group(old_apps):
    evaluee, _question, written = _closed_cycle_with_comments(old_apps)
    _migrate(AFTER)

    apps = _migrate(BEFORE)

    Comment = apps.get_model("evaluations", "Comment")
    linked = Comment.objects.values_list("response__evaluee_id", "response__group", "text")
    assert sorted(linked) == sorted((evaluee.pk, group, text) for group, text in written)
