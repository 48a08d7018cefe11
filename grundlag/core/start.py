"""The start page: what each domain puts on it for the person who signs in.

`core` knows no domain, so the domains bring their own parts: each app's `start.py` registers a
function with `start_sections` that returns the sections it has for a user (none where it has nothing
for them), and the app's `AppConfig.ready()` imports that module. A new capability adds its items to the
start page the same way, without touching the page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class StartSection:
    """One part of the start page: a partial template and what it shows, placed by `order`."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


SectionsFor = Callable[..., list[StartSection]]
_providers: list[SectionsFor] = []


def start_sections(provider: SectionsFor) -> SectionsFor:
    """Register a domain's sections (a function of `user=`); used as a decorator in the apps' start.py."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def start_sections_for_user(*, user: User | AnonymousUser) -> list[StartSection]:
    """Every domain's sections for the user, in the order the domains ask for."""
    sections = [section for provider in _providers for section in provider(user=user)]
    return sorted(sections, key=lambda section: section.order)
