"""The real school file imports into the organisation imported from the real institution register."""

from decimal import Decimal

import pytest
from django.conf import settings

from grundlag.indicators.imports.mapping import mapping_load
from grundlag.indicators.models import DataType, Indicator, Observation
from grundlag.indicators.services import indicators_import
from grundlag.organisation.imports.services.applying import org_import

REAL = settings.BASE_DIR.parent / "shared" / "realdata"
MAPPING = (
    settings.BASE_DIR / "docs" / "examples" / "indicators" / "trivsel_karakterer_skoler_2024.mapping.yaml"
)
FILE = "trivsel_karakterer_skoler_2024.csv"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"the real data files are not at {REAL}"),
]


@pytest.fixture
def register(db):
    name = "folkeskoler_institutionsregister.csv"
    outcome = org_import(data=(REAL / name).read_bytes(), filename=name)
    assert outcome.applied


def real_import(**kwargs):
    mapping = mapping_load(MAPPING.read_bytes())
    return indicators_import(data=(REAL / FILE).read_bytes(), filename=FILE, mapping=mapping, **kwargs)


def test_the_real_file_imports_with_the_shipped_mapping(register):
    outcome = real_import()

    assert outcome.applied and outcome.errors == []
    assert outcome.rows == 1346 and outcome.matched_units == 1080
    assert len(outcome.warnings) == 1346 - 1080  # one per school that did not match, none dropped silently
    assert outcome.counts["new"] == {"indicators": 6, "observations": 1080 * 6}
    assert Indicator.objects.filter(data_type=DataType.PERCEPTION, scale_max=5, min_n=5).count() == 5
    exam = Indicator.objects.get(key="karaktergennemsnit-9-klasse")
    assert (exam.data_type, exam.scale_min, exam.scale_max) == (DataType.RESULT, -3, 12)
    assert set(Indicator.objects.values_list("credit", flat=True)) == {"Kilde: Uddannelsesstatistik.dk"}

    aabybro = Observation.objects.get(indicator=exam, unit__name="Aabybro Skole")
    assert (aabybro.value, aabybro.n, aabybro.period) == (Decimal("7.3954"), 1150, "2023/24")
    assert aabybro.unit.parent.name == "Jammerbugt Kommune"
    general = Observation.objects.get(indicator__key="generel-trivsel", unit=aabybro.unit)
    assert general.value == Decimal("3.5832") and general.n is None
    # Aale Hjortsvang Skole has no exam average: not published, stored as None, never 0.
    hidden = Observation.objects.get(indicator=exam, unit__name="Aale Hjortsvang Skole")
    assert hidden.value is None and hidden.n is None
    assert not Observation.objects.filter(value=0).exists()


def test_the_unmatched_rows_are_reported_with_their_reason(register):
    warnings = {problem.row: str(problem) for problem in real_import(dry_run=True).warnings}

    assert warnings[51] == (
        f"{FILE}:51: Institution: A unit is named Bakkeskolen, but not under the municipality Gladsaxe. "
        "The row is skipped."
    )
    assert sum("but not under the municipality" in text for text in warnings.values()) == 11
    assert Observation.objects.count() == 0


def test_a_re_import_of_the_real_file_changes_nothing(register):
    real_import()
    again = real_import()
    assert again.counts["unchanged"] == {"indicators": 6, "observations": 6480}
    assert again.counts["new"]["observations"] == again.counts["changed"]["observations"] == 0
