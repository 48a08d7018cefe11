"""The mapping file (YAML or JSON): the indicators a file holds, where their values are, and the period."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from django.utils.translation import gettext as _

from ..models import DataType, Direction, PeriodKind, PublicationLevel
from .numbers import DECIMAL_MARKS, NotANumber, number_parse

FORMATS = ("wide", "long")
# The long format's columns, and the names they have in a file when the mapping does not rename them.
LONG_COLUMNS = ("indicator", "unit", "period", "value", "n", "sd")
# What the unit column says for the national figure (an observation without a unit), in any case; what the
# export writes. A mapping may add the file's own words for the country (`national: [Danmark, Hele landet]`).
NATIONAL = "national"
KEY = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
YEAR = re.compile(r"^\d{4}$")


class InvalidMapping(ValueError):
    pass


@dataclass
class IndicatorSpec:
    """An indicator as a mapping (or an export) defines it; `column`, `n_column` and `sd_column` say where
    a wide file has its values."""

    key: str
    name: str
    data_type: str
    direction: str
    unit_of_measure: str = ""
    scale_min: Decimal | None = None
    scale_max: Decimal | None = None
    decimals: int = 1
    source: str = ""
    credit: str = ""
    min_n: int = 5
    lowest_level: str = PublicationLevel.UNIT
    description: str = ""
    column: str = ""
    n_column: str = ""
    sd_column: str = ""

    def fields(self) -> dict[str, Any]:
        """The model's fields (all but the key)."""
        names = ["name", "description", "data_type", "direction", "unit_of_measure", "scale_min"]
        names += ["scale_max", "decimals", "source", "credit", "min_n", "lowest_level"]
        return {name: getattr(self, name) for name in names}


@dataclass
class Mapping:
    format: str = "long"
    period: str = ""
    decimal_mark: str | None = None
    unit_column: str = "unit"
    columns: dict[str, str] = field(default_factory=dict)  # long format: our column → the file's column
    indicators: list[IndicatorSpec] = field(default_factory=list)
    national: list[str] = field(default_factory=list)  # the file's words for the country, besides "national"

    def national_names(self) -> frozenset[str]:
        """The unit column's texts that mean the national figure, folded."""
        return frozenset(" ".join(name.split()).casefold() for name in [NATIONAL, *self.national])


def period_parse(text: str) -> tuple[str, datetime.date]:
    """A period as people write it → its kind and first day: "2023/24" (a school year, from 1 August),
    "2024" (a calendar year) or a date "2024-03-01"."""
    text = text.strip()
    if match := SCHOOL_YEAR.match(text):
        start = int(match.group(1))
        if (start + 1) % 100 == int(match.group(2)):
            return PeriodKind.SCHOOL_YEAR, datetime.date(start, 8, 1)
    elif YEAR.match(text):
        return PeriodKind.YEAR, datetime.date(int(text), 1, 1)
    else:
        try:
            return PeriodKind.DATE, datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(
        _(
            '%(period)s is not a period: write a school year ("2023/24"), a year ("2024") or a date '
            '("2024-03-01").'
        )
        % {"period": text}
    )


