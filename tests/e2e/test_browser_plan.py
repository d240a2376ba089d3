"""The app as a runner sees it, in a real Chromium."""

from __future__ import annotations

import pytest

from .conftest import settle_after, wait_for_app

pytestmark = pytest.mark.browser


def test_the_first_page_shows_a_plan_in_the_browser(page, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_role("heading", name="Strength for runners").is_visible()
    assert page.locator("[data-testid='stDataFrame']").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
    weeks = page.locator("[data-testid='stMetricValue']").first.inner_text()
    assert int(weeks) >= 4


def test_the_catalog_page_opens_from_the_navigation(page, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("link", name="Exercises").click()
    settle_after(page)
    assert page.get_by_role("heading", name="Exercises").is_visible()
    assert page.locator("[data-testid='stExpander']").count() > 3
    assert page.locator("[data-testid='stException']").count() == 0
