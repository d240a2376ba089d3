"""Where strength goes in the running week."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strength.errors import ProfileError
from strength.planning.schedule import weekly_slots
from strength.profile import WEEKDAYS, Profile, profile_from_dict

WEEK = {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
        "sat": "easy", "sun": "long"}  # fmt: skip


def _profile(**changes: object) -> Profile:
    data: dict[str, object] = {
        "start": dt.date(2027, 1, 4),
        "weeks": 12,
        "weaknesses": ["hamstrings"],
        "sessions_per_week": 2,
        "week": WEEK,
    }
    data.update(changes)
    return profile_from_dict(data)


def test_no_strength_on_a_hard_day_or_the_day_before_one() -> None:
    slots, _ = weekly_slots(_profile(sessions_per_week=3))
    days = {WEEKDAYS[slot.day] for slot in slots}
    assert not days & {"wed", "tue"}


def test_the_longer_session_goes_the_day_before_the_long_run() -> None:
    slots, warnings = weekly_slots(_profile(long_run_strategy="day_before"))
    by_day = {WEEKDAYS[slot.day]: slot for slot in slots}
    assert by_day["sat"].kind == "long"
    assert "sun" not in by_day
    assert warnings == ()


def test_same_day_puts_a_short_session_after_the_long_run() -> None:
    slots, _ = weekly_slots(_profile(long_run_strategy="same_day"))
    by_day = {WEEKDAYS[slot.day]: slot for slot in slots}
    assert by_day["sun"].kind == "short"
    assert "after your long run" in by_day["sun"].reason


def test_apart_keeps_strength_48_hours_from_the_long_run() -> None:
    slots, _ = weekly_slots(_profile(long_run_strategy="apart"))
    assert {WEEKDAYS[slot.day] for slot in slots} & {"sat", "sun", "mon"} == set()


def test_a_week_that_cannot_hold_the_sessions_asked_for_says_why() -> None:
    slots, warnings = weekly_slots(_profile(sessions_per_week=4))
    assert len(slots) < 4
    assert any("You asked for 4 sessions" in warning for warning in warnings)


def test_a_week_with_no_room_for_strength_is_refused_naming_the_week() -> None:
    hard_week = dict.fromkeys(WEEKDAYS, "hard") | {"sun": "rest"}
    with pytest.raises(ProfileError) as error:
        weekly_slots(_profile(week=hard_week))
    assert error.value.issues[0].field == "week"
    assert "no day where strength may go" in str(error.value)


runs = st.sampled_from(["rest", "easy", "hard", "long"])


@settings(max_examples=400, deadline=None)
@given(
    week=st.fixed_dictionaries(dict.fromkeys(WEEKDAYS, runs)).filter(
        lambda w: list(w.values()).count("long") <= 1
    ),
    sessions=st.integers(1, 5),
    strategy=st.sampled_from(["day_before", "same_day", "apart"]),
)
def test_slots_always_keep_the_rules(week: dict[str, str], sessions: int, strategy: str) -> None:
    try:
        slots, warnings = weekly_slots(
            _profile(week=week, sessions_per_week=sessions, long_run_strategy=strategy)
        )
    except ProfileError:
        return
    days = sorted(slot.day for slot in slots)
    for day in days:
        assert week[WEEKDAYS[day]] not in ("rest", "hard")
        assert week[WEEKDAYS[(day + 1) % 7]] != "hard"
    gaps = [b - a for a, b in pairwise(days)] + [days[0] + 7 - days[-1]]
    assert len(days) == 1 or min(gaps) >= 2
    assert len(slots) == sessions or any("You asked for" in w for w in warnings)
