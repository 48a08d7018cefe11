"""Writes for accounts: invitations, roles, sign-on links, password e-mails and GDPR erasure.

The one service that enqueues a background task lives in `background`, apart from these: the task module
calls `password_reset_send` here, so this module may not import it back."""

import datetime
import secrets
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template import loader
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from grundlag.audit.services import audit_events_relabel, audit_record
from grundlag.organisation.models import Person

from .. import gdpr
from ..models import PasswordResetRequest

Actor = User | AnonymousUser | None


def username_for_person(*, person: Person) -> str:
    """A handle that says nothing about the person: their database id, made unique if taken."""
    username = f"person-{person.pk}"
    while User.objects.filter(username=username).exists():
        username = f"person-{person.pk}-{secrets.token_hex(2)}"
    return username


def _user_for_email(email: str) -> User | None:
    """An existing account with the e-mail address that no person has yet, if exactly one."""
    candidates = list(User.objects.filter(email__iexact=email, person__isnull=True)[:2])
    return candidates[0] if len(candidates) == 1 else None


def set_password_link(*, user: User, language: str) -> str:
    """An absolute single-use link to choose a password, in the given language's URL space."""
    with translation.override(language):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.SITE_URL.rstrip("/") + path


def send_language_mail(
    *, to: str, language: str, subject_template: str, body_template: str, context: dict[str, Any]
) -> None:
    """Send an e-mail rendered in the recipient's language, labelled with that language."""
    with translation.override(language):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(body_template, context)
    message = EmailMultiAlternatives(subject, body, to=[to], headers={"Content-Language": language})
    message.send()


