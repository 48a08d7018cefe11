import pytest
from django.core import mail
from django.urls import reverse

from grundlag.networks.models import Newsletter
from grundlag.networks.newsletters import services
from grundlag.networks.newsletters.services.background import newsletter_send


@pytest.fixture
def sent(forum, people):
    newsletter = services.newsletter_create(
        forum=forum, subject="Sendt nyhedsbrev", body="Hej *alle*", by=people["dorte"].user
    )
    newsletter_send(newsletter=newsletter, by=people["dorte"].user)
    mail.outbox.clear()
    return newsletter


@pytest.fixture
def draft(forum, people):
    return services.newsletter_create(
        forum=forum, subject="Kladde", body="<script>alert(1)</script>\n- punkt", by=people["dorte"].user
    )


def url(name, newsletter, *more):
    return reverse(f"networks:{name}", args=[newsletter.forum.slug, newsletter.pk, *more])


def test_members_read_the_archive_and_each_sent_newsletter(sent, draft, lis_client):
    archive = lis_client.get(reverse("networks:newsletter_list", args=["data"]))
    assert archive.status_code == 200
    assert "Sendt nyhedsbrev" in archive.content.decode() and "Kladde" not in archive.content.decode()
    issue = lis_client.get(url("newsletter_detail", sent))
    assert issue.status_code == 200 and "Hej <em>alle</em>" in issue.content.decode()


def test_a_draft_is_not_there_for_members(draft, lis_client):
    for name in ("newsletter_detail", "newsletter_edit"):
        assert lis_client.get(url(name, draft)).status_code == 404
    assert lis_client.post(url("newsletter_send", draft)).status_code == 404
    assert not mail.outbox


@pytest.mark.parametrize("who", ["bo_client", "tom_client", "ulla_client"])
def test_the_newsletters_are_not_there_for_anyone_but_members_and_organisers(sent, draft, request, who):
    client = request.getfixturevalue(who)
    assert client.get(reverse("networks:newsletter_list", args=["data"])).status_code == 404
    for newsletter in (sent, draft):
        response = client.get(url("newsletter_detail", newsletter))
        assert response.status_code == 404 and "Sendt nyhedsbrev" not in response.content.decode()
    assert client.post(url("newsletter_send", draft)).status_code == 404
    assert not mail.outbox


def test_a_member_may_not_write_or_send(forum, draft, members, people):
    from grundlag.networks.conftest import client_for

    # Bo is a member now (the `members` fixture): he reads the archive, but does not write.
    bo = client_for(people["bo"].user)
    assert bo.get(reverse("networks:newsletter_list", args=["data"])).status_code == 200
    assert bo.get(reverse("networks:newsletter_create", args=["data"])).status_code == 403
    assert (
        bo.post(
            reverse("networks:newsletter_create", args=["data"]), {"subject": "X", "body": "Y"}
        ).status_code
        == 403
    )
    assert Newsletter.objects.count() == 1


def test_an_organiser_writes_previews_and_sends(forum, members, dorte_client):
    create = reverse("networks:newsletter_create", args=["data"])
    assert dorte_client.get(create).status_code == 200
    refused = dorte_client.post(create, {"subject": "", "body": ""})
    assert refused.status_code == 422 and 'class="form-error-message"' in refused.content.decode()

    response = dorte_client.post(create, {"subject": "Invitation", "body": "Kom *glad*\n\n<b>fed</b>"})
    newsletter = Newsletter.objects.get()
    assert response["Location"] == url("newsletter_detail", newsletter)
    preview = dorte_client.get(url("newsletter_detail", newsletter)).content.decode()
    assert "Kom <em>glad</em>" in preview and "&lt;b&gt;fed&lt;/b&gt;" in preview
    assert "<b>fed</b>" not in preview
    assert not mail.outbox

    dorte_client.post(url("newsletter_send", newsletter))
    assert sorted(m.to[0] for m in mail.outbox) == ["bo@fiktiv.example.dk", "lis@fiktiv.example.dk"]
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None

    dorte_client.post(url("newsletter_send", newsletter))
    assert len(mail.outbox) == 2
    edit = dorte_client.get(url("newsletter_edit", newsletter))
    assert edit.status_code == 302


def test_an_organiser_edits_and_deletes_a_draft(draft, dorte_client):
    dorte_client.post(url("newsletter_edit", draft), {"subject": "Ny kladde", "body": "Tekst"})
    draft.refresh_from_db()
    assert draft.subject == "Ny kladde"
    response = dorte_client.post(url("newsletter_delete", draft))
    assert response["Location"] == reverse("networks:newsletter_list", args=["data"])
    assert not Newsletter.objects.exists()
