"""Crawl every page of a running Grundlag as each role: status, axe-core, 375 px and console errors.

Breadth-first over the links (`a[href]`) each role is shown, from the start page, GET only: what outside
testers do first. Addresses are grouped by route (`django.urls.resolve`, so this runs with the Django
settings) and at most `per_route` addresses of one route are visited per role, so every kind of page is
seen without walking 13,000 people. Downloads (PDF, Word, calendars, CSV, JSON) are only asked for their
status. Logout and the language switch are forms, never links: they are left alone, as are other hosts.

    python -m e2e.crawl BASE_URL [--per-route N] [--per-role N] [--json FILE]

against a server on the same database (its sessions are made here); `scripts/crawl` builds a fresh demo,
starts a server and runs this. It exits 1 when there is any finding.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

from e2e.conftest import _TOO_WIDE_JS, AXE_JS, CHROMIUM, CHROMIUM_ARGS, PHONE

NEVER_FOLLOW = {"logout", "set_language"}  # forms on every page; never links, but never followed either
LOGIN_ROUTE = "login"
DEMO_LOGINS = ("demo-admin", "demo-skoleleder", "demo-skolechef", "demo-laerer", "demo-lederkonsulent")
PASSWORD_BACKEND = "grundlag.accounts.backends.PasswordBackend"
# Addresses that are very likely downloads are asked for their status only; others are found out on arrival.
_DOWNLOAD_PATH = re.compile(r"\.(pdf|docx|xlsx|ics|csv|json|ya?ml|zip)$", re.IGNORECASE)
_DOWNLOAD_ROUTE = re.compile(r"(^|[_:-])(pdf|docx|xlsx|ics|csv|json|export|feed|schema)$")
# Serious and critical violations only, a few nodes each: what the e2e tests' `axe_check` fails on.
_AXE_JS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                nodes: v.nodes.slice(0, 2).map((n) => ({target: n.target.join(' '), html: n.html}))}))"""
_LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
  .map((a) => [a.href, a.outerHTML.slice(0, 240), a.hasAttribute('download')])"""
# The kinds of finding that the browser test fails on; the script fails on every kind.
FAILING_IN_TEST = {"server-error", "navigation", "axe", "sideways"}


@dataclass(frozen=True)
class Role:
    name: str
    session: str | None  # the session cookie's value; None for anonymous


@dataclass(frozen=True)
class Limits:
    per_route: int = 2  # addresses visited per (role, route name)
    per_role: int = 400  # pages and downloads per role
    phone_axe: bool = True  # axe-core at 375 px too (the sideways check always runs there)


@dataclass(frozen=True)
class Link:
    url: str
    route: str
    linked_from: str
    html: str
    download: bool = False


@dataclass(frozen=True)
class Finding:
    role: str
    route: str
    url: str
    kind: str  # server-error, broken-link, download, navigation, axe, sideways, console
    rule: str  # axe rule id, "HTTP 500", ...
    impact: str
    snippet: str


@dataclass
class RoleResult:
    role: str
    pages: int = 0
    downloads: int = 0
    routes: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    left_by_route_cap: int = 0  # addresses not visited because their route was seen often enough
    left_by_role_cap: int = 0  # addresses still queued when the per-role cap was hit
    seconds: float = 0.0


@dataclass
class Frontier:
    """The addresses a role has queued, and how many of each route."""

    per_route: int
    seen: set[str] = field(default_factory=set)
    by_route: Counter[str] = field(default_factory=Counter)
    left: int = 0

    def admit(self, link: Link) -> bool:
        if link.url in self.seen or link.route in NEVER_FOLLOW:
            return False
        self.seen.add(link.url)
        if self.by_route[link.route] >= self.per_route:
            self.left += 1
            return False
        self.by_route[link.route] += 1
        return True


def route_of(url: str) -> str:
    """The route's view name (`namespace:name`) of an address on this site, in its language."""
    path = urlsplit(url).path or "/"
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path).view_name
        except Resolver404:
            return f"(no route) {path}"


def link_to_follow(href: str, *, origin: str, linked_from: str, html: str, download: bool) -> Link | None:
    """The link as an address to crawl, or None for another host, `mailto:`, `tel:` or `javascript:`."""
    url, _fragment = urldefrag(href)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    return Link(url=url, route=route_of(url), linked_from=linked_from, html=html, download=download)


def looks_like_download(link: Link) -> bool:
    return link.download or bool(
        _DOWNLOAD_PATH.search(urlsplit(link.url).path) or _DOWNLOAD_ROUTE.search(link.route)
    )


def is_html(headers: dict[str, str]) -> bool:
    return headers.get("content-type", "").startswith("text/html")


