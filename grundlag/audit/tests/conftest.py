import html

from django.urls import reverse
from django.utils import translation


def page_text(response) -> str:
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def english(name, **kwargs) -> str:
    """The English address of a page, for tests that read its (English msgid) text."""
    with translation.override("en"):
        return reverse(name, **kwargs)
