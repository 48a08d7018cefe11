import pytest

from grundlag.evaluations.cycles.questionnaire import (
    RATED_KINDS,
    questionnaire_preview,
    statement_for_raters,
    statement_for_self,
)
from grundlag.evaluations.cycles.services import questionnaire_freeze
from grundlag.evaluations.models import LocalQuestion, QuestionKind
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory
from grundlag.frameworks.models import Expectation, SectionKind
from grundlag.frameworks.selectors import expected_at_level


@pytest.mark.parametrize(
    ("text", "raters", "self_text"),
    [
        (
            "Jeg sikrer, at mine medarbejdere kender mig og min retning.",
            "Min leder sikrer, at sine medarbejdere kender sig og sin retning.",
            "Jeg sikrer, at mine medarbejdere kender mig og min retning.",
        ),
        (
            "Jeg er visionær, og jeg lytter til mit team.",
            "Min leder er visionær, og min leder lytter til sit team.",
            "Jeg er visionær, og jeg lytter til mit team.",
        ),
        (
            "At sætte en tydelig strategisk retning.",
            "Min leder lykkes med at sætte en tydelig strategisk retning.",
            "Jeg lykkes med at sætte en tydelig strategisk retning.",
        ),
        (
            "sætte en klar retning for kerneopgaven.",
            "Min leder formår at sætte en klar retning for kerneopgaven.",
            "Jeg formår at sætte en klar retning for kerneopgaven.",
        ),
        ("Sætter mål og retning.", "Min leder sætter mål og retning.", "Jeg sætter mål og retning."),
        (
            "Har overblik over driften.",
            "Min leder har overblik over driften.",
            "Jeg har overblik over driften.",
        ),
        (
            "Vi leder med tillid.",
            "Min leder bidrager til, at vi leder med tillid.",
            "Jeg bidrager til, at vi leder med tillid.",
        ),
        (
            "Tydelig retning og klare rammer.",
            "Min leder lever op til: «Tydelig retning og klare rammer.»",
            "Jeg lever op til: «Tydelig retning og klare rammer.»",
        ),
    ],
)
def test_it_phrases_each_shape_of_statement_for_raters_and_for_the_leader(text, raters, self_text):
    assert statement_for_raters(text, "") == raters
    assert statement_for_self(text, "") == self_text


@pytest.mark.parametrize("text", ["Visioner for fremtiden.", "Når jeg tager udgangspunkt i praksis."])
def test_it_does_not_take_a_noun_or_a_conjunction_for_a_verb(text):
    assert statement_for_raters(text, "") == f"Min leder lever op til: «{text}»"


def test_no_rater_statement_of_any_builtin_framework_speaks_as_the_leader_or_as_we(builtin_frameworks):
    texts = Expectation.objects.filter(kind__in=RATED_KINDS).values_list("text", "kind")
    assert texts.count() > 50
    for text, kind in texts:
        rater_text = statement_for_raters(text, kind)
        assert rater_text.split()[0] not in {"Jeg", "Vi"}, rater_text
        assert rater_text.startswith("Min leder"), rater_text


@pytest.fixture
def school_leader_level(builtin_frameworks):
    return builtin_frameworks["aarhus-boern-og-unge"].levels.get(key="dagtilbuds-skole-og-fu-leder")


def test_the_preview_has_the_common_part_and_the_levels_own_statements_by_section(school_leader_level):
    cycle = CycleFactory(status="draft")
    sections = questionnaire_preview(cycle=cycle, level=school_leader_level)
    expected = [
        s
        for s in expected_at_level(version=cycle.framework_version, level=school_leader_level)
        if s.section.kind != SectionKind.INTRODUCTION and any(e.kind in RATED_KINDS for e in s.expectations)
    ]
    assert [s.key for s in sections] == [s.section.key for s in expected]
    own = [e for s in expected for e in s.expectations if e.level_id == school_leader_level.pk]
    assert own, "the level has statements of its own"
    asked = {q.expectation_id for s in sections for q in s.questions}
    assert {e.pk for e in own} <= asked
    assert any(e.level_id is None for s in expected for e in s.expectations if e.pk in asked)


def test_the_preview_keeps_only_the_chosen_sections_then_local_and_open_questions(school_leader_level):
    cycle = CycleFactory(status="draft")
    first = questionnaire_preview(cycle=cycle, level=school_leader_level)[0]
    cycle.section_keys = [first.key]
    cycle.save()
    LocalQuestion.objects.create(
        cycle=cycle, text="Min leder holder mig orienteret.", self_text="Jeg orienterer."
    )
    LocalQuestion.objects.create(
        cycle=cycle, kind=QuestionKind.OPEN, text="Hvad skal din leder blive ved med?"
    )
    sections = questionnaire_preview(cycle=cycle, level=school_leader_level)
    assert [s.key for s in sections] == [first.key, "local", "open"]
    assert sections[1].questions[0].self_text == "Jeg orienterer."
    assert sections[2].questions[0].kind == QuestionKind.OPEN


def test_a_frozen_questionnaire_does_not_change_when_the_foundation_is_edited(school_leader_level):
    cycle = CycleFactory(status="draft")
    EvalueeFactory(cycle=cycle, level_key=school_leader_level.key)
    written = questionnaire_freeze(cycle=cycle)
    assert written == cycle.questions.count() > 0
    question = cycle.questions.filter(expectation__isnull=False).order_by("position").first()
    before = question.rater_text
    Expectation.objects.filter(pk=question.expectation_id).update(text="Jeg gør noget helt andet.")
    question.refresh_from_db()
    assert question.rater_text == before
    assert "noget helt andet" not in before
    positions = list(cycle.questions.values_list("position", flat=True))
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
