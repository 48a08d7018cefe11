"""The organisation's part of the start page: what is expected of a leader, and the recent imports."""

import pytest
from django.urls import reverse

from grundlag.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_a_leader_sees_what_is_expected_at_their_level_and_whom_they_lead(lis_client):
    page = _main(lis_client.get(reverse("core:home")))
    assert "Hvad der forventes af dig" in page
    assert "Som Skoleleder i Ahorn Skole leder du på niveauet Dagtilbuds-, skole- og FU-leder." in page
    assert "Jeg skal lykkes med" in page  # a section of the level, with its statements counted
    assert "4 udsagn" in page
    assert (
        reverse("frameworks:level", args=["aarhus-boern-og-unge", 1, "dagtilbuds-skole-og-fu-leder"]) in page
    )
    assert "Du leder 3 personer direkte." in page


def test_a_person_who_leads_no_one_sees_nothing_about_leading(ulla_client):
    page = _main(ulla_client.get(reverse("core:home")))
    assert "Hvad der forventes af dig" not in page
    assert "leder" not in page.lower().replace("ledelsesgrundlag", "")
    assert "Evalueringer, der venter på dine svar" in page


def test_an_administrator_sees_the_recent_imports_and_their_outcome(admin_client, administrator):
    page = _main(admin_client.get(reverse("core:home")))
    assert "Der er endnu ikke importeret nogen organisation." in page
    audit_record(
        user=administrator,
        action="organisation.import",
        detail="format=hr source=upload rows=120 units,people,posts new=4,30,31 changed=0,2,1 ended=0,0,3 "
        "unchanged=10,60,60",
    )
    page = _main(admin_client.get(reverse("core:home")))
    assert "120 rækker læst." in page
    assert "Nye: 4 enheder, 30 personer, 31 stillinger." in page
    assert "Ophørte: 0 enheder, 0 personer, 3 stillinger." in page


def test_the_imports_are_for_administrators_only(lis_client, administrator):
    audit_record(user=administrator, action="organisation.import", detail="rows=5 new=1,1,1")
    assert "Seneste import af organisationen" not in _main(lis_client.get(reverse("core:home")))
