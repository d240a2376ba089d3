"""The app as a runner sees it, in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import settle_after, wait_for_app

pytestmark = pytest.mark.browser
EXCEPTION = "[data-testid='stException']"
PAGES = ("", "plan", "catalog", "method")  # the Build page is the root


def _metric(page, label: str) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def _session_titles(page) -> list[str]:
    return page.locator("[class*='st-key-session-']").all_inner_texts()


def test_a_runner_builds_a_plan_and_the_shared_link_rebuilds_it(page, browser, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_role("heading", name="Strength for runners").is_visible()
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 1
    before = _metric(page, "Strength sessions")
    page.get_by_role("radio", name="Advanced", exact=True).click()
    settle_after(page)
    page.get_by_role("radio", name="A number of weeks").click()
    settle_after(page)
    assert "level=Advanced" in page.url and "start=" in page.url
    assert _metric(page, "Weeks") == "12"
    assert page.locator(EXCEPTION).count() == 0

    page.get_by_role("link", name="Open the full plan").click()
    page.wait_for_url("**/plan?**")
    wait_for_app(page)
    page.get_by_role("heading", name="Your plan").wait_for()
    shared = page.url
    assert "/plan" in shared and "level=Advanced" in shared
    sessions = _metric(page, "Strength sessions")
    cards = _session_titles(page)
    assert cards, "the plan page shows the week's sessions"

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    other = fresh.new_page()
    other.goto(shared)
    wait_for_app(other)
    assert _metric(other, "Strength sessions") == sessions
    assert _metric(other, "Weeks") == "12"
    assert _session_titles(other) == cards
    fresh.close()
    assert before  # the first view already had a plan


def test_the_plan_downloads_as_csv(page, app_url) -> None:
    page.goto(app_url + "/plan?view=Downloads")
    wait_for_app(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Spreadsheet (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("week,phase")
    assert download.value.suggested_filename.endswith(".csv")


@pytest.mark.parametrize("width", [1280, 400])
def test_no_page_shows_an_exception_at_desktop_or_phone_width(browser, app_url, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name in PAGES:
        page.goto(f"{app_url}/{name}")
        wait_for_app(page)
        assert page.locator(EXCEPTION).count() == 0, f"/{name} at {width} px"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"/{name} scrolls sideways at {width} px"
    context.close()