def mapping_load(text: str | bytes) -> Mapping:
    """A mapping file read and checked; InvalidMapping says what is wrong."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidMapping(_("The mapping is not UTF-8 text.")) from None
    try:
        loaded = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise InvalidMapping(
            _("The mapping is not valid YAML or JSON (line %(line)s).") % {"line": line}
        ) from None
    if not isinstance(loaded, dict):
        raise InvalidMapping(_("A mapping is a list of name: value pairs (format, period, indicators, …)."))
    return mapping_from_dict(loaded)


def mapping_from_dict(loaded: dict[str, Any]) -> Mapping:
    mapping = Mapping(
        format=str(loaded.get("format", "wide" if loaded.get("period") else "long")),
        period=str(loaded.get("period") or ""),
        decimal_mark=loaded.get("decimal_mark"),
        unit_column=str(loaded.get("unit_column") or "unit"),
    )
    if mapping.format not in FORMATS:
        raise InvalidMapping(_("format must be wide or long."))
    if mapping.decimal_mark is not None and mapping.decimal_mark not in DECIMAL_MARKS:
        raise InvalidMapping(_('decimal_mark must be "," or ".".'))
    if mapping.period:
        try:
            period_parse(mapping.period)
        except ValueError as error:
            raise InvalidMapping(f"period: {error}") from None
    elif mapping.format == "wide":
        raise InvalidMapping(_("A wide file needs its period in the mapping (period: 2023/24)."))
    columns = loaded.get("columns") or {}
    if not isinstance(columns, dict) or not set(columns) <= set(LONG_COLUMNS):
        raise InvalidMapping(
            _("columns names the long format's columns: %(names)s.") % {"names": ", ".join(LONG_COLUMNS)}
        )
    mapping.columns = {str(name): str(value) for name, value in columns.items()}
    national = loaded.get("national") or []
    national = [national] if isinstance(national, str) else national
    if not isinstance(national, list) or not all(isinstance(name, str) and name.strip() for name in national):
        raise InvalidMapping(
            _("national is the word, or a list of the words, the file uses for the country.")
        )
    mapping.national = national
    specs = loaded.get("indicators") or []
    if not isinstance(specs, list):
        raise InvalidMapping(_("indicators is a list of indicators."))
    mapping.indicators = [indicator_spec(spec, number=number) for number, spec in enumerate(specs, start=1)]
    if mapping.format == "wide" and not mapping.indicators:
        raise InvalidMapping(_("A wide file needs the indicators and their columns in the mapping."))
    keys = [spec.key for spec in mapping.indicators]
    if len(set(keys)) != len(keys):
        raise InvalidMapping(_("An indicator key is defined twice."))
    return mapping


def indicator_spec(spec: Any, *, number: int) -> IndicatorSpec:
    """One indicator of a mapping or an export, checked; the message names it by its place and key."""
    if not isinstance(spec, dict):
        raise InvalidMapping(
            _("indicators %(number)s: an indicator is a list of name: value pairs.") % {"number": number}
        )
    where = f"indicators {number} ({spec.get('key', '?')})"
    try:
        return _indicator_spec(spec)
    except (ValueError, TypeError, NotANumber) as error:
        raise InvalidMapping(f"{where}: {error}") from None


def _indicator_spec(spec: dict[str, Any]) -> IndicatorSpec:
    key = str(spec.get("key") or "")
    if not KEY.match(key):
        raise ValueError(_("key must be letters, digits, - or _ (at most 80)."))
    scale = spec.get("scale") or [spec.get("scale_min"), spec.get("scale_max")]
    if not isinstance(scale, list) or len(scale) != 2:
        raise ValueError(_("scale is a list of two numbers: [1, 5]."))
    low, high = (None if end in (None, "") else number_parse(str(end), decimal_mark=".") for end in scale)
    if low is not None and high is not None and low > high:
        raise ValueError(_("the scale's start is above its end."))
    choices = {
        "data_type": DataType.values,
        "direction": Direction.values,
        "lowest_level": PublicationLevel.values,
    }
    for name, allowed in choices.items():
        if name in spec and spec[name] not in allowed:
            raise ValueError(f"{name}: " + _("one of %(values)s.") % {"values": ", ".join(allowed)})
    for name in ("name", "data_type", "direction"):
        if not spec.get(name):
            raise ValueError(_("%(name)s is required.") % {"name": name})
    return IndicatorSpec(
        key=key,
        name=str(spec["name"]),
        data_type=spec["data_type"],
        direction=spec["direction"],
        unit_of_measure=str(spec.get("unit_of_measure") or ""),
        scale_min=low,
        scale_max=high,
        decimals=int(spec.get("decimals", 1)),
        source=str(spec.get("source") or ""),
        credit=str(spec.get("credit") or ""),
        min_n=max(int(spec.get("min_n", 5)), 1),
        lowest_level=spec.get("lowest_level", PublicationLevel.UNIT),
        description=str(spec.get("description") or ""),
        column=str(spec.get("column") or ""),
        n_column=str(spec.get("n_column") or ""),
        sd_column=str(spec.get("sd_column") or ""),
    )
