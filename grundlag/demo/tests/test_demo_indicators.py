"""The demo's figures above the schools: the department's, the municipality's and the country's, so that a
school chief's and a school leader's indicator pages show something at every level."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grundlag.demo.indicators import demo_indicator_rows, demo_school_years, indicators_demo_create
from grundlag.indicators import selectors
from grundlag.indicators.models import Indicator, Observation
from grundlag.indicators.publication import Withheld, Withholding
from grundlag.indicators.publication_cache import publication_cached
from grundlag.organisation.imports.services.applying import organisation_import_generated
from grundlag.organisation.models import Post, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_figures(builtin_frameworks):
    assert organisation_import_generated(scale="municipality", seed=1).applied
    admin = get_user_model().objects.create_user(username="demo-admin", is_staff=True)
    lines: list[str] = []
    indicators_demo_create(admin=admin, report=lines.append)
    return admin


def test_the_department_and_the_municipality_have_figures_made_of_the_schools_and_the_country_its_own(
    demo_figures,
):
    department = Unit.objects.get(name="Skole", kind="Afdeling")
    municipality = Unit.objects.get(kind="Kommune")
    for unit in (department, municipality):
        assert Observation.objects.filter(unit=unit).count() == 4 * 5  # four indicators, five school years
    national = Observation.objects.filter(unit__isnull=True)
    assert national.count() == 3 * 5  # the number of pupils has no national figure
    pupils = Indicator.objects.get(key="demo-elevtal")
    year = Observation.objects.filter(indicator=pupils).order_by("period_start").last().period_start
    schools = Observation.objects.filter(indicator=pupils, period_start=year, unit__kind="Skole")
    assert (
        sum(o.value for o in schools)
        == Observation.objects.get(indicator=pupils, unit=department, period_start=year).value
    )


def test_the_small_school_is_withheld_and_one_more_with_it_under_the_department(demo_figures):
    wellbeing = Indicator.objects.get(key="demo-generel-trivsel")
    third = sorted(
        set(Observation.objects.filter(indicator=wellbeing).values_list("period_start", flat=True))
    )[2]
    decided = publication_cached(indicator=wellbeing, period_kind="school_year", period_start=third)
    reasons = [f.reason for f in decided.figures.values() if isinstance(f, Withheld)]
    assert sorted(reasons) == [Withholding.SECONDARY, Withholding.TOO_FEW]
    department = Unit.objects.get(name="Skole", kind="Afdeling")
    assert decided.figures[department.pk].shown


def test_the_school_chief_sees_the_department_beside_the_municipality_and_the_country_and_the_schools_below(
    demo_figures,
):
    department = Unit.objects.get(name="Skole", kind="Afdeling")
    chief = Post.objects.active_on(timezone.localdate()).get(unit=department, title="Skolechef").person
    chief.user = get_user_model().objects.create_user(username="demo-skolechef")
    chief.save()
    series = selectors.indicator_series_for_user(
        user=chief.user, unit=department, indicator=Indicator.objects.get(key="demo-generel-trivsel")
    )
    assert [line.name for line in series.series] == ["Skole", "Egelund Kommune", "Hele landet"]
    assert all(point.shown and point.interval for line in series.series for point in line.points)
    assert len(series.distribution.rows) == 40
    client = Client()
    client.force_login(chief.user)
    page = client.get(reverse("indicators:indicator", args=[department.pk, "demo-generel-trivsel"]))
    assert page.status_code == 200 and "distribution-chart" in page.content.decode()


def test_the_figures_are_the_same_every_time():
    schools = [Unit(key=f"S{n}", name=f"Skole {n}", path=f"/1/2/{n + 10}/") for n in range(3)]
    years = demo_school_years(datetime.date(2026, 12, 5))
    assert years == ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    first = demo_indicator_rows(schools=schools, years=years)
    assert first == demo_indicator_rows(schools=schools, years=years)
