"""Chart specs of the indicator pages, drawn in the page (templates/_chart.html) beside a table of the same
figures, as the evaluation reports' (grundlag/evaluations/reports/charts.py): each spec's shape is built once
per process with Altair (several milliseconds) and a page's figures go into a copy of it as its data.

Only shown figures are drawn: a withheld figure has no value to draw (its row in the table says why).
"""

from functools import lru_cache

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .selectors import Distribution, IndicatorSeries

COLOURS = ["#0059b3", "#b35900", "#357a38", "#6b3fa0", "#8a1c1c", "#333333"]


def _with_values(spec: dict, values: list[dict]) -> dict:
    """The cached spec with these figures as its data; the cached one itself is never changed."""
    return {**spec, "data": {"values": values}}


def _float(value: object) -> float:
    return round(float(value), 4)  # type: ignore[arg-type]


def series_rows(series: IndicatorSeries) -> list[dict]:
    """The figures the line chart draws: every shown point, with its 95% interval where known; a period
    without a shown figure is a null (no value to send), which breaks the line there instead of drawing
    across it."""
    rows: list[dict] = []
    for line in series.series:
        for period, point in zip(series.periods, line.points, strict=True):
            if point.value is None:
                rows.append({"period": period.label, "series": line.name, "value": None})
                continue
            row = {"period": period.label, "series": line.name, "value": _float(point.value)}
            if point.interval is not None:
                row["low"] = round(point.interval.low, 4)
                row["high"] = round(point.interval.high, 4)
            rows.append(row)
    return rows


def series_spec(series: IndicatorSeries) -> dict:
    """The indicator over time: a line per unit (the page's unit, the units above it, the country), a band
    for the 95% interval where known."""
    shape = _series_shape(
        get_language(),
        tuple(period.label for period in series.periods),
        tuple(line.name for line in series.series),
        _axis_title(series),
    )
    return _with_values(shape, series_rows(series))


def _axis_title(series: IndicatorSeries) -> str:
    indicator = series.indicator
    return f"{indicator.name} ({indicator.unit_of_measure})" if indicator.unit_of_measure else indicator.name


@lru_cache(maxsize=512)
def _series_shape(language: str, periods: tuple[str, ...], names: tuple[str, ...], title: str) -> dict:
    base = alt.Chart(alt.Data(values=[])).encode(
        x=alt.X("period:O", title=_("Period"), sort=list(periods), axis=alt.Axis(labelAngle=0)),
        color=alt.Color(
            "series:N",
            sort=list(names),
            title=None,
            scale=alt.Scale(domain=list(names), range=COLOURS[: len(names)]),
            legend=alt.Legend(
                orient="bottom",
                columns=1,
                labelLimit=320,
                symbolType="stroke",
                symbolStrokeWidth=3,
                symbolOpacity=1,
            ),
        ),
    )
    y = alt.Y("value:Q", title=title, scale=alt.Scale(zero=False))
    # The line first: the legend takes its symbols from the first layer (a band's would be pale).
    line = base.mark_line(strokeWidth=2).encode(y=y)
    # The intervals are drawn for the eye only (aria=False): the table beside the chart gives them in words,
    # and a point without an interval would otherwise leave an unnamed, empty mark for a screen reader.
    band = base.mark_area(opacity=0.18, aria=False).encode(y=alt.Y("low:Q"), y2=alt.Y2("high:Q"))
    points = base.mark_point(filled=True, size=50).encode(y=y)
    # Each point's interval as a bar too: a point between two gaps has no band to sit in.
    bars = base.mark_rule(strokeWidth=1.5, opacity=0.6, aria=False).encode(
        y=alt.Y("low:Q"), y2=alt.Y2("high:Q")
    )
    chart = alt.layer(line, band, bars, points).properties(
        width=420, height=260, padding={"left": 5, "top": 5, "right": 10, "bottom": 5}
    )
    return chart.to_dict(validate=False)


def distribution_rows(distribution: Distribution) -> list[dict]:
    """The figures the distribution chart draws: each unit below with its shown figure and interval."""
    rows = []
    for row in distribution.rows:
        if row.point.value is None:
            continue
        drawn = {"unit": row.name, "value": _float(row.point.value)}
        if row.point.interval is not None:
            drawn["low"] = round(row.point.interval.low, 4)
            drawn["high"] = round(row.point.interval.high, 4)
        rows.append(drawn)
    return rows


def distribution_spec(series: IndicatorSeries) -> dict:
    """The latest period across the units below: a dot per unit, highest first, its 95% interval as a line."""
    assert series.distribution is not None
    shape = _distribution_shape(get_language(), _axis_title(series))
    return _with_values(shape, distribution_rows(series.distribution))


@lru_cache(maxsize=64)
def _distribution_shape(language: str, title: str) -> dict:
    order = alt.EncodingSortField(field="value", order="descending")
    base = alt.Chart(alt.Data(values=[])).encode(
        y=alt.Y("unit:N", title=None, sort=order, axis=alt.Axis(labelLimit=200)),
    )
    rule = base.mark_rule(color="#8aa8c8", strokeWidth=2, aria=False).encode(
        x=alt.X("low:Q"), x2=alt.X2("high:Q")
    )
    dots = base.mark_point(filled=True, size=45, color=COLOURS[0]).encode(
        x=alt.X("value:Q", title=title, scale=alt.Scale(zero=False))
    )
    chart = alt.layer(rule, dots).properties(
        width=360, height=alt.Step(16), padding={"left": 5, "top": 5, "right": 10, "bottom": 5}
    )
    return chart.to_dict(validate=False)
