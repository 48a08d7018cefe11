"""Charts: one Vega-Lite spec (built with Altair), drawn in the page and rendered to SVG for PDFs.

Pages carry the spec as JSON and the browser draws it (templates/_chart.html, frontend/charts.js), so a
page costs no rendering on the server; a PDF gets the same spec as SVG from here. Every chart is shown
with a data table beside it.
"""

import hashlib
import json
from typing import Literal

import vl_convert
from django.core.cache import cache
from django.utils.translation import get_language

# Rendering takes a tenth of a second or more, and the same figures are asked for again and again.
SVG_CACHE_SECONDS = 3600


def svg_from_spec(spec: dict) -> str:
    """The chart as SVG, its figures written as the active language writes them (3,5 in Danish); the same
    spec and language give the same SVG, so it is cached by their digest."""
    locale: Literal["da-DK", "en-US"] = "da-DK" if (get_language() or "da").startswith("da") else "en-US"
    payload = json.dumps([spec, locale], sort_keys=True, default=str)
    key = f"chart-svg:{hashlib.sha256(payload.encode()).hexdigest()}"
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec, format_locale=locale)
        cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg
