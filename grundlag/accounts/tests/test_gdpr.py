"""GDPR: a person's data exported as one JSON file, and erased while the organisation history stays."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from grundlag.accounts import gdpr, services
from grundlag.audit.models import AuditEvent
from grundlag.audit.services import audit_record
from grundlag.organisation.imports.planning import erased_key
from grundlag.organisation.models import Post

from .conftest import english, page_text

pytestmark = pytest.mark.django_db


def export(client, person):
    return client.get(reverse("accounts:person_export", args=[person.pk]))


def test_the_export_is_a_json_attachment_named_without_the_name(admin_client, small_organisation):
    lis = small_organisation["people"]["lis"]

    response = export(admin_client, lis)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="person-{lis.pk}.json"'
    assert "Lis" not in response["Content-Disposition"]


def test_the_export_holds_the_person_posts_staff_account_and_audit_events(
    admin_client, administrator, small_organisation
):
    lis = small_organisation["people"]["lis"]
    audit_record(user=administrator, action="person.view", obj=lis)
    audit_record(user=lis.user, action="person.view", obj=small_organisation["people"]["tom"])

    document = json.loads(export(admin_client, lis).content)

    person = document["person"]
    assert (person["name"], person["email"], person["identifier"]) == (
        "Lis Leder",
        "lis@fiktiv.example.dk",
        "lis",
    )
    [post] = document["posts"]
    assert (post["unit"], post["title"], post["manager"]) == ("Ahorn Skole", "Skoleleder", "Carl Chef")
    assert post["level"]
    assert sorted(m["name"] for m in document["manages"]) == ["Tage Lærer", "Tina Lærer", "Tom Lærer"]
    assert document["user_account"]["username"] == "lis"
    assert set(document["user_account"]) >= {"email", "last_login", "date_joined"}
    assert [e["action"] for e in document["audit_events"]["about_them"]] == ["person.view"]
    assert "person.view" in [e["action"] for e in document["audit_events"]["by_them"]]


def test_the_export_never_contains_the_password_hash(admin_client, small_organisation):
    lis = small_organisation["people"]["lis"]

    content = export(admin_client, lis).content.decode()

    assert lis.user.password not in content
    assert "password" not in content


def test_the_export_is_audited(admin_client, administrator, small_organisation):
    lis = small_organisation["people"]["lis"]

    export(admin_client, lis)

    assert AuditEvent.objects.filter(
        action="person.export", user=administrator, object_id=str(lis.pk)
    ).exists()


def test_a_person_may_export_their_own_data_but_not_anyone_elses(lis_client, small_organisation):
    people = small_organisation["people"]

    assert export(lis_client, people["lis"]).status_code == 200
    assert export(lis_client, people["tom"]).status_code == 404  # her staff: viewable, not exportable


def test_another_units_person_gets_404_for_someone_elses_export(ulla_client, small_organisation):
    assert export(ulla_client, small_organisation["people"]["lis"]).status_code == 404


def test_later_apps_add_their_part_through_the_registry(administrator, small_organisation):
    def plans(person):
        return {"development_plans": [{"goal": f"Plan for {person.pk}"}]}

    gdpr.register_exporter(plans)
    try:
        document = services.person_export(person=small_organisation["people"]["lis"], by=administrator)
    finally:
        gdpr._exporters.remove(plans)

    assert document["development_plans"] == [{"goal": f"Plan for {small_organisation['people']['lis'].pk}"}]


# --- Erase ------------------------------------------------------------------------------------------------


def test_the_erase_page_explains_what_goes_and_what_stays(admin_client, small_organisation):
    lis = small_organisation["people"]["lis"]

    response = admin_client.get(english("accounts:person_erase", args=[lis.pk]))

    text = page_text(response)
    assert response.status_code == 200
    assert "Lis Leder" in text
    for erased in ("name", "e-mail address", "identifier", "user account", "login history"):
        assert erased in text
    assert "The posts stay, without the name" in text
    assert "anonymity" in text
    assert "never linked to a person" in text
    assert "Type ERASE to erase the person." in text


def test_erasing_needs_the_word_typed(admin_client, small_organisation):
    lis = small_organisation["people"]["lis"]

    response = admin_client.post(english("accounts:person_erase", args=[lis.pk]), {"confirm": "yes"})

    assert response.status_code == 422
    lis.refresh_from_db()
    assert lis.erased_at is None


def test_erasing_removes_name_email_identifier_and_account_and_keeps_the_posts(
    admin_client, administrator, small_organisation
):
    lis = small_organisation["people"]["lis"]
    user_pk = lis.user.pk
    key_before = lis.key
    audit_record(user=lis.user, action="person.view", obj=small_organisation["people"]["tom"])
    posts_before = Post.objects.count()
    managed_by_lis = set(Post.objects.filter(manager=lis).values_list("pk", flat=True))

    response = admin_client.post(english("accounts:person_erase", args=[lis.pk]), {"confirm": "ERASE"})

    assert response.status_code == 302
    lis.refresh_from_db()
    assert lis.name == gdpr.erased_label(lis)  # "Slettet person 12": stored in the installation's language
    assert str(lis.pk) in lis.name and "Lis" not in lis.name
    assert (lis.email, lis.key, lis.user) == ("", erased_key(lis.source, key_before), None)
    assert key_before not in lis.key
    assert lis.erased_at is not None
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert Post.objects.count() == posts_before
    assert set(Post.objects.filter(manager=lis).values_list("pk", flat=True)) == managed_by_lis
    assert lis.posts.count() == 1
    view = AuditEvent.objects.get(action="person.view")
    assert view.user_label == lis.name
    assert AuditEvent.objects.filter(
        action="person.erase", user=administrator, object_id=str(lis.pk)
    ).exists()
    assert not AuditEvent.objects.filter(user_label="lis").exists()


def test_erasing_twice_is_harmless(administrator, small_organisation):
    lis = small_organisation["people"]["lis"]
    first = services.person_erase(person=lis, by=administrator)

    second = services.person_erase(person=lis, by=administrator)

    assert (second.name, second.erased_at) == (first.name, first.erased_at)
    assert AuditEvent.objects.filter(action="person.erase").count() == 1


def test_erasing_deletes_the_login_throttling_records(client, administrator, small_organisation):
    from axes.models import AccessAttempt

    lis = small_organisation["people"]["lis"]
    client.post(reverse("login"), {"username": "lis", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="lis").exists()

    services.person_erase(person=lis, by=administrator)

    assert not AccessAttempt.objects.filter(username="lis").exists()


def test_only_administrators_may_erase(lis_client, small_organisation):
    tom = small_organisation["people"]["tom"]

    assert lis_client.get(reverse("accounts:person_erase", args=[tom.pk])).status_code == 403
    assert (
        lis_client.post(reverse("accounts:person_erase", args=[tom.pk]), {"confirm": "ERASE"}).status_code
        == 403
    )
    tom.refresh_from_db()
    assert tom.erased_at is None
