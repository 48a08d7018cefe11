"""Secrets that travel in addresses never reach a log line.

An answer link is the respondent's access, and its digest is stored on the invitation: a log line
holding `/evaluations/answer/<token>/` names the respondent and times every visit. A password-reset
link opens an account, an import's handle opens a stored upload of the whole organisation, a calendar
feed's address tells which events its person goes to, and what a leader searches the knowledge-sharing
library for may name the people it is about. Every
handler of the LOGGING setting, and the access log of the shipped gunicorn configuration
(gunicorn.conf.py), runs its records through `RedactSecrets` first.
"""

import logging
import re
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger  # type: ignore[import-untyped]

PLACEHOLDER = "[redacted]"

# A slash, or its escaped form in a query string (?next=%2Fevaluations%2Fanswer%2F...).
_SLASH = r"(?:/|%2F)"
# One path segment: up to the next slash (plain or escaped), space, query, fragment or quote.
_SEGMENT = r"(?:(?!%2F)[^/\s?#\"'&<>])+"
# The answering pages' own addresses beside the link: they carry no secret.
_ANSWER_PAGES = {"save", "submit", "thanks"}

_SECRETS = [
    re.compile(
        rf"(?P<prefix>{_SLASH}evaluations{_SLASH}answer{_SLASH})(?P<secret>{_SEGMENT})", re.IGNORECASE
    ),
    # /password-reset/<uidb64>/<token>/: the account's id and the key to it.
    re.compile(
        rf"(?P<prefix>{_SLASH}password-reset{_SLASH})(?P<secret>{_SEGMENT}{_SLASH}{_SEGMENT})", re.IGNORECASE
    ),
    # /organisation/import/<handle>/ and /indicators/import/<handle>/: an uploaded file waiting to be applied.
    re.compile(
        rf"(?P<prefix>{_SLASH}(?:organisation|indicators){_SLASH}import{_SLASH})(?P<secret>{_SEGMENT})",
        re.IGNORECASE,
    ),
    # /networks/calendar/<secret>.ics: a person's calendar feed, which tells which events they go to.
    re.compile(
        rf"(?P<prefix>{_SLASH}networks{_SLASH}calendar{_SLASH})(?P<secret>{_SEGMENT}\.ics)", re.IGNORECASE
    ),
    # /tools/library/?q=...: what a leader searches the knowledge-sharing library for may name people.
    re.compile(
        rf"(?P<prefix>{_SLASH}tools{_SLASH}library{_SLASH}(?:\?|%3F)(?:[^\s\"'#]*?(?:&|%26))?q(?:=|%3D))"
        r"(?P<secret>[^&\s\"'#]+)",
        re.IGNORECASE,
    ),
]


def _redacted(match: re.Match[str]) -> str:
    if match["secret"].lower() in _ANSWER_PAGES:
        return match[0]
    return match["prefix"] + PLACEHOLDER


def redact(text: str) -> str:
    """The text with every answer token, password-reset link and import handle replaced by a placeholder."""
    for pattern in _SECRETS:
        text = pattern.sub(_redacted, text)
    return text


class RedactSecrets(logging.Filter):
    """Rewrites a record's message, arguments included, without the secrets of `redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            # The arguments are merged into the message: runserver's access line has the address in args.
            record.msg, record.args = redacted, ()
        return True


class RedactingGunicornLogger(GunicornLogger):
    """Gunicorn's logger, whose access and error lines (address, referrer, headers) pass `RedactSecrets`."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(existing, RedactSecrets) for existing in log.filters):
                log.addFilter(RedactSecrets())
