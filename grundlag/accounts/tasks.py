"""Work done outside the request: e-mails whose sending must not show in a page's response time."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from .services import audit_record


@task()
def send_password_reset(
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

    The arguments (kept in the task table) hold only user ids and the site's address: no e-mail address and
    no token. The token is made here, when the e-mail is sent, so it exists only in the e-mail itself.
    """
    users = get_user_model()._default_manager.filter(pk__in=user_ids, is_active=True).order_by("pk")
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
