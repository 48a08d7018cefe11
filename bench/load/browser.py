"""One browser behind the proxy, for the fault scripts: its cookies, and a respondent's way through the
answering pages as the pages' own forms and htmx send it (templates/evaluations/answer_form.html,
_answer_question.html; templates/base.html puts the CSRF token in htmx's headers).

The answering cookie and the CSRF cookie are Secure (TLS ends at the proxy), so the cookies are kept here
and sent by hand rather than by an HTTP library's jar, which would not send a Secure cookie over HTTP.
"""

import random
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from stack import ORIGIN, fetch

QUESTION = re.compile(rb'name="(q-\d+)" (?:value="([^"]*)"|rows=)')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWERED = "answered"  # the link of a response already sent: "You have already answered" (200)
FORM = "form"


@dataclass
class Browser:
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, path: str, *, form: dict[str, str] | None = None, headers: dict | None = None):
        """(status, response, body); raises ConnectionError (an OSError) when no answer came."""
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
            sent.setdefault("Referer", f"{ORIGIN}/evaluations/answer/")
        status, response, content = fetch(
            self.port, path, method="POST" if form is not None else "GET", body=body, headers=sent
        )
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response, content


@dataclass
class Questionnaire:
    csrf: str
    scale: list[str]  # the statements' field names
    open: list[str]  # the open questions' field names


def questionnaire(page: bytes) -> Questionnaire:
    token = CSRF.search(page)
    if token is None:
        raise ValueError("the answering page has no CSRF token")
    scale, open_ = [], []
    for name, value in QUESTION.findall(page):
        field_name = name.decode()
        if value is None or value == b"":
            if field_name not in open_:
                open_.append(field_name)
        elif field_name not in scale:
            scale.append(field_name)
    return Questionnaire(token[1].decode(), scale, open_)


def open_link(browser: Browser, token: str) -> tuple[str, Questionnaire | None]:
    """Open the e-mail's link: the form (to answer) or the page that says it was answered already."""
    status, response, _ = browser.request(f"/evaluations/answer/{token}/")
    if status != 302:
        raise RuntimeError(f"the answer link gave {status}")
    status, _, page = browser.request("/evaluations/answer/")
    if status == 200 and b'name="csrfmiddlewaretoken"' in page and b'name="q-' in page:
        return FORM, questionnaire(page)
    if status == 200:
        return ANSWERED, None
    raise RuntimeError(f"the answering page gave {status}")


def answers(form: Questionnaire, rng: random.Random) -> dict[str, str]:
    chosen = {name: str(rng.randint(1, 5)) for name in form.scale}
    if form.open:
        chosen[form.open[0]] = "Fortsæt med at lytte, før der bliver besluttet."
    return chosen


def autosave(browser: Browser, form: Questionnaire, name: str, value: str) -> int:
    """One answer saved as htmx saves it on `change` (hx-params: that field only; the token in a header)."""
    headers = {
        "HX-Request": "true",
        "HX-Target": "answer-progress",
        "HX-Current-URL": f"{ORIGIN}/evaluations/answer/",
        "X-CSRFToken": form.csrf,
    }
    status, _, _ = browser.request("/evaluations/answer/save/", form={name: value}, headers=headers)
    return status


def submit(browser: Browser, form: Questionnaire, chosen: dict[str, str]) -> bool:
    """ "Send answers": the whole form. True when acknowledged (the redirect to the thanks page)."""
    status, response, _ = browser.request(
        "/evaluations/answer/submit/", form={"csrfmiddlewaretoken": form.csrf, **chosen}
    )
    return status == 302 and response.getheader("Location", "").endswith("/evaluations/answer/thanks/")


@dataclass
class Outcome:
    """What a crowd of respondents saw: every request's time and result, and what the retries found."""

    acknowledged: set[str] = field(default_factory=set)
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, step, "ok" or the error)
    retried_answered: int = 0  # a retry found the link answered: stored before the failure was seen
    retried_form: int = 0  # a retry found the form again: not stored, sent again
    gave_up: list[str] = field(default_factory=list)

    def errors(self, since: float = 0.0, until: float = float("inf")) -> list[tuple[float, str, str]]:
        return [entry for entry in self.requests if entry[2] != "ok" and since <= entry[0] <= until]


class Failed(Exception):
    """A request of the respondent's failed: no answer, or a server error."""


def respond(port: int, token: str, outcome: Outcome, rng: random.Random, *, deadline: float) -> None:
    """One respondent: open the link, answer one statement by autosave, send the whole form; when a
    request fails, open the link again (as the respondent would) until the deadline. Thread-safe enough:
    each list append is atomic under the GIL."""
    had_failure = False
    while time.monotonic() < deadline:
        browser = Browser(port)
        try:
            state, form = _step(outcome, "open", open_link, browser, token)
            if state == ANSWERED:
                if had_failure:
                    outcome.retried_answered += 1
                outcome.acknowledged.add(token)  # the page says it is stored
                return
            if had_failure:
                outcome.retried_form += 1
            chosen = answers(form, rng)
            first = form.scale[0]
            _step(outcome, "autosave", _saved, browser, form, first, chosen[first])
            _step(outcome, "submit", _sent, browser, form, chosen)
            outcome.acknowledged.add(token)
            return
        except Failed:
            had_failure = True
            time.sleep(0.2)  # the respondent tries again a moment later
    outcome.gave_up.append(token)


def _saved(browser: Browser, form: Questionnaire, name: str, value: str) -> None:
    status = autosave(browser, form, name, value)
    if status != 200:
        raise Failed(f"autosave answered {status}")


def _sent(browser: Browser, form: Questionnaire, chosen: dict[str, str]) -> None:
    if not submit(browser, form, chosen):
        raise Failed("the submit was not acknowledged")


def _step(outcome: Outcome, name: str, action, *arguments):
    try:
        value = action(*arguments)
    except (OSError, RuntimeError, Failed) as error:
        outcome.requests.append((time.monotonic(), name, type(error).__name__ + ": " + str(error)[:60]))
        raise Failed(str(error)) from error
    outcome.requests.append((time.monotonic(), name, "ok"))
    return value


def crowd(port: int, tokens: list[str], *, threads: int, until: threading.Event, seconds: float) -> Outcome:
    """`threads` respondents at once, each taking the next link until `until` is set or the links run out."""
    outcome = Outcome()
    queue = list(tokens)
    deadline = time.monotonic() + seconds

    def one(number: int) -> None:
        rng = random.Random(number)
        while not until.is_set() and queue and time.monotonic() < deadline:
            respond(port, queue.pop(), outcome, rng, deadline=deadline)

    workers = [threading.Thread(target=one, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcome
