"""A runner's first visit in AppTest: links read leniently, every bound from the profile,
the plan explained where it is short or the race too close, and caches that follow the
catalog."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from strength.profile import PLAN_ID_PATTERN, bounds
from strength.ui import data

TIMEOUT = 30
ROOT = Path(__file__).resolve().parents[2]
SHARED = {"start": "2027-01-04", "goal": "A number of weeks", "weeks": "10"}


def _build_page() -> None:
    from strength.ui import build_page

    build_page.render()


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _open(page: object, **params: str) -> AppTest:
    at = AppTest.from_function(page, default_timeout=TIMEOUT)  # type: ignore[arg-type]
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error")
    return " ".join(element.value for kind in kinds for element in getattr(at, kind))


@pytest.fixture(autouse=True)
def _shipped_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRENGTH_CATALOG", raising=False)
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)


def test_a_profile_of_120_minutes_uploads_and_shows_its_plan() -> None:
    at = _open(_build_page, **SHARED)
    profile = yaml.safe_load((ROOT / "examples" / "marathon.yaml").read_text(encoding="utf-8"))
    profile["minutes_per_session"] = 120
    text = yaml.safe_dump(profile).encode()

    at.get("file_uploader")[0].upload("long.yaml", text, "application/yaml").run()  # type: ignore[attr-defined]

    assert not at.exception
    assert at.slider(key="minutes").value == 120
    assert int(_metric(at, "Strength sessions")) > 0


def test_every_number_widget_stops_where_the_profile_does() -> None:
    at = _open(_build_page, **SHARED)

    for key, field in (("minutes", "minutes_per_session"), ("sessions", "sessions_per_week")):
        slider = at.slider(key=key)
        assert (slider.min, slider.max) == bounds(field), key
    number = at.number_input(key="weeks")
    assert (number.min, number.max) == bounds("weeks")


def test_a_link_in_lower_case_or_with_ids_gives_the_same_plan_and_names_what_it_dropped() -> None:
    at = _open(
        _plan_page, **SHARED, weaknesses="hamstrings,CORE,biceps", level="ADVANCED",
        mon="easy", minutes="500",
    )  # fmt: skip

    assert not at.exception
    assert at.multiselect(key="weaknesses").value == ["hamstrings", "core"]
    assert at.segmented_control(key="level").value == "advanced"
    assert at.selectbox(key="mon").value == "easy"
    warning = " ".join(w.value for w in at.warning)
    assert "not understood" in warning
    assert "biceps" in warning and "500" in warning and "between 10 and 120" in warning


def test_the_selected_week_is_kept_in_the_link() -> None:
    for written in ("Week 3", "3", "week 3"):
        at = _open(_plan_page, **SHARED, week=written)
        assert not at.exception
        assert at.select_slider(key="week").value == 3, written
        assert at.subheader[0].value.startswith("Week 3:")


def test_the_core_is_not_asked_for_a_weaker_side_and_heavy_legs_stop_at_the_plans_end() -> None:
    at = _open(_build_page, **SHARED, weaknesses="Hamstrings,Core")

    sides = [s.label for s in at.segmented_control if s.key and s.key.startswith("side_")]
    assert sides == ["Weaker side: Hamstrings"]
    assert at.multiselect(key="heavy").options == [f"Week {n}" for n in range(1, 11)]


def test_heavy_legs_can_be_undone_where_it_was_asked() -> None:
    at = _open(_plan_page, **SHARED)
    at.select_slider(key="week").set_value(2).run()
    next(b for b in at.button if b.label == "Heavy legs this week").click().run()
    assert at.multiselect(key="heavy").value == [2]

    next(b for b in at.button if b.label == "Undo heavy legs").click().run()

    assert not at.exception
    assert at.multiselect(key="heavy").value == []
    assert any(b.label == "Heavy legs this week" for b in at.button)


def test_sessions_shorter_than_the_minutes_asked_are_explained() -> None:
    # The day before the long run (an easy Saturday): a longer session and a short one.
    at = _open(_plan_page, **SHARED, minutes="30", strategy="The day before", sat="easy")

    info = " ".join(i.value for i in at.info)
    assert "30 minutes" in info
    assert "grow into" in info or "stay under" in info


def test_a_race_two_days_away_says_what_to_do_and_offers_the_plan_after_it() -> None:
    start = dt.date(2027, 1, 4)  # a Monday; the race is that Wednesday
    at = _open(_plan_page, start=start.isoformat(), race="2027-01-06")

    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "in 2 days" in info and "nothing new" in info
    assert not at.get("plotly_chart"), "no squashed calendar of an empty plan"

    next(b for b in at.button if b.label.startswith("Plan from")).click().run()

    # The Monday after the race's 7 recovery days (to Wed 13 Jan).
    assert at.date_input(key="start").value == dt.date(2027, 1, 18)
    assert at.segmented_control(key="goal").value == "weeks"
    assert int(_metric(at, "Strength sessions")) > 0


def test_after_a_catalog_save_the_charts_show_the_new_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(shutil.copytree(ROOT / "exercises", tmp_path / "exercises"))
    monkeypatch.setenv("STRENGTH_CATALOG", str(folder))
    data.forget_catalog()
    at = _open(_plan_page, **SHARED, weaknesses="Core", view="Charts")
    before = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))  # type: ignore[attr-defined]
    assert "Core" in before and "Trunk" not in before

    vocabulary = folder / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("      name: Core\n", "      name: Trunk\n", 1))
    stat = vocabulary.stat()
    os.utime(vocabulary, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    at.run()

    after = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))  # type: ignore[attr-defined]
    assert not at.exception
    assert "Trunk" in after


def test_a_first_visit_gives_the_plan_an_identity_that_the_link_and_the_file_keep() -> None:
    at = _open(_build_page, **SHARED)
    first = at.session_state["plan"]
    assert re.fullmatch(PLAN_ID_PATTERN, first)

    kept = _open(_plan_page, **SHARED, plan="coach-athlete-07")
    assert kept.session_state["plan"] == "coach-athlete-07"
    assert not [w for w in kept.warning if "not understood" in w.value]

    bad = _open(_plan_page, **SHARED, plan="not an id!")
    assert "Plan identity" in " ".join(w.value for w in bad.warning)
    assert re.fullmatch(PLAN_ID_PATTERN, bad.session_state["plan"])  # a new one instead


def test_an_uploaded_profiles_rules_are_kept_and_said_not_dropped() -> None:
    profile = yaml.safe_load((ROOT / "examples" / "marathon.yaml").read_text(encoding="utf-8"))
    profile["rules"] = {"deload_every": 3}
    text = yaml.safe_dump(profile).encode()
    at = _open(_build_page, **SHARED)

    at.get("file_uploader")[0].upload("rules.yaml", text, "application/yaml").run()  # type: ignore[attr-defined]

    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "coaching rules from your file are kept" in captions
    assert "deload every so many weeks 3" in captions.lower()
    calendar = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))  # type: ignore[attr-defined]
    assert "W3 deload" in calendar and "W4 deload" not in calendar  # the plan uses them


def test_the_link_always_carries_the_long_run_strategy_and_reads_its_old_words() -> None:
    at = AppTest.from_file("../../app.py", default_timeout=TIMEOUT)
    for key, value in SHARED.items():
        at.query_params[key] = value
    at.run()

    assert not at.exception
    assert at.radio(key="strategy").value == "apart"
    assert at.query_params["strategy"] == "Kept apart"  # at its default, and still there

    old = _open(_plan_page, **SHARED, strategy="48 h apart")
    assert old.radio(key="strategy").value == "apart"
    assert not [w for w in old.warning if "not understood" in w.value]


def test_the_link_carries_the_long_race_and_the_after_hard_runs_answers() -> None:
    for page in (_build_page, _plan_page):
        at = _open(page, **SHARED, low_mileage="yes", after_hard_runs="true")
        assert not at.exception
        assert at.toggle(key="low_mileage").value is True
        assert at.toggle(key="after_hard_runs").value is True
