"""A POST's outcome as the message the next page shows: a service's refusal in its own words, or the success
the view names. Every domain's views answer a POST that redirects this way."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def refusal_show(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal, each of its messages, for the next page."""
    for message in error.messages:
        messages.error(request, message)


def service_run(request: HttpRequest, call: Callable[[], Any], success: str | Callable[[Any], str]) -> bool:
    """Run one service for a POST that answers with a redirect: its refusal, or `success` (a text, or a
    function of what the service returned), as the next page's message; whether it went through."""
    try:
        result = call()
    except ValidationError as error:
        refusal_show(request, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def form_errors_show(request: HttpRequest, form: Any) -> None:
    """A form's errors as messages, for a POST that answers with a redirect."""
    refusal_show(request, ValidationError([e for errors in form.errors.values() for e in errors]))
