"""The PDFs' charts: the same spec rendered to SVG, its figures written as the language writes them."""

from django.utils import translation

from grundlag.core.charts import svg_from_spec

SPEC = {
    "data": {"values": [{"group": "Selv", "mean": 2.5}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "mean", "type": "quantitative", "scale": {"domain": [1, 5]}},
        "y": {"field": "group", "type": "nominal"},
    },
}


def test_a_danish_pdf_writes_decimal_commas_and_an_english_one_points():
    with translation.override("da"):
        danish = svg_from_spec(SPEC)
    with translation.override("en"):
        english = svg_from_spec(SPEC)

    assert danish.startswith("<svg") and ">2,5<" in danish and ">2.5<" not in danish
    assert ">2.5<" in english and ">2,5<" not in english
