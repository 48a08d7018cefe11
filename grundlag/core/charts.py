"""Charts: one Vega-Lite spec (built with Altair), rendered to SVG on the server for pages and PDFs.

Server-side SVG keeps the pages free of chart JavaScript (the CSP allows no inline scripts), and the
same SVG goes into PDFs. Every chart is shown with a data table beside it.
"""

import base64
import hashlib
import json

import vl_convert
from django.core.cache import cache

# Rendering takes a tenth of a second or more, and the same figures are asked for again and again.
SVG_CACHE_SECONDS = 3600


def svg_from_spec(spec: dict) -> str:
    """The chart as SVG; the same spec gives the same SVG, so it is cached by the spec's digest."""
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    key = f"chart-svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg


def svg_data_uri(spec: dict) -> str:
    """The chart as an <img> source, so the page needs neither inline SVG styles nor scripts."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg_from_spec(spec).encode()).decode()
