"""Closed cycles with answers for the API's tests, built with the evaluations factories as their tests do."""

import datetime

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, QuestionKind
from grundlag.evaluations.reports.tests import test_surveys as survey_engine
from grundlag.evaluations.tests.factories import (
    AnswerFactory,
    CommentFactory,
    CycleFactory,
    EvalueeFactory,
    QuestionFactory,
    ResponseFactory,
)


def closed_cycle(*, days_ago=0, **options):
    cycle = CycleFactory(status=Cycle.Status.CLOSED, **options)
    if days_ago:
        Cycle.objects.filter(pk=cycle.pk).update(
            created_at=cycle.created_at - datetime.timedelta(days=days_ago)
        )
        cycle.refresh_from_db()
    questions = {
        "q1": QuestionFactory(
            cycle=cycle, section_key="a", section_title="Retning", rater_text="Sætter retning"
        ),
        "q2": QuestionFactory(
            cycle=cycle, section_key="a", section_title="Retning", rater_text="Forklarer mål"
        ),
        "q3": QuestionFactory(cycle=cycle, section_key="b", section_title="Relationer", rater_text="Lytter"),
        "open": QuestionFactory(
            cycle=cycle, section_key="", section_title="", kind=QuestionKind.OPEN, rater_text="Hvad virker?"
        ),
    }
    return cycle, questions


def evaluate(org, cycle, *, person="lis", unit="ahorn", superior="dorte"):
    return EvalueeFactory(
        cycle=cycle, person=org["people"][person], unit=org["units"][unit], superior=org["people"][superior]
    )


def respond(evaluee, group, q, rows, comments=None):
    """One response per row of (q1, q2, q3) values (None: "Ved ikke"), each with an optional comment."""
    for i, values in enumerate(rows):
        response = ResponseFactory(evaluee=evaluee, group=group)
        for question, value in zip([q["q1"], q["q2"], q["q3"]], values, strict=True):
            AnswerFactory(response=response, question=question, value=value)
        if comments:
            CommentFactory(evaluee=evaluee, group=group, question=q["open"], text=comments[i])


def closed_survey(versions, *, instrument, unit, by, block_depth=None, days_ago=0):
    """A closed survey of the leaders in the unit's subtree, with an open question; everyone answers 4."""
    cycle = survey_engine.survey(versions, instrument=instrument, block_depth=block_depth, by=by)
    services.local_question_add(cycle=cycle, text="Hvad virker?", kind="open", by=by)
    services.evaluees_add(cycle=cycle, unit=unit, by=by)
    cycle = survey_engine.run(cycle, by)
    if days_ago:
        Cycle.objects.filter(pk=cycle.pk).update(
            created_at=cycle.created_at - datetime.timedelta(days=days_ago)
        )
        cycle.refresh_from_db()
    return cycle