@transaction.atomic
def account_invite(*, person: Person, by: Actor) -> User:
    """Give the person a login (creating or linking a user) and e-mail them a link to set a password."""
    if person.erased_at is not None:
        raise ValidationError(_("An erased person cannot be given a login."))
    if not person.email:
        raise ValidationError(_("The person has no e-mail address to send the invitation to."))
    user = person.user or _user_for_email(person.email)
    if user is None:
        user = User(username=username_for_person(person=person), email=person.email)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif not user.is_active:
        raise ValidationError(_("The person's account is deactivated; activate it before inviting them."))
    elif user.email != person.email:
        user.email = person.email
        user.save(update_fields=["email"])
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    send_language_mail(
        to=person.email,
        language=person.language,
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation_body.txt",
        context={
            "person": person,
            "username": user.get_username(),
            "link": set_password_link(user=user, language=person.language),
            "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        },
    )
    audit_record(user=by, action="account.invite", obj=person)
    return user


@transaction.atomic
def user_role_set(*, user: User, administrator: bool, by: User) -> User:
    """Grant or revoke the administrator role; nobody can take it from themselves."""
    if user.pk == by.pk and not administrator:
        raise ValidationError(_("You cannot remove your own administrator role."))
    if user.is_staff != administrator:
        user.is_staff = administrator
        user.save(update_fields=["is_staff"])
        audit_record(
            user=by,
            action="user.role",
            obj=user,
            detail="administrator granted" if administrator else "administrator revoked",
        )
    return user


@transaction.atomic
def user_active_set(*, user: User, active: bool, by: User) -> User:
    """Activate or deactivate an account; nobody can deactivate themselves."""
    if user.pk == by.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(user=by, action="user.active", obj=user, detail="activated" if active else "deactivated")
    return user


@transaction.atomic
def demo_login_set(
    *, username: str, password: str, staff: bool = False, person: Person | None = None
) -> User:
    """Create or refresh a demo login with the given password, linked to the person if given (demo only)."""
    names = {"first_name": "Demo", "last_name": "Administrator"} if staff else {}
    user, _created = User.objects.get_or_create(username=username, defaults=names)
    user.is_staff = staff
    user.set_password(password)
    user.save()
    if person is not None and person.user_id != user.pk:
        Person.objects.filter(user=user).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    return user


@transaction.atomic
def account_sso_link(*, person: Person) -> User:
    """Give the person matched by single sign-on a user with no password, linked to them; audited."""
    user = User(username=username_for_person(person=person), email=person.email)
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    audit_record(user=None, action="account.sso_link", obj=person)
    return user


def _address_digest(email: str) -> str:
    """The address, however it is written, as a digest keyed with SECRET_KEY: not reversible without it."""
    return salted_hmac("grundlag.accounts.password_reset_address", email.strip().casefold()).hexdigest()


def _client_digest(client: str | None) -> str:
    return salted_hmac("grundlag.accounts.password_reset_client", client).hexdigest() if client else ""


@transaction.atomic
def password_reset_request_record(*, email: str, client: str | None = None) -> bool:
    """Count a request for a reset link to the address from a client address; False once the e-mail
    address (PASSWORD_RESET_EMAILS_PER_ADDRESS) or the client (PASSWORD_RESET_REQUESTS_PER_CLIENT) has
    asked too often in the window.

    Every request is counted, for an address with an account or without, so that each one does the same
    work. Requests older than the window are deleted here. Of two requests for one address at the same
    moment, one is counted and the other refused, so none slips past the limit.
    """
    now = timezone.now()
    since = now - datetime.timedelta(minutes=settings.PASSWORD_RESET_EMAIL_WINDOW_MINUTES)
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    digest, client_digest = _address_digest(email), _client_digest(client)
    earlier = PasswordResetRequest.objects.filter(address_digest=digest)
    last = earlier.aggregate(last=Max("number"))["last"]
    request = PasswordResetRequest(
        address_digest=digest,
        client_digest=client_digest,
        number=0 if last is None else last + 1,
        requested_at=now,
    )
    request.full_clean(validate_constraints=False)  # the database decides a race, below
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        return False  # another request for the address took this number at the same moment
    from_client = (
        PasswordResetRequest.objects.filter(client_digest=client_digest).count() if client_digest else 0
    )
    return (
        earlier.count() <= settings.PASSWORD_RESET_EMAILS_PER_ADDRESS
        and from_client <= settings.PASSWORD_RESET_REQUESTS_PER_CLIENT
    )


def password_reset_send(
    *,
    user_ids: list[int],
    language: str,
    domain: str,
    site_name: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    from_email: str | None = None,
) -> None:
    """E-mail each still-eligible user a single-use reset link, in the language the reset was asked in.

    The token is made here, when the e-mail is sent, so it exists only in the e-mail itself.
    """
    users = User._default_manager.filter(pk__in=user_ids, is_active=True).order_by("pk")
    with translation.override(language):
        for user in users:
            if not user.has_usable_password() or not user.email:
                continue
            context = {
                "email": user.email,
                "domain": domain,
                "site_name": site_name,
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": default_token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
            }
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            message = EmailMultiAlternatives(
                subject, body, from_email, [user.email], headers={"Content-Language": language}
            )
            message.send()
            audit_record(user=None, action="password.reset_request", obj=user)


def person_export(*, person: Person, by: Actor) -> dict[str, Any]:
    """Everything Grundlag holds about the person, as one JSON-ready document; audited. What the person keeps
    to themself is in it only when they export their own data."""
    own = by is not None and person.user_id is not None and person.user_id == getattr(by, "pk", None)
    document = gdpr.person_document(person, own=own)
    audit_record(user=by, action="person.export", obj=person)
    return document


@transaction.atomic
def person_erase(*, person: Person, by: Actor) -> Person:
    """Erase the person's name, e-mail, identifier, account and login history; keep posts and the log.

    The posts stay (without the name) because they are other people's organisation history and part of
    the group sizes that protect respondents' anonymity. Erasing again changes nothing.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        return person
    label = gdpr.erased_label(person)
    user = person.user
    if user is not None:
        audit_events_relabel(user=user, label=label)
        _login_history_delete(username=user.get_username())
        user.delete()
    for erase in gdpr.erasers():
        erase(person)
    person.name = label
    person.email = ""
    # A one-way digest, not the identifier: enough for an import to recognise and skip the person.
    person.key = gdpr.erased_person_key(person)
    person.user = None
    person.erased_at = timezone.now()
    person.save(update_fields=["name", "email", "key", "user", "erased_at"])
    audit_record(user=by, action="person.erase", obj=person)
    return person


def _login_history_delete(*, username: str) -> None:
    """Throttling records name the account and the addresses it logged in from."""
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
