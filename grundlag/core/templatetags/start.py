"""`{% start_section section %}`: one domain's part of the start page, rendered from its own partial."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from grundlag.core.start import StartSection

register = template.Library()


@register.simple_tag(takes_context=True)
def start_section(context: template.Context, section: StartSection) -> SafeString:
    """The section's partial with its own context, and the request (for csrf, perms and the language)."""
    html = render_to_string(section.template, section.context, request=context.get("request"))
    return mark_safe(html)  # noqa: S308 - a template rendered with autoescaping
