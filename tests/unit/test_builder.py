"""The builder: a profile and the shipped catalog in, a plan a runner can follow out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from plans import plan_for

from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.errors import ProfileError
from strength.exports import render
from strength.plan import Plan, Prescription, plan_to_dict
from strength.profile import ANSWER_NAMES

ROOT = Path(__file__).resolve().parents[2]
PETERSEN = [(1, 2, [5, 5]), (2, 2, [6, 6]), (3, 3, [6, 6, 6]), (3, 3, [8, 8, 8])] + [
    (3, 3, [12, 10, 8])
] * 6


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "exercises")


def _plan(catalog: Catalog, **changes: object) -> Plan:
    return plan_for(catalog, **changes)


def test_every_weakness_gets_work_every_week(catalog: Catalog) -> None:
    plan = _plan(catalog)
    for week in plan.weeks:
        worked = {item.areas[0] for s in week.sessions for item in s.exercises}
        assert {"hamstrings", "glute_med", "core"} <= worked, week.number


def test_the_same_profile_gives_the_same_plan_byte_for_byte(catalog: Catalog) -> None:
    assert render(_plan(catalog), "json") == render(_plan(catalog), "json")


def test_every_fourth_week_is_a_deload_with_the_same_exercises_and_less_volume(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog)
    week3, week4 = plan.weeks[2], plan.weeks[3]
    assert week4.deload and not week3.deload
    names = lambda w: {i.id for s in w.sessions for i in s.exercises}  # noqa: E731
    volume = lambda w: sum(i.volume_seconds() for s in w.sessions for i in s.exercises)  # noqa: E731
    assert names(week4) == names(week3)
    assert volume(week4) <= 0.7 * volume(week3)


def test_sessions_fit_the_minutes_asked_for(catalog: Catalog) -> None:
    plan = _plan(catalog, minutes_per_session=20, sessions_per_week=2)
    assert all(session.minutes <= 20 for session in plan.sessions())


def test_a_race_ends_with_a_taper_and_nothing_in_the_last_48_hours(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=None, race="2027-03-28")
    assert [w.taper for w in plan.weeks[-2:]] == [True, True]
    race_week = plan.weeks[-1]
    assert len(race_week.sessions) <= 1
    for session in race_week.sessions:
        assert (plan.profile.race - session.date).days >= 3  # type: ignore[operator]
        assert all(item.impact == "none" for item in session.exercises)


def test_the_petersen_nordic_protocol_is_followed_week_by_week(catalog: Catalog) -> None:
    plan = _plan(
        catalog,
        level="intermediate",
        weeks=14,
        weaknesses=["hamstrings"],
        sessions_per_week=3,
        minutes_per_session=40,
        week={"mon": "easy", "tue": "rest", "wed": "easy", "thu": "rest", "fri": "easy",
              "sat": "rest", "sun": "long"},
        long_run_strategy="day_before",
    )  # fmt: skip
    # Deloads (weeks 4, 8 and 12) pause the programme: its 10 weeks run in the loading
    # weeks, each as published, and it resumes where it was after each pause.
    by_week: dict[int, list[Prescription]] = {}
    for week in plan.weeks:
        nordics = [i for s in week.sessions for i in s.exercises if i.id == "nordic-curl"]
        if week.deload:
            assert nordics and all(i.protocol_week is None for i in nordics)
            assert all("paused" in (i.protocol or "") for i in nordics)
            continue
        for item in nordics:
            if item.protocol_week is not None:
                by_week.setdefault(item.protocol_week, []).append(item)
    seen = [(len(items), items[0].sets, list(items[0].reps or ())) for _, items in
            sorted(by_week.items())]  # fmt: skip
    assert seen == PETERSEN
    assert sum(count for count, _, _ in seen) == 27
    last = plan.weeks[-1]
    after = [i for s in last.sessions for i in s.exercises if i.id == "nordic-curl"]
    assert len(after) == 1 and list(after[0].reps or ()) == [12, 10, 8]
    assert after[0].protocol_week is None and after[0].protocol.endswith("maintenance")  # type: ignore[union-attr]


def test_an_unknown_weakness_is_refused_with_a_suggestion(catalog: Catalog) -> None:
    with pytest.raises(ProfileError) as error:
        _plan(catalog, weaknesses=["hamstring"])
    assert error.value.issues[0].field == "weaknesses"
    assert "did you mean 'hamstrings'" in str(error.value)


def test_an_imbalance_adds_a_set_on_the_weaker_side(catalog: Catalog) -> None:
    plan = _plan(catalog, weaknesses=["glute_med"], imbalance={"glute_med": "left"})
    sided = [i for i in plan.sessions()[0].exercises if i.per_side]
    assert sided and all(i.extra_set_side == "left" for i in sided)


def test_the_json_plan_has_the_contract_fields(catalog: Catalog) -> None:
    data = json.loads(json.dumps(plan_to_dict(_plan(catalog))))
    week = data["weeks"][0]
    assert {"number", "start", "phase", "deload", "taper", "sessions"} <= set(week)
    session = week["sessions"][0]
    assert {"date", "weekday", "kind", "minutes", "reason", "exercises"} <= set(session)
    exercise = session["exercises"][0]
    for key in ("id", "name", "areas", "sets", "reps", "hold_s", "eccentric_s", "tempo",
                "contacts", "load", "per_side", "extra_set_side", "why"):  # fmt: skip
        assert key in exercise


def test_the_cli_builds_json_and_refuses_a_bad_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(ROOT / "examples" / "marathon.yaml")]) == 0
    assert json.loads(capsys.readouterr().out)["weeks"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("start: 2027-01-04\nweeks: 8\nweaknesses: [quadz]\n", encoding="utf-8")
    assert main(["build", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "week" in err and "Traceback" not in err


def test_the_cli_writes_the_pdf_on_either_paper_and_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = str(ROOT / "examples" / "marathon.yaml")
    assert main(["build", profile]) == 0
    sessions = sum(len(week["sessions"]) for week in json.loads(capsys.readouterr().out)["weeks"])
    a4, letter, ics = tmp_path / "plan.pdf", tmp_path / "letter.pdf", tmp_path / "plan.ics"
    assert main(["build", profile, "--format", "pdf", "-o", str(a4)]) == 0
    assert main(["build", profile, "--format", "pdf", "--paper", "letter", "-o", str(letter)]) == 0
    assert main(["build", profile, "--format", "ics", "-o", str(ics)]) == 0
    assert a4.read_bytes().startswith(b"%PDF")
    assert b"/MediaBox [0 0 595.28 841.89]" in a4.read_bytes()
    assert b"/MediaBox [0 0 612.00 792.00]" in letter.read_bytes()
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert ics.read_bytes().count(b"BEGIN:VEVENT") == sessions
    assert "Traceback" not in capsys.readouterr().err


def _doses(plan: Plan, week: int) -> dict[str, tuple[int, tuple[int, ...] | None, int | None]]:
    return {
        item.id: (item.sets, item.reps, item.hold_s)
        for session in plan.weeks[week - 1].sessions
        for item in session.exercises
    }


def test_a_heavy_legs_week_deloads_and_progress_resumes_where_it_was(catalog: Catalog) -> None:
    plain = _plan(catalog, weaknesses=["glute_med", "core"], weeks=8)
    heavy = _plan(catalog, weaknesses=["glute_med", "core"], weeks=8, heavy_legs=[2])
    assert heavy.weeks[1].deload and heavy.weeks[1].heavy_legs
    assert "Heavy legs" in heavy.weeks[1].note
    volume = lambda p, n: sum(i.volume_seconds() for s in p.weeks[n - 1].sessions  # noqa: E731
                              for i in s.exercises)  # fmt: skip
    assert volume(heavy, 2) <= 0.6 * volume(plain, 2)
    # Week 3 after a heavy week is what week 2 would have been: one step on from week 1.
    assert _doses(heavy, 3) == _doses(plain, 2)
    assert _doses(heavy, 1) == _doses(plain, 1)


def test_maintenance_mode_gives_one_session_a_week(catalog: Catalog) -> None:
    plan = _plan(catalog, maintenance=True, sessions_per_week=3, weeks=6)
    assert all(len(week.sessions) == 1 for week in plan.weeks)
    assert {s.kind for s in plan.sessions()} == {"maintenance"}
    assert {w.phase for w in plan.weeks if not w.deload} == {"maintenance"}


def test_the_taper_cuts_volume_by_40_to_60_percent_and_adds_nothing(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=None, race="2027-03-28", weaknesses=["glute_med", "core"],
                 sessions_per_week=3, week={"mon": "easy", "tue": "rest", "wed": "easy",
                 "thu": "rest", "fri": "easy", "sat": "rest", "sun": "long"})  # fmt: skip
    volume = lambda w: sum(i.volume_seconds() for s in w.sessions for i in s.exercises)  # noqa: E731
    ids = lambda w: {i.id for s in w.sessions for i in s.exercises}  # noqa: E731
    last_loading = next(w for w in reversed(plan.weeks) if not (w.taper or w.deload))
    taper = [w for w in plan.weeks if w.taper and not w.race_week]
    assert taper
    for week in taper:
        assert 0.4 <= 1 - volume(week) / volume(last_loading) <= 0.6, week.number
        assert ids(week) <= ids(last_loading)


def test_the_entry_rung_follows_the_level(catalog: Catalog) -> None:
    def first(level: str) -> str:
        plan = _plan(catalog, level=level, weaknesses=["glute_med"], equipment=[])
        return plan.sessions()[0].exercises[0].id

    assert catalog[first("beginner")].level == "beginner"
    assert catalog[first("intermediate")].level == "intermediate"
    # An advanced runner's rung (side plank with abduction) tops its ladder: the plan
    # enters one below, so there is a step to earn, and climbs to it after two weeks.
    advanced = _plan(catalog, level="advanced", weaknesses=["glute_med"], equipment=[])
    first_week = {i.id for s in advanced.weeks[0].sessions for i in s.exercises}
    assert "side-plank-hip-abduction" not in first_week
    assert "side-lying-hip-abduction" in first_week
    later = {i.id for w in advanced.weeks[2:] for s in w.sessions for i in s.exercises}
    assert "side-plank-hip-abduction" in later


def test_equipment_is_respected(catalog: Catalog) -> None:
    plan = _plan(catalog, equipment=[], weaknesses=["glute_med", "hamstrings", "calves"])
    used = {item.id for session in plan.sessions() for item in session.exercises}
    assert used and all(not catalog[exercise].equipment for exercise in used)


def test_a_daily_protocol_appears_every_day(catalog: Catalog) -> None:
    plan = _plan(catalog, weaknesses=["calves"], daily=["heel-drop-straight-knee"], weeks=2)
    daily = [s for s in plan.sessions() if s.kind == "daily"]
    assert len(daily) == 14
    assert all(s.exercises[0].id == "heel-drop-straight-knee" for s in daily)
    assert "twice" in daily[0].reason or "2 times" in daily[0].reason


def test_the_alfredson_pair_with_a_weaker_side_is_three_by_fifteen_twice_a_day_on_that_leg(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog, weaknesses=["calves"], imbalance={"calves": "left"}, weeks=2,
                 daily=["heel-drop-straight-knee", "heel-drop-bent-knee"])  # fmt: skip
    daily = [s for s in plan.sessions() if s.kind == "daily"]
    assert len(daily) == 2 * 14  # each of the pair, every day
    for session in daily:
        (item,) = session.exercises
        assert (item.sets, item.reps, item.per_side, item.extra_set_side) == (
            3, (15, 15, 15), False, None)  # fmt: skip
        assert "2 times a day" in session.reason and "left leg only" in session.reason
        assert plan.dose(item).startswith("3 x 15 reps") and "each side" not in plan.dose(item)


def test_a_daily_protocol_drops_to_once_a_day_in_race_week_and_stops_before_it(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog, weaknesses=["calves"], daily=["heel-drop-straight-knee"],
                 weeks=None, race="2027-02-28")  # fmt: skip
    race = dt.date(2027, 2, 28)
    free = plan.profile.rules.race_week_free_hours
    daily = [s for s in plan.sessions() if s.kind == "daily"]
    race_week = plan.weeks[-1]
    in_race_week = [s for s in daily if race_week.start <= s.date]
    assert in_race_week and all("once a day" in s.reason for s in in_race_week)
    assert {s.per_day for s in in_race_week} == {1}
    assert {s.per_day for s in daily if s.date < race_week.start} == {2}
    assert all((race - s.date).days * 24 >= free for s in daily)
    assert all("2 times a day" in s.reason for s in daily if s.date < race_week.start)
    assert any("race week: once a day" in w for w in plan.warnings)


def test_a_same_day_session_comes_after_the_long_run(catalog: Catalog) -> None:
    plan = _plan(catalog, long_run_strategy="same_day")
    on_long = [s for s in plan.sessions() if s.run == "long"]
    assert on_long and all("after your long run" in s.reason for s in on_long)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weaknesses": ["hamstring"]}, "weaknesses"),
        ({"race": "2026-12-01", "weeks": None}, "race"),
        ({"minutes_per_session": 0}, "minutes_per_session"),
        ({"week": dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "hard")},
         "week"),
        ({"equipment": ["barbel"]}, "equipment"),
    ],
)  # fmt: skip
def test_an_impossible_profile_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, object], field: str
) -> None:
    import yaml

    data: dict[str, object] = {
        "start": "2027-01-04", "weeks": 8, "weaknesses": ["hamstrings"],
        "week": {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
                 "sat": "easy", "sun": "long"},
    }  # fmt: skip
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    path = tmp_path / "runner.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["build", str(path)]) == 2
    err = capsys.readouterr().err
    assert ANSWER_NAMES[field].lower() in err.lower() and "Traceback" not in err
