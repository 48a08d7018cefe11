"""The pipeline's writes: who may do each step, in which order, and what a refusal says."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.audit.models import AuditEvent

from ..models import Decision, DeclinedCount, Interest, Outcome, ReflectionAnswer, Stage, Talent
from ..selectors import first_level, readiness
from ..services import (
    assessment_give,
    conversation_record,
    reflection_save,
    talent_consent,
    talent_decide,
    talent_decline,
    talent_enrol,
    talent_nominate,
    talent_person_erase,
    talent_sign_up,
)
from .factories import answers, clarifying, going_on, in_programme, programme_with_assignments, with_user

pytestmark = pytest.mark.django_db


def test_it_finds_the_first_leadership_level_of_the_organisations_foundation(small_organisation):
    assert first_level().key == "leder-af-medarbejder"


def test_it_lets_a_leader_nominate_someone_below_them_and_waits_for_consent(small_organisation):
    people = small_organisation["people"]
    talent = talent_nominate(nominee=people["tom"], reason="Tager ansvar", by=people["lis"].user)
    assert talent.stage == Stage.NOMINATED
    assert talent.leader == people["lis"] and talent.unit == small_organisation["units"]["ahorn"]


def test_it_refuses_a_nomination_of_someone_outside_the_leaders_unit(small_organisation):
    people = small_organisation["people"]
    with pytest.raises(ValidationError, match="indstille en, der arbejder under dig"):
        talent_nominate(nominee=people["ulla"], reason="x", by=people["lis"].user)
    assert not Talent.objects.exists()


def test_a_second_nomination_is_refused_in_words_that_tell_nothing_of_the_first(small_organisation):
    people = small_organisation["people"]
    talent_nominate(nominee=people["tom"], reason="x", by=people["lis"].user)
    with pytest.raises(ValidationError) as refused:
        talent_nominate(nominee=people["tom"], reason="y", by=people["dorte"].user)
    assert refused.value.messages == ["Tom Lærer kan ikke indstilles lige nu."]


def test_a_nomination_enters_the_audit_log_only_once_it_is_consented_to(small_organisation):
    people = small_organisation["people"]
    declined = talent_nominate(nominee=people["tina"], reason="x", by=people["lis"].user)
    with_user(people["tina"], "tina")
    talent_decline(talent=declined, by=people["tina"].user)
    assert not AuditEvent.objects.filter(action__startswith="talent.").exists()
    talent = talent_nominate(nominee=people["tom"], reason="x", by=people["lis"].user)
    assert not AuditEvent.objects.filter(action__startswith="talent.").exists()
    talent_consent(talent=talent, by=people["tom"].user)
    logged = list(
        AuditEvent.objects.filter(action__startswith="talent.").order_by("pk").values_list("action", "user")
    )
    assert logged == [("talent.nominate", people["lis"].user.pk), ("talent.consent", people["tom"].user.pk)]


def test_it_refuses_a_nomination_without_a_reason(small_organisation):
    people = small_organisation["people"]
    with pytest.raises(ValidationError) as refused:
        talent_nominate(nominee=people["tom"], reason=" ", by=people["lis"].user)
    assert "reason" in refused.value.message_dict


def test_it_leaves_only_a_count_when_the_nominee_declines(small_organisation):
    people = small_organisation["people"]
    talent = talent_nominate(nominee=people["tom"], reason="Hemmelig begrundelse", by=people["lis"].user)
    talent_decline(talent=talent, by=people["tom"].user)
    assert not Talent.objects.exists()
    count = DeclinedCount.objects.get()
    assert (count.year, count.unit, count.declined) == (timezone.localdate().year, talent.unit, 1)
    tom_user = people["tom"].user
    assert not AuditEvent.objects.filter(user=tom_user).exists()
    assert not AuditEvent.objects.filter(action__startswith="talent.decl").exists()
    assert "Hemmelig" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_it_counts_each_declined_nomination_of_the_year_in_one_row(small_organisation):
    people = small_organisation["people"]
    for nominee in ("tom", "tom"):
        talent = talent_nominate(nominee=people[nominee], reason="x", by=people["lis"].user)
        talent_decline(talent=talent, by=people[nominee].user)
    assert DeclinedCount.objects.get().declined == 2


def test_it_lets_only_the_nominee_answer_a_nomination(small_organisation):
    people = small_organisation["people"]
    talent = talent_nominate(nominee=people["tom"], reason="x", by=people["lis"].user)
    for user in (people["lis"].user, people["ulla"].user):
        with pytest.raises(ValidationError, match="Kun den indstillede"):
            talent_consent(talent=talent, by=user)
    talent_consent(talent=talent, by=people["tom"].user)
    with pytest.raises(ValidationError, match="allerede besvaret"):
        talent_decline(talent=talent, by=people["tom"].user)


def test_it_lets_a_person_sign_up_themself_straight_to_clarifying(small_organisation):
    ulla = small_organisation["people"]["ulla"]
    talent = talent_sign_up(person=ulla, motivation="Nysgerrig", by=ulla.user)
    assert talent.stage == Stage.CLARIFYING and talent.nominated_by is None
    assert talent.leader == small_organisation["people"]["bo"]
    with pytest.raises(ValidationError, match="allerede indstillet eller i talentudviklingen"):
        talent_sign_up(person=ulla, motivation="", by=ulla.user)


def test_it_asks_for_every_expectation_in_the_self_reflection(small_organisation):
    talent = clarifying(small_organisation)
    tom = small_organisation["people"]["tom"].user
    partial = dict(list(answers(talent).items())[:3])
    with pytest.raises(ValidationError, match="Svar på hver forventning"):
        reflection_save(talent=talent, answers=partial, text="", by=tom)
    reflection_save(talent=talent, answers=answers(talent, Interest.UNSURE), text="Tja", by=tom)
    assert ReflectionAnswer.objects.filter(talent=talent).count() == len(answers(talent)) == 15


def test_it_refuses_a_decision_before_the_conversation_is_held(small_organisation):
    talent = clarifying(small_organisation)
    tom = small_organisation["people"]["tom"].user
    reflection_save(talent=talent, answers=answers(talent), text="", by=tom)
    with pytest.raises(ValidationError, match="den er ikke holdt endnu"):
        talent_decide(talent=talent, decision=Decision.GO_ON, note="", by=tom)


def test_it_lets_only_the_nearest_leader_record_a_conversation_that_has_been_held(small_organisation):
    talent = clarifying(small_organisation)
    people = small_organisation["people"]
    with pytest.raises(ValidationError, match="Kun talentets nærmeste leder"):
        conversation_record(talent=talent, held_on=timezone.localdate(), notes="", by=people["tom"].user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="datoen ligger ude i fremtiden"):
        conversation_record(talent=talent, held_on=tomorrow, notes="", by=people["lis"].user)


def test_it_stops_a_talent_who_decides_to_stop_and_lets_them_be_nominated_again(small_organisation):
    talent = clarifying(small_organisation)
    people = small_organisation["people"]
    reflection_save(talent=talent, answers=answers(talent), text="", by=people["tom"].user)
    conversation_record(talent=talent, held_on=timezone.localdate(), notes="", by=people["lis"].user)
    talent = talent_decide(talent=talent, decision=Decision.STOP, note="Ikke nu", by=people["tom"].user)
    assert talent.stage == Stage.STOPPED
    assert (
        talent_nominate(nominee=people["tom"], reason="Igen", by=people["lis"].user).stage == Stage.NOMINATED
    )


def test_it_refuses_a_mentor_from_the_talents_own_unit(small_organisation, administrator):
    talent = going_on(small_organisation)
    _programme, cohort, _assignments = programme_with_assignments(administrator)
    with pytest.raises(ValidationError, match="en anden enhed end talentets"):
        talent_enrol(
            talent=talent, cohort=cohort, mentor=small_organisation["people"]["lis"], by=administrator
        )
    talent = talent_enrol(
        talent=talent, cohort=cohort, mentor=small_organisation["people"]["bo"], by=administrator
    )
    assert talent.stage == Stage.IN_PROGRAMME


def test_it_refuses_to_place_a_talent_who_has_not_decided(small_organisation, administrator):
    talent = clarifying(small_organisation)
    _programme, cohort, _assignments = programme_with_assignments(administrator)
    with pytest.raises(ValidationError, match="har ikke besluttet at gå videre"):
        talent_enrol(
            talent=talent, cohort=cohort, mentor=small_organisation["people"]["bo"], by=administrator
        )


def test_it_refuses_an_assignment_assessed_twice_by_the_same_person(small_organisation, administrator):
    talent, (first, _second) = in_programme(small_organisation, administrator)
    tom = small_organisation["people"]["tom"].user
    assessment_give(talent=talent, assignment=first, outcome=Outcome.MET, by=tom)
    with pytest.raises(ValidationError, match="allerede vurderet »Opgave 1«"):
        assessment_give(talent=talent, assignment=first, outcome=Outcome.PARTLY, by=tom)


def test_it_refuses_an_assessment_by_anyone_outside_the_trio(small_organisation, administrator):
    talent, (first, _second) = in_programme(small_organisation, administrator)
    for user in (small_organisation["people"]["dorte"].user, administrator):
        with pytest.raises(
            ValidationError, match="vurderes af talentet, talentets nærmeste leder og talentets mentor"
        ):
            assessment_give(talent=talent, assignment=first, outcome=Outcome.MET, by=user)


def test_it_counts_a_talent_ready_when_all_three_assess_every_assignment_as_met(
    small_organisation, administrator
):
    talent, assignments = in_programme(small_organisation, administrator)
    people = small_organisation["people"]
    trio = [people["tom"].user, people["lis"].user, people["bo"].user]
    for user in trio:
        assessment_give(talent=talent, assignment=assignments[0], outcome=Outcome.MET, by=user)
    assert (readiness(talent=talent).met, readiness(talent=talent).total) == (1, 2)
    for user, outcome in zip(trio, [Outcome.MET, Outcome.MET, Outcome.PARTLY], strict=True):
        assessment_give(talent=talent, assignment=assignments[1], outcome=outcome, by=user)
    shown = readiness(talent=talent)
    assert (shown.met, shown.percent, shown.ready) == (1, 50, False)


def test_it_erases_a_persons_own_records_and_blanks_the_notes_they_gave(small_organisation, administrator):
    talent, (first, _second) = in_programme(small_organisation, administrator)
    bo = small_organisation["people"]["bo"]
    assessment = assessment_give(
        talent=talent, assignment=first, outcome=Outcome.MET, note="Flot", by=bo.user
    )
    talent_person_erase(person=bo)
    assessment.refresh_from_db()
    assert assessment.note == ""
    talent_person_erase(person=small_organisation["people"]["tom"])
    assert not Talent.objects.exists()


def test_it_lets_a_leader_higher_up_nominate_and_the_nearest_leader_hold_the_conversation(small_organisation):
    people = small_organisation["people"]
    with_user(people["carl"], "carl")
    talent = talent_nominate(nominee=people["tom"], reason="x", by=people["carl"].user)
    assert (talent.nominated_by, talent.leader) == (people["carl"], people["lis"])
