"""Answers in progress are sealed: the database holds one opaque row per invitation, under a key it does
not hold, bound to that invitation, and of a size that does not tell how much was written."""

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from grundlag.evaluations.models import QuestionKind, RaterGroup, SealedDraft
from grundlag.evaluations.responding import answering
from grundlag.evaluations.responding import services as responding
from grundlag.evaluations.sealing import SealError, seal, unseal
from grundlag.evaluations.tests.factories import EvalueeFactory, InvitationFactory, QuestionFactory

KEY_1 = "k1:" + base64.urlsafe_b64encode(bytes(range(32))).decode()
KEY_2 = "k2:" + base64.urlsafe_b64encode(bytes(range(32, 64))).decode()


def test_sealed_data_opens_only_for_its_own_row():
    sealed = seal(data={"7": [4, False, ""]}, context="evaluations.draft:1")
    assert unseal(sealed=sealed, context="evaluations.draft:1") == {"7": [4, False, ""]}
    with pytest.raises(SealError):
        unseal(sealed=sealed, context="evaluations.draft:2")


def test_changed_sealed_bytes_do_not_open():
    sealed = bytearray(seal(data=[1, 2, 3], context="c"))
    sealed[-1] ^= 1
    with pytest.raises(SealError):
        unseal(sealed=bytes(sealed), context="c")


def test_the_same_data_seals_differently_each_time():
    assert seal(data="Tydelig retning", context="c") != seal(data="Tydelig retning", context="c")


def test_the_sealed_size_does_not_tell_how_much_was_written():
    sizes = {len(seal(data="x" * n, context="c")) for n in (0, 1, 40, 200)}
    assert len(sizes) == 1
    assert len(seal(data="x" * 3000, context="c")) > sizes.pop()  # a bucket further, not the length


def test_keys_rotate_the_first_seals_and_every_listed_key_opens():
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_1]):
        old = seal(data=1, context="c")
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2, KEY_1]):
        assert unseal(sealed=old, context="c") == 1
        assert seal(data=2, context="c").startswith(b"k2:")
    with override_settings(EVALUATIONS_SEAL_KEYS=[KEY_2]), pytest.raises(SealError):
        unseal(sealed=old, context="c")  # its key was dropped: it cannot be opened


def test_without_configured_keys_one_is_derived_from_the_secret_key():
    with override_settings(EVALUATIONS_SEAL_KEYS=[], SECRET_KEY="a" * 50):
        sealed = seal(data=1, context="c")
        assert sealed.startswith(b"s:") and unseal(sealed=sealed, context="c") == 1
    with override_settings(EVALUATIONS_SEAL_KEYS=[], SECRET_KEY="b" * 50), pytest.raises(SealError):
        unseal(sealed=sealed, context="c")


@pytest.mark.parametrize("key", ["k1", "k1:short", ":" + KEY_1.split(":")[1], "k-1:" + KEY_1.split(":")[1]])
def test_a_malformed_key_setting_is_refused_with_what_it_should_be(key):
    with override_settings(EVALUATIONS_SEAL_KEYS=[key]), pytest.raises(ImproperlyConfigured) as refused:
        seal(data=1, context="c")
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
        b"Lytter" not in stored
        and b"retning" not in stored
        and str(statement.pk).encode() + b'"' not in stored
    )
    drafts = answering.drafts_for(invitation)
    assert (drafts[statement.pk].value, drafts[open_question.pk].text) == (4, "Lytter og giver retning")
    other = InvitationFactory(evaluee=evaluee, group=RaterGroup.EMPLOYEE)
    SealedDraft.objects.create(invitation=other, sealed=stored)  # copied to another invitation's row
    with pytest.raises(SealError):
        answering.drafts_for(other)
