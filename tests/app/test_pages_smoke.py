"""Every page runs in Streamlit's AppTest without an exception and shows its content."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 30


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _build_page() -> None:
    from strength.ui import build_page

    build_page.render()


def _catalog_page() -> None:
    from strength.ui import catalog_page

    catalog_page.render()


def test_the_catalog_page_lists_exercises_of_the_chosen_area() -> None:
    at = AppTest.from_function(_catalog_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.multiselect(key="areas").set_value(["hamstrings"]).run()
    assert any("Nordic curl" in expander.label for expander in at.expander)


def test_a_broken_catalog_is_a_message_on_every_page_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "vocabulary.yaml").write_text("vocabulary: [not, a, mapping]\n", encoding="utf-8")
    monkeypatch.setenv("STRENGTH_CATALOG", str(tmp_path))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    for page in (_build_page, _plan_page, _catalog_page):
        at = AppTest.from_function(page, default_timeout=TIMEOUT).run()
        assert not at.exception
        assert "catalog has problems" in at.error[0].value
        assert "vocabulary.yaml" in at.error[0].value
