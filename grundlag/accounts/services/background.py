"""Services that hand work to a background task (django-tasks), apart from the services the tasks call."""

from django.contrib.auth.models import User
from django.utils import translation

from ..tasks import send_password_reset


def password_reset_enqueue(
    *,
    users: list[User],
    domain: str,
    site_name: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    from_email: str | None = None,
) -> None:
    """Queue the reset e-mails to the users in the language of the request; the task holds only their ids.

    Called with no users as well, so that a request for an unknown address does the same work."""
    send_password_reset.enqueue(
        user_ids=[user.pk for user in users],
        language=translation.get_language(),
        domain=domain,
        site_name=site_name,
        use_https=use_https,
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        from_email=from_email,
    )
