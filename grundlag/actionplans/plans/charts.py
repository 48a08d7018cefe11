"""The chart of an indicator's trend since a plan's baseline: one Vega-Lite spec (Altair), drawn in the page
(templates/_chart.html) with a table of the same figures beside it. The spec's shape depends only on the
language, so it is built once per process and a page's figures go into a copy of it."""

from functools import lru_cache

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .figures import Trend


def trend_rows(trend: Trend) -> list[dict]:
    """The figures the chart draws: the baseline and each later period the gate shows."""
    rows = []
    if trend.baseline.value is not None:
        rows.append({"period": trend.baseline.period, "value": float(trend.baseline.value)})
    rows += [
        {"period": point.period, "value": float(point.value)}
        for point in trend.points
        if point.value is not None
    ]
    return rows


def trend_spec(trend: Trend) -> dict:
    """The unit's figure by period, from the baseline on, as a line with points."""
    return {**_trend_shape(get_language() or "da"), "data": {"values": trend_rows(trend)}}


@lru_cache(maxsize=16)
def _trend_shape(language: str) -> dict:
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_line(point=True, color="#0059b3")
        .encode(
            x=alt.X("period:O", title=_("Period"), sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=_("Figure"), scale=alt.Scale(zero=False)),
        )
        .properties(width=360, height=160, padding={"left": 5, "top": 5, "right": 5, "bottom": 5})
    )
    return chart.to_dict(validate=False)
