"""Charts are drawn in the browser from their Vega-Lite specs, under the site's Content-Security-Policy."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from e2e.test_evaluation_org_report_journey import evaluated_schools


def test_charts_draw_under_the_content_security_policy(strict_page, live_server, small_organisation):
    page = strict_page
    cycle = evaluated_schools(small_organisation)
    get_user_model().objects.create_user(username="hr", password="x-test-pass-1", is_staff=True)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("hr")
    page.get_by_label("Adgangskode").fill("x-test-pass-1")
    page.get_by_label("Adgangskode").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # A heatmap (its colours and labels are Vega expressions) and a bar chart per level.
    for path in [f"/evaluations/org-reports/{cycle.pk}/", "/organisation/span-of-control/?threshold=2"]:
        page.goto(live_server.url + path)
        figure = page.locator("figure.grundlag-chart[data-chart-ready]")
        expect(figure.locator("svg")).to_be_visible()
        # The drawing is named by the page's own words for it, not Vega's default.
        label = figure.locator("[data-chart-canvas]").get_attribute("aria-label")
        assert label.startswith(("Varmekort", "Søjlediagrammer"))
        assert figure.locator("svg .mark-rect path").count() > 0
        assert page.errors == [], page.errors  # nothing blocked by the CSP, no script error
