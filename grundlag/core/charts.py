"""Charts: one Vega-Lite spec (built with Altair), rendered to SVG on the server for pages and PDFs.

Server-side SVG keeps the pages free of chart JavaScript (the CSP allows no inline scripts), and the
same SVG goes into PDFs. Every chart is shown with a data table beside it.
"""

import base64

import vl_convert


def svg_from_spec(spec: dict) -> str:
    return vl_convert.vegalite_to_svg(spec)


def svg_data_uri(spec: dict) -> str:
    """The chart as an <img> source, so the page needs neither inline SVG styles nor scripts."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_from_spec(spec).encode()).decode()
