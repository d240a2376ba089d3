"""A race plan ends with the days to recover and the next block, a click away: one
session a week to keep the gains, or a new build from a day the runner picks."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from strength.planning.after_race import NEXT_BLOCK_WEEKS

TIMEOUT = 30
RACE = {"start": "2027-01-04", "goal": "A race", "race": "2027-03-28"}  # a Sunday, week 12
RACE_WEEK = 12
NEXT = dt.date(2027, 4, 5)  # the Monday after 7 days of recovery (to Sun 4 Apr)


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _race_week() -> AppTest:
    at = AppTest.from_function(_plan_page, default_timeout=TIMEOUT)
    for key, value in RACE.items():
        at.query_params[key] = value
    at.run()
    at.select_slider(key="week").set_value(RACE_WEEK).run()
    assert not at.exception
    return at


def _button(at: AppTest, starts: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label.startswith(starts))


def test_the_race_week_ends_with_recovery_and_the_next_block() -> None:
    at = _race_week()
    text = " ".join(m.value for m in at.markdown)
    assert "After the race" in " ".join(h.value for h in at.subheader)
    assert "7 days with no strength work" in text and "Sun 4 Apr 2027" in text
    assert _button(at, "Keep the gains").label.endswith("Mon 5 Apr 2027")


def test_an_earlier_week_shows_no_ending() -> None:
    at = AppTest.from_function(_plan_page, default_timeout=TIMEOUT)
    for key, value in RACE.items():
        at.query_params[key] = value
    at.run()
    at.select_slider(key="week").set_value(3).run()
    assert "After the race" not in " ".join(h.value for h in at.subheader)


def test_keep_the_gains_plans_a_maintenance_block_from_the_monday_after_recovery() -> None:
    at = _race_week()
    _button(at, "Keep the gains").click().run()

    assert not at.exception
    assert at.date_input(key="start").value == NEXT
    assert at.segmented_control(key="goal").value == "weeks"
    assert at.number_input(key="weeks").value == NEXT_BLOCK_WEEKS
    assert at.toggle(key="maintenance").value is True
    sessions = next(m.value for m in at.metric if m.label == "Strength sessions")
    assert int(sessions) == NEXT_BLOCK_WEEKS  # one a week


def test_a_new_build_starts_on_the_day_the_runner_picks() -> None:
    at = _race_week()
    later = NEXT + dt.timedelta(days=14)
    at.date_input(key="next_build_start").set_value(later).run()
    _button(at, "Start a new build").click().run()

    assert not at.exception
    assert at.date_input(key="start").value == later
    assert at.number_input(key="weeks").value == NEXT_BLOCK_WEEKS
    assert at.toggle(key="maintenance").value is False
    sessions = next(m.value for m in at.metric if m.label == "Strength sessions")
    assert int(sessions) > NEXT_BLOCK_WEEKS  # a build: two a week
