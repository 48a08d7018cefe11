"""The administrator imports the real national well-being file with its mapping into the organisation imported
from the real institution register: the upload page, the dry run's report, Apply, the result."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from e2e.conftest import axe_check

REAL = settings.BASE_DIR.parent / "shared" / "realdata"
DATA = REAL / "trivsel_karakterer_skoler_2024.csv"
EXAMPLES = settings.BASE_DIR / "docs" / "examples" / "indicators"
MAPPING = EXAMPLES / "trivsel_karakterer_skoler_2024.mapping.yaml"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real data files are not at {REAL}")


@pytest.fixture
def register(transactional_db):
    from grundlag.organisation.imports.services.applying import org_import
    from grundlag.organisation.tests.factories import UserFactory

    name = "folkeskoler_institutionsregister.csv"
    assert org_import(data=(REAL / name).read_bytes(), filename=name).applied
    UserFactory(username="hr", is_staff=True)


def test_the_administrator_checks_and_applies_the_real_school_file(page, live_server, register):
    from grundlag.indicators.models import Indicator, Observation

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")
    page.get_by_role("link", name="Administration", exact=True).click()
    page.get_by_role("link", name="Importér indikatordata").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importér indikatordata")
    axe_check(page, name="indicators-import-01-start")

    page.get_by_label("Datafil (CSV, XLSX eller JSON)").set_input_files(str(DATA))
    page.get_by_label("Mappingfil (YAML), valgfri").set_input_files(str(MAPPING))
    page.get_by_role("button", name="Kontrollér filen").click()

    # The dry run: 1,080 of the 1,346 schools match; the 266 others are listed by row, and nothing is written.
    expect(page.get_by_text("Læst som en bred fil: 1346 rækker, 1080 enheder fundet.")).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_role("table", name="Det vil importen gøre")).to_contain_text("6480")
    skipped = page.get_by_role("table", name="Rækker sprunget over")
    expect(skipped.get_by_role("row")).to_have_count(266 + 1)
    expect(skipped).to_contain_text("En enhed hedder Bakkeskolen, men ikke under kommunen Gladsaxe.")
    assert Observation.objects.count() == 0
    axe_check(page, name="indicators-import-02-report")

    page.get_by_role("button", name="Gennemfør importen").click()
    expect(page.get_by_text("Importen er gennemført.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("table", name="Det gjorde importen")).to_contain_text("6480")
    expect(page.get_by_role("button", name="Gennemfør importen")).to_have_count(0)
    axe_check(page, name="indicators-import-03-result")
    assert Indicator.objects.count() == 6 and Observation.objects.count() == 6480
