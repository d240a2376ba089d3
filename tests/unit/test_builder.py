"""The builder: a profile and the shipped catalog in, a plan a runner can follow out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strength.builder import build_plan
from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.errors import ProfileError
from strength.exports import render
from strength.plan import Plan, plan_to_dict
from strength.profile import profile_from_dict

ROOT = Path(__file__).resolve().parents[2]
PETERSEN = [(1, 2, [5, 5]), (2, 2, [6, 6]), (3, 3, [6, 6, 6]), (3, 3, [8, 8, 8])] + [
    (3, 3, [12, 10, 8])
] * 6


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "exercises")


def _plan(catalog: Catalog, **changes: object) -> Plan:
    data: dict[str, object] = {
        "start": "2027-01-04",
        "weeks": 12,
        "level": "beginner",
        "weaknesses": ["hamstrings", "glute_med", "core"],
        "equipment": ["band"],
        "sessions_per_week": 2,
        "minutes_per_session": 30,
        "week": {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
                 "sat": "easy", "sun": "long"},
    }  # fmt: skip
    data.update(changes)
    return build_plan(profile_from_dict(data), catalog)


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
    )  # fmt: skip
    seen = []
    for week in plan.weeks[:10]:
        nordics = [i for s in week.sessions for i in s.exercises if i.id == "nordic-curl"]
        assert nordics, f"week {week.number} has no Nordic curls"
        seen.append((len(nordics), nordics[0].sets, list(nordics[0].reps or ())))
    assert seen == PETERSEN
    assert sum(count for count, _, _ in seen) == 27
    after = [i for s in plan.weeks[10].sessions for i in s.exercises if i.id == "nordic-curl"]
    assert len(after) == 1 and list(after[0].reps or ()) == [12, 10, 8]


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


def test_the_cli_says_clearly_that_pdf_is_not_there_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(ROOT / "examples" / "marathon.yaml"), "--format", "pdf"]) == 2
    assert "not available yet" in capsys.readouterr().err
