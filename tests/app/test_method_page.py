"""The method page: the principles in plain words, its numbers from the engine's rules, and
the protocols and sources of the loaded catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from strength.browse import escape_markdown, exercise_sources, ordinal, protocol_sources
from strength.catalog import load_catalog
from strength.profile import Rules
from strength.ui import method_page

TIMEOUT = 30
ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "exercises")


def _method_page() -> None:
    from strength.ui import method_page

    method_page.render()


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_page_explains_each_principle() -> None:
    at = AppTest.from_function(_method_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    headings = [h.value for h in at.subheader]
    for heading in (
        "Why strength work helps runners",
        "Form first, then load",
        "Small steps, and never stuck",
        "Deloads and heavy legs",
        "Where sessions go in your week",
        "Around the long run",
        "Taper and race week",
        "Published protocols",
        "In this catalog",
        "Studies cited on this page",
    ):
        assert heading in headings
    text = _text(at)
    for citation in ("Petersen et al. 2011", "Alfredson et al. 1998", "Bosquet et al. 2007"):
        assert citation in text


def test_the_numbers_come_from_the_engines_rules() -> None:
    rules = Rules()
    at = AppTest.from_function(_method_page, default_timeout=TIMEOUT).run()
    text = _text(at)
    assert f"Every **{ordinal(rules.deload_every)} week** is a deload" in text
    assert f"at most **{round(rules.max_weekly_increase * 100)}%**" in text
    assert f"At least {rules.hours_between_leg_sessions} h between two sessions" in text
    assert f"last **{rules.taper_weeks} weeks**" in text
    assert f"For its first {rules.new_eccentric_weeks} weeks" in text


def test_a_changed_default_changes_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        method_page, "Rules", lambda: Rules(deload_every=5, hours_between_leg_sessions=72)
    )
    at = AppTest.from_function(_method_page, default_timeout=TIMEOUT).run()
    text = _text(at)
    assert "Every **5th week** is a deload" in text
    assert "At least 72 h between two sessions" in text


def test_the_catalogs_protocols_and_sources_are_listed_with_counts() -> None:
    at = AppTest.from_function(_method_page, default_timeout=TIMEOUT).run()
    text = _text(at)
    found = protocol_sources(CATALOG)
    assert found
    for source in found:
        assert escape_markdown(source.source) in text
        for name in source.exercises:
            assert escape_markdown(name) in text
    carriers = sum(len(source.exercises) for source in found)
    assert f"**{carriers} of {len(CATALOG)} exercises** follow a published protocol" in text
    sources = exercise_sources(CATALOG)
    table = at.table[0].value
    assert len(table) == len(sources)
    assert list(table["Exercises"]) == [count for _, count in sources]


def test_a_broken_catalog_still_shows_the_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "vocabulary.yaml").write_text("vocabulary: [not, a, mapping]\n", encoding="utf-8")
    monkeypatch.setenv("STRENGTH_CATALOG", str(tmp_path))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    at = AppTest.from_function(_method_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "catalog has problems" in at.error[0].value
    assert "Deloads and heavy legs" in [h.value for h in at.subheader]
