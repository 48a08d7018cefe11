"""The LUS-spind: both parties' ratings placed on the spokes, the shape built once, rendered for PDFs."""

import math

import pytest
from django.utils import translation

from grundlag.core.charts import svg_from_spec
from grundlag.development.dialogues.charts import SpindRow, _spind_shape, spind_spec

ROWS = [
    SpindRow("Strategisk ledelse og retning for organisationen som helhed", leader=4, superior=3),
    SpindRow("Faglig ledelse", leader=2, superior=5),
    SpindRow("Personaleledelse og trivsel", leader=None, superior=2),
    SpindRow("Samarbejde på tværs", leader=5, superior=4),
]


def _spind(rows=ROWS):
    with translation.override("da"):
        return spind_spec(rows, leader_label="Lis Jensen", superior_label="Carl Madsen")


def _points(spec, party):
    return [row for row in spec["data"]["values"] if row["party"] == party and not row["closing"]]


def test_it_places_each_partys_ratings_on_the_spokes_the_first_at_the_top_and_clockwise():
    spec = _spind()

    leader, superior = _points(spec, "Lis Jensen"), _points(spec, "Carl Madsen")
    assert [p["section"] for p in superior] == [row.section for row in ROWS]
    top = superior[0]
    assert top["x"] == pytest.approx(0) and top["y"] == 3 and leader[0]["y"] == 4
    # Four spokes: the second points right, the third down, the fourth left.
    assert (superior[1]["x"], superior[1]["y"]) == pytest.approx((5, 0), abs=1e-3)
    assert (superior[2]["x"], superior[2]["y"]) == pytest.approx((0, -2), abs=1e-3)
    assert (leader[2]["x"], leader[2]["y"]) == pytest.approx((-5, 0), abs=1e-3)
    assert all(math.hypot(p["x"], p["y"]) == pytest.approx(p["value"], abs=1e-3) for p in leader + superior)


def test_it_closes_each_polygon_on_its_first_point():
    values = _spind()["data"]["values"]

    for party in ("Lis Jensen", "Carl Madsen"):
        line = sorted((row for row in values if row["party"] == party), key=lambda row: row["order"])
        assert line[-1]["closing"] and (line[-1]["x"], line[-1]["y"]) == (line[0]["x"], line[0]["y"])
        assert all(row["outline"] for row in line)


def test_it_leaves_out_a_section_a_party_found_not_relevant():
    spec = _spind()

    leader = _points(spec, "Lis Jensen")
    assert [p["section"] for p in leader] == [ROWS[0].section, ROWS[1].section, ROWS[3].section]
    assert len(_points(spec, "Carl Madsen")) == 4


def test_it_draws_only_points_for_a_party_with_fewer_than_three_ratings():
    rows = [SpindRow(row.section, leader=(4 if i < 2 else None), superior=3) for i, row in enumerate(ROWS)]

    leader = [row for row in _spind(rows)["data"]["values"] if row["party"] == "Lis Jensen"]

    assert len(leader) == 2 and not any(row["outline"] or row["closing"] for row in leader)


def test_it_builds_the_shape_once_for_the_same_sections_and_parties():
    first = _spind()
    hits = _spind_shape.cache_info().hits
    again = _spind([SpindRow(row.section, leader=1, superior=1) for row in ROWS])

    assert _spind_shape.cache_info().hits == hits + 1
    assert again["layer"] is first["layer"]
    assert again["data"] != first["data"]


def test_a_pdf_gets_the_spind_as_svg_with_the_section_titles():
    spec = _spind()
    with translation.override("da"):
        svg = svg_from_spec(spec)

    assert svg.startswith("<svg")
    # Long titles are broken into lines; every short one is there whole, the long one in its first words.
    for title in ("Faglig ledelse", "Personaleledelse og", "Samarbejde på tværs", "Strategisk ledelse og"):
        assert title in svg
    assert "Lis Jensen" in svg and "Carl Madsen" in svg
