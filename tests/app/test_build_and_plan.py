"""The Build and Plan pages in AppTest: answers in, a plan out, shared through the URL."""

from __future__ import annotations

import datetime as dt
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
    # The typical week holds two sessions with the longer one the day before the long run.
    at = _open(_build_page, **SHARED, strategy="The day before")
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


MARATHON_WEEK = {"mon": "Rest", "tue": "Hard", "wed": "Easy", "thu": "Hard", "fri": "Rest",
                 "sat": "Easy", "sun": "Long"}  # fmt: skip


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error")
    return " ".join(element.value for kind in kinds for element in getattr(at, kind))


def test_the_long_race_question_changes_the_recommended_strategy_and_says_so_gently() -> None:
    at = _open(_build_page, **SHARED)
    assert at.radio(key="strategy").value == "apart"  # the default
    assert "long race" in at.toggle(key="low_mileage").label
    recommended = " ".join(c.value for c in at.caption)
    assert "Recommended for you: **Kept apart**" in recommended and "48 h" in recommended
    assert not any("You picked" in i.value for i in at.info)

    at.toggle(key="low_mileage").set_value(True).run()

    assert not at.exception and not at.error
    (note,) = [i.value for i in at.info if "Recommended for you" in i.value]
    assert "**The day before**" in note and "heavy legs" in note
    assert "You picked *Kept apart*: that is fine too" in note

    at.radio(key="strategy").set_value("day_before").run()

    assert not any("You picked" in i.value for i in at.info)
    assert "Recommended for you: **The day before**" in " ".join(c.value for c in at.caption)


def test_the_weekday_pickers_offer_no_race() -> None:
    at = _open(_build_page, **SHARED, sun="Race")
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        assert at.selectbox(key=day).options == ["Rest", "Easy", "Hard", "Long"], day
    assert at.selectbox(key="sun").value == "long"
    assert "“Race” was left out" in " ".join(w.value for w in at.warning)


def test_the_offer_of_strength_after_hard_runs_turns_the_rule_on() -> None:
    at = _open(_build_page, **SHARED, **MARATHON_WEEK)
    assert at.toggle(key="after_hard_runs").value is False
    assert "there is no day where strength may go" in _texts(at)
    assert "holds 0 of the 2 sessions a week" in _texts(at)

    next(b for b in at.button if b.label == "Turn on strength after hard runs").click().run()

    assert not at.exception and not at.error
    assert at.toggle(key="after_hard_runs").value is True
    assert _metric(at, "Strength sessions") != "0"
    assert not any(b.label == "Turn on strength after hard runs" for b in at.button)
    assert "sessions a week you asked for" not in _texts(at)


def test_an_uploaded_profiles_dated_runs_and_rules_survive_the_widgets_and_a_save(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from strength.profile import Run, profile_to_yaml
    from strength.ui import data

    builds: list[object] = []
    real = data.build_plan

    def recording(profile: object, catalog: object) -> object:
        builds.append(profile)
        return real(profile, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "build_plan", recording)
    profile = yaml.safe_load((ROOT / "examples" / "marathon.yaml").read_text(encoding="utf-8"))
    profile |= {
        "long_race_low_mileage": True,
        "runs": {"2027-03-14": "race", "2027-02-20": "rest"},
        "rules": {"deload_every": 3, "strength_after_hard_runs": True, "rep_range": [8, 15]},
        "week": profile["week"] | {"tue": "hard", "wed": "easy", "thu": "hard"},
    }
    text = yaml.safe_dump(profile).encode()
    at = _open(_build_page, **SHARED)

    at.get("file_uploader")[0].upload("runs.yaml", text, "application/yaml").run()  # type: ignore[attr-defined]

    assert not at.exception and not at.error
    assert at.toggle(key="low_mileage").value is True
    assert at.toggle(key="after_hard_runs").value is True
    built = builds[-1]
    assert built.runs == {dt.date(2027, 2, 20): Run.rest, dt.date(2027, 3, 14): Run.race}  # type: ignore[attr-defined]
    assert built.rules.deload_every == 3 and built.rules.rep_range == (8, 15)  # type: ignore[attr-defined]
    assert built.rules.strength_after_hard_runs  # type: ignore[attr-defined]
    captions = " ".join(c.value for c in at.caption)
    assert "Sat 20 Feb 2027 rest" in captions and "Sun 14 Mar 2027 race" in captions
    assert "strength after hard runs" not in captions.lower()  # the link carries that one

    at.toggle(key="after_hard_runs").set_value(False).run()

    changed = builds[-1]
    assert not changed.rules.strength_after_hard_runs  # type: ignore[attr-defined]
    assert changed.rules.deload_every == 3 and changed.runs == built.runs  # type: ignore[attr-defined]

    saved = profile_to_yaml(changed)  # type: ignore[arg-type]
    at.get("file_uploader")[0].upload("saved.yaml", saved.encode(), "application/yaml").run()  # type: ignore[attr-defined]
    assert not at.exception
    assert builds[-1] == changed

    next(b for b in at.button if b.label == "Leave out the dated runs").click().run()
    assert builds[-1].runs == {}  # type: ignore[attr-defined]
