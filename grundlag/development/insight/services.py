"""Writes of the insight: a leader's answer to "did it help?", sealed apart from their dialogue."""

import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.evaluations.models import SCALE_VALUES
from grundlag.evaluations.sealing import reseal, seal
from grundlag.organisation.selectors import person_for_user

from ..models import Dialogue, DialogueStatus, SealedImpactAnswer

# Every sealed answer is padded to this size, so its length says nothing about the unit or level in it.
SEALED_SIZE = 256


def impact_context(*, answer_id: uuid.UUID) -> str:
    return f"development.impact:{answer_id}"


@transaction.atomic
def impact_answer(*, dialogue: Dialogue, value: int | None, by: User | AnonymousUser) -> None:
    """The leader answers "did the dialogue and the plan develop you as a leader?" once, after the last
    follow-up: a value on the evaluations' scale, or None for "don't know". The answer is sealed with the
    unit and level it is counted under and the year, and nothing links it to the dialogue or the leader; the
    dialogue only records that it was answered (as an invitation records that it was completed)."""
    person = person_for_user(user=by)
    if person is None or person.pk != dialogue.leader_id:
        raise ValidationError(
            _("Only the leader answers whether the dialogue developed them."), code="not_leader"
        )
    dialogue = Dialogue.objects.select_for_update().select_related("level").get(pk=dialogue.pk)
    if dialogue.status != DialogueStatus.FOLLOWED_UP:
        raise ValidationError(_("The question is asked after the last follow-up."), code="not_followed_up")
    if dialogue.impact_answered:
        raise ValidationError(_("You have already answered."), code="answered")
    if value is not None and value not in SCALE_VALUES:
        raise ValidationError(_("Choose one of the answers on the scale, or don't know."), code="scale")
    answer_id = uuid.uuid4()
    year = timezone.localdate().year
    data = {"value": value, "unit": dialogue.unit_id, "level": dialogue.level.key, "year": year}
    SealedImpactAnswer.objects.create(
        id=answer_id,
        year=year,
        sealed=seal(data=data, context=impact_context(answer_id=answer_id), size=SEALED_SIZE),
    )
    dialogue.impact_answered = True
    dialogue.save(update_fields=["impact_answered"])
    audit_record(user=by, action="development.impact_answer", obj=dialogue)


@transaction.atomic
def impact_answers_reseal() -> int:
    """Seal every answer to "did it help?" again under the first key of EVALUATIONS_SEAL_KEYS (a key's
    rotation); returns how many rows changed. Raises `sealing.SealError`, changing nothing, when a row is
    under a key no longer listed."""
    changed = 0
    for pk, sealed in SealedImpactAnswer.objects.select_for_update().values_list("pk", "sealed").iterator():
        again = reseal(sealed=sealed, context=impact_context(answer_id=pk))
        if again is not None:
            SealedImpactAnswer.objects.filter(pk=pk).update(sealed=again)
            changed += 1
    return changed
