"""The Build and Plan pages in AppTest: answers in, a plan out, shared through the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

TIMEOUT = 30
ROOT = Path(__file__).resolve().parents[2]
# Bound widgets keep their displayed words in the URL: readable links.
SHARED = {"start": "2027-01-04", "goal": "A number of weeks", "weeks": "10",
          "level": "Intermediate"}  # fmt: skip


def _build_page() -> None:
    from strength.ui import build_page

    build_page.render()


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _open(page: object, **params: str) -> AppTest:
    at = AppTest.from_function(page, default_timeout=TIMEOUT)  # type: ignore[arg-type]
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_the_app_opens_on_the_build_page_with_a_plan_already_there() -> None:
    at = AppTest.from_file("../../app.py", default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Strength for runners"
    assert int(_metric(at, "Strength sessions")) > 0
    assert _metric(at, "Weeks") == "16"  # a race 16 weeks out by default


def test_a_changed_answer_changes_the_plan() -> None:
    at = _open(_build_page, **SHARED)
    before = _metric(at, "Strength sessions")
    at.slider(key="sessions").set_value(1).run()
    assert not at.exception
    assert _metric(at, "Strength sessions") != before
    at.number_input(key="weeks").set_value(20).run()
    assert _metric(at, "Weeks") == "20"


def test_url_parameters_seed_the_answers_on_both_pages() -> None:
    for page in (_build_page, _plan_page):
        at = _open(page, **SHARED, sessions="3", weaknesses="Hamstrings")
        assert not at.exception
        assert _metric(at, "Weeks") == "10"
        assert at.segmented_control(key="level").value == "intermediate"
        assert at.slider(key="sessions").value == 3
        assert [str(d) for d in [at.date_input(key="start").value]] == ["2027-01-04"]


def test_a_missing_weak_link_shows_a_message_beside_it_not_a_traceback() -> None:
    at = _open(_build_page, **SHARED)
    at.multiselect(key="weaknesses").set_value([]).run()
    assert not at.exception
    assert any("weak link" in error.value for error in at.error)
    assert any("Fix the answer" in info.value for info in at.info)


def test_a_week_with_no_room_for_strength_is_explained_under_the_running_week() -> None:
    days = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "Hard")
    at = _open(_plan_page, **SHARED, **days)
    assert not at.exception
    assert any("no day where strength may go" in error.value for error in at.error)


def test_the_plan_page_shows_a_card_per_session_with_cues_and_options() -> None:
    at = _open(_plan_page, **SHARED)
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "session" in text and "reps" in text
    assert "Easier:" in text or "Harder:" in text
    assert at.get("plotly_chart"), "the calendar is drawn"


def test_heavy_legs_this_week_turns_the_week_into_a_deload() -> None:
    at = _open(_plan_page, **SHARED)
    at.select_slider(key="week").set_value(2).run()
    assert "deload" not in at.caption[0].value
    next(b for b in at.button if b.label == "Heavy legs this week").click().run()
    assert not at.exception
    assert at.multiselect(key="heavy").value == [2]
    captions = " ".join(c.value for c in at.caption)
    assert "deload" in captions and "Heavy legs" in captions


def test_the_charts_and_downloads_views() -> None:
    at = _open(_plan_page, **SHARED, view="Charts")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 4  # calendar, volume, minutes, one exercise
    at.segmented_control(key="view").set_value("downloads").run()
    labels = [button.label for button in at.get("download_button")]
    assert "Spreadsheet (CSV)" in labels and "Your answers (YAML)" in labels


def test_an_uploaded_profile_fills_the_answers_and_a_bad_one_gets_a_message() -> None:
    at = _open(_build_page, **SHARED)
    profile = yaml.safe_load((ROOT / "examples" / "marathon.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(profile).encode()
    at.get("file_uploader")[0].upload("marathon.yaml", text, "application/yaml").run()  # type: ignore[attr-defined]
    assert not at.exception
    assert at.segmented_control(key="level").value == "intermediate"
    assert at.multiselect(key="weaknesses").value == ["hamstrings", "glute_med", "core"]
    assert _metric(at, "Weeks") == "20"

    at = _open(_build_page, **SHARED)
    bad = b"start: 2027-01-04\nweeks: 4\nweaknesses: [quadz]\n"
    at.get("file_uploader")[0].upload("bad.yaml", bad, "application/yaml").run()  # type: ignore[attr-defined]
    assert not at.exception
    assert any("bad.yaml" in error.value for error in at.error)


def test_changing_only_the_view_never_rebuilds_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    from strength.ui import data

    builds: list[object] = []
    real = data.build_plan

    def counting(profile: object, catalog: object) -> object:
        builds.append(profile)
        return real(profile, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "build_plan", counting)
    at = _open(_plan_page, **{**SHARED, "weeks": "37"})  # answers no other test uses
    at.segmented_control(key="view").set_value("charts").run()
    at.segmented_control(key="view").set_value("downloads").run()
    at.segmented_control(key="view").set_value("sessions").run()
    at.select_slider(key="week").set_value(3).run()
    assert not at.exception
    assert len(builds) == 1
    at.number_input(key="weeks").set_value(36).run()
    assert len(builds) == 2
