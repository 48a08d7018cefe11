"""The accessibility statement has the fields of Digitaliseringsstyrelsen's template, filled from settings."""

import datetime
import html
import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

FILLED = {
    "ACCESSIBILITY_ORGANISATION": "Egelund Kommune",
    "ACCESSIBILITY_SITE_URL": "https://grundlag.egelund.dk/",
    "ACCESSIBILITY_COMPLIANCE": "partial",
    "ACCESSIBILITY_METHOD": "external",
    "ACCESSIBILITY_CONTACT_EMAIL": "tilgaengelighed@egelund.dk",
    "ACCESSIBILITY_CONTACT_PHONE": "70 12 34 56",
    "ACCESSIBILITY_STATEMENT_URL": "https://was.digst.dk/grundlag-egelund-dk",
}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_the_danish_statement_names_who_what_status_gaps_dates_method_contact_and_complaint(client, settings):
    for name, value in FILLED.items():
        setattr(settings, name, value)
    settings.ACCESSIBILITY_PREPARED = datetime.date(2026, 3, 1)
    settings.ACCESSIBILITY_REVIEWED = datetime.date(2026, 11, 15)

    text = text_of(client.get("/tilgaengelighed/"))

    assert (
        "Egelund Kommune forpligter sig til at gøre webstedet https://grundlag.egelund.dk/ tilgængeligt"
        in text
    )
    assert "overholder den harmoniserede standard EN 301 549 (WCAG 2.1 niveau AA) delvist" in text
    assert "Ikke-tilgængeligt indhold" in text and "Begrundelse:" in text
    assert "1. marts 2026" in text and "15. november 2026" in text
    assert "Af en ekstern part." in text
    assert 'href="mailto:tilgaengelighed@egelund.dk"' in text and 'href="tel:70123456"' in text
    assert 'href="https://was.digst.dk/grundlag-egelund-dk"' in text
    assert (
        'href="https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"'
        in text
    )


@override_settings(**FILLED)
def test_the_english_statement_has_the_same_fields_in_english(client):
    text = text_of(client.get("/en/tilgaengelighed/"))

    assert (
        "Egelund Kommune is committed to making the website https://grundlag.egelund.dk/ accessible" in text
    )
    assert "partially conforms to the harmonised standard EN 301 549" in text
    assert "Non-accessible content" in text and "Last reviewed" in text
    assert "By an external party." in text
    assert "E-mail:" in text and "Telephone:" in text
    assert "Contact Digitaliseringsstyrelsen about content that is not accessible" in text


def test_without_settings_it_still_reads_sensibly(client):
    text = text_of(client.get("/en/tilgaengelighed/"))

    assert (
        "The organisation that runs this installation of Grundlag is committed to making the website http"
        in text
    )
    assert "partially conforms" in text
    assert "By the organisation itself." in text
    assert "Contact the organisation that runs this installation of Grundlag." in text


@pytest.mark.parametrize(("compliance", "words"), [("full", "fully conforms"), ("none", "does not conform")])
def test_the_compliance_status_follows_the_setting(client, settings, compliance, words):
    settings.ACCESSIBILITY_COMPLIANCE = compliance

    assert words in text_of(client.get("/en/tilgaengelighed/"))


def test_the_short_address_was_leads_to_the_statement(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    assert client.get("/was").url == "/tilgaengelighed/"

    settings.ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/grundlag-egelund-dk"
    assert client.get("/was").url == "https://www.was.digst.dk/grundlag-egelund-dk"
