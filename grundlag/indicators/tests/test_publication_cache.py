"""The gate's decisions are kept until the next import, and an import is seen by the very next read."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from grundlag.audit.models import AuditEvent
from grundlag.indicators.models import Indicator, Observation, PeriodKind
from grundlag.indicators.publication import Shown, Withheld, Withholding, publication_load
from grundlag.indicators.publication_cache import (
    publication_cache_clear,
    publication_cached,
    publication_generation,
)
from grundlag.indicators.tests.pages import ROWS, WITHHELD_AHORN, figures_import

pytestmark = pytest.mark.django_db

YEAR = {"period_kind": PeriodKind.SCHOOL_YEAR, "period_start": datetime.date(2024, 8, 1)}
LAST_YEAR = {"period_kind": PeriodKind.SCHOOL_YEAR, "period_start": datetime.date(2023, 8, 1)}


@pytest.fixture(autouse=True)
def nothing_kept():
    publication_cache_clear()
    cache.clear()
    yield
    publication_cache_clear()


def test_it_gives_what_the_gate_decides(small_organisation):
    figures_import()
    trivsel = Indicator.objects.get(key="trivsel")
    for period in (YEAR, LAST_YEAR):
        kept, made = (
            publication_cached(indicator=trivsel, **period),
            publication_load(indicator=trivsel, **period),
        )
        assert dict(kept.figures) == dict(made.figures)
        assert kept.national == made.national
        assert dict(kept.tables) == dict(made.tables)


def test_a_withheld_figure_is_kept_as_its_reason_alone(small_organisation):
    figures_import()
    ahorn = small_organisation["units"]["ahorn"].pk
    publication = publication_cached(indicator=Indicator.objects.get(key="trivsel"), **LAST_YEAR)
    assert publication.figures[ahorn] == Withheld(ahorn, Withholding.SECONDARY)
    # What the (local memory) cache holds, pickled: the shown figures' values, never a withheld one's.
    stored = [value for key, value in cache._cache.items() if "indicators:publication" in key]
    assert len(stored) == 1
    assert b"3.9000" in stored[0]  # the department's, shown
    assert WITHHELD_AHORN.encode() not in stored[0]
    assert b"3.6044" not in stored[0]  # Birk Skole's, too few answers


def test_an_import_makes_the_next_read_see_the_new_figures(small_organisation, django_assert_num_queries):
    figures_import()
    trivsel = Indicator.objects.get(key="trivsel")
    ahorn = small_organisation["units"]["ahorn"].pk
    assert publication_cached(indicator=trivsel, **YEAR).figures[ahorn].value == Decimal("4.1266")
    with django_assert_num_queries(1):  # kept: only the generation is read
        publication_cached(indicator=trivsel, **YEAR)
    before = publication_generation()
    figures_import(ROWS.replace("trivsel,ahorn,2024/25,4.1266,118", "trivsel,ahorn,2024/25,4.2000,118"))
    assert publication_generation() != before
    assert publication_cached(indicator=trivsel, **YEAR).figures[ahorn] == Shown(
        ahorn, Decimal("4.2000"), 118, Decimal("0.6000")
    )


def test_an_import_that_withholds_a_figure_is_seen_at_once(small_organisation):
    figures_import()
    trivsel = Indicator.objects.get(key="trivsel")
    birk = small_organisation["units"]["birk"].pk
    assert publication_cached(indicator=trivsel, **YEAR).figures[birk].shown
    figures_import(ROWS.replace("trivsel,birk,2024/25,3.7455,85", "trivsel,birk,2024/25,3.7455,4"))
    assert publication_cached(indicator=trivsel, **YEAR).figures[birk] == Withheld(birk, Withholding.TOO_FEW)


def test_an_other_process_reads_the_decision_from_the_shared_cache(
    small_organisation, django_assert_num_queries
):
    figures_import()
    trivsel = Indicator.objects.get(key="trivsel")
    made = publication_cached(indicator=trivsel, **YEAR)
    publication_cache_clear()  # as a fresh process: nothing decoded in it yet
    with django_assert_num_queries(1):
        kept = publication_cached(indicator=trivsel, **YEAR)
    assert dict(kept.figures) == dict(made.figures)


def test_figures_written_by_no_import_are_never_kept(small_organisation):
    trivsel = Indicator.objects.create(key="t", name="T", data_type="perceptionsdata", direction="higher")
    ahorn = small_organisation["units"]["ahorn"]
    observation = Observation.objects.create(
        indicator=trivsel, unit=ahorn, period="2024/25", value=3, n=9, **YEAR
    )
    assert publication_cached(indicator=trivsel, **YEAR).figures[ahorn.pk].shown
    Observation.objects.filter(pk=observation.pk).update(n=2)
    assert not publication_cached(indicator=trivsel, **YEAR).figures[ahorn.pk].shown


def test_an_import_that_commits_after_a_newer_one_still_makes_a_new_generation(small_organisation):
    """Two imports in two processes: the one that began first (its audit row's id and time are the older)
    commits last. Its figures must still be seen: the generation counts the committed imports."""
    figures_import()
    newer = AuditEvent.objects.filter(action="indicators.import").latest("id")
    before = publication_generation()
    # The late commit: a row older in time and id than the newest becomes visible only now.
    AuditEvent.objects.create(action="indicators.import", detail="")
    AuditEvent.objects.filter(action="indicators.import").exclude(pk=newer.pk).filter(pk__gt=newer.pk).update(
        at=newer.at - datetime.timedelta(seconds=5)
    )
    assert publication_generation() != before
