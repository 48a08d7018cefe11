"""Answers are sealed: the database holds one opaque row per invitation in progress and one per sent
response, under a key it does not hold, bound to their row or cycle, and all of one size per
questionnaire, so the size does not tell what or how much was written."""

import base64
import io

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.test import override_settings

from grundlag.evaluations.models import Question, QuestionKind, RaterGroup, SealedDraft
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.responding.sealed import OPEN_ANSWER_MAX_LENGTH, responses_open, sealed_size
from grundlag.evaluations.sealing import SealError, reseal, seal, unseal
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

KEY_1 = "k1:" + base64.urlsafe_b64encode(bytes(range(32))).decode()
SIZE = 1024
KEY_2 = "k2:" + base64.urlsafe_b64encode(bytes(range(32, 64))).decode()


def test_sealed_data_opens_only_for_its_own_row():
    sealed = seal(data={"7": [4, False, ""]}, context="evaluations.draft:1", size=SIZE)
    assert unseal(sealed=sealed, context="evaluations.draft:1") == {"7": [4, False, ""]}
    with pytest.raises(SealError):
        unseal(sealed=sealed, context="evaluations.draft:2")


def test_changed_sealed_bytes_do_not_open():
    sealed = bytearray(seal(data=[1, 2, 3], context="c", size=SIZE))
    sealed[-1] ^= 1
    with pytest.raises(SealError):
        unseal(sealed=bytes(sealed), context="c")


def test_the_same_data_seals_differently_each_time():
    assert seal(data="Tydelig retning", context="c", size=SIZE) != seal(
        data="Tydelig retning", context="c", size=SIZE
    )


def test_the_sealed_size_does_not_tell_how_much_was_written():
    sizes = {len(seal(data="x" * n, context="c", size=SIZE)) for n in (0, 1, 40, 200)}
    assert len(sizes) == 1
    with pytest.raises(ValueError):
        seal(data="x" * SIZE, context="c", size=SIZE)  # never a larger size, which would tell


def test_the_longest_answers_a_questionnaire_allows_fit_its_sealed_size():
    kinds = [QuestionKind.SCALE] * 3 + [QuestionKind.OPEN] * 2
    emoji = "😀" * (OPEN_ANSWER_MAX_LENGTH // 2)  # 4 UTF-8 bytes per 2 UTF-16 units
    worst = {"1": [None, True, ""], "2": [5, False, ""], "3": [None, True, ""]}
    # The widest characters there are in JSON: three UTF-8 bytes, or two for an escaped quote or newline.
    for text in (emoji, "€" * OPEN_ANSWER_MAX_LENGTH, '"' * OPEN_ANSWER_MAX_LENGTH, "a\n" * 2000):
        assert answering.draft_fields(Question(kind=QuestionKind.OPEN), text)["text"]
        data = {**worst, "999999999998": [None, False, text], "999999999999": [None, False, text]}
        assert len(seal(data=data, context="c", size=sealed_size(kinds))) == len(
            seal(data={}, context="c", size=sealed_size(kinds))
        )


def test_an_open_answer_is_cleaned_of_control_characters_and_counted_as_a_browser_does():
    question = Question(kind=QuestionKind.OPEN)
    cleaned = answering.draft_fields(question, "God\r\nleder\x00\x1b\u200b")
    assert cleaned["text"] == "God\nleder\u200b"
    with pytest.raises(ValidationError):
        answering.draft_fields(question, "😀" * (OPEN_ANSWER_MAX_LENGTH // 2 + 1))  # two units each


def test_keys_rotate_the_first_seals_and_every_listed_key_opens():
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_1]):
        old = seal(data=1, context="c", size=SIZE)
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2, KEY_1]):
        assert unseal(sealed=old, context="c") == 1
        assert seal(data=2, context="c", size=SIZE).startswith(b"k2:")
        assert unseal(sealed=reseal(sealed=old, context="c"), context="c") == 1
        assert reseal(sealed=seal(data=3, context="c", size=SIZE), context="c") is None
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2]), pytest.raises(SealError):
        unseal(sealed=old, context="c")  # its key was dropped: it cannot be opened


def test_without_configured_keys_one_is_derived_from_the_secret_key():
    with override_settings(EVALUATIONS_SEAL_KEYS=[], SECRET_KEY="a" * 50):
        sealed = seal(data=1, context="c", size=SIZE)
        assert sealed.startswith(b"s:") and unseal(sealed=sealed, context="c") == 1
    with override_settings(EVALUATIONS_SEAL_KEYS=[], SECRET_KEY="b" * 50), pytest.raises(SealError):
        unseal(sealed=sealed, context="c")


@pytest.mark.parametrize("key", ["k1", "k1:short", ":" + KEY_1.split(":")[1], "k-1:" + KEY_1.split(":")[1]])
def test_a_malformed_key_setting_is_refused_with_what_it_should_be(key):
    with override_settings(EVALUATIONS_SEAL_KEYS=[key]), pytest.raises(ImproperlyConfigured) as refused:
        seal(data=1, context="c", size=SIZE)
    assert "EVALUATIONS_SEAL_KEYS" in str(refused.value)


@pytest.mark.django_db
def test_the_database_holds_nothing_of_the_answers_in_progress_but_one_opaque_row(builtin_frameworks):
    evaluee = EvalueeFactory()
    statement = QuestionFactory(cycle=evaluee.cycle, level_key="")
    open_question = QuestionFactory(cycle=evaluee.cycle, level_key="", kind=QuestionKind.OPEN)
    invitation = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    responding.draft_answer_save(invitation=invitation, question_id=statement.pk, value=4)
    responding.draft_answer_save(
        invitation=invitation, question_id=open_question.pk, text="Lytter og giver retning"
    )
    (row,) = SealedDraft.objects.all()
    stored = bytes(row.sealed)
    assert (
        b"Lytter" not in stored and b"retning" not in stored and f'"{statement.pk}":['.encode() not in stored
    )
    drafts = answering.drafts_for(invitation)
    assert (drafts[statement.pk].value, drafts[open_question.pk].text) == (4, "Lytter og giver retning")
    other = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    SealedDraft.objects.create(invitation=other, sealed=stored)  # copied to another invitation's row
    with pytest.raises(SealError):
        answering.drafts_for(other)


@pytest.mark.django_db
def test_a_rotated_key_can_be_dropped_once_every_sealed_row_is_sealed_again(builtin_frameworks):
    evaluee = EvalueeFactory()
    statement = QuestionFactory(cycle=evaluee.cycle, level_key="")
    sent, saving = (InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE) for _ in range(2))
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_1]):
        responding.draft_answer_save(invitation=sent, question_id=statement.pk, value=4)
        responding.response_submit(invitation=sent)
        responding.draft_answer_save(invitation=saving, question_id=statement.pk, value=2)
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2, KEY_1]):
        call_command("evaluations_reseal", stdout=io.StringIO())
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2]):
        assert answering.drafts_for(saving)[statement.pk].value == 2
        (opened,) = responses_open(cycle=evaluee.cycle)
        assert list(opened.answers()) == [(statement.pk, 4)]
