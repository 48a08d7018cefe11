"""A newsletter's text, from the plain text an organiser writes to safe HTML and a plain-text version.

The few formats: a blank line starts a new paragraph (a line break inside one is kept); a run of lines that
start with "- " is a bullet list; *words between stars* are emphasised; http and https addresses become links.
Everything else is text: the HTML is escaped throughout, so nothing written can become markup or a script.
The same rendering is used for the preview, the archive and the e-mail.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BULLET = "- "
_URL = re.compile(r"https?://[^\s<>\"'*]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address it follows.
_URL_TAIL = ".,;:!?)]}"
_EMPHASIS = re.compile(r"\*(?=\S)([^*\n]*?\S)\*")


@dataclass(frozen=True)
class Formatted:
    """A text rendered: `html` is safe to put in a page or an e-mail; `text` is the plain-text version."""

    html: SafeString
    text: str


def _blocks(text: str) -> list[list[str]]:
    """The paragraphs (runs of non-blank lines), each line's trailing space removed."""
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_bullet(line: str) -> bool:
    return line.lstrip().startswith(BULLET)


def _runs(block: list[str]) -> list[tuple[bool, list[str]]]:
    """A paragraph split into runs of bullet lines and of other lines, in order."""
    runs: list[tuple[bool, list[str]]] = []
    for line in block:
        bullet = _is_bullet(line)
        if runs and runs[-1][0] == bullet:
            runs[-1][1].append(line)
        else:
            runs.append((bullet, [line]))
    return runs


def _link(url: str) -> tuple[str, str]:
    """The address and the punctuation after it that belongs to the sentence."""
    tail = ""
    while url and url[-1] in _URL_TAIL:
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def _emphasis_html(text: str) -> str:
    parts: list[str] = []
    last = 0
    for match in _EMPHASIS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<em>{escape(match.group(1))}</em>")
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def inline_html(text: str) -> str:
    """One line as escaped HTML, its addresses as links and its *words between stars* emphasised."""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url, tail = _link(match.group(0))
        if not url.split("://", 1)[1]:
            continue
        parts.append(_emphasis_html(text[last : match.start()]))
        parts.append(f'<a href="{escape(url)}">{escape(url)}</a>{escape(tail)}')
        last = match.end()
    parts.append(_emphasis_html(text[last:]))
    return "".join(parts)


def _bullet_text(line: str) -> str:
    return line.lstrip()[len(BULLET) :].strip()


def _html(blocks: list[list[str]]) -> str:
    out = []
    for block in blocks:
        for bullet, lines in _runs(block):
            if bullet:
                items = "".join(f"<li>{inline_html(_bullet_text(line))}</li>" for line in lines)
                out.append(f"<ul>{items}</ul>")
            else:
                out.append("<p>" + "<br>".join(inline_html(line.strip()) for line in lines) + "</p>")
    return "\n".join(out)


def _text(blocks: list[list[str]]) -> str:
    paragraphs = []
    for block in blocks:
        lines = [f"- {_bullet_text(line)}" if _is_bullet(line) else line.strip() for line in block]
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def format_body(text: str) -> Formatted:
    """The newsletter's text as safe HTML and as plain text (paragraphs, bullets, emphasis, links)."""
    blocks = _blocks(text)
    return Formatted(html=mark_safe(_html(blocks)), text=_text(blocks))  # noqa: S308 — escaped throughout
