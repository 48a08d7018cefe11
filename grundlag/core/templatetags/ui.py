"""Template helpers shared by every app: the design system's icons and the language of content.

`{% load ui %}` gives
- `{% icon "chevron-right" %}`: an icon from Det Fælles Designsystem's sprite (served as a static file).
- `{{ text|content_lang }}`: the foundations' text (always Danish) wrapped in `<span lang="da">` on a
  page in another language (WCAG 3.1.2, language of parts); on a Danish page the text as it is.
- `<p{% content_lang_attr %}>…</p>`: the same as an attribute, for a block element of content.
- `{% table_scroll %}<table>…</table>{% endtable_scroll %}`: the one wrapper of every wide table. It
  scrolls the whole table (caption and headers with it) inside the page, and a keyboard can reach it
  (`tabindex="0"`, a region named by the table's caption, or by the label given: `{% table_scroll label %}`).
"""

import re

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

CONTENT_LANGUAGE = "da"  # the language the foundations are written in
ICON_SPRITE = "dkfds/img/all-svg-icons.svg"


def _page_differs(language: str) -> bool:
    page_language = (get_language() or CONTENT_LANGUAGE).split("-")[0]
    return page_language != language


@register.simple_tag
def icon(name: str, label: str = "") -> SafeString:
    """An icon of the design system's sprite; decorative unless given a label."""
    href = f"{static(ICON_SPRITE)}#{name}"
    if label:
        return format_html(
            '<svg class="icon-svg" focusable="false" role="img" aria-label="{}"><use href="{}"></use></svg>',
            label,
            href,
        )
    return format_html(
        '<svg class="icon-svg" focusable="false" aria-hidden="true"><use href="{}"></use></svg>', href
    )


@register.filter
def content_lang(text: object, language: str = CONTENT_LANGUAGE) -> object:
    """The text marked with its language when the page is in another one."""
    if text in (None, "") or not _page_differs(language):
        return text
    # Paragraphs (from |linebreaks) cannot sit in a span.
    element = "div" if isinstance(text, SafeData) and "<p>" in str(text) else "span"
    return format_html('<{} lang="{}">{}</{}>', element, language, text, element)


@register.simple_tag
def content_lang_attr(language: str = CONTENT_LANGUAGE) -> SafeString:
    """` lang="da"` on a page in another language, else nothing: `<p{% content_lang_attr %}>`."""
    if not _page_differs(language):
        return mark_safe("")
    return format_html(' lang="{}"', language)


_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


class TableScrollNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: template.base.FilterExpression | None) -> None:
        self.nodelist = nodelist
        self.label = label

    def render(self, context: template.Context) -> str:
        content = self.nodelist.render(context)
        label = self.label.resolve(context) if self.label else ""
        if not label:
            caption = _CAPTION.search(content)
            label = " ".join(strip_tags(caption.group(1)).split()) if caption else gettext("Table")
        return format_html(
            '<div class="table--responsive-scroll grundlag-table-scroll" tabindex="0" role="region"'
            ' aria-label="{}">{}</div>',
            label,
            mark_safe(content),  # noqa: S308 - rendered by the template engine, which escaped it
        )


@register.tag
def table_scroll(parser: template.base.Parser, token: template.base.Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("table_scroll takes at most one argument, the region's label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("endtable_scroll",))
    parser.delete_first_token()
    return TableScrollNode(nodelist, label)


@register.simple_tag
def user_display_name(user: object) -> str:
    """The name a signed-in person is known by: their Person's name, else the account's name or username."""
    try:
        person = getattr(user, "person", None)
    except ObjectDoesNotExist:
        person = None
    if person is not None and not getattr(person, "erased_at", None) and person.name:
        return str(person.name)
    return str(user.get_full_name() or user.get_username())  # type: ignore[attr-defined]


_ALERT_ICONS = {"info": "info", "warning": "warning", "error": "error", "success": "success"}


@register.simple_tag
def alert_icon(kind: str) -> SafeString:
    """The icon at the start of an info box (`alert alert-…`), named for screen readers by its kind."""
    labels = {
        "info": gettext("Information"),
        "warning": gettext("Warning"),
        "error": gettext("Error"),
        "success": gettext("Success"),
    }
    href = f"{static(ICON_SPRITE)}#{_ALERT_ICONS.get(kind, 'info')}"
    return format_html(
        '<svg class="icon-svg alert-icon" focusable="false" role="img" aria-label="{}">'
        '<use href="{}"></use></svg>',
        labels.get(kind, labels["info"]),
        href,
    )
