"""The reports' widest tables, written here rather than as template loops.

A leader's report has a cell per statement and rater group, and a row per statement and group with a
count per value: as template loops these cost more than the rest of the page together. The markup is
the same as a template's, every text escaped.
"""

from django import template
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from grundlag.core.numbers import two_decimals

register = template.Library()


@register.filter
def mean_cells(cells) -> SafeString:
    """A <td> per report cell: its mean to two decimals as the active language writes it, or "–" where the
    cell has too few scores to show, or that the statement was not asked of the group."""
    separator = get_format("DECIMAL_SEPARATOR")
    not_asked = escape(_("not asked of this group"))

    def cell(c) -> str:
        if getattr(c, "not_asked", False):
            return f'<td class="grundlag-muted">{not_asked}</td>'
        return f"<td>{two_decimals(c.figure.mean, separator) if c.figure else '–'}</td>"

    return mark_safe("".join(cell(c) for c in cells))  # numbers and an escaped text only


@register.simple_tag
def distribution_rows(statements) -> SafeString:
    """The rows of the distribution table: for each statement a row per rater group, with the number of
    answers of each value (or why they are not shown) and the share of "Ved ikke"."""
    too_few = escape(_("Too few scores to show"))
    not_asked = escape(_("Not asked of this group"))
    rows = []
    for statement in statements:
        cells = statement.group_cells
        for i, cell in enumerate(cells):
            head = (
                f'<th scope="rowgroup" rowspan="{len(cells)}">{escape(statement.question.rater_text)}</th>'
                if i == 0
                else ""
            )
            if getattr(cell, "not_asked", False):
                counts = f'<td colspan="5">{not_asked}</td>'
            elif cell.figure:
                counts = "".join(f"<td>{int(count)}</td>" for count in cell.figure.value_counts)
            else:
                counts = f'<td colspan="5">{too_few}</td>'
            share = "–" if cell.dont_know_percent is None else f"{int(cell.dont_know_percent)} %"
            label = escape(cell.column.label)
            rows.append(f'<tr>{head}<th scope="row">{label}</th>{counts}<td>{share}</td></tr>')
    return mark_safe("".join(rows))  # every text above is escaped, every number an integer
