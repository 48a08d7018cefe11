"""Filters for the frozen data pack's action plans: a stored status key in the reader's language, a stored
ISO date as a date."""

import datetime

from django import template

from ..models import PlanStatus

register = template.Library()


@register.filter
def plan_status_label(value: str) -> str:
    return str(PlanStatus(value).label) if value in PlanStatus.values else value


@register.filter
def iso_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
