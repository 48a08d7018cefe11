"""What other domains add to a development plan's page, without `development` knowing them (the dependency
rule): a domain registers a function with `plan_extras` that returns the `PlanExtra`s it has for a plan as the
person asking reads it (a partial template and its context), or none; the plan page renders them below the
goals. The talent pipeline adds a talent's programme and assessed practice assignments this way."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from ..models import Plan


@dataclass(frozen=True)
class PlanExtra:
    """One part of a plan's page from another domain: a partial template and what it shows."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


ExtrasFor = Callable[..., list[PlanExtra]]
_providers: list[ExtrasFor] = []


def plan_extras(provider: ExtrasFor) -> ExtrasFor:
    """Register a domain's parts of the plan page (a function of `plan=` and `user=`); a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def plan_extras_for(*, plan: Plan, user: User | AnonymousUser) -> list[PlanExtra]:
    """Every domain's parts of the plan's page for the person asking."""
    return [extra for provider in _providers for extra in provider(plan=plan, user=user)]
