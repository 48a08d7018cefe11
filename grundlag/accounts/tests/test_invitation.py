"""An administrator gives a person a login: a user for them and a single-use link in their language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from grundlag.accounts.services import account_invite
from grundlag.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def invite_url(person):
    return reverse("accounts:person_invite", args=[person.pk])


def test_it_creates_a_user_without_a_password_and_emails_a_link(administrator, small_organisation):
    carl = small_organisation["people"]["carl"]

    user = account_invite(person=carl, by=administrator)

    carl.refresh_from_db()
    assert carl.user == user
    assert user.email == "carl@fiktiv.example.dk"
    assert "carl" not in user.username.lower()  # a handle that says nothing about the person
    assert not user.has_usable_password()
    message = mail.outbox[0]
    assert message.to == ["carl@fiktiv.example.dk"]
    assert message.subject == "Sæt adgangskode – Grundlag"
    assert message.extra_headers["Content-Language"] == "da"
    assert user.username in message.body
    assert re.search(r"http://127\.0\.0\.1:8000/password-reset/\S+/\S+/", message.body)
    event = AuditEvent.objects.get(action="account.invite")
    assert (event.user, event.object_type, event.object_id) == (
        administrator,
        "organisation.person",
        str(carl.pk),
    )


def test_it_writes_in_the_persons_language(administrator, small_organisation):
    carl = small_organisation["people"]["carl"]
    carl.language = "en"
    carl.save()

    account_invite(person=carl, by=administrator)

    message = mail.outbox[0]
    assert message.subject == "Set password – Grundlag"
    assert message.extra_headers["Content-Language"] == "en"
    assert "/en/password-reset/" in message.body
    assert "You have been given a login to Grundlag" in message.body


def test_the_invitation_link_sets_the_password_once(client, administrator, small_organisation):
    carl = small_organisation["people"]["carl"]
    user = account_invite(person=carl, by=administrator)
    link = re.search(r"http://[^/]+(/\S+/)", mail.outbox[0].body).group(1)

    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": "Eg-Bog-Birk-9", "new_password2": "Eg-Bog-Birk-9"}
    )

    user.refresh_from_db()
    assert user.check_password("Eg-Bog-Birk-9")
    assert client.get(link, follow=True).context["validlink"] is False


def test_it_links_the_persons_existing_user_instead_of_making_another(administrator, small_organisation):
    lis = small_organisation["people"]["lis"]
    users_before = get_user_model().objects.count()

    user = account_invite(person=lis, by=administrator)

    assert user == lis.user
    assert get_user_model().objects.count() == users_before
    assert len(mail.outbox) == 1


def test_it_links_an_unattached_account_with_the_same_address(administrator, small_organisation):
    carl = small_organisation["people"]["carl"]
    existing = get_user_model().objects.create_user(username="cc", email="CARL@fiktiv.example.dk")

    assert account_invite(person=carl, by=administrator) == existing


def test_it_refuses_a_person_without_an_email_address(administrator, small_organisation):
    carl = small_organisation["people"]["carl"]
    carl.email = ""
    carl.save()

    with pytest.raises(ValidationError):
        account_invite(person=carl, by=administrator)
    assert mail.outbox == []
    carl.refresh_from_db()
    assert carl.user is None


def test_an_administrator_invites_from_a_page_and_returns_to_it(admin_client, small_organisation):
    carl = small_organisation["people"]["carl"]

    response = admin_client.post(invite_url(carl), {"next": "/organisation/"})

    assert response.status_code == 302
    assert response["Location"] == "/organisation/"
    carl.refresh_from_db()
    assert carl.user is not None


def test_it_does_not_redirect_to_another_site(admin_client, small_organisation):
    response = admin_client.post(
        invite_url(small_organisation["people"]["carl"]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_the_invitation_is_post_only(admin_client, small_organisation):
    assert admin_client.get(invite_url(small_organisation["people"]["carl"])).status_code == 405


def test_only_administrators_may_invite(lis_client, small_organisation):
    carl = small_organisation["people"]["carl"]

    assert lis_client.post(invite_url(carl)).status_code == 403
    carl.refresh_from_db()
    assert carl.user is None