def clip(text: str, length: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def finding(role: str, link: Link, *, kind: str, rule: str, impact: str, snippet: str) -> Finding:
    return Finding(
        role=role, route=link.route, url=link.url, kind=kind, rule=rule, impact=impact, snippet=clip(snippet)
    )


def status_problem(role: Role, link: Link, *, status: int, final_url: str, download: bool) -> tuple[str, str]:
    """The kind and rule of what is wrong with a response, or ("", "") for nothing: a 5xx anywhere; a 4xx
    (or, signed in, the login page) where a link shown to the role led."""
    if status >= 500 or status == 0:
        return "server-error", f"HTTP {status}"
    if status >= 400:
        return ("download" if download else "broken-link"), f"HTTP {status}"
    if role.session and route_of(final_url) == LOGIN_ROUTE and link.route != LOGIN_ROUTE:
        return "broken-link", "sent to the login page"
    return "", ""


def status_findings(role: Role, link: Link, *, status: int, final_url: str, download: bool) -> list[Finding]:
    kind, rule = status_problem(role, link, status=status, final_url=final_url, download=download)
    if not kind:
        return []
    impact = "critical" if kind == "server-error" else "serious"
    where = f"linked from {link.linked_from}: {link.html}" if link.linked_from else "the start page"
    return [finding(role.name, link, kind=kind, rule=rule, impact=impact, snippet=where)]


def download_check(context: BrowserContext, role: Role, link: Link) -> tuple[list[Finding], bool]:
    """Ask for an address with a plain request: its findings, and whether it is an HTML page after all."""
    response = context.request.get(link.url, timeout=120_000)
    html = is_html(response.headers) and response.status < 400
    if html:
        return [], True
    return status_findings(role, link, status=response.status, final_url=response.url, download=True), False


def axe_findings(page: Page, role: Role, link: Link, *, width: str) -> list[Finding]:
    """axe-core's serious and critical violations on the page as it is, injected as `_axe_run` does."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return [
        finding(
            role.name,
            link,
            kind="axe",
            rule=violation["id"],
            impact=violation["impact"],
            snippet=f"[{width}, {violation['count']} nodes] {violation['help']} — "
            + " | ".join(f"{node['target']}: {node['html']}" for node in violation["nodes"]),
        )
        for violation in page.evaluate(_AXE_JS)
    ]


def phone_findings(page: Page, role: Role, link: Link, *, limits: Limits) -> list[Finding]:
    """At 375 px: axe-core again, and the sideways test of `no_sideways_scroll`. The viewport is restored."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    try:
        found = axe_findings(page, role, link, width="375 px") if limits.phone_axe else []
        wide = page.evaluate(_TOO_WIDE_JS)
        if wide["scrollWidth"] > wide["width"]:
            snippet = f"scrollWidth {wide['scrollWidth']} px > {wide['width']} px: {', '.join(wide['wide'])}"
            found.append(
                finding(
                    role.name,
                    link,
                    kind="sideways",
                    rule="sideways scroll at 375 px",
                    impact="serious",
                    snippet=snippet,
                )
            )
        return found
    finally:
        if viewport is not None:
            page.set_viewport_size(viewport)


def page_links(page: Page, *, origin: str) -> list[Link]:
    links = []
    for href, html, download in page.evaluate(_LINKS_JS):
        link = link_to_follow(href, origin=origin, linked_from=page.url, html=html, download=download)
        if link is not None:
            links.append(link)
    return links


@dataclass
class Visited:
    findings: list[Finding]
    links: list[Link]
    download: bool
    route: str = ""


def visit(page: Page, role: Role, link: Link, *, origin: str, limits: Limits, errors: list[str]) -> Visited:
    """Open one address: a download's status, or an HTML page's status, axe-core, 375 px, console."""
    if looks_like_download(link):
        found, html = download_check(page.context, role, link)
        if not html:
            return Visited(found, [], download=True)
    errors.clear()
    try:
        response = page.goto(link.url, wait_until="load", timeout=120_000)
    except PlaywrightError as error:  # "Download is starting", or aborted: a file after all
        found, html = download_check(page.context, role, link)
        if html:  # an HTML page the browser could not open (a timeout)
            found = [
                finding(
                    role.name,
                    link,
                    kind="navigation",
                    rule="the browser could not open it",
                    impact="critical",
                    snippet=str(error),
                )
            ]
        return Visited(found, [], download=True)
    if response is None or not is_html(response.headers):
        status = response.status if response is not None else 0
        return Visited(
            status_findings(role, link, status=status, final_url=page.url, download=True), [], True
        )
    found = status_findings(role, link, status=response.status, final_url=page.url, download=False)
    found += axe_findings(page, role, link, width="1280 px")
    found += phone_findings(page, role, link, limits=limits)
    # An error page's own status is logged too: the broken link says it already.
    own_status = f"the server responded with a status of {response.status} "
    found += [
        finding(role.name, link, kind="console", rule="console error", impact="serious", snippet=error)
        for error in dict.fromkeys(errors)
        if not (response.status >= 400 and error.startswith(f"Failed to load resource: {own_status}"))
    ]
    return Visited(found, page_links(page, origin=origin), download=False, route=route_of(page.url))


def role_context(browser: Browser, *, base_url: str, role: Role) -> BrowserContext:
    """A browser of the role's own: its session cookie, and no CSP so that axe-core can be injected."""
    context = browser.new_context(
        bypass_csp=True, accept_downloads=True, locale="da-DK", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(60_000)
    if role.session:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": role.session, "url": base_url}])
    return context


def console_errors(page: Page) -> list[str]:
    """The errors the page logs (a failed script, a missing file), filled in as they come."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def crawl_role(browser: Browser, *, base_url: str, role: Role, limits: Limits) -> RoleResult:
    """Breadth-first from the start page over the links shown to one role."""
    started, origin = time.perf_counter(), base_url.rstrip("/")
    result, frontier = RoleResult(role=role.name), Frontier(per_route=limits.per_route)
    start = Link(url=f"{origin}/", route=route_of("/"), linked_from="", html="")
    frontier.admit(start)
    queue = deque([start])
    context = role_context(browser, base_url=origin, role=role)
    try:
        page = context.new_page()
        errors = console_errors(page)
        while queue:
            if result.pages + result.downloads >= limits.per_role:
                result.left_by_role_cap = len(queue)
                break
            link = queue.popleft()
            visited = visit(page, role, link, origin=origin, limits=limits, errors=errors)
            result.findings += visited.findings
            result.routes.update({link.route, visited.route} - {""})
            if visited.download:
                result.downloads += 1
            else:
                result.pages += 1
                frontier.seen.add(urldefrag(page.url)[0])
            queue.extend(new for new in visited.links if frontier.admit(new))
    finally:
        context.close()
    result.left_by_route_cap, result.seconds = frontier.left, time.perf_counter() - started
    return result


def crawl(browser: Browser, *, base_url: str, roles: list[Role], limits: Limits) -> list[RoleResult]:
    return [crawl_role(browser, base_url=base_url, role=role, limits=limits) for role in roles]


def summary_table(results: list[RoleResult]) -> list[str]:
    lines = [f"{'role':22} {'pages':>6} {'files':>6} {'routes':>7} {'findings':>9} {'seconds':>8}  caps"]
    for result in results:
        caps = f"route cap left {result.left_by_route_cap} addresses"
        if result.left_by_role_cap:
            caps += f"; PAGE CAP HIT with {result.left_by_role_cap} addresses still queued"
        lines.append(
            f"{result.role:22} {result.pages:>6} {result.downloads:>6} {len(result.routes):>7} "
            f"{len(result.findings):>9} {result.seconds:>8.0f}  {caps}"
        )
    return lines


def findings_by_rule(results: list[RoleResult]) -> list[str]:
    """Every finding, grouped by kind and rule, then route: the roles, the addresses and snippets."""
    groups: dict[tuple[str, str, str], dict[str, list[Finding]]] = {}
    for item in (item for result in results for item in result.findings):
        groups.setdefault((item.kind, item.rule, item.impact), {}).setdefault(item.route, []).append(item)
    lines = []
    for (kind, rule, impact), routes in sorted(groups.items()):
        lines.append(f"\n== {kind}: {rule} ({impact}) — {sum(map(len, routes.values()))} findings")
        for route, items in sorted(routes.items()):
            lines.append(f"  {route}")
            lines += [f"    {role:20} {url}" for role, url in dict.fromkeys((i.role, i.url) for i in items)]
            lines += [f"      {snippet}" for snippet in list(dict.fromkeys(i.snippet for i in items))[:3]]
    return lines


def crawl_report(results: list[RoleResult]) -> str:
    return "\n".join(summary_table(results) + findings_by_rule(results))


def crawl_json(results: list[RoleResult]) -> list[dict[str, object]]:
    """Each role's counts, the routes it reached and its findings, for a file."""
    return [
        {
            **result.__dict__,
            "routes": sorted(result.routes),
            "findings": [f.__dict__ for f in result.findings],
        }
        for result in results
    ]


def session_for(username: str) -> str:
    """A signed-in session of the login, in the database the server uses: its cookie's value."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username), backend=PASSWORD_BACKEND)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Crawl every page of a running Grundlag as each role.")
    parser.add_argument("base_url")
    parser.add_argument("--per-route", type=int, default=Limits.per_route)
    parser.add_argument("--per-role", type=int, default=Limits.per_role)
    parser.add_argument("--no-phone-axe", action="store_true", help="at 375 px, check only sideways scroll")
    parser.add_argument("--json", help="write every finding to this file as well")
    parser.add_argument("--logins", nargs="*", default=list(DEMO_LOGINS))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from playwright.sync_api import sync_playwright

    django.setup()
    logging.disable(logging.INFO)  # django-axes logs each login made here
    roles = [Role("anonymous", None)] + [Role(login, session_for(login)) for login in args.logins]
    limits = Limits(per_route=args.per_route, per_role=args.per_role, phone_axe=not args.no_phone_axe)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            results = crawl(browser, base_url=args.base_url, roles=roles, limits=limits)
        finally:
            browser.close()
    print(crawl_report(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(crawl_json(results), out, ensure_ascii=False, indent=1)
    return 1 if any(result.findings for result in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
