"""Single sign-on: an OpenID Connect login is let in only for exactly one known person."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from grundlag.organisation.models import Person

from .services import account_sso_link


def persons_matching(claims: dict) -> list[Person]:
    """The (not erased) people the claims describe, by one rule only.

    With OIDC_PERSON_ID_CLAIM set: by that claim compared with the person's identifier (within
    OIDC_PERSON_SOURCE when that is set), never by e-mail. Otherwise by e-mail, case-insensitive, but only
    when the provider says the address is verified (``email_verified`` is true) or the installation has
    said it trusts the provider's e-mail (OIDC_TRUST_EMAIL): some providers, Entra ID among them, omit the
    claim and let users edit the address, so an unverified address proves nothing about who signs in.
    """
    id_claim = getattr(settings, "OIDC_PERSON_ID_CLAIM", "")
    if id_claim:
        identifier = str(claims.get(id_claim) or "").strip()
        if not identifier:
            return []
        match = Q(key=identifier)
        source = getattr(settings, "OIDC_PERSON_SOURCE", "")
        if source:
            match &= Q(source=source)
    else:
        email = str(claims.get("email") or "").strip()
        verified = claims.get("email_verified") is True or getattr(settings, "OIDC_TRUST_EMAIL", False)
        if not email or not verified:
            return []
        match = Q(email__iexact=email)
    return list(Person.objects.filter(match, erased_at__isnull=True).select_related("user")[:2])


class PersonOIDCBackend(OIDCAuthenticationBackend):
    """Matches the provider's claims to one Person and logs in (creating if needed) that person's user."""

    def verify_claims(self, claims):
        return len(persons_matching(claims)) == 1

    def filter_users_by_claims(self, claims):
        users = get_user_model().objects
        persons = persons_matching(claims)
        if len(persons) != 1 or persons[0].user_id is None:
            return users.none()
        return users.filter(pk=persons[0].user_id)

    @transaction.atomic
    def create_user(self, claims):
        persons = persons_matching(claims)
        if len(persons) != 1:
            return None
        return account_sso_link(person=persons[0])

    def describe_user_by_claims(self, claims):
        # The library logs this; say nothing personal.
        return "the claims given"
