"""Browser tests: Playwright driving Debian's Chromium against a live server, axe-core on every page."""

import json
import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer

# Playwright's sync API runs an event loop in this thread; the live server and the ORM calls
# in fixtures are still ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GRUNDLAG_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.e2e)


class _OneRequestAtATime(WSGIServer):
    """The live server without request threads (see below); it closes each connection after answering."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections_override = connections_override


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time():
    """On SQLite the test database lives in memory, and pytest-django hands the test's one connection to
    the live server: its request threads would share it, so two requests at once (two autosaves) could
    interleave their transactions. There the live server answers one request at a time."""
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor == "sqlite":
        LiveServerThread.server_class = _OneRequestAtATime
    yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # Injecting axe-core is an inline script, which the site's CSP rightly forbids.
    context = browser.new_context(bypass_csp=True, accept_downloads=True, locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def strict_page(browser):
    """A page under the site's own Content-Security-Policy (no axe-core here), with the errors it logs."""
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


class AccessibilityProblems(AssertionError):
    pass


PHONE = {"width": 375, "height": 800}

# Elements wider than the screen, other than what a table scroll region holds (it scrolls by itself).
_TOO_WIDE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const classes = (el) => typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes(el);
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => !el.closest('.table--responsive-scroll') || el.matches('.table--responsive-scroll'))
    .filter((el) => {
      const box = el.getBoundingClientRect();
      const region = el.matches('.table--responsive-scroll');
      const reach = region ? box.right : Math.max(box.right, box.left + el.scrollWidth);
      return reach > width + 1;
    })
    .map((el) => describe(el) + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


def _axe_run(page, *, name: str) -> None:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    if os.environ.get("GRUNDLAG_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    if serious:
        summary = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in serious
        ]
        width = page.viewport_size["width"] if page.viewport_size else "?"
        raise AccessibilityProblems(
            f"{page.url} at {width} px: {json.dumps(summary, ensure_ascii=False, indent=1)}"
        )


def no_sideways_scroll(page) -> None:
    """Nothing but a table scroll region is wider than the screen: the page itself never scrolls sideways."""
    found = page.evaluate(_TOO_WIDE_JS)
    if found["scrollWidth"] > found["width"]:
        raise AccessibilityProblems(
            f"{page.url} at {found['width']} px scrolls sideways ({found['scrollWidth']} px): {found['wide']}"
        )


def axe_check(page, *, name: str) -> None:
    """Run axe-core on the page as it is, then on a phone's screen (375 px), where the page must not scroll
    sideways either; fail on any serious or critical finding. The viewport is restored afterwards."""
    page.wait_for_load_state("domcontentloaded")  # a page still arriving has no <head> to add axe to
    _axe_run(page, name=name)
    viewport = page.viewport_size
    if viewport is None or viewport["width"] <= PHONE["width"]:
        no_sideways_scroll(page)
        return
    page.set_viewport_size(PHONE)
    try:
        _axe_run(page, name=f"{name}-375")
        no_sideways_scroll(page)
    finally:
        page.set_viewport_size(viewport)


@pytest.fixture
def frameworks_loaded(transactional_db):
    from grundlag.frameworks.services import builtin_frameworks_load

    return {version.framework.slug: version for version, _ in builtin_frameworks_load()}
