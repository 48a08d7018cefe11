"""Services that hand work to a background task (django-tasks), apart from the services the tasks call."""

from django.contrib.auth.models import User
from django.utils import translation

from ..tasks import send_password_reset
from . import password_reset_request_record


def password_reset_enqueue(
    *,
    email: str,
    client: str | None,
    users: list[User],
    domain: str,
    site_name: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    from_email: str | None = None,
) -> None:
    """Queue the reset e-mails to the address's users in the language of the request, within the limits of
    the address and of the client asking (`client`, its network address); the task holds only their ids.

    Queued with no users as well, for an unknown address or one over its limit, so that every request does
    the same work."""
    within_limit = password_reset_request_record(email=email, client=client)
    send_password_reset.enqueue(
        user_ids=[user.pk for user in users] if within_limit else [],
        language=translation.get_language(),
        domain=domain,
        site_name=site_name,
        use_https=use_https,
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        from_email=from_email,
    )
