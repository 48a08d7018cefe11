"""The notes and comments on a unit's pages, as inclusion tags (`{% load indicator_notes %}`):

- `{% unit_notes unit %}`: the latest notes the viewer may read, a link to all of them and, for a leader of
  the unit, a link to write one;
- `{% figure_comments unit indicator %}`: the comments on the unit's figures of the indicator, and for a
  leader of the unit a form to comment.

The viewer is the template context's request's user. For a viewer who may not see the unit's figures both
render nothing (the page around them decides what such a viewer sees). `level` sets the heading's level.
"""

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser, User

from ..notes.forms import CommentForm
from ..notes.selectors import (
    comment_periods,
    figure_comments_for_user,
    notes_access,
    notes_author_for_user,
    unit_notes_for_user,
)

register = template.Library()

LATEST_NOTES = 3


def _viewer(request: Any) -> User | AnonymousUser:
    user = getattr(request, "user", None)
    return user if isinstance(user, User | AnonymousUser) else AnonymousUser()


@register.inclusion_tag("indicators/notes/_unit_notes.html", takes_context=True)
def unit_notes(context: template.Context, unit: Any, level: int = 2) -> dict[str, Any]:
    request = context.get("request")
    user = _viewer(request)
    access = notes_access(user=user, unit=unit) if unit is not None else None
    if access is None:
        return {"shown": False}
    return {
        "shown": True,
        "unit": unit,
        "level": level,
        "notes": list(unit_notes_for_user(user=user, unit=unit)[:LATEST_NOTES]),
        "can_write": access.can_write,
        "me": notes_author_for_user(user=user),
    }


@register.inclusion_tag("indicators/notes/_figure_comments.html", takes_context=True)
def figure_comments(context: template.Context, unit: Any, indicator: Any, level: int = 2) -> dict[str, Any]:
    request = context.get("request")
    user = _viewer(request)
    access = notes_access(user=user, unit=unit) if unit is not None else None
    if access is None or indicator is None:
        return {"shown": False}
    periods = comment_periods(unit=unit, indicator=indicator) if access.can_write else []
    form = (
        CommentForm(
            periods=periods,
            initial={"period": periods[0].value},
            auto_id=f"comment-{indicator.pk}-%s",
        )
        if periods
        else None
    )
    return {
        "shown": True,
        "unit": unit,
        "indicator": indicator,
        "level": level,
        "comments": list(figure_comments_for_user(user=user, unit=unit, indicator=indicator)),
        "form": form,
        "me": notes_author_for_user(user=user),
        "next": request.get_full_path() if request is not None else "",
    }
