"""Every kind of page of the demo, as every role and anonymously, as outside testers would crawl it.

The demo is built in the test database by the real services (`demo_create`) and served by the live server;
`e2e/crawl.py` follows every link each role is shown, one address per route (so a fault that only some
objects of a route show can slip by: `scripts/crawl` visits two, or more with --per-route), and this fails
on a server error or a page the browser cannot open, a serious or critical axe-core finding, or a page that
scrolls sideways at 375 px. Broken links and console errors are printed with the rest (`scripts/crawl`
fails on those too).

Skipped on PostgreSQL: the demo and the crawl take minutes, and once on SQLite is enough for CI.
"""

import time

import pytest
from django.db import connection

from e2e.crawl import FAILING_IN_TEST, Limits, Role, crawl, crawl_report, session_for
from grundlag.demo.services import DEMO_CONSULTANT, demo_create


@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_demo_opens_accessibly_for_every_role(browser, live_server, settings):
    if connection.vendor != "sqlite":
        pytest.skip("the crawl of the whole demo runs on SQLite only, to keep CI's time")
    settings.NETWORKS_CONSULTANTS = [DEMO_CONSULTANT]
    demo = demo_create(report=lambda line: None)
    roles = [Role("anonymous", None)] + [
        Role(username, session_for(username)) for username, _password, _role in demo.logins
    ]

    started = time.perf_counter()
    results = crawl(browser, base_url=live_server.url, roles=roles, limits=Limits(per_route=1, per_role=250))
    report = f"{crawl_report(results)}\n(crawled in {time.perf_counter() - started:.0f} s)"
    print(report)

    assert {result.role for result in results} == {"anonymous", *(login for login, _, _ in demo.logins)}
    assert all(result.pages > 1 for result in results), report
    failing = [item for result in results for item in result.findings if item.kind in FAILING_IN_TEST]
    assert not failing, report
