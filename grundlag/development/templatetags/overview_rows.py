"""The superior's overview rows, written in Python: fifty rows through the template engine (a
`{% blocktranslate %}`, a `{% url %}`, two date filters and the content-language filter each) took half of the
page's time for a director with a thousand leaders below."""

from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from grundlag.core.templatetags.ui import content_lang

from ..dialogues.selectors import OverviewRow

register = template.Library()


@register.simple_tag
def overview_rows(rows: Iterable[OverviewRow]) -> SafeString:
    """The table body: one row per leader below."""
    return mark_safe("".join(_row(row) for row in rows))  # noqa: S308 - each row built with format_html


def _row(row: OverviewRow) -> str:
    post, dialogue, follow_up = row.post, row.dialogue, row.next_follow_up
    name = (
        format_html(
            '<a href="{}">{}</a>', reverse("development:dialogue", args=[dialogue.pk]), post.person.name
        )
        if row.holds and dialogue is not None
        else post.person.name
    )
    phase: str
    if dialogue is None:
        phase = format_html('<span class="grundlag-muted">{}</span>', gettext("No dialogue"))
        when = ""
    else:
        phase = dialogue.get_status_display()
        if dialogue.scheduled_for:
            when = date_format(dialogue.scheduled_for, "DATE_FORMAT")
        elif dialogue.due:
            when = gettext("by %(due)s") % {"due": date_format(dialogue.due, "DATE_FORMAT")}
        else:
            when = ""
    next_follow_up = ""
    if follow_up is not None:
        overdue = (
            format_html(' <strong class="grundlag-overdue">{}</strong>', gettext("overdue"))
            if row.follow_up_overdue
            else ""
        )
        next_follow_up = format_html("{}{}", date_format(follow_up.due, "DATE_FORMAT"), overdue)
    return format_html(
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td class="grundlag-number">{}</td></tr>',
        name,
        post.unit.name,
        content_lang(post.level.name if post.level else ""),
        phase,
        when,
        next_follow_up,
        row.shared_goals,
    )
