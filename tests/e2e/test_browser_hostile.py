"""A hostile catalog in a real Chromium: what the browser draws from it has no link to
the outside, no outside image, no HTML of its own and no path on the server, whether
the catalog loads or is broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import _need_chromium, serve_app, wait_for_app
from .hostile import EVIL, broken_catalog, hostile_catalog

pytestmark = pytest.mark.browser
EXCEPTION = "[data-testid='stException']"
PAGES = ("", "plan", "plan?view=Charts", "plan?view=Downloads", "catalog", "method")

# Every link to the outside, every image not served by the app, every inline handler.
_LOOK = """() => {
  const here = location.origin;
  const href = (a) => a.getAttribute('href') || a.getAttribute('xlink:href') || '';
  const outside = (src) => {
    try {
      const url = new URL(src, location.href);
      return !(url.origin === here || url.protocol === 'data:' || url.protocol === 'blob:');
    } catch (error) { return true; }
  };
  return {
    // (a heading's own anchor, `#its-words`, stays on the page)
    links: [...document.querySelectorAll('a')].map(href)
      .filter((h) => outside(h) && h.includes('evil')),
    images: [...document.querySelectorAll('img, image')]
      .map((img) => img.getAttribute('src') || img.getAttribute('href') || '')
      .filter((src) => outside(src) || src === 'x' || src.includes('evil')),
    handlers: [...document.querySelectorAll('[onerror], [onload], [onclick]')].length,
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
  };
}"""


def _look(page: Any) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(_LOOK)
    return found


def _visit_every_page(browser: Any, url: str, server_paths: tuple[str, ...]) -> list[str]:
    """Each page's text, after checking what it draws."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    texts = []
    try:
        for name in PAGES:
            page.goto(f"{url}/{name}")
            wait_for_app(page)
            assert page.locator(EXCEPTION).count() == 0, f"/{name}"
            found = _look(page)
            assert found["links"] == [], f"/{name}: links to the outside"
            assert found["images"] == [], f"/{name}: outside images"
            assert found["handlers"] == 0, f"/{name}: inline event handlers"
            for path in server_paths:
                assert path not in found["html"], f"/{name} shows the server path {path}"
            texts.append(found["text"])
    finally:
        context.close()
    return texts


def _paths(*folders: Path) -> tuple[str, ...]:
    return tuple({str(f) for f in folders} | {str(f.resolve()) for f in folders})


def test_a_hostile_catalog_is_drawn_as_text(browser: Any, tmp_path: Path) -> None:
    _need_chromium()
    folder = hostile_catalog(tmp_path / "catalog")
    env = {
        "STRENGTH_CATALOG": str(folder),
        "STRENGTH_COACH_CATALOG": None,
        "STRENGTH_COACH_PASSWORD": None,
    }
    with serve_app(tmp_path / "streamlit.log", env) as url:
        texts = _visit_every_page(browser, url, _paths(folder, tmp_path))
    build, plan, *_, catalog, method = texts
    assert "[click](https:" in catalog  # the words themselves, shown as written
    assert f"<img src=x onerror=alert(1)> www\u2060.{EVIL}" in catalog
    assert EVIL in build and EVIL in plan and EVIL in method


def test_a_broken_catalog_names_files_not_server_paths(browser: Any, tmp_path: Path) -> None:
    _need_chromium()
    folder = broken_catalog(tmp_path / "catalog", tmp_path / "elsewhere")
    missing = tmp_path / "coach-overlay"
    env = {
        "STRENGTH_CATALOG": str(folder),
        "STRENGTH_COACH_CATALOG": str(missing),
        "STRENGTH_COACH_PASSWORD": None,
    }
    with serve_app(tmp_path / "streamlit.log", env) as url:
        texts = _visit_every_page(browser, url, _paths(folder, tmp_path, missing))
    for text in texts:
        assert "The exercise catalog has problems" in text
        assert "broken.yaml line 1" in text
        assert "coach-overlay: catalog folder not found" in text
        assert "[click](https:" in text  # the hostile section name, quoted as text
