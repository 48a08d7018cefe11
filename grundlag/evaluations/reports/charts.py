"""Chart specs for the evaluation reports: drawn in the page, rendered to SVG for PDFs (grundlag.core.charts).

Building a spec with Altair takes several milliseconds (it checks every part against the Vega-Lite schema),
more than the rest of a report's chart. The spec's shape depends only on the language, the sort orders and
the groups, so each shape is built once per process and a page's figures go into a copy of it as the data.
"""

from functools import lru_cache

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .leader import LeaderReport


def section_chart_rows(report: LeaderReport) -> list[dict]:
    """The figures the chart draws, the same ones as the table beside it."""
    return [
        {"section": section.title, "group": cell.column.label, "mean": round(mean, 2)}
        for section in report.sections
        for cell in section.cells
        if cell.figure is not None and (mean := cell.figure.mean) is not None
    ]


def _with_values(spec: dict, values: list[dict]) -> dict:
    """The cached spec with these figures as its data; the cached one itself is never changed."""
    return {**spec, "data": {"values": values}}


def section_means_spec(report: LeaderReport) -> dict:
    """Mean score by section, one bar per rater group, on the 1–5 scale."""
    shape = _section_means_shape(
        get_language(), tuple(s.title for s in report.sections), tuple(c.label for c in report.columns)
    )
    return _with_values(shape, section_chart_rows(report))


@lru_cache(maxsize=512)
def _section_means_shape(language: str, sections: tuple[str, ...], groups: tuple[str, ...]) -> dict:
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_bar()
        .encode(
            y=alt.Y(
                "section:N",
                title=None,
                sort=list(sections),
                axis=alt.Axis(labelLimit=260),
            ),
            yOffset=alt.YOffset("group:N", sort=list(groups)),
            x=alt.X("mean:Q", title=_("Mean score (1–5)"), scale=alt.Scale(domain=[1, 5], clamp=True)),
            color=alt.Color(
                "group:N",
                sort=list(groups),
                title=_("Rater group"),
                scale=alt.Scale(range=["#0059b3", "#b35900", "#357a38", "#6b3fa0", "#8a1c1c", "#333333"]),
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=360),
            ),
        )
        .properties(width=420, height=alt.Step(14), padding={"left": 24, "top": 5, "right": 5, "bottom": 5})
    )
    return chart.to_dict(validate=False)


def heat_grid_spec(values: list[dict], *, columns: list[str], rows: list[str]) -> dict:
    """A heatmap: a rect per {row, column, mean, label} coloured by the mean (1–5), the label written in it;
    a hidden cell (mean None) is drawn grey with "–"."""
    return _with_values(_heat_grid_shape(get_language(), tuple(columns), tuple(rows)), values)


@lru_cache(maxsize=512)
def _heat_grid_shape(language: str, columns: tuple[str, ...], rows: tuple[str, ...]) -> dict:
    base = alt.Chart(alt.Data(values=[])).encode(
        x=alt.X("column:N", title=None, sort=list(columns), axis=alt.Axis(labelAngle=-30, labelLimit=200)),
        y=alt.Y("row:N", title=None, sort=list(rows), axis=alt.Axis(labelLimit=240)),
    )
    rect = base.mark_rect(stroke="#ffffff").encode(
        color=alt.condition(
            "datum.mean === null",
            alt.value("#eeeeee"),
            alt.Color(
                "mean:Q",
                title=_("Mean score (1–5)"),
                scale=alt.Scale(domain=[1, 5], scheme="blues"),
                legend=alt.Legend(orient="bottom"),
            ),
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text="label:N",
        color=alt.condition(
            "datum.mean !== null && datum.mean >= 3.6", alt.value("#ffffff"), alt.value("#1a1a1a")
        ),
    )
    chart = (rect + text).properties(
        width=alt.Step(90), height=alt.Step(30), padding={"left": 5, "top": 5, "right": 5, "bottom": 5}
    )
    return chart.to_dict(validate=False)
