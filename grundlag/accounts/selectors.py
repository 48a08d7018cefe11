"""Reads for accounts that refuse whoever may not: people to invite, export or erase; the users list."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from grundlag.core.rules import require
from grundlag.organisation.models import Person

Viewer = User | AnonymousUser


def person_to_invite_get_for_user(*, user: Viewer, pk: int) -> Person:
    """A person an administrator may give a login; 403 for anyone else, 404 for one that is not there."""
    require(user, "accounts.invite_person")
    return get_object_or_404(Person, pk=pk)


def person_to_export_get_for_user(*, user: Viewer, pk: int) -> Person:
    """A person whose data the user may export; 404 alike for one that is not there and one not theirs."""
    person = Person.objects.filter(pk=pk).select_related("user").first()
    if person is None or not user.has_perm("organisation.export_person", person):
        raise Http404("No such person.")
    return person


def person_to_erase_get_for_user(*, user: Viewer, pk: int) -> Person:
    """A person an administrator may erase; 403 for anyone else, 404 for one that is not there."""
    require(user, "organisation.erase_person")
    return get_object_or_404(Person, pk=pk)


def users_for_user(*, user: Viewer) -> QuerySet[Any]:
    """Every account with its person, administrators first; 403 for anyone but an administrator."""
    require(user, "accounts.manage_users")
    return get_user_model().objects.select_related("person").order_by("-is_staff", "username")


def user_get_for_user(*, user: Viewer, pk: int) -> Any:
    """An account an administrator may change; 403 for anyone else, 404 for one that is not there."""
    require(user, "accounts.manage_users")
    return get_object_or_404(get_user_model(), pk=pk)
