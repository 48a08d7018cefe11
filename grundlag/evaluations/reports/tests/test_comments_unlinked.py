"""A closed cycle's comments name their leader, rater group and question, never the response: someone who
reads the database and recognises a comment ("as the only one on the night shift …") cannot join it to its
writer's scale answers. The report shows them as before, under the comment threshold."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from grundlag.evaluations.cycles.services import cycle_close, rater_add
from grundlag.evaluations.models import (
    Answer,
    Comment,
    Cycle,
    Evaluee,
    Invitation,
    QuestionKind,
    RaterGroup,
    Response,
)
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, PersonFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NIGHT_SHIFT = "Som den eneste på nattevagt savner jeg sparring."


@pytest.fixture
def closed(small_organisation, administrator, settings):
    """Five employees and three peers answered three statements and an open question, then the close."""
    settings.EVALUATION_THRESHOLDS = {"employee": 3, "peer": 3, "other": 3, "comments": 5}
    org = small_organisation
    cycle = CycleFactory(status=Cycle.Status.LAUNCHED)
    evaluee = EvalueeFactory(cycle=cycle, person=org["people"]["lis"], unit=org["units"]["ahorn"])
    scale = [QuestionFactory(cycle=cycle) for _ in range(3)]
    open_question = QuestionFactory(cycle=cycle, kind=QuestionKind.OPEN, section_key="", section_title="")
    raters = [(RaterGroup.EMPLOYEE, f"medarbejder {i}") for i in range(5)]
    raters += [(RaterGroup.PEER, f"kollega {i}") for i in range(3)]
    raters[3] = (RaterGroup.EMPLOYEE, NIGHT_SHIFT)
    for i, (group, text) in enumerate(raters):
        invitation = rater_add(evaluee=evaluee, person=PersonFactory(), group=group, by=administrator)
        posted = {question.pk: str(1 + (i + j) % 5) for j, question in enumerate(scale)}
        posted[open_question.pk] = text
        responding.draft_answers_save(invitation=invitation, posted=posted)
        responding.response_submit(invitation=Invitation.objects.get(pk=invitation.pk))
    cycle_close(cycle=cycle, by=administrator)
    return Evaluee.objects.get(pk=evaluee.pk), open_question


def test_no_column_of_the_comments_table_names_a_response(closed):
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        relations = connection.introspection.get_relations(cursor, table)
    assert not [column for column in columns if "response" in column]
    assert Response._meta.db_table not in {other_table for _column, other_table in relations.values()}
    assert sorted(columns) == ["evaluee_id", "group", "id", "question_id", "text"]


def test_the_reviewers_join_from_a_recognised_comment_to_its_writers_scores_is_impossible(closed):
    evaluee, open_question = closed
    assert Comment.objects.filter(evaluee=evaluee, group=RaterGroup.EMPLOYEE, text=NIGHT_SHIFT).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.question_id, a.value FROM {Answer._meta.db_table} a JOIN {Comment._meta.db_table} c "
            "ON c.response_id = a.response_id WHERE c.text LIKE %s",
            ["%nattevagt%"],
        )
    # What the comment row does name is shared by the whole group: five employees, all alike to it.
    assert Response.objects.filter(evaluee=evaluee, group=RaterGroup.EMPLOYEE).count() == 5


def test_the_report_shows_a_big_enough_groups_comments_and_hides_a_small_ones(closed, administrator):
    evaluee, _open_question = closed

    with translation.override("en"):
        report = leader_report(evaluee=evaluee, viewer=administrator)
        blocks = {str(block.label): (block.texts, str(block.reason)) for block in report.comments}

    written = ["medarbejder 0", "medarbejder 1", "medarbejder 2", NIGHT_SHIFT, "medarbejder 4"]
    assert blocks == {
        "Employees and subordinate leaders": (sorted(written, key=lambda text: (text.casefold(), text)), ""),
        "Peer leaders": (None, "fewer than 5 answers"),
    }
