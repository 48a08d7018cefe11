"""Writes of the talent pipeline: spot (a leader's nomination and the nominee's consent or decline, or a
person's own sign-up), motivate (the self-reflection, the conversation with the nearest leader, the talent's
decision), qualify (the administrator's programmes, cohorts, activities and practice assignments, a talent
placed in a cohort with a mentor, the trio's assessments), and a person's erasure.

The audit rows name the talent's record by id, never a reason, a reflection or a note. A declined nomination
is deleted with its reason and leaves only a count per year and unit: no audit row, nothing naming the
nominee or saying when."""

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_record
from grundlag.frameworks.models import Expectation, Level
from grundlag.networks.models import Event
from grundlag.organisation.models import Person
from grundlag.organisation.selectors import is_above_in_chain, person_for_user

from .models import (
    Activity,
    Assessment,
    AssessorRole,
    Assignment,
    Cohort,
    Decision,
    DeclinedCount,
    Interest,
    Programme,
    ReflectionAnswer,
    Stage,
    Talent,
)
from .selectors import (
    first_level,
    level_expectation,
    level_expectations,
    main_unit,
    mentor_candidates,
    nearest_leader,
    open_talent,
)

_By = User | AnonymousUser | None


def _acting(by: _By) -> Person | None:
    return person_for_user(user=by) if by is not None else None


def _first_level() -> Level:
    level = first_level()
    if level is None:
        raise ValidationError(
            _("The organisation's leadership foundation has no published levels yet."), code="no_level"
        )
    return level


def _not_open_already(*, person: Person) -> None:
    # Neutral words: a nomination another leader made, not yet consented to, is the nominee's and that
    # leader's alone.
    if open_talent(person=person) is not None:
        raise ValidationError(
            _("%(name)s cannot be nominated now.") % {"name": person.name},
            code="already",
        )


def _locked(talent: Talent) -> Talent:
    """The talent's row again, locked, so that two writes at once see each other's stage."""
    return Talent.objects.select_for_update(of=("self",)).select_related("person", "cohort").get(pk=talent.pk)


# --- Spot ----------------------------------------------------------------------------------------------


@transaction.atomic
def talent_nominate(*, nominee: Person, reason: str, by: _By) -> Talent:
    """A leader nominates someone below them in the chain as a possible leader, with a reason; the
    nomination waits for the nominee's consent."""
    leader = _acting(by)
    if leader is None or nominee.pk == leader.pk or not is_above_in_chain(manager=leader, person=nominee):
        raise ValidationError(
            _("You can only nominate someone who works below you in the leadership chain."), code="not_below"
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you see a possible leader in them.")}, code="no_reason")
    _not_open_already(person=nominee)
    unit = main_unit(person=nominee)
    if unit is None:
        raise ValidationError(_("%(name)s has no post today.") % {"name": nominee.name}, code="no_post")
    talent = Talent(
        person=nominee,
        stage=Stage.NOMINATED,
        nominated_by=leader,
        reason=reason.strip(),
        leader=nearest_leader(person=nominee) or leader,
        unit=unit,
        level=_first_level(),
    )
    talent.full_clean()
    talent.save()
    # No audit row until the nominee consents (`talent_consent` records the nomination then): a declined
    # nomination must leave no trace but a count.
    return talent


@transaction.atomic
def talent_sign_up(*, person: Person, motivation: str, by: _By) -> Talent:
    """A person signs up themself: no consent to wait for, straight to clarifying their interest."""
    acting = _acting(by)
    if acting is None or acting.pk != person.pk:
        raise ValidationError(_("You can only sign yourself up."), code="not_self")
    if open_talent(person=person) is not None:  # their own nomination or way: theirs to know
        raise ValidationError(
            _("%(name)s is already nominated or in the talent pipeline.") % {"name": person.name},
            code="already",
        )
    leader, unit = nearest_leader(person=person), main_unit(person=person)
    if leader is None or unit is None:
        raise ValidationError(
            _("You have no nearest leader in the organisation to hold the conversation with."),
            code="no_leader",
        )
    talent = Talent(
        person=person,
        stage=Stage.CLARIFYING,
        reason=motivation.strip(),
        leader=leader,
        unit=unit,
        level=_first_level(),
        consented_at=timezone.now(),
    )
    talent.full_clean()
    talent.save()
    audit_record(user=by, action="talent.sign_up", obj=talent)
    return talent


def _nominee(*, talent: Talent, by: _By) -> Talent:
    talent = _locked(talent)
    person = _acting(by)
    if person is None or person.pk != talent.person_id:
        raise ValidationError(_("Only the nominee answers a nomination."), code="not_nominee")
    if talent.stage != Stage.NOMINATED:
        raise ValidationError(_("The nomination has been answered already."), code="answered")
    return talent


@transaction.atomic
def talent_consent(*, talent: Talent, by: _By) -> Talent:
    """The nominee consents: the nomination becomes active and their interest clarification begins."""
    talent = _nominee(talent=talent, by=by)
    talent.stage = Stage.CLARIFYING
    talent.consented_at = timezone.now()
    talent.full_clean()
    talent.save(update_fields=["stage", "consented_at"])
    if talent.nominated_by is not None:  # the nomination enters the log only now that it stands
        audit_record(user=talent.nominated_by.user, action="talent.nominate", obj=talent)
    audit_record(user=by, action="talent.consent", obj=talent)
    return talent


@transaction.atomic
def talent_decline(*, talent: Talent, by: _By) -> None:
    """The nominee declines: the nomination and its reason are deleted, and the year's count of declined
    nominations in the unit goes up by one. No audit row: it would name the nominee."""
    talent = _nominee(talent=talent, by=by)
    year, unit_id = timezone.localdate().year, talent.unit_id
    talent.delete()
    count, _created = DeclinedCount.objects.select_for_update().get_or_create(year=year, unit_id=unit_id)
    DeclinedCount.objects.filter(pk=count.pk).update(declined=F("declined") + 1)


# --- Motivate ------------------------------------------------------------------------------------------


def _clarifying(*, talent: Talent) -> None:
    if talent.stage != Stage.CLARIFYING:
        raise ValidationError(
            _("The interest clarification is over: the talent has decided."), code="decided"
        )


@transaction.atomic
def reflection_save(*, talent: Talent, answers: dict[int, str], text: str, by: _By) -> Talent:
    """The talent's self-reflection against the first leadership level's expectations: their interest in
    each, and their own words; saved again until they decide."""
    talent = _locked(talent)
    person = _acting(by)
    if person is None or person.pk != talent.person_id:
        raise ValidationError(_("Only the talent writes their self-reflection."), code="not_talent")
    _clarifying(talent=talent)
    expected = [e for content in level_expectations(level=talent.level) for e in content.expectations]
    missing = [e for e in expected if answers.get(e.pk) not in Interest.values]
    if missing:
        raise ValidationError(
            _("Answer every expectation: %(count)s are still open.") % {"count": len(missing)}, code="missing"
        )
    for expectation in expected:
        ReflectionAnswer.objects.update_or_create(
            talent=talent, expectation=expectation, defaults={"interest": answers[expectation.pk]}
        )
    talent.reflection = text.strip()
    talent.reflected_at = timezone.now()
    talent.full_clean()
    talent.save(update_fields=["reflection", "reflected_at"])
    audit_record(user=by, action="talent.reflection_save", obj=talent)
    return talent


@transaction.atomic
def conversation_record(*, talent: Talent, held_on: datetime.date, notes: str, by: _By) -> Talent:
    """The nearest leader records the conversation with the talent: the day it was held and the notes both
    read."""
    talent = _locked(talent)
    person = _acting(by)
    if person is None or person.pk != talent.leader_id:
        raise ValidationError(
            _("Only the talent's nearest leader records the conversation."), code="not_leader"
        )
    _clarifying(talent=talent)
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("A conversation is recorded once it has been held: the date is ahead.")},
            code="future",
        )
    talent.conversation_held_on = held_on
    talent.conversation_notes = notes.strip()
    talent.full_clean()
    talent.save(update_fields=["conversation_held_on", "conversation_notes"])
    audit_record(user=by, action="talent.conversation_record", obj=talent)
    return talent


@transaction.atomic
def talent_decide(*, talent: Talent, decision: str, note: str, by: _By) -> Talent:
    """The talent's own decision, after the self-reflection and the conversation: to go on towards
    leadership (and a programme) or to stop here."""
    talent = _locked(talent)
    person = _acting(by)
    if person is None or person.pk != talent.person_id:
        raise ValidationError(_("Only the talent decides."), code="not_talent")
    _clarifying(talent=talent)
    if talent.reflected_at is None:
        raise ValidationError(_("Write your self-reflection before you decide."), code="no_reflection")
    if talent.conversation_held_on is None:
        raise ValidationError(
            _("Decide after the conversation with your nearest leader: it has not been held yet."),
            code="no_conversation",
        )
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose whether you go on or stop.")}, code="no_decision")
    talent.decision = decision
    talent.decision_note = note.strip()
    talent.decided_at = timezone.now()
    talent.stage = Stage.GOING_ON if decision == Decision.GO_ON else Stage.STOPPED
    talent.full_clean()
    talent.save(update_fields=["decision", "decision_note", "decided_at", "stage"])
    audit_record(user=by, action="talent.decide", obj=talent, detail=decision)
    return talent


# --- Qualify: the administrator's programmes -----------------------------------------------------------


@transaction.atomic
def programme_create(*, name: str, description: str, by: _By) -> Programme:
    """A programme for the first leadership level of the organisation's foundation."""
    programme = Programme(name=name.strip(), description=description.strip(), level=_first_level())
    programme.full_clean()
    programme.save()
    audit_record(user=by, action="talent.programme_create", obj=programme)
    return programme


@transaction.atomic
def cohort_create(
    *, programme: Programme, name: str, starts: datetime.date, ends: datetime.date, by: _By
) -> Cohort:
    if ends < starts:
        raise ValidationError({"ends": _("A cohort ends on or after the day it starts.")}, code="ends_before")
    cohort = Cohort(programme=programme, name=name.strip(), starts=starts, ends=ends)
    cohort.full_clean()
    cohort.save()
    audit_record(user=by, action="talent.cohort_create", obj=cohort)
    return cohort


@transaction.atomic
def activity_add(
    *,
    cohort: Cohort,
    kind: str,
    title: str,
    held_on: datetime.date,
    description: str = "",
    event: Event | None = None,
    by: _By,
) -> Activity:
    """A course, a network meeting (maybe an event of a leader forum) or another activity of a cohort."""
    activity = Activity(
        cohort=cohort, kind=kind, title=title.strip(), held_on=held_on, description=description, event=event
    )
    activity.full_clean()
    activity.save()
    audit_record(user=by, action="talent.activity_add", obj=activity)
    return activity


@transaction.atomic
def assignment_add(
    *, programme: Programme, title: str, expectation: Expectation | None, description: str = "", by: _By
) -> Assignment:
    """A practice assignment of the programme, tied to one expectation of its leadership level."""
    if expectation is None or level_expectation(level=programme.level, pk=expectation.pk) is None:
        raise ValidationError(
            {
                "expectation": _("Tie the assignment to an expectation of the level »%(level)s«.")
                % {"level": programme.level.name}
            },
            code="expectation",
        )
    position = programme.assignments.count()
    assignment = Assignment(
        programme=programme,
        title=title.strip(),
        description=description,
        expectation=expectation,
        position=position,
    )
    assignment.full_clean()
    assignment.save()
    audit_record(user=by, action="talent.assignment_add", obj=assignment)
    return assignment


@transaction.atomic
def talent_enrol(*, talent: Talent, cohort: Cohort, mentor: Person, by: _By) -> Talent:
    """The administrator places a talent who decided to go on in a cohort, with a mentor: a leader from
    another unit than the talent's."""
    talent = _locked(talent)
    if talent.stage not in (Stage.GOING_ON, Stage.IN_PROGRAMME):
        raise ValidationError(
            _("%(name)s has not decided to go on towards leadership.") % {"name": talent.person.name},
            code="not_going_on",
        )
    if cohort.ends < timezone.localdate():
        raise ValidationError({"cohort": _("The cohort has ended.")}, code="ended")
    if not mentor_candidates(talent=talent).filter(pk=mentor.pk).exists():
        raise ValidationError(
            {
                "mentor": _(
                    "A mentor is a leader from another unit than the talent's, and not their nearest leader."
                )
            },
            code="mentor",
        )
    talent.cohort, talent.mentor, talent.stage = cohort, mentor, Stage.IN_PROGRAMME
    talent.enrolled_at = talent.enrolled_at or timezone.now()
    talent.full_clean()
    talent.save(update_fields=["cohort", "mentor", "stage", "enrolled_at"])
    audit_record(user=by, action="talent.enrol", obj=talent)
    return talent


def _assessor_role(*, talent: Talent, person: Person | None) -> str:
    if person is not None and person.pk == talent.person_id:
        return AssessorRole.TALENT
    if person is not None and person.pk == talent.leader_id:
        return AssessorRole.LEADER
    if person is not None and person.pk == talent.mentor_id:
        return AssessorRole.MENTOR
    raise ValidationError(
        _("A practice assignment is assessed by the talent, their nearest leader and their mentor."),
        code="not_trio",
    )


@transaction.atomic
def assessment_give(
    *, talent: Talent, assignment: Assignment, outcome: str, note: str = "", by: _By
) -> Assessment:
    """One of the trio assesses the talent's practice assignment, once."""
    talent = _locked(talent)
    if talent.stage != Stage.IN_PROGRAMME or talent.cohort is None:
        raise ValidationError(_("The talent is not in a programme."), code="not_in_programme")
    if assignment.programme_id != talent.cohort.programme_id:
        raise ValidationError(
            _("The assignment is not one of the talent's programme."), code="other_programme"
        )
    person = _acting(by)
    role = _assessor_role(talent=talent, person=person)
    if Assessment.objects.filter(talent=talent, assignment=assignment, role=role).exists():
        raise ValidationError(
            _("You have already assessed »%(assignment)s«: an assessment is given once.")
            % {"assignment": assignment.title},
            code="twice",
        )
    assessment = Assessment(
        talent=talent, assignment=assignment, role=role, assessor=person, outcome=outcome, note=note.strip()
    )
    assessment.full_clean()
    assessment.save()
    audit_record(user=by, action="talent.assess", obj=talent, detail=role)
    return assessment


# --- GDPR ----------------------------------------------------------------------------------------------


@transaction.atomic
def talent_person_erase(*, person: Person) -> None:
    """Delete the person's own ways through the pipeline (reflections and assessments with them), and blank
    the notes of the assessments they gave as a leader or mentor."""
    Talent.objects.filter(person=person).delete()
    Assessment.objects.filter(assessor=person).update(note="")
