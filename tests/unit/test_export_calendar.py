"""The calendar: one free all-day event per session, UIDs that survive a rebuilt plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from icalendar import Calendar, Event
from plans import plan_for

from strength.catalog import Catalog, load_catalog
from strength.exports import render
from strength.plan import Plan, Prescription, Session, SessionKind

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "exercises")


def _plan(catalog: Catalog, **changes: object) -> Plan:
    runner = {"weeks": None, "race": "2027-04-25", "level": "intermediate",
              "equipment": ["band", "step"]}  # fmt: skip
    return plan_for(catalog, **{**runner, **changes})


def _ics(plan: Plan) -> bytes:
    content = render(plan, "ics")
    assert isinstance(content, bytes)
    return content


def _events(plan: Plan) -> list[Event]:
    return list(Calendar.from_ical(_ics(plan)).walk("VEVENT"))


def _uids_by_date(plan: Plan) -> dict[dt.date, str]:
    return {event.decoded("dtstart"): str(event["uid"]) for event in _events(plan)}


def test_there_is_one_all_day_event_per_session_on_its_date(catalog: Catalog) -> None:
    plan = _plan(catalog)
    events = _events(plan)
    assert len(events) == len(plan.sessions())
    for event, session in zip(events, plan.sessions(), strict=True):
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start == session.date
        assert event.decoded("dtend") == session.date + dt.timedelta(days=1)


def test_sessions_show_as_free_time(catalog: Catalog) -> None:
    assert {str(event["transp"]) for event in _events(_plan(catalog))} == {"TRANSPARENT"}


def test_the_description_holds_every_exercise_and_its_dose(catalog: Catalog) -> None:
    plan = _plan(catalog)
    for event, session in zip(_events(plan), plan.sessions(), strict=True):
        description = str(event["description"])
        for item in session.exercises:
            assert f"{item.name}: {item.dose_text()}" in description


WARM_UP = (
    Prescription("glute-bridge", "Glute bridge", ("glute_max",), sets=1, reps=(10,), rest_s=15),
    Prescription("dead-bug", "Dead bug", ("core",), sets=1, reps=(6,), per_side=True, rest_s=15),
    Prescription("heel-walk", "Heel walk", ("shins",), sets=1, distance_m=15, rest_s=15),
)
WARM_UP_LINE = "Warm-up: Glute bridge 1 x 10; Dead bug 1 x 6 each side; Heel walk 1 x 15 m"


def _with_warm_up(plan: Plan) -> Plan:
    """Every strength session opens with WARM_UP; the first comes after a hard run."""
    first = plan.strength_sessions()[0]

    def changed(session: Session) -> Session:
        if not session.strength():
            return session
        if session is first:
            return replace(session, warm_up=WARM_UP, kind=SessionKind.after_hard, run="hard")
        return replace(session, warm_up=WARM_UP)

    weeks = tuple(
        replace(week, sessions=tuple(changed(s) for s in week.sessions)) for week in plan.weeks
    )
    return replace(plan, weeks=weeks)


def test_the_description_gives_the_warm_up_before_the_exercises(catalog: Catalog) -> None:
    plan = _with_warm_up(_plan(catalog, daily=["heel-drop-straight-knee"]))
    for event, session in zip(_events(plan), plan.sessions(), strict=True):
        lines = str(event["description"]).split("\n")
        if not session.strength():
            assert not any(line.startswith("Warm-up") for line in lines)
            continue
        assert lines[2:5] == ["", WARM_UP_LINE, ""], lines
        assert lines[5].startswith(f"- {session.exercises[0].name}: ")


def test_a_session_after_a_hard_run_is_named_so_in_its_event(catalog: Catalog) -> None:
    plan = _with_warm_up(_plan(catalog))
    session = plan.strength_sessions()[0]
    summaries = [str(event["summary"]) for event in _events(plan)]
    assert f"Strength: session after your hard run (about {session.minutes} min)" in summaries
    assert not any("after_hard" in summary for summary in summaries)


def test_two_builds_give_the_same_uids_and_the_same_bytes(catalog: Catalog) -> None:
    first, second = _plan(catalog), _plan(catalog)
    assert _ics(first) == _ics(second)
    uids = [str(event["uid"]) for event in _events(first)]
    assert len(set(uids)) == len(uids)
    stamps = {event.decoded("dtstamp") for event in _events(first)}
    assert stamps == {dt.datetime(2027, 1, 4, tzinfo=dt.UTC)}


def test_a_changed_plan_keeps_the_uids_of_its_session_dates(catalog: Catalog) -> None:
    before = _plan(catalog)
    after = _plan(catalog, weaknesses=["calves", "quads"], level="beginner")
    names = lambda plan: {i.name for s in plan.sessions() for i in s.exercises}  # noqa: E731
    assert names(before) != names(after), "the change should change the exercises"
    old, new = _uids_by_date(before), _uids_by_date(after)
    shared = old.keys() & new.keys()
    assert shared
    assert all(old[date] == new[date] for date in shared)


def test_a_daily_dose_and_a_session_on_the_same_day_have_different_uids(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog, weaknesses=["calves", "core"], daily=["heel-drop-straight-knee"])
    events = _events(plan)
    assert len(events) == len(plan.sessions())
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert any("daily" in uid for uid in uids) and any("strength" in uid for uid in uids)


def test_catalog_markup_and_control_characters_stay_plain_text(catalog: Catalog) -> None:
    plan = _plan(catalog)
    week = plan.weeks[0]
    session = week.sessions[0]
    item = replace(session.exercises[0], name="<b>Nordic</b> **curl**\x07\x00")
    weeks = (
        replace(week, sessions=(replace(session, exercises=(item,)), *week.sessions[1:])),
        *plan.weeks[1:],
    )
    content = _ics(replace(plan, weeks=weeks))
    assert b"\x07" not in content and b"\x00" not in content
    first = _events(replace(plan, weeks=weeks))[0]
    assert "<b>Nordic</b> **curl**: " in str(first["description"])


def test_two_runners_with_the_same_race_day_never_share_a_uid(catalog: Catalog) -> None:
    mine = plan_for(catalog, weeks=None, race="2027-03-28", plan_id="runner-one-a1")
    theirs = plan_for(catalog, weeks=None, race="2027-03-28", plan_id="runner-two-b2")

    assert set(_uids_by_date(mine).values()).isdisjoint(_uids_by_date(theirs).values())
    assert all(uid.startswith("runner-one-a1-") for uid in _uids_by_date(mine).values())


def test_a_rebuilt_plan_with_its_identity_replaces_its_own_events(catalog: Catalog) -> None:
    before = plan_for(catalog, plan_id="runner-one-a1", minutes_per_session=30)
    after = plan_for(catalog, plan_id="runner-one-a1", minutes_per_session=45, level="advanced")

    old, new = _uids_by_date(before), _uids_by_date(after)
    assert {day: old[day] for day in old.keys() & new.keys()} == {
        day: new[day] for day in old.keys() & new.keys()
    }
