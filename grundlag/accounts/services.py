"""Writes for accounts: the audit log, invitations, roles."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import AuditEvent

User = get_user_model()


def audit_record(*, user, action: str, obj=None, detail: str = "") -> AuditEvent:
    """Record who did what to which object; the object by type and id only, never its text."""
    known = user if user is not None and user.is_authenticated else None
    return AuditEvent.objects.create(
        user=known,
        user_label=known.get_username() if known else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:500],
    )


def username_for_person(person) -> str:
    """A handle that says nothing about the person: their database id, made unique if taken."""
    username = f"person-{person.pk}"
    while User.objects.filter(username=username).exists():
        username = f"person-{person.pk}-{secrets.token_hex(2)}"
    return username


def _user_for_email(email: str):
    """An existing account with the e-mail address that no person has yet, if exactly one."""
    candidates = list(User.objects.filter(email__iexact=email, person__isnull=True)[:2])
    return candidates[0] if len(candidates) == 1 else None


def set_password_link(*, user, language: str) -> str:
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


def send_language_mail(*, to: str, language: str, subject_template: str, body_template: str, context: dict):
    """Send an e-mail rendered in the recipient's language, labelled with that language."""
    with translation.override(language):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        body = render_to_string(body_template, context)
    message = EmailMultiAlternatives(subject, body, to=[to], headers={"Content-Language": language})
    message.send()


@transaction.atomic
def account_invite(*, person, by):
    """Give the person a login (creating or linking a user) and e-mail them a link to set a password."""
    if person.erased_at is not None:
        raise ValidationError(_("An erased person cannot be given a login."))
    if not person.email:
        raise ValidationError(_("The person has no e-mail address to send the invitation to."))
    user = person.user or _user_for_email(person.email)
    if user is None:
        user = User(username=username_for_person(person), email=person.email)
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
def user_role_set(*, user, administrator: bool, by):
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
def user_active_set(*, user, active: bool, by):
    """Activate or deactivate an account; nobody can deactivate themselves."""
    if user.pk == by.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(user=by, action="user.active", obj=user, detail="activated" if active else "deactivated")
    return user


@transaction.atomic
def demo_login_set(*, username: str, password: str, staff: bool = False, person=None):
    """Create or refresh a demo login with the given password, linked to the person if given (demo only)."""
    names = {"first_name": "Demo", "last_name": "Administrator"} if staff else {}
    user, _created = User.objects.get_or_create(username=username, defaults=names)
    user.is_staff = staff
    user.set_password(password)
    user.save()
    if person is not None and person.user_id != user.pk:
        type(person).objects.filter(user=user).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
    return user
