"""Reads of the indicators app: what is stored, in the shape the importer reads back."""

import csv
import io
import json
from typing import Any

from .models import Indicator, Observation

EXPORT_COLUMNS = ["indicator", "unit", "period", "value", "n", "sd"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def indicator_definitions(*, indicator_key: str | None = None) -> list[dict[str, Any]]:
    """The stored indicators as a mapping file defines them."""
    indicators = Indicator.objects.all()
    if indicator_key:
        indicators = indicators.filter(key=indicator_key)
    return [
        {
            "key": i.key,
            "name": i.name,
            "description": i.description,
            "data_type": i.data_type,
            "direction": i.direction,
            "unit_of_measure": i.unit_of_measure,
            "scale": [_number(i.scale_min), _number(i.scale_max)],
            "decimals": i.decimals,
            "source": i.source,
            "credit": i.credit,
            "min_n": i.min_n,
            "lowest_level": i.lowest_level,
        }
        for i in indicators
    ]


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def observation_rows(*, indicator_key: str | None = None) -> list[dict[str, str]]:
    """The stored observations of units (long format), the unit by its key; a blank value stays blank."""
    observations = Observation.objects.filter(unit__isnull=False).select_related("indicator", "unit")
    if indicator_key:
        observations = observations.filter(indicator__key=indicator_key)
    return [
        {
            "indicator": o.indicator.key,
            "unit": o.unit.key if o.unit else "",
            "period": o.period,
            "value": _text(o.value),
            "n": _text(o.n),
            "sd": _text(o.sd),
        }
        for o in observations.order_by("indicator__key", "period_start", "unit__key")
    ]


def indicators_export(*, format: str = "csv", indicator_key: str | None = None) -> str:
    """What is stored: CSV in the long format (observations only), or JSON with the indicators too."""
    rows = observation_rows(indicator_key=indicator_key)
    if format == "json":
        document = {"indicators": indicator_definitions(indicator_key=indicator_key), "observations": rows}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
