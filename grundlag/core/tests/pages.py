"""Helpers for tests that compare whole pages."""

import re


def without_own_address(response) -> str:
    """The page without the address it was asked at (the language switch returns to it) and without its
    form tokens (new on every page): so two pages can be compared for what they tell."""
    page = response.content.decode().replace(response.wsgi_request.get_full_path(), "")
    return re.sub(r"[A-Za-z0-9]{64}", "", page)
