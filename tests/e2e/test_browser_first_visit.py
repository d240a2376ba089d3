"""A runner's first visit in a real Chromium: an empty address bar, then every way to the
plan (the button, the menu), on a desktop and on a phone, finds the plan with no error;
and a phone shows the week in order, with the plan above the answers."""

from __future__ import annotations

import pytest

from .conftest import settle_after, wait_for_app

pytestmark = pytest.mark.browser
ERRORS = "[data-testid='stAlertContentError'], [data-testid='stException']"
CARDS = "[class*='st-key-session-']"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _fresh(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    return context, context.new_page()


def _on_the_plan(page) -> None:
    page.wait_for_url("**/plan?**")
    wait_for_app(page)
    page.get_by_role("heading", name="Your plan").wait_for()
    page.locator(CARDS).first.wait_for()
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_inner_texts()
    assert "start=" in page.url and "race=" in page.url  # the link carries the answers


def _menu_link(page, name: str):
    """The page menu's link, opening the sidebar first where a phone folds it away."""
    link = page.locator("[data-testid='stSidebarNav'] a").filter(has_text=name)
    box = link.bounding_box()
    if box is None or box["x"] + box["width"] <= 0:  # folded away to the left
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(
            "el => el.getBoundingClientRect().left >= 0", arg=link.element_handle()
        )
    return link


@pytest.mark.parametrize("width", [1280, 400])
def test_the_button_from_an_empty_address_bar_opens_the_plan(browser, app_url, width) -> None:
    context, page = _fresh(browser, width)
    page.goto(app_url)  # no query string at all: a first visit
    wait_for_app(page)

    page.get_by_role("link", name="Open the full plan").click()

    _on_the_plan(page)
    context.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_the_menu_from_an_empty_address_bar_opens_the_plan_and_back(
    browser, app_url, width
) -> None:
    context, page = _fresh(browser, width)
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("radio", name="Intermediate", exact=True).click()
    settle_after(page)

    _menu_link(page, "Your plan").click()
    _on_the_plan(page)
    assert "level=Intermediate" in page.url

    _menu_link(page, "Exercises").click()
    wait_for_app(page)
    _menu_link(page, "Your plan").click()
    _on_the_plan(page)
    assert "level=Intermediate" in page.url  # kept across a page without the answers
    context.close()


def test_a_phone_shows_the_plan_first_and_the_week_in_order(browser, app_url) -> None:
    context, page = _fresh(browser, 400)
    page.goto(app_url)
    wait_for_app(page)

    glance = page.get_by_role("heading", name="Your plan at a glance").bounding_box()
    goal = page.get_by_text("Your goal", exact=True).bounding_box()
    assert glance and goal and glance["y"] < goal["y"], "the plan comes before the answers"
    tops = []
    for day in DAYS:
        box = page.locator("[data-testid='stSelectbox']").filter(has_text=day).bounding_box()
        assert box, day
        tops.append(box["y"])
    assert tops == sorted(tops) and len(set(tops)) == len(DAYS), "Monday to Sunday, down"
    context.close()
