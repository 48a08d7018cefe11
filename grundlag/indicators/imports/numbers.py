"""Number strings as people and spreadsheets write them: "7,3", "2.351", "1.234,5", "3.51723747876448"."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

# What an observation keeps: four decimals (the model's fields).
PLACES = Decimal("0.0001")
LARGEST = Decimal("9999999999.9999")
DECIMAL_MARKS = (",", ".")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:X\d{3})+$")
# A number with at most the given decimal mark and nothing else: the common case, read without the checks.
_PLAIN = {",": re.compile(r"-?\d+(?:,\d+)?"), ".": re.compile(r"-?\d+(?:\.\d+)?")}


class NotANumber(ValueError):
    """A value that is not a number, or whose decimal mark cannot be told; the message says why."""


def number_parse(text: str, *, decimal_mark: str | None = None) -> Decimal:
    """The number a string means, rounded to four decimals.

    With `decimal_mark` ("," or "."), the other mark separates thousands. Without it, the mark is
    detected where that is unambiguous: with both marks, the last one is the decimal mark ("1.234,5",
    "1,234.5"); one mark that appears more than once in groups of three separates thousands
    ("1.234.567"); a single mark followed by exactly three digits ("2.351", "2,351") could be either and
    is refused; any other single mark is the decimal mark ("7,3", "3.51723747876448").
    """
    if decimal_mark in _PLAIN and _PLAIN[decimal_mark].fullmatch(text):
        number = Decimal(text.replace(",", ".") if decimal_mark == "," else text)
        if abs(number) <= LARGEST:  # else the checks below say why not
            return number.quantize(PLACES, rounding=ROUND_HALF_UP)
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if decimal_mark is None:
        decimal_mark = _detected_mark(value)
    thousands = "." if decimal_mark == "," else ","
    if thousands in value:
        if not _GROUPED.match(value.split(decimal_mark)[0].replace(thousands, "X")):
            raise NotANumber(_("%(value)s is not a number.") % {"value": text})
        value = value.replace(thousands, "")
    try:
        number = Decimal(value.replace(decimal_mark, "."))
    except InvalidOperation:
        raise NotANumber(_("%(value)s is not a number.") % {"value": text}) from None
    if not number.is_finite() or abs(number) > LARGEST:
        raise NotANumber(_("%(value)s is not a number that can be stored.") % {"value": text})
    return number.quantize(PLACES, rounding=ROUND_HALF_UP)


def _detected_mark(value: str) -> str:
    commas, dots = value.count(","), value.count(".")
    if commas and dots:
        return "," if value.rfind(",") > value.rfind(".") else "."
    mark = "," if commas else "."
    count = commas or dots
    if count > 1:
        return "," if mark == "." else "."  # repeated: it separates thousands
    if count == 1 and re.fullmatch(r"[+-]?\d{1,3}[.,]\d{3}", value):
        raise NotANumber(
            _(
                "%(value)s could be a decimal number or a number with a thousands separator; say which "
                "mark is the decimal mark in the mapping (decimal_mark)."
            )
            % {"value": value}
        )
    return mark
