"""Writes of the insight: a leader's answer to "did it help?", sealed apart from their dialogue."""

import dataclasses
import datetime
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

from ..models import Dialogue, DialogueStatus, Goal, InsightYear, SealedImpactAnswer
from .selectors import impact_context, impact_insight, sections_insight

# Every sealed answer is padded to this size, so its length says nothing about the unit or level in it.
SEALED_SIZE = 256


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
    dialogue = (
        Dialogue.objects.select_for_update(of=("self",)).select_related("level", "unit").get(pk=dialogue.pk)
    )
    if dialogue.status != DialogueStatus.FOLLOWED_UP:
        raise ValidationError(_("The question is asked after the last follow-up."), code="not_followed_up")
    if dialogue.impact_answered:
        raise ValidationError(_("You have already answered."), code="answered")
    if value is not None and value not in SCALE_VALUES:
        raise ValidationError(_("Choose one of the answers on the scale, or don't know."), code="scale")
    answer_id = uuid.uuid4()
    year = timezone.localdate().year
    # The unit's place in the organisation now: the answer is counted where the leader was when they answered.
    path = dialogue.unit.path if dialogue.unit else ""
    data = {"value": value, "path": path, "level": dialogue.level.key}
    SealedImpactAnswer.objects.create(
        id=answer_id,
        year=year,
        sealed=seal(data=data, context=impact_context(answer_id=answer_id), size=SEALED_SIZE),
    )
    dialogue.impact_answered = True
    dialogue.save(update_fields=["impact_answered"])
    # No audit row: its time and name beside the year's figures would tell whose answer moved them.


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


@transaction.atomic
def insight_year_close(*, year: int) -> InsightYear:
    """Count a year that has ended, once: the sections leaders' goals of the year are about and the answers
    to "did it help?", by group of leaders as `publication` allows; frozen for the administrator's page, and
    the year's sealed answers deleted (their counts are all that is kept). A year counted is not counted
    again; the year in progress is refused."""
    if year >= timezone.localdate().year:
        raise ValidationError(_("A year is counted once it has ended."), code="not_ended")
    existing = InsightYear.objects.select_for_update().filter(year=year).first()
    if existing is not None:
        return existing
    closed = InsightYear.objects.create(
        year=year,
        sections=dataclasses.asdict(sections_insight(year=year)),
        impact=dataclasses.asdict(impact_insight(year=year)),
    )
    SealedImpactAnswer.objects.filter(year=year).delete()
    audit_record(user=None, action="development.insight_year_close", detail=f"year={year}")
    return closed


def insight_years_close(*, today: datetime.date | None = None) -> list[int]:
    """Count every ended year with goals or answers not counted yet (daily: `development_insight_close`)."""
    this_year = (today or timezone.localdate()).year
    years = set(SealedImpactAnswer.objects.filter(year__lt=this_year).values_list("year", flat=True))
    years |= {
        created.year
        for created in Goal.objects.filter(created_at__year__lt=this_year).dates("created_at", "year")
    }
    years -= set(InsightYear.objects.values_list("year", flat=True))
    return [insight_year_close(year=year).year for year in sorted(years)]
