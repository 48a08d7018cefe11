"""Work done outside the request: e-mails whose sending must not show in a page's response time."""

from django_tasks import task

from .services import password_reset_send


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
    no token.
    """
    password_reset_send(
        user_ids=user_ids,
        language=language,
        domain=domain,
        site_name=site_name,
        use_https=use_https,
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        from_email=from_email,
    )
