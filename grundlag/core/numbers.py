"""Numbers written as the active language writes them."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format

HUNDREDTH = Decimal("0.01")


def two_decimals(value: float, separator: str | None = None) -> str:
    """What `floatformat:2` writes (rounded half up, as Django rounds), without its cost per call; pass the
    decimal separator when writing many (else the active language's is looked up)."""
    if separator is None:
        separator = get_format("DECIMAL_SEPARATOR")
    return str(Decimal(repr(value)).quantize(HUNDREDTH, ROUND_HALF_UP)).replace(".", separator)
