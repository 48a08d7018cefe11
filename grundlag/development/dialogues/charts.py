"""The LUS-spind: the leader's and the superior's ratings of the leader, section by section, as a radar chart.

Drawn in the page and rendered to SVG for PDFs (grundlag.core.charts), like the evaluation reports' charts.
Vega-Lite has no radar mark, so the points are placed here: one spoke per section, the first at the top
and the rest clockwise, the rating (1–5) as the distance from the centre. The grid, the spokes and the
section labels depend only on the sections, so the spec's shape is built once per language, sections and
parties (Altair checks every part against the schema, which takes milliseconds) and a dialogue's ratings go
into a copy of it as the data.
"""

import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SCALE = (1, 2, 3, 4, 5)
LEADER_COLOUR = "#0059b3"
SUPERIOR_COLOUR = "#b35900"
SIZE = 420
# The plot reaches past the outer ring (5) so that most of the section labels fit inside the square.
REACH = 8.4
LABEL_RADIUS = 5.5
LABEL_LINE_CHARS = 22
LABEL_LINES = 3
LABEL_LINE_HEIGHT = 13
PIXELS_PER_UNIT = SIZE / (2 * REACH)
GRID_COLOUR = "#d0d0d0"


@dataclass(frozen=True)
class SpindRow:
    section: str  # section title
    leader: int | None  # 1..5, None = not relevant
    superior: int | None


def spind_spec(rows: list[SpindRow], *, leader_label: str, superior_label: str) -> dict:
    """The LUS-spind: one closed polygon per party on spokes, one spoke per section, 1–5 outward."""
    shape = _spind_shape(get_language(), tuple(row.section for row in rows), (leader_label, superior_label))
    values = _party_points(rows, "leader", leader_label) + _party_points(rows, "superior", superior_label)
    return _with_values(shape, values)


def _with_values(spec: dict, values: list[dict]) -> dict:
    """The cached spec with these figures as its data; the cached one itself is never changed."""
    return {**spec, "data": {"values": values}}


def _spoke(index: int, count: int, radius: float) -> tuple[float, float]:
    """Where a section's spoke is at this radius: the first at the top, the rest clockwise."""
    angle = 2 * math.pi * index / count
    return round(radius * math.sin(angle), 4), round(radius * math.cos(angle), 4)


def _party_points(rows: list[SpindRow], role: str, label: str) -> list[dict]:
    """One party's rated sections as points, and the first again at the end to close its polygon; a section
    not relevant is left out. With fewer than three points there is no polygon, only the points."""
    points = []
    for index, row in enumerate(rows):
        value = getattr(row, role)
        if value is not None:
            x, y = _spoke(index, len(rows), value)
            points.append(
                {"section": row.section, "party": label, "role": role, "value": value, "x": x, "y": y}
            )
    outline = len(points) >= 3
    for order, point in enumerate(points):
        point.update(order=order, closing=False, outline=outline)
    if outline:
        points.append({**points[0], "order": len(points), "closing": True})
    return points


def _label_lines(title: str) -> list[str]:
    """A section title broken into short lines, the last one cut with an ellipsis if the title is long."""
    lines = textwrap.wrap(title, LABEL_LINE_CHARS, break_long_words=False) or [""]
    if len(lines) > LABEL_LINES:
        rest = " ".join(lines[LABEL_LINES - 1 :])
        lines = [*lines[: LABEL_LINES - 1], textwrap.shorten(rest, LABEL_LINE_CHARS, placeholder=" …")]
    return lines


def _label(index: int, count: int, title: str) -> dict:
    """A section's label beyond its spoke's end, away from the centre so that it never covers the chart.
    Vega hangs the lines of a label below its first one whatever the baseline, so a label above or beside
    the chart is raised here by its height (in the chart's units), and every label hangs from its top."""
    lines = _label_lines(title)
    across, up = _spoke(index, count, 1)
    x, y = _spoke(index, count, LABEL_RADIUS)
    align = "left" if across > 0.2 else "right" if across < -0.2 else "center"
    height = len(lines) * LABEL_LINE_HEIGHT / PIXELS_PER_UNIT
    raise_by = height if up > 0.2 else height / 2 if up >= -0.2 else 0
    return {"x": x, "y": round(y + raise_by, 4), "lines": lines, "align": align}


