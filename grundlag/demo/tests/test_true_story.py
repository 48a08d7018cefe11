"""The demo tells a true story: dates agree with today, comments answer their question, names agree."""

import datetime
import re

import pytest
from django.db import transaction
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.demo.evaluations import (
    DEMO_COMMENTS,
    LEADER_QUESTION,
    LEADER_QUESTION_SELF,
    SURVEY_QUESTION,
    demo_rounds,
)
from grundlag.demo.services import demo_create
from grundlag.evaluations.models import BlockComment, Comment, Cycle, RaterGroup
from grundlag.organisation.generator import (
    FEMALE_FIRST_NAMES,
    FEMALE_MIDDLE_NAMES,
    MALE_FIRST_NAMES,
    MALE_MIDDLE_NAMES,
    organisation_generate,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, built once for this module's tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_create(report=lambda line: None)
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_it_ends_every_closed_cycle_before_today_and_keeps_the_open_one_open_after_today(demo):
    today = timezone.localdate()
    cycles = list(Cycle.objects.all())
    closed = [cycle for cycle in cycles if cycle.status == Cycle.Status.CLOSED]
    launched = [cycle for cycle in cycles if cycle.status == Cycle.Status.LAUNCHED]
    assert len(closed) == 4 and len(launched) == 1
    for cycle in closed:
        assert cycle.deadline < today, f"{cycle} closed with its deadline {cycle.deadline} still ahead"
        launched_on = timezone.localtime(cycle.launched_at).date()
        assert cycle.created_at <= cycle.launched_at and launched_on < cycle.deadline
        # The year in a cycle's name is the year it ran.
        year = re.search(r"\d{4}", cycle.name)
        assert year and int(year.group()) == cycle.deadline.year, cycle.name
    for cycle in launched:
        assert cycle.deadline >= today, f"{cycle} is open with its deadline {cycle.deadline} passed"
        assert timezone.localtime(cycle.launched_at).date() <= today
    # The rounds of the trend ran a year apart, the latest before the follow-up that is open now.
    rounds = sorted(cycle.deadline for cycle in closed if cycle.instrument == launched[0].instrument)
    assert len(rounds) == 2 and rounds[0].year < rounds[1].year
    assert str(rounds[1].year) in launched[0].name


@pytest.mark.django_db
def test_the_audit_log_tells_each_closed_cycle_in_the_order_it_ran(demo):
    for cycle in Cycle.objects.filter(status=Cycle.Status.CLOSED):
        events = AuditEvent.objects.filter(object_type="evaluations.cycle", object_id=str(cycle.pk))
        at = {action: timezone.localtime(when) for action, when in events.values_list("action", "at")}
        assert at["evaluations.cycle_create"] < at["evaluations.cycle_launch"], cycle
        assert at["evaluations.cycle_launch"].date() == timezone.localtime(cycle.launched_at).date()
        assert at["evaluations.cycle_close"].date() == cycle.deadline + datetime.timedelta(days=1), cycle
        assert at["evaluations.cycle_close"].date() < timezone.localdate()


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2026, 12, 3),
        datetime.date(2027, 1, 1),
        datetime.date(2027, 2, 25),  # eight weeks back is New Year's Eve
        datetime.date(2028, 4, 25),  # eight weeks back is 29 February
        datetime.date(2029, 7, 31),
    ],
)
def test_it_counts_the_closed_rounds_back_from_any_day(today):
    before, latest = demo_rounds(today)
    assert before < latest < today
    assert before.year == latest.year - 1


@pytest.mark.django_db
def test_it_answers_each_open_question_only_with_comments_written_for_it(demo):
    comments = list(Comment.objects.select_related("question"))
    survey_comments = list(BlockComment.objects.select_related("question"))
    assert comments and survey_comments
    for comment in comments:
        question = comment.question
        asked = question.self_text if comment.group == RaterGroup.SELF else question.rater_text
        assert comment.text in DEMO_COMMENTS.get(asked, []), f"{comment.text!r} does not answer {asked!r}"
    for comment in survey_comments:
        asked = comment.question.rater_text
        assert comment.text in DEMO_COMMENTS.get(asked, []), f"{comment.text!r} does not answer {asked!r}"
    # The leader is asked in the first person and answers in it.
    assert Comment.objects.filter(question__self_text=LEADER_QUESTION_SELF).exists()


def test_each_question_has_answers_of_its_own_and_none_says_he_or_she():
    """The demo knows nobody's gender from the answers: they name no one as "han" or "hun"."""
    assert set(DEMO_COMMENTS) == {LEADER_QUESTION, LEADER_QUESTION_SELF, SURVEY_QUESTION}
    texts = [text for answers in DEMO_COMMENTS.values() for text in answers]
    assert len(texts) == len(set(texts)), "an answer is written for more than one question"
    for text in texts:
        assert not set(re.findall(r"\w+", text.lower())) & {"han", "hun", "hans", "hendes", "ham"}, text
    # The leader's own answers are in the first person, the raters' are not.
    assert any("jeg" in text.lower().split() for text in DEMO_COMMENTS[LEADER_QUESTION_SELF])
    assert not any("jeg" in text.lower().split() for text in DEMO_COMMENTS[LEADER_QUESTION])


def test_the_name_lists_know_which_given_names_are_women_s_and_which_men_s():
    women, men = set(FEMALE_FIRST_NAMES + FEMALE_MIDDLE_NAMES), set(MALE_FIRST_NAMES + MALE_MIDDLE_NAMES)
    neutral = women & men  # family names used as middle names
    assert {"Marie", "Louise", "Sofie", "Katrine", "Elisabeth", "Anne", "Mette"} <= women - neutral
    assert {"Peter", "Lars", "Christian", "Frederik", "Kim", "Hans"} <= men - neutral
    assert not set(FEMALE_FIRST_NAMES) & set(MALE_FIRST_NAMES)


@pytest.mark.parametrize(("scale", "seed"), [("school", 1), ("municipality", 1), ("municipality", 2)])
def test_it_gives_every_generated_person_given_names_of_one_gender(scale, seed):
    women = set(FEMALE_FIRST_NAMES + FEMALE_MIDDLE_NAMES)
    men = set(MALE_FIRST_NAMES + MALE_MIDDLE_NAMES)
    names = {row["name"] for row in organisation_generate(scale=scale, seed=seed) if row["person_id"]}
    middle_names = 0
    for name in names:
        first, *middle, _last = name.split()
        given = [first, *middle]
        middle_names += bool(middle)
        assert first in women ^ men, f"{name}: the first name has no gender"
        of_first = women if first in women else men
        assert all(part in of_first for part in given), f"{name}: given names of both genders"
        assert len(given) == len(set(given)), f"{name}: a given name twice"
    assert middle_names > 0
