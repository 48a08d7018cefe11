from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.audit.models import AuditEvent
from grundlag.networks.models import Membership, Newsletter, NewsletterDelivery
from grundlag.networks.newsletters import services
from grundlag.networks.newsletters.gdpr import networks_newsletters
from grundlag.networks.newsletters.selectors import newsletter_undelivered
from grundlag.networks.newsletters.services.background import newsletter_send

BODY = "Kære medlemmer,\n\n- Møde i Kolding\n- Oplæg om *data*\n\nSe https://bupl.dk/ledere.\n\n<script>x</script>"


@pytest.fixture
def draft(forum, people):
    return services.newsletter_create(
        forum=forum, subject="Nyt fra forummet", body=BODY, by=people["dorte"].user
    )


def test_an_organiser_writes_a_draft(draft, people):
    assert draft.sent_at is None and draft.created_by == people["dorte"].user
    assert AuditEvent.objects.filter(action="networks.newsletter_create", object_id=str(draft.pk)).exists()


@pytest.mark.parametrize("who", ["lis", "bo", "ulla"])
def test_only_organisers_write_and_send(forum, draft, people, who):
    user = people[who].user
    with pytest.raises(ValidationError):
        services.newsletter_create(forum=forum, subject="Hej", body="Hej", by=user)
    with pytest.raises(ValidationError):
        services.newsletter_update(newsletter=draft, subject="Hej", body="Hej", by=user)
    with pytest.raises(ValidationError):
        newsletter_send(newsletter=draft, by=user)
    assert not mail.outbox and not NewsletterDelivery.objects.exists()


def test_a_newsletter_needs_a_subject_and_a_text(forum, people):
    with pytest.raises(ValidationError) as refused:
        services.newsletter_create(forum=forum, subject=" ", body=" ", by=people["dorte"].user)
    assert {"subject", "body"} <= set(refused.value.message_dict)


def test_sending_mails_each_member_who_receives_it_once_as_text_and_html(draft, members, people):
    assert newsletter_send(newsletter=draft, by=people["dorte"].user) == 2

    draft.refresh_from_db()
    assert draft.sent_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == ["bo@fiktiv.example.dk", "lis@fiktiv.example.dk"]
    lis = next(m for m in mail.outbox if m.to == ["lis@fiktiv.example.dk"])
    assert lis.subject == "Nyt fra forummet"
    assert "- Oplæg om *data*" in lis.body and "<script>x</script>" in lis.body
    html, kind = lis.alternatives[0]
    assert kind == "text/html"
    assert "<li>Oplæg om <em>data</em></li>" in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<a href="https://bupl.dk/ledere">' in html
    forum_page = "http://127.0.0.1:8000/networks/forums/data/#newsletter"
    assert lis.extra_headers["List-Unsubscribe"] == f"<{forum_page}>"
    assert forum_page in lis.body and "afmelde" in lis.body.lower()
    assert NewsletterDelivery.objects.filter(newsletter=draft, sent_at__isnull=False).count() == 2


def test_each_recipient_reads_the_unsubscribe_line_in_their_own_language(draft, members, people):
    newsletter_send(newsletter=draft, by=people["dorte"].user)
    bo = next(m for m in mail.outbox if m.to == ["bo@fiktiv.example.dk"])
    assert "To unsubscribe" in bo.body and bo.extra_headers["Content-Language"] == "en"
    lis = next(m for m in mail.outbox if m.to == ["lis@fiktiv.example.dk"])
    assert "To unsubscribe" not in lis.body and lis.extra_headers["Content-Language"] == "da"


def test_a_retried_delivery_sends_nothing_twice(draft, members, people):
    newsletter_send(newsletter=draft, by=people["dorte"].user)
    assert len(mail.outbox) == 2
    assert services.newsletter_deliver(newsletter=draft) == 0
    assert len(mail.outbox) == 2
    with pytest.raises(ValidationError):
        newsletter_send(newsletter=draft, by=people["dorte"].user)
    assert len(mail.outbox) == 2


def test_a_delivery_marked_by_a_run_that_stopped_is_not_sent_again(draft, members, people):
    services.newsletter_recipients_add(newsletter=draft)
    NewsletterDelivery.objects.filter(person=people["lis"]).update(
        sent_at=timezone.now()
    )  # marked, then stopped

    assert services.newsletter_deliver(newsletter=draft) == 1
    assert [m.to for m in mail.outbox] == [["bo@fiktiv.example.dk"]]


def test_an_email_the_server_refused_is_tried_again_later_and_only_it(draft, members, people):
    real_send = mail.EmailMultiAlternatives.send

    def refuse_bo(message, *args, **kwargs):
        if message.to == ["bo@fiktiv.example.dk"]:
            raise OSError("mail server down")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", refuse_bo):
        assert services.newsletter_deliver(newsletter=draft) == 1
    draft.refresh_from_db()
    assert draft.sent_at is not None
    assert [p.name for p in newsletter_undelivered(newsletter=draft)] == ["Bo Leder"]

    assert newsletter_send(newsletter=draft, by=people["dorte"].user) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["bo@fiktiv.example.dk", "lis@fiktiv.example.dk"]


def test_a_member_who_unsubscribes_before_the_delivery_is_skipped(draft, members, people):
    services.newsletter_recipients_add(newsletter=draft)
    Membership.objects.filter(person=people["bo"]).update(newsletters=False)
    services.newsletter_deliver(newsletter=draft)
    assert [m.to for m in mail.outbox] == [["lis@fiktiv.example.dk"]]
    assert not NewsletterDelivery.objects.filter(person=people["bo"]).exists()


def test_a_sent_newsletter_is_kept_as_it_was_sent(draft, members, people):
    newsletter_send(newsletter=draft, by=people["dorte"].user)
    with pytest.raises(ValidationError):
        services.newsletter_update(newsletter=draft, subject="Ændret", body="Ændret", by=people["dorte"].user)
    with pytest.raises(ValidationError):
        services.newsletter_delete(newsletter=draft, by=people["dorte"].user)
    assert Newsletter.objects.get().subject == "Nyt fra forummet"


def test_a_draft_is_changed_and_deleted(draft, people):
    services.newsletter_update(newsletter=draft, subject=" Nyt  emne ", body="Tekst", by=people["dorte"].user)
    draft.refresh_from_db()
    assert draft.subject == "Nyt emne"
    services.newsletter_delete(newsletter=draft, by=people["dorte"].user)
    assert not Newsletter.objects.exists()


def test_the_audit_log_holds_counts_never_the_text(draft, members, people):
    newsletter_send(newsletter=draft, by=people["dorte"].user)
    details = " ".join(f"{e.action} {e.detail}" for e in AuditEvent.objects.all())
    assert "networks.newsletter_send" in details and "networks.newsletter_deliver" in details
    assert "Kolding" not in details and "forummet" not in details


def test_the_newsletters_a_person_received_are_in_their_export_and_go_with_their_erasure(
    draft, members, people
):
    newsletter_send(newsletter=draft, by=people["dorte"].user)
    lis = networks_newsletters(people["lis"])
    assert [row["subject"] for row in lis["networks_newsletters_received"]] == ["Nyt fra forummet"]
    assert networks_newsletters(people["dorte"])["networks_newsletters_written"][0]["text"] == BODY

    services.newsletters_person_erase(person=people["lis"])
    assert not NewsletterDelivery.objects.filter(person=people["lis"]).exists()
