import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from grundlag.organisation.tests.factories import PostFactory, UnitFactory


@pytest.fixture
def as_user(client):
    def sign_in(person_or_user):
        user = getattr(person_or_user, "user", person_or_user)
        client.force_login(user)
        return client

    return sign_in


def test_the_chart_shows_the_top_units_with_their_leaders(small_organisation, as_user):
    client = as_user(small_organisation["people"]["lis"])
    page = client.get(reverse("organisation:chart")).content.decode()
    assert "Fiktiv Kommune" in page
    assert "Dorte Direktør" in page
    assert "Ahorn Skole" not in page  # collapsed until opened


def test_opening_a_unit_in_the_chart_loads_its_children(small_organisation, as_user):
    client = as_user(small_organisation["people"]["lis"])
    schools = small_organisation["units"]["schools"]
    url = reverse("organisation:chart_children", args=[schools.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Ahorn Skole" in page and "Birk Skole" in page
    assert "Lis Leder" in page
    assert client.get(url).status_code == 302  # without JavaScript: the unit's page


def test_the_chart_finds_units_by_name_with_where_they_sit(small_organisation, as_user):
    client = as_user(small_organisation["people"]["lis"])
    page = client.get(reverse("organisation:chart"), {"q": "birk"}).content.decode()
    assert "Birk Skole" in page
    assert "Fiktiv Kommune › Skoleafdelingen" in page


def test_the_chart_shows_the_organisation_on_an_earlier_day(small_organisation, as_user):
    client = as_user(small_organisation["people"]["lis"])
    UnitFactory(
        name="Nedlagt Skole", start_date=datetime.date(2000, 1, 1), end_date=datetime.date(2025, 7, 31)
    )
    assert "Nedlagt Skole" not in client.get(reverse("organisation:chart")).content.decode()
    earlier = client.get(reverse("organisation:chart"), {"on": "2025-03-01"}).content.decode()
    assert "Nedlagt Skole" in earlier
    assert "1. marts 2025" in earlier


def test_a_unit_page_lists_only_the_people_the_viewer_may_see(small_organisation, as_user):
    people, units = small_organisation["people"], small_organisation["units"]
    with translation.override("en"):
        url = reverse("organisation:unit", args=[units["birk"].pk])
    lis_view = as_user(people["lis"]).get(url).content.decode()
    assert "Ulla Lærer" not in lis_view
    assert "3 more posts in this unit are not shown" in lis_view
    own = as_user(people["lis"]).get(reverse("organisation:unit", args=[units["ahorn"].pk])).content.decode()
    assert "Tom Lærer" in own


def test_a_person_page_shows_posts_chain_and_reports(small_organisation, as_user):
    people = small_organisation["people"]
    page = (
        as_user(people["dorte"]).get(reverse("organisation:person", args=[people["lis"].pk])).content.decode()
    )
    assert "Skoleleder" in page
    chain = page[page.index('class="grundlag-chain"') :]
    assert chain.index("Dorte Direktør") < chain.index("Carl Chef") < chain.index("Lis Leder")
    assert "Tom Lærer" in page and "Tina Lærer" in page


def test_a_directors_page_counts_the_leaders_below_by_level_and_lists_them(small_organisation, as_user):
    people = small_organisation["people"]
    client = as_user(people["dorte"])
    page = client.get(reverse("organisation:my_page")).content.decode()
    section = page[page.index('id="leaders-below-heading"') :]
    assert "Forvaltningschef" in section and "Dagtilbuds-, skole- og FU-leder" in section
    url = reverse("organisation:leaders_below", args=[people["dorte"].pk])
    listing = client.get(url).content.decode()
    assert all(name in listing for name in ("Carl Chef", "Lis Leder", "Bo Leder"))
    assert "Tom Lærer" not in listing  # a teacher is not a leader
    school_leaders = client.get(url, {"level": "dagtilbuds-skole-og-fu-leder"}).content.decode()
    carl_link = f'{reverse("organisation:person", args=[people["carl"].pk])}">Carl Chef'
    assert "Lis Leder" in school_leaders and carl_link not in school_leaders and carl_link in listing


def test_leaders_below_are_of_the_day_and_need_sight_of_the_person(small_organisation, as_user):
    people = small_organisation["people"]
    people["lis"].posts.update(start_date=datetime.date(2020, 1, 1))
    url = reverse("organisation:leaders_below", args=[people["carl"].pk])
    assert "Lis Leder" in as_user(people["dorte"]).get(url).content.decode()
    earlier = as_user(people["dorte"]).get(url, {"on": "2019-12-31"}).content.decode()
    assert "Lis Leder" not in earlier and "Bo Leder" in earlier
    assert as_user(people["bo"]).get(url).status_code == 404


def test_viewing_someone_else_is_audited_and_viewing_oneself_is_not(small_organisation, as_user):
    from grundlag.audit.models import AuditEvent

    people = small_organisation["people"]
    client = as_user(people["lis"])
    client.get(reverse("organisation:person", args=[people["lis"].pk]))
    assert not AuditEvent.objects.filter(action="person.view").exists()
    client.get(reverse("organisation:person", args=[people["tom"].pk]))
    event = AuditEvent.objects.get(action="person.view")
    assert (event.user, event.object_id) == (people["lis"].user, str(people["tom"].pk))


def test_no_one_sees_a_person_outside_their_chain(small_organisation, as_user):
    people = small_organisation["people"]
    response = as_user(people["lis"]).get(reverse("organisation:person", args=[people["ulla"].pk]))
    assert response.status_code == 404
    assert "Ulla" not in response.content.decode()
    response = as_user(people["tom"]).get(reverse("organisation:person", args=[people["lis"].pk]))
    assert response.status_code == 404


def test_my_page_shows_my_posts_level_expectations_manager_and_reports(small_organisation, as_user):
    page = as_user(small_organisation["people"]["lis"]).get(reverse("organisation:my_page")).content.decode()
    assert "Skoleleder" in page
    assert "Carl Chef" in page  # my manager
    assert "Tom Lærer" in page  # the people I lead
    assert "Dagtilbuds-, skole- og FU-leder" in page
    assert "job-description" in page


def test_my_page_of_an_employee_has_no_expectations_section(small_organisation, as_user):
    page = as_user(small_organisation["people"]["tom"]).get(reverse("organisation:my_page")).content.decode()
    assert "Lis Leder" in page
    assert "grundlag-expected" not in page


def test_my_page_explains_an_account_without_a_person(leader_client):
    response = leader_client.get(reverse("organisation:my_page"))
    assert response.status_code == 200
    assert (
        "ikke knyttet til en person" in response.content.decode() or "not linked" in response.content.decode()
    )


def test_an_administrator_without_a_person_gets_a_plain_title_and_one_link_to_the_administration(
    admin_client,
):
    page = admin_client.get(reverse("organisation:my_page")).content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<a" not in title and "Min side" in title
    assert page.count(reverse("core:administration") + '"') == 2  # the menu's link and the page's own


def test_span_of_control_flags_leaders_above_the_threshold_with_chart_and_table(
    small_organisation, admin_client
):
    page = admin_client.get(reverse("organisation:span_of_control"), {"threshold": "2"}).content.decode()
    assert '<script id="span-chart" type="application/json">' in page
    assert page.count("<table") == 3
    flagged = page[page.index("grundlag-visually-hidden", page.rindex("<table")) :]
    assert "Lis Leder" in flagged and "Bo Leder" not in flagged


def test_span_of_control_can_be_limited_to_a_unit_and_a_level(small_organisation, admin_client):
    units = small_organisation["units"]
    page = admin_client.get(
        reverse("organisation:span_of_control"),
        {"threshold": "1", "unit": units["birk"].pk, "level": "dagtilbuds-skole-og-fu-leder"},
    ).content.decode()
    assert "Bo Leder" in page and "Lis Leder" not in page and "Carl Chef" not in page


def test_span_of_control_refuses_a_nonsense_threshold_with_a_message(small_organisation, admin_client):
    page = admin_client.get(reverse("organisation:span_of_control"), {"threshold": "-3"}).content.decode()
    assert "form-error-message" in page


def test_employees_and_anonymous_visitors_do_not_get_the_chart(small_organisation, as_user, client):
    assert client.get(reverse("organisation:chart")).status_code == 302
    tom = as_user(small_organisation["people"]["tom"])
    assert tom.get(reverse("organisation:chart")).status_code == 403
    assert tom.get(reverse("organisation:span_of_control")).status_code == 403


def test_a_post_on_an_old_framework_version_shows_the_current_expectations(small_organisation, as_user):
    from grundlag.organisation.selectors import level_current

    post = PostFactory.build(level=small_organisation["people"]["lis"].posts.first().level)
    assert level_current(level=post.level) == post.level
