"""The app serves everything it shows: no page asks another host for a font, an icon,
a script, a picture or telemetry, so it works on a laptop with no internet.

Every request a page makes is recorded; one to any host but the app's own is refused
on the spot (nothing leaves the machine) and named in the failure."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.browser
OWN_HOSTS = {"127.0.0.1", "localhost"}
INLINE = {"data", "blob"}  # drawn from the page itself, never fetched
CHART = "[data-testid='stPlotlyChart']"
# URL path and query -> what shows the page has drawn its content.
PAGES = {
    "/": CHART,
    "/plan": "[class*='st-key-session-']",
    "/catalog": "[data-testid='stExpander']",
    "/method": "h1",
    "/plan?view=charts": f"{CHART} >> nth=2",  # the calendar, then the two weekly charts
    "/plan?view=downloads": "[data-testid='stDownloadButton']",
}


def _foreign(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in INLINE and parts.hostname not in OWN_HOSTS


def _requests_while(page, load) -> list[str]:
    """Every URL the page asks for while `load` runs and the page settles."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.route(_foreign, lambda route: route.abort())
    load()
    wait_for_app(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # a chart or an icon asked for after the script's run
    return asked


@pytest.mark.parametrize("path", list(PAGES))
def test_a_page_asks_no_other_host_for_anything(page, app_url, path) -> None:
    asked = _requests_while(page, lambda: page.goto(app_url + path))
    page.locator(PAGES[path]).first.wait_for()
    assert [url for url in asked if not _foreign(url)], "the recorder saw the app's own requests"
    assert [url for url in asked if _foreign(url)] == []


def test_the_page_icon_is_served_by_the_app(page, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    icon = page.locator("link[rel='shortcut icon']").get_attribute("href") or ""
    assert not _foreign(icon), icon
    assert "favicon.png" not in icon, "the app's own icon, not Streamlit's default"
    if urlsplit(icon).scheme not in INLINE:
        answer = page.request.get(icon)
        assert answer.ok and answer.headers["content-type"].startswith("image/")


def test_the_recorder_names_a_request_to_another_host(page, app_url) -> None:
    """The check above can fail: a picture from elsewhere is caught (and refused)."""

    def load() -> None:
        page.goto(app_url + "/method")
        wait_for_app(page)
        page.evaluate(
            "() => { const img = new Image(); img.src = 'https://example.invalid/runner.png';"
            " document.body.append(img); }"
        )

    asked = _requests_while(page, load)
    assert [url for url in asked if _foreign(url)] == ["https://example.invalid/runner.png"]
