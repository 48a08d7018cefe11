"""The org chart's rows, written in Python: the national top level has about a hundred units, and the same
rows through the template engine (two `{% blocktranslate %}`, two `{% url %}` and a date filter each) took
most of the page's time."""

import datetime
from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from ..selectors import ChartNode

register = template.Library()


@register.simple_tag
def chart_nodes(nodes: Iterable[ChartNode], on: datetime.date | None) -> SafeString:
    """The units as list items, each with its toggle (where it has units below), leaders and counts."""
    nodes = list(nodes)
    if not nodes:
        return format_html('<p class="grundlag-muted">{}</p>', gettext("No units."))
    day = on.strftime("%Y-%m-%d") if on else ""
    items = mark_safe("".join(_node(node, day) for node in nodes))  # noqa: S308 - each built with format_html
    return format_html('<ul class="grundlag-tree">{}</ul>', items)


def _node(node: ChartNode, day: str) -> str:
    unit = node.unit
    if node.child_count:
        toggle = format_html(
            '<button type="button" class="grundlag-tree-toggle" aria-expanded="false" '
            'aria-controls="children-{}" data-children-url="{}?on={}">'
            '<span class="grundlag-visually-hidden">{}</span></button>',
            unit.pk,
            reverse("organisation:chart_children", args=[unit.pk]),
            day,
            gettext("Units under %(name)s") % {"name": unit.name},
        )
        children = format_html('<div id="children-{}" class="grundlag-tree-children" hidden></div>', unit.pk)
    else:
        toggle = mark_safe('<span class="grundlag-tree-leaf" aria-hidden="true"></span>')
        children = mark_safe("")
    link = reverse("organisation:unit", args=[unit.pk]) + (f"?on={day}" if day else "")
    kind = format_html(' <span class="grundlag-muted">· {}</span>', unit.kind) if unit.kind else mark_safe("")
    leaders = format_html_join(
        "",
        ' <span class="grundlag-tree-leader">{}</span>',
        ((f"{post.person.name}, {post.title}" if post.title else post.person.name,) for post in node.leaders),
    )
    counts = ", ".join(
        [
            ngettext("%(units)s unit below", "%(units)s units below", node.child_count)
            % {"units": localize(node.child_count)},
            ngettext("%(posts)s post", "%(posts)s posts", node.post_count)
            % {"posts": localize(node.post_count)},
        ]
    )
    return format_html(
        '<li><div class="grundlag-tree-node">{}<span class="grundlag-tree-label"><a href="{}">{}</a>{}{}'
        ' <span class="grundlag-muted grundlag-tree-counts">{}</span></span></div>{}</li>',
        toggle,
        link,
        unit.name,
        kind,
        leaders,
        counts,
        children,
    )