def _frame_values(sections: tuple[str, ...]) -> tuple[list[dict], list[dict], list[dict]]:
    """The grid rings (1–5), the spokes and the section labels, in the chart's coordinates."""
    count = len(sections)
    rings = [
        {"ring": ring, "order": index, **dict(zip("xy", _spoke(index % count, count, ring), strict=True))}
        for ring in SCALE
        for index in range(count + 1 if count else 0)
    ]
    spokes = [
        {"x": 0, "y": 0, "x2": x, "y2": y} for x, y in (_spoke(i, count, SCALE[-1]) for i in range(count))
    ]
    labels = [_label(index, count, title) for index, title in enumerate(sections)]
    return rings, spokes, labels


def _position() -> dict:
    """The same hidden x and y scales for every layer, centred on the chart's middle."""
    scale = alt.Scale(domain=[-REACH, REACH], nice=False, zero=False)
    return {
        "x": alt.X("x:Q", scale=scale, axis=None),
        "y": alt.Y("y:Q", scale=scale, axis=None),
    }


@lru_cache(maxsize=512)
def _spind_shape(language: str, sections: tuple[str, ...], parties: tuple[str, str]) -> dict:
    rings, spokes, labels = _frame_values(sections)
    position = _position()
    grid = (
        alt.Chart(alt.Data(values=rings))
        .mark_line(color=GRID_COLOUR, strokeWidth=1, aria=False)
        .encode(**position, detail="ring:O", order="order:Q")
    )
    spoke_lines = (
        alt.Chart(alt.Data(values=spokes))
        .mark_rule(color=GRID_COLOUR, strokeWidth=1, aria=False)
        .encode(**position, x2="x2:Q", y2="y2:Q")
    )
    ring_numbers = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": ring, "n": str(ring)} for ring in SCALE]))
        .mark_text(color="#767676", fontSize=10, align="left", baseline="middle", dx=9, aria=False)
        .encode(**position, text="n:N")
    )
    section_labels = (
        alt.Chart(alt.Data(values=labels))
        .mark_text(
            color="#1a1a1a",
            fontSize=11,
            lineHeight=LABEL_LINE_HEIGHT,
            limit=150,
            align=alt.ExprRef("datum.align"),
            baseline="top",
        )
        .encode(**position, text="lines:N")
    )
    return _layered(parties, grid + spoke_lines + ring_numbers + section_labels)


def _layered(parties: tuple[str, str], frame: alt.LayerChart) -> dict:
    """The parties' polygons and points over the frame; their figures are the chart's own data."""
    position = _position()
    colour = alt.Color(
        "party:N",
        title=None,
        sort=list(parties),
        scale=alt.Scale(domain=list(parties), range=[LEADER_COLOUR, SUPERIOR_COLOUR]),
        legend=alt.Legend(orient="bottom", direction="horizontal", labelLimit=260, symbolType="circle"),
    )
    party = alt.Chart().encode(**position, color=colour)
    tooltip = [
        alt.Tooltip("section:N", title=_("Section")),
        alt.Tooltip("party:N", title=_("Rated by")),
        alt.Tooltip("value:Q", title=_("Rating (1–5)")),
    ]
    # The superior's line is dashed and their points smaller, drawn over the leader's: where the two agree,
    # both still show, and the parties differ by more than their colour.
    layers = [
        party.mark_line(strokeWidth=2.5, strokeDash=dash)
        .encode(order="order:Q")
        .transform_filter(f"datum.outline && datum.role === '{role}'")
        for role, dash in (("leader", [1, 0]), ("superior", [7, 4]))
    ] + [
        party.mark_point(filled=True, opacity=1, size=size)
        .encode(tooltip=tooltip)
        .transform_filter(f"!datum.closing && datum.role === '{role}'")
        for role, size in (("leader", 110), ("superior", 45))
    ]
    chart = (
        alt.layer(frame, *layers, data=alt.Data(values=[]))
        .properties(width=SIZE, height=SIZE, padding={"left": 5, "top": 5, "right": 5, "bottom": 5})
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)
