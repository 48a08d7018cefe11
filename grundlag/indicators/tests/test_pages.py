"""The indicator pages: the index, a unit's indicators and one indicator over time, in Danish, each figure
through the publication gate (a withheld figure reaches no page), each chart with its table and credit."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grundlag.indicators import selectors
from grundlag.indicators.models import Indicator
from grundlag.indicators.publication_cache import publication_cache_clear
from grundlag.indicators.tests.pages import CREDIT, WITHHELD_AHORN, WITHHELD_AHORN_DANISH, figures_import

pytestmark = pytest.mark.django_db

BIRK_TOO_FEW = ("3.6044", "3,60")  # Birk Skole's well-being in 2023/24: three answers


@pytest.fixture(autouse=True)
def danish():
    """The pages are read in Danish, the default (this folder's conftest reads messages in English)."""
    publication_cache_clear()
    with translation.override("da"):
        yield


@pytest.fixture
def org(small_organisation):
    figures_import()
    return small_organisation


def client_of(org, name: str) -> Client:
    client = Client()
    client.force_login(org["people"][name].user)
    return client


def page(client: Client, name: str, *args) -> str:
    response = client.get(reverse(f"indicators:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def chart_spec(html: str, chart_id: str) -> dict:
    found = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no chart {chart_id}"
    return json.loads(found.group(1))


# --- selectors ---


def test_a_leader_gets_her_own_unit_and_no_one_elses(org, administrator):
    lis, dorte, ulla = (org["people"][name].user for name in ("lis", "dorte", "ulla"))
    ahorn, birk = org["units"]["ahorn"], org["units"]["birk"]
    assert selectors.unit_get_for_user(user=lis, pk=ahorn.pk) == ahorn
    for user, unit in [(lis, birk), (ulla, birk), (ulla, ahorn)]:
        with pytest.raises(Http404):
            selectors.unit_get_for_user(user=user, pk=unit.pk)
    for user in (dorte, administrator):
        assert selectors.unit_get_for_user(user=user, pk=birk.pk) == birk
    with pytest.raises(Http404):
        selectors.unit_get_for_user(user=administrator, pk=birk.pk + 1000)


def test_the_index_lists_the_units_led_and_those_below_with_figures(org, administrator):
    units = org["units"]
    lis = selectors.units_for_user(user=org["people"]["lis"].user)
    assert (lis.led, lis.below) == ([units["ahorn"]], [])
    dorte = selectors.units_for_user(user=org["people"]["dorte"].user)
    assert dorte.led == [units["municipality"]]
    assert dorte.below == [units["schools"], units["ahorn"], units["birk"]]
    found = selectors.units_for_user(user=administrator, query="birk")
    assert found.searching and found.found == [units["birk"]]
    with pytest.raises(PermissionDenied):
        selectors.units_for_user(user=org["people"]["ulla"].user)


def test_a_units_indicators_come_by_data_type_in_the_order_of_the_broad_data_concept(org):
    ahorn = org["units"]["ahorn"]
    figures = selectors.unit_indicators_for_user(user=org["people"]["lis"].user, unit=ahorn)
    assert [group.data_type for group in figures.groups] == ["demografiske-data", "perceptionsdata"]
    wellbeing = figures.groups[1]
    assert [unit.name for unit in wellbeing.columns] == ["Skoleafdelingen", "Fiktiv Kommune"]
    assert wellbeing.national and wellbeing.credits == (CREDIT,)
    (row,) = wellbeing.rows
    assert (row.period.label, row.point.value, row.previous.label) == (
        "2024/25",
        Decimal("4.1266"),
        "2023/24",
    )
    assert row.change is None  # last year's figure is withheld: no change to show
    assert [point.value for point in row.above] == [Decimal("3.95"), Decimal("3.95")]
    pupils = figures.groups[0].rows[0]
    assert pupils.change.delta == 8 and pupils.change.within_noise is None


def test_an_indicator_over_time_holds_a_withheld_figure_as_its_reason_alone(org):
    ahorn = org["units"]["ahorn"]
    series = selectors.indicator_series_for_user(
        user=org["people"]["lis"].user, unit=ahorn, indicator=Indicator.objects.get(key="trivsel")
    )
    assert [p.label for p in series.periods] == ["2022/23", "2023/24", "2024/25"]
    assert [line.name for line in series.series] == [
        "Ahorn Skole",
        "Skoleafdelingen",
        "Fiktiv Kommune",
        "Hele landet",
    ]
    withheld = series.series[0].points[1]
    assert (withheld.value, withheld.n, withheld.sd, withheld.interval) == (None, None, None, None)
    assert withheld.reason == "Skjult: ville gøre det muligt at beregne et skjult tal"
    assert series.changes == () and not series.mostly_noise
    assert series.distribution is None  # nothing below a school


def test_most_changes_of_the_department_lie_within_the_noise(org):
    schools = org["units"]["schools"]
    series = selectors.indicator_series_for_user(
        user=org["people"]["dorte"].user, unit=schools, indicator=Indicator.objects.get(key="trivsel")
    )
    assert [step.change.within_noise for step in series.changes] == [True, True]
    assert series.mostly_noise
    interval = series.series[0].points[2].interval
    assert interval.low == pytest.approx(3.95 - 1.96 * 0.6 / 203**0.5)


def test_the_distribution_shows_the_shown_figures_of_the_units_below_only(org):
    schools = org["units"]["schools"]
    series = selectors.indicator_series_for_user(
        user=org["people"]["dorte"].user, unit=schools, indicator=Indicator.objects.get(key="trivsel")
    )
    spread = series.distribution
    assert spread.period.label == "2024/25"
    assert [(row.name, row.point.value) for row in spread.rows] == [
        ("Ahorn Skole", Decimal("4.1266")),
        ("Birk Skole", Decimal("3.7455")),
    ]
    assert spread.median == pytest.approx((4.1266 + 3.7455) / 2)


def test_the_distribution_reaches_down_past_units_without_figures(org, administrator):
    """The municipality's own figure has the department below it; were it not there, the schools."""
    municipality = org["units"]["municipality"]
    trivsel = Indicator.objects.get(key="trivsel")
    series = selectors.indicator_series_for_user(user=administrator, unit=municipality, indicator=trivsel)
    assert [row.name for row in series.distribution.rows] == ["Skoleafdelingen"]
    pupils = Indicator.objects.get(key="elevtal")  # schools only: the municipality and department have none
    series = selectors.indicator_series_for_user(user=administrator, unit=municipality, indicator=pupils)
    assert [row.name for row in series.distribution.rows] == ["Ahorn Skole", "Birk Skole"]
    assert all(not point.shown for point in series.series[0].points)


# --- pages ---


def test_a_leader_reads_her_units_indicators_in_danish(org):
    html = page(client_of(org, "lis"), "unit", org["units"]["ahorn"].pk)
    assert "Indikatorer for Ahorn Skole" in html
    assert "<h2" in html and "Perceptionsdata" in html and "Demografiske data" in html
    assert html.index("Demografiske data") < html.index("Perceptionsdata")
    assert "4,13" in html and "Hele landet" in html and "Skoleafdelingen" in html
    assert "+8" in html and "kan ikke vurderes: n eller standardafvigelse kendes ikke" in html
    assert CREDIT in html
    assert 'class="table--responsive-scroll' in html
    assert reverse("indicators:indicator", args=[org["units"]["ahorn"].pk, "trivsel"]) in html


def test_a_withheld_figure_reaches_no_page(org):
    lis = client_of(org, "lis")
    ahorn = org["units"]["ahorn"].pk
    pages = [
        page(lis, "unit", ahorn),
        page(lis, "indicator", ahorn, "trivsel"),
        page(client_of(org, "dorte"), "indicator", org["units"]["schools"].pk, "trivsel"),
        page(client_of(org, "dorte"), "unit", org["units"]["schools"].pk),
        lis.get(reverse("core:home")).content.decode(),
    ]
    for html in pages:
        for secret in (WITHHELD_AHORN, WITHHELD_AHORN_DANISH, "3.9137", *BIRK_TOO_FEW):
            assert secret not in html


def test_an_indicator_page_has_its_chart_its_table_its_credit_and_the_reason_for_a_hidden_figure(org):
    html = page(client_of(org, "lis"), "indicator", org["units"]["ahorn"].pk, "trivsel")
    assert "Generel trivsel: Ahorn Skole" in html
    spec = chart_spec(html, "series-chart")
    assert "vega-lite" in spec["$schema"]
    drawn = {(row["series"], row["period"]): row["value"] for row in spec["data"]["values"]}
    assert drawn[("Ahorn Skole", "2024/25")] == pytest.approx(4.1266)
    assert drawn[("Ahorn Skole", "2023/24")] is None  # withheld: a gap in the line, no value
    assert drawn[("Hele landet", "2023/24")] == pytest.approx(3.8611)
    assert "Generel trivsel pr. periode (i parentes: 95 %-intervallet)" in html  # the table beside the chart
    assert "Skjult: ville gøre det muligt at beregne et skjult tal" in html
    assert "(4,02\u2060–\u20604,23)" in html
    assert html.count(CREDIT) >= 1
    assert 'data-chart-label="Kurvediagram: tallet for Ahorn Skole' in html


def test_the_department_page_says_most_changes_are_noise_and_shows_the_schools(org):
    html = page(client_of(org, "dorte"), "indicator", org["units"]["schools"].pk, "trivsel")
    assert "De fleste ændringer fra år til år i tallet for Skoleafdelingen ligger inden for støjen" in html
    assert "inden for støjen: ændringen kan være tilfældig" in html
    spec = chart_spec(html, "distribution-chart")
    assert [row["unit"] for row in spec["data"]["values"]] == ["Ahorn Skole", "Birk Skole"]
    assert "Enhederne under i 2024/25" in html
    assert "2 enheder under Skoleafdelingen har et vist tal for 2024/25." in html
    assert html.count(CREDIT) == 2  # under each chart


def test_the_index_offers_a_leader_her_units_and_the_administrator_a_search(org, admin_client):
    html = page(client_of(org, "lis"), "index")
    assert "De enheder, du leder" in html and "Ahorn Skole" in html and "Birk Skole" not in html
    html = admin_client.get(reverse("indicators:index"), {"q": "birk"}).content.decode()
    assert 'role="search"' in html and "Birk Skole" in html
    assert client_of(org, "ulla").get(reverse("indicators:index")).status_code == 403


def test_the_menu_offers_the_indicators_to_leaders_only(org):
    assert reverse("indicators:index") in page(client_of(org, "lis"), "index")
    staff = client_of(org, "tom").get(reverse("core:home")).content.decode()
    assert reverse("indicators:index") not in staff


def test_the_start_page_shows_a_leader_her_units_key_figures(org):
    html = client_of(org, "lis").get(reverse("core:home")).content.decode()
    assert "Nøgletal for de enheder, du leder" in html
    assert "Generel trivsel" in html and "4,13" in html
    assert "Alle indikatorer for Ahorn Skole" in html
    assert "Nøgletal" not in client_of(org, "tom").get(reverse("core:home")).content.decode()


def test_the_pages_speak_english_on_english_pages(org):
    html = client_of(org, "lis").get("/en" + reverse("indicators:unit", args=[org["units"]["ahorn"].pk]))
    text = html.content.decode()
    assert "Indicators of Ahorn Skole" in text and "The whole country" in text and "4.13" in text
