"""Objects the action plans' tests share: a well-being indicator with figures over three school years for the
small organisation's schools, their department, the municipality and the country."""

import datetime
from decimal import Decimal

from grundlag.indicators.models import DataType, Direction, Indicator, Observation, PeriodKind

YEARS = ((2021, "2021/22"), (2022, "2022/23"), (2023, "2023/24"))


def wellbeing_indicator(*, key: str = "trivsel-social") -> Indicator:
    """An indicator shown at any unit (n at least 5), with no figures yet."""
    return Indicator.objects.create(
        key=key,
        name="Social trivsel",
        data_type=DataType.PERCEPTION,
        unit_of_measure="gennemsnit",
        decimals=1,
        direction=Direction.HIGHER,
        source="Undervisningsministeriet",
        credit="Kilde: Uddannelsesstatistik.dk",
        min_n=5,
        lowest_level="unit",
    )


def observe(
    indicator: Indicator, unit, year: int, label: str, value: str | None, n: int | None = 100
) -> Observation:
    return Observation.objects.create(
        indicator=indicator,
        unit=unit,
        period_kind=PeriodKind.SCHOOL_YEAR,
        period_start=datetime.date(year, 8, 1),
        period=label,
        value=None if value is None else Decimal(value),
        n=n,
    )


def wellbeing_figures(indicator: Indicator, units: dict, *, years=YEARS[:1]) -> None:
    """Figures for Ahorn, Birk, the school department, the municipality and the country in the given years
    (by default the first): Ahorn 3.8 rising by 0.1 a year."""
    for year, label in years:
        rise = Decimal("0.1") * (year - YEARS[0][0])
        observe(indicator, units["ahorn"], year, label, str(Decimal("3.8") + rise), 120)
        observe(indicator, units["birk"], year, label, "4.0", 140)
        observe(indicator, units["schools"], year, label, "3.9", 260)
        observe(indicator, units["municipality"], year, label, "3.9", 900)
        observe(indicator, None, year, label, "3.95", 500000)
