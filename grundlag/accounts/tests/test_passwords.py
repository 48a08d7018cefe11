"""Password reset by e-mail (no account enumeration, single-use links) and password change."""

import datetime
import json
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grundlag.accounts.models import PasswordResetRequest
from grundlag.accounts.services import password_reset_request_record
from grundlag.accounts.tasks import send_password_reset
from grundlag.audit.models import AuditEvent

from .conftest import english, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(
        username="maja", email="maja@fiktiv.example.dk", password="old-pass-1x"
    )


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/)", message.body).group(1)


def test_it_sends_the_reset_email_in_danish(client, member):
    response = client.post(reverse("password_reset"), {"email": "MAJA@fiktiv.example.dk"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maja@fiktiv.example.dk"]
    assert message.subject == "Nulstil adgangskode – Grundlag"
    assert message.extra_headers["Content-Language"] == "da"
    assert reset_link(message).startswith("/password-reset/")
    assert "maja" in message.body  # the username, so they know what to log in with


def test_it_sends_the_reset_email_in_english_from_the_english_site(client, member):
    client.post(english("password_reset"), {"email": "maja@fiktiv.example.dk"})

    message = mail.outbox[0]
    assert message.subject == "Reset password – Grundlag"
    assert message.extra_headers["Content-Language"] == "en"
    assert reset_link(message).startswith("/en/password-reset/")


def test_it_answers_the_same_whether_or_not_the_address_has_an_account(client, member):
    known = client.post(reverse("password_reset"), {"email": "maja@fiktiv.example.dk"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@fiktiv.example.dk"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    done = client.get(known["Location"])
    assert done.status_code == 200


def test_the_link_sets_a_new_password_once(client, member):
    client.post(reverse("password_reset"), {"email": "maja@fiktiv.example.dk"})
    link = reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_address = form_page.redirect_chain[-1][0]
    done = client.post(set_address, {"new_password1": "Bl0ndt-Hav-Sejl", "new_password2": "Bl0ndt-Hav-Sejl"})

    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Bl0ndt-Hav-Sejl")
    assert AuditEvent.objects.filter(action="password.reset", user=member).exists()
    assert AuditEvent.objects.filter(action="password.reset_request", object_id=str(member.pk)).exists()
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_a_used_link_page_says_so_in_words(client, member):
    client.post(english("password_reset"), {"email": "maja@fiktiv.example.dk"})
    link = reset_link(mail.outbox[0])
    member.set_password("Bl0ndt-Hav-Sejl")
    member.save()

    response = client.get(link, follow=True)

    assert response.context["validlink"] is False
    assert "This link cannot be used: it has been used already or it has expired." in page_text(response)


def test_a_signed_in_user_changes_their_password(client, member):
    client.force_login(member)

    response = client.post(
        reverse("password_change"),
        {"old_password": "old-pass-1x", "new_password1": "Gr0n-Ager-Vind", "new_password2": "Gr0n-Ager-Vind"},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Gr0n-Ager-Vind")
    assert AuditEvent.objects.filter(action="password.change", user=member).exists()


def test_password_change_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_request_enqueues_the_email_rather_than_sending_it(client, member):
    with mock.patch("grundlag.accounts.services.background.send_password_reset") as task:
        client.post(reverse("password_reset"), {"email": "maja@fiktiv.example.dk"})

    assert mail.outbox == []
    task.enqueue.assert_called_once()
    arguments = task.enqueue.call_args.kwargs
    assert arguments["user_ids"] == [member.pk]
    assert arguments["language"] == "da"
    # Only ids and the site's address are stored with the task: no e-mail address, no token.
    assert json.loads(json.dumps(arguments)) == arguments
    assert "maja" not in json.dumps(arguments)


def test_an_unknown_address_enqueues_the_same_task_with_no_one_to_send_to(client, member):
    with mock.patch("grundlag.accounts.services.background.send_password_reset") as task:
        client.post(reverse("password_reset"), {"email": "nobody@fiktiv.example.dk"})

    task.enqueue.assert_called_once()
    assert task.enqueue.call_args.kwargs["user_ids"] == []


def test_the_response_is_identical_for_a_known_and_an_unknown_address(client, member):
    known = client.post(reverse("password_reset"), {"email": "maja@fiktiv.example.dk"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@fiktiv.example.dk"})

    assert known.status_code == unknown.status_code == 302
    assert known.content == unknown.content
    assert known["Location"] == unknown["Location"]
    assert sorted(k for k in known.headers if k.lower() != "set-cookie") == sorted(
        k for k in unknown.headers if k.lower() != "set-cookie"
    )
    assert len(mail.outbox) == 1  # the immediate task backend of the tests still delivers it


def test_the_task_skips_users_who_can_no_longer_reset(member):
    member.is_active = False
    member.save()

    send_password_reset.call(
        user_ids=[member.pk, 999_999],
        language="da",
        domain="testserver",
        site_name="testserver",
        use_https=True,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
    )

    assert mail.outbox == []


# --- A limit on reset e-mails per address ------------------------------------------------------------------


def ask_for_reset(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_one_client_asking_again_and_again_is_limited_whatever_the_addresses(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 10
    settings.PASSWORD_RESET_REQUESTS_PER_CLIENT = 2
    for email in ("nobody@fiktiv.example.dk", "maja@fiktiv.example.dk", "maja@fiktiv.example.dk"):
        ask_for_reset(client, email, REMOTE_ADDR="192.0.2.7")
    assert len(mail.outbox) == 1  # the third request, the client's over its limit, sent nothing
    ask_for_reset(client, "maja@fiktiv.example.dk", REMOTE_ADDR="192.0.2.8")
    assert len(mail.outbox) == 2
    digests = set(PasswordResetRequest.objects.values_list("client_digest", flat=True))
    assert len(digests) == 2 and not any("192.0.2" in digest for digest in digests)


def test_two_requests_at_the_same_moment_cannot_pass_the_limit_together(member, settings):
    """The request that loses the race for the address's next number is refused, not counted twice."""
    real_aggregate = QuerySet.aggregate
    raced = []

    def aggregate_while_another_request_lands(self, *args, **kwargs):
        result = real_aggregate(self, *args, **kwargs)
        if self.model is PasswordResetRequest and not raced:
            raced.append(True)
            other = PasswordResetRequest.objects.get()  # the first request's row, as the other one saw it
            PasswordResetRequest.objects.create(
                address_digest=other.address_digest, number=other.number + 1, requested_at=timezone.now()
            )
        return result

    assert password_reset_request_record(email="maja@fiktiv.example.dk", client="192.0.2.7")
    with mock.patch.object(QuerySet, "aggregate", aggregate_while_another_request_lands):
        assert not password_reset_request_record(email="maja@fiktiv.example.dk", client="192.0.2.7")
    assert sorted(PasswordResetRequest.objects.values_list("number", flat=True)) == [0, 1]


def test_it_sends_no_more_reset_emails_to_one_address_than_the_limit(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 3
    first = ask_for_reset(client, "maja@fiktiv.example.dk")
    for _again in range(2):
        ask_for_reset(client, "maja@fiktiv.example.dk")
    assert len(mail.outbox) == 3

    limited = ask_for_reset(client, "MAJA@fiktiv.example.dk")  # the same address, however it is written

    assert len(mail.outbox) == 3
    # The page answers exactly as always: it does not tell that the address is limited, nor that it exists.
    assert (limited.status_code, limited["Location"], limited.content) == (
        first.status_code,
        first["Location"],
        first.content,
    )


def test_the_limit_holds_one_address_and_not_the_others(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 1
    other = get_user_model().objects.create_user(
        username="ole", email="ole@fiktiv.example.dk", password="old-pass-2x"
    )
    ask_for_reset(client, "maja@fiktiv.example.dk")
    ask_for_reset(client, "maja@fiktiv.example.dk")

    ask_for_reset(client, "ole@fiktiv.example.dk")

    assert [message.to for message in mail.outbox] == [["maja@fiktiv.example.dk"], [other.email]]


def test_the_limit_ends_with_its_window(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 1
    ask_for_reset(client, "maja@fiktiv.example.dk")
    ask_for_reset(client, "maja@fiktiv.example.dk")
    assert len(mail.outbox) == 1

    window = datetime.timedelta(minutes=settings.PASSWORD_RESET_EMAIL_WINDOW_MINUTES)
    PasswordResetRequest.objects.update(requested_at=timezone.now() - window - datetime.timedelta(seconds=1))
    ask_for_reset(client, "maja@fiktiv.example.dk")

    assert len(mail.outbox) == 2
    # Requests older than the window are not kept.
    assert PasswordResetRequest.objects.count() == 1


def test_a_limited_request_does_the_same_work_as_any_other(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 1
    ask_for_reset(client, "maja@fiktiv.example.dk")

    with mock.patch("grundlag.accounts.services.background.send_password_reset") as task:
        ask_for_reset(client, "maja@fiktiv.example.dk")

    task.enqueue.assert_called_once()
    assert task.enqueue.call_args.kwargs["user_ids"] == []


def test_the_count_keeps_no_email_address_in_the_database(client, member):
    ask_for_reset(client, "maja@fiktiv.example.dk")
    ask_for_reset(client, "nobody@fiktiv.example.dk")

    rows = list(PasswordResetRequest.objects.values_list("address_digest", flat=True))
    assert len(rows) == 2
    assert len(set(rows)) == 2
    assert not any("maja" in row or "nobody" in row or "@" in row for row in rows)


def test_known_unknown_and_limited_addresses_make_the_same_queries(client, member, settings):
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS = 1
    ask_for_reset(client, "maja@fiktiv.example.dk")

    counts = []
    with mock.patch("grundlag.accounts.services.background.send_password_reset"):
        for email in ("maja@fiktiv.example.dk", "nobody@fiktiv.example.dk", "maja@fiktiv.example.dk"):
            PasswordResetRequest.objects.all().delete()
            if len(counts) == 2:
                ask_for_reset(client, email)  # now over its limit
            with CaptureQueriesContext(connection) as queries:
                ask_for_reset(client, email)
            counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2]
