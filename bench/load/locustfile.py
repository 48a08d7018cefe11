"""The load of an evaluation season on Grundlag, for locust (run by bench/load/run.py, which makes the data).

- Respondents answer through the real pages with the links from the invitation e-mails: open the link (a
  redirect that sets the answering cookie), the answering page, one autosave per statement as the page's
  htmx sends it on each choice (hx-params: that statement only, the CSRF token in a header), then "Send
  answers" (the whole form). Each takes the next unused link when done. A respondent's first questionnaire
  starts at a random statement, as if the earlier ones were answered before the run (the submit sends them
  all, as the form does), so that submits come from the start, not only after a full questionnaire.
- Leaders, signed in, open their report of the closed cycle.
- An administrator, signed in, opens the closed cycle's organisation report (the heatmap).
- One user fetches `/healthz`, the bare baseline, twice a second.

Requests are sent as the proxy sends them (Host, X-Forwarded-Proto: https, X-Forwarded-For); the cookies
are Secure, so they are kept and sent by hand (locust's jar would not send them over HTTP).

Environment (set by run.py): LOAD_DATA (data.json), LOAD_TOKENS (one link token a line), LOAD_RESULTS (where
the acknowledged submits are written), LOAD_RESPONDENTS, LOAD_LEADERS, LOAD_ADMINS, LOAD_THINK (seconds
between two answers, on average).
"""

import json
import os
import random
import re
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, constant_pacing, events, task

HOST = "grundlag.example.dk"
ORIGIN = f"https://{HOST}"
PROXY = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
QUESTION = re.compile(rb'name="(q-\d+)" value="')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
THANKS = "/evaluations/answer/thanks/"

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text()) if os.environ.get("LOAD_DATA") else {}
TOKENS = Path(os.environ["LOAD_TOKENS"]).read_text().split() if os.environ.get("LOAD_TOKENS") else []
THINK = float(os.environ.get("LOAD_THINK", "3"))
ACKNOWLEDGED: list[str] = []  # submits answered with the redirect to the thanks page
IN_DOUBT: list[str] = []  # submits answered otherwise, or not at all


class Browser(FastHttpUser):
    abstract = True

    def on_start(self) -> None:
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, *, name: str, expect: int, form=None, headers=None, check=None):
        sent = dict(PROXY) | (headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
            sent.setdefault("Referer", f"{ORIGIN}{path}")
        with self.client.request(
            method, path, data=body, headers=sent, name=name, allow_redirects=False, catch_response=True
        ) as response:
            for header in _set_cookies(response):
                for key, morsel in SimpleCookie(header).items():
                    self.cookies[key] = morsel.value
            if response.status_code != expect or (check is not None and not check(response)):
                response.failure(f"{response.status_code}, expected {expect}")
                return None
            response.success()
            return response

    def log_in(self, username: str, password: str) -> None:
        page = self.send("GET", "/login/", name="login page", expect=200)
        token = CSRF.search(page.content)[1].decode() if page is not None else ""
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        self.send("POST", "/login/", name="login (POST)", expect=302, form=form)


def _set_cookies(response) -> list[str]:
    headers = response.headers
    if hasattr(headers, "get_all"):
        return headers.get_all("Set-Cookie") or []
    value = headers.get("Set-Cookie")
    return [value] if value else []


class Respondent(Browser):
    wait_time = between(0, 0)  # the think time is inside the task, between the answers

    def on_start(self) -> None:
        super().on_start()
        self.first = True

    @task
    def answer_one(self) -> None:
        if not TOKENS:
            self.stop()
            return
        token = TOKENS.pop()
        self.cookies = {}
        if (
            self.send("GET", f"/evaluations/answer/{token}/", name="answer link (redirect)", expect=302)
            is None
        ):
            return
        page = self.send("GET", "/evaluations/answer/", name="answer page", expect=200)
        if page is None:
            return
        csrf = CSRF.search(page.content)[1].decode()
        statements = list(dict.fromkeys(name.decode() for name in QUESTION.findall(page.content)))
        chosen = {name: str(random.randint(1, 5)) for name in statements}
        start = random.randrange(len(statements)) if self.first else 0
        self.first = False
        htmx = {
            "HX-Request": "true",
            "HX-Target": "answer-progress",
            "HX-Current-URL": f"{ORIGIN}/evaluations/answer/",
            "X-CSRFToken": csrf,
            "Referer": f"{ORIGIN}/evaluations/answer/",
        }
        for name in statements[start:]:
            self.wait_a_moment()
            form = {name: chosen[name]}
            self.send(
                "POST",
                "/evaluations/answer/save/",
                name="autosave (htmx)",
                expect=200,
                form=form,
                headers=htmx,
            )
        self.wait_a_moment()
        submitted = self.send(
            "POST",
            "/evaluations/answer/submit/",
            name="submit",
            expect=302,
            form={"csrfmiddlewaretoken": csrf, **chosen},
            headers={"Referer": f"{ORIGIN}/evaluations/answer/"},
            check=lambda response: response.headers.get("Location", "").endswith(THANKS),
        )
        (ACKNOWLEDGED if submitted is not None else IN_DOUBT).append(token)

    def wait_a_moment(self) -> None:
        gevent.sleep(random.uniform(THINK * 0.5, THINK * 1.5))


class Leader(Browser):
    wait_time = between(3, 6)

    def on_start(self) -> None:
        super().on_start()
        leaders = DATA.get("leaders") or [{}]
        self.login = leaders[next(_leader_numbers) % len(leaders)]
        self.log_in(self.login["username"], self.login["password"])

    @task
    def report(self) -> None:
        self.send("GET", f"/evaluations/reports/{self.login['evaluee']}/", name="leader report", expect=200)


class Administrator(Browser):
    wait_time = between(5, 10)

    def on_start(self) -> None:
        super().on_start()
        self.log_in(DATA["admin"]["username"], DATA["admin"]["password"])

    @task
    def heatmap(self) -> None:
        path = f"/evaluations/org-reports/{DATA['closed_cycle']}/"
        self.send("GET", path, name="heatmap (organisation report)", expect=200)


class Health(Browser):
    wait_time = constant_pacing(0.5)

    @task
    def healthz(self) -> None:
        self.send("GET", "/healthz", name="/healthz (baseline)", expect=200)


def _numbers():
    number = 0
    while True:
        yield number
        number += 1


_leader_numbers = _numbers()

# How many of each: the respondents are the rest of the users (run.py sets -u to the sum).
Leader.fixed_count = int(os.environ.get("LOAD_LEADERS", "10"))
Administrator.fixed_count = int(os.environ.get("LOAD_ADMINS", "1"))
Health.fixed_count = 1


@events.test_stop.add_listener
def _write_results(environment, **kwargs) -> None:
    if os.environ.get("LOAD_RESULTS"):
        with open(os.environ["LOAD_RESULTS"], "w") as out:
            json.dump({"acknowledged": ACKNOWLEDGED, "in_doubt": IN_DOUBT, "unused": len(TOKENS)}, out)
