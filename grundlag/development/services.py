"""Leader development's part of a person's erasure (GDPR): what they wrote for themselves alone, and the plans
that are theirs, go; what they share with another person stays in the other person's dialogue, without the
reasons they wrote for their own ratings."""

from django.db import transaction

from grundlag.organisation.models import Person

from .models import Plan, PrivateNote, SectionRating, SparringSession


@transaction.atomic
def development_person_erase(*, person: Person) -> None:
    """Delete the person's private notes, sparring log and own and team plans (their goals and actions with
    them), take them out of other leaders' team plans, and blank the reasons of the ratings they gave."""
    PrivateNote.objects.filter(author=person).delete()
    SparringSession.objects.filter(leader=person).delete()
    Plan.objects.filter(leader=person).delete()
    for plan in Plan.objects.filter(members=person):
        plan.members.remove(person)
    own_sheets = SectionRating.objects.filter(sheet__dialogue__leader=person, sheet__party="leader")
    held_sheets = SectionRating.objects.filter(sheet__dialogue__superior=person, sheet__party="superior")
    for ratings in (own_sheets, held_sheets):
        ratings.update(reason="")
