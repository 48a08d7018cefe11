"""Figures written as the pages write them (`{% load indicator_figures %}`): a value with the indicator's
decimals in the active language's way (3,92 in Danish), or why it is not shown; a change with its sign; a
95% interval; whether a change lies within the noise, in words."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..figures import Change
from ..models import Indicator
from ..selectors import Distribution, Point

register = template.Library()

MINUS = "\u2212"


def _number(value: Decimal | float, decimals: int) -> str:
    """Rounded half up to the decimals, with the language's decimal mark (number_format would cut the digits
    off instead of rounding, and costs several times as much; no thousands separator, as Django writes
    numbers here)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return str(rounded).replace(".", get_format("DECIMAL_SEPARATOR"))


@register.simple_tag
def figure(point: Point | None, decimals: int) -> SafeString:
    """The value, or (muted) why there is none: a withheld figure's reason, "No figure"."""
    if point is None:
        return format_html('<span class="grundlag-muted">{}</span>', _("No figure"))
    if point.value is None:
        return format_html('<span class="grundlag-muted">{}</span>', point.reason)
    return format_html("{}", _number(point.value, decimals))


@register.simple_tag
def figure_interval(point: Point | None, decimals: int) -> str:
    """The 95% interval as "3,81–3,95", or nothing where it is not known."""
    if point is None or point.interval is None:
        return ""
    # Word joiners keep the interval on one line in a narrow column.
    return f"{_number(point.interval.low, decimals)}\u2060–\u2060{_number(point.interval.high, decimals)}"


@register.simple_tag
def figure_change(change: Change | None, decimals: int) -> str:
    """The change with its sign ("+0,12", "−0,12", "0,00")."""
    if change is None:
        return ""
    written = _number(abs(change.delta), decimals)
    if written == _number(0, decimals):
        return written
    return f"+{written}" if change.delta > 0 else f"{MINUS}{written}"


@register.simple_tag
def noise(change: Change | None) -> str:
    """Whether the change lies within the noise, in words ("" where there is no change)."""
    if change is None:
        return ""
    if change.within_noise is None:
        return _("cannot be judged: n or standard deviation not known")
    if change.within_noise:
        return _("within the noise: the change may be chance")
    return _("larger than the noise: hardly chance alone")


@register.filter
def figure_change_of(change: Change | None, decimals: int) -> str:
    """`figure_change` as a filter, for use inside a sentence (blocktranslate)."""
    return figure_change(change, decimals)


@register.simple_tag
def distribution_rows(distribution: Distribution, indicator: Indicator) -> SafeString:
    """The rows of the distribution's table (a unit below, its figure, 95% interval and n), written here in
    one pass: a municipality's table has a row for each of its schools."""
    decimals = indicator.decimals
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                reverse("indicators:indicator", args=[row.unit_id, indicator.key]),
                row.name,
                figure(row.point, decimals),
                figure_interval(row.point, decimals),
                "" if row.point.n is None else _number(row.point.n, 0),
            )
            for row in distribution.rows
        ),
    )
