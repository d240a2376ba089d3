"""The runner's profile: clear messages naming the field at fault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strength.errors import ProfileError
from strength.profile import next_monday, profile_from_dict, profile_to_dict, read_profile

ROOT = Path(__file__).resolve().parents[2]
BASE = {
    "start": "2027-01-04",
    "race": "2027-05-23",
    "weaknesses": ["hamstrings"],
    "week": {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
             "sat": "easy", "sun": "long"},
}  # fmt: skip


def _fields(error: pytest.ExceptionInfo[ProfileError]) -> set[str]:
    return {issue.field for issue in error.value.issues}


def test_a_race_gives_the_plan_length_up_to_race_week() -> None:
    profile = profile_from_dict(BASE)
    assert profile.length_weeks == 20
    assert profile.start == dt.date(2027, 1, 4)


def test_a_race_before_the_start_names_the_race() -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_dict(BASE | {"race": "2026-12-01"})
    assert "race" in str(error.value)
    assert "before the first day of the plan" in str(error.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes_per_session": 0}, "minutes_per_session"),
        ({"sessions_per_week": 9}, "sessions_per_week"),
        ({"level": "elite"}, "level"),
        ({"weaknesses": []}, "weaknesses"),
        ({"week": {"mon": "rest"}}, "week"),
        ({"long_run_strategy": "whenever"}, "long_run_strategy"),
        ({"imbalance": {"calves": "middle"}}, "imbalance"),
        ({"colour": "red"}, "colour"),
        ({"long_race_low_mileage": "perhaps"}, "long_race_low_mileage"),
        ({"runs": {"2027-02-20": "jog"}}, "runs"),
        ({"runs": {"2026-12-19": "rest"}}, "runs"),
        ({"rules": {"rep_range": [12, 6]}}, "rules.rep_range"),
    ],
)
def test_a_malformed_profile_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_dict(BASE | change)
    assert field in _fields(error)


def test_weekday_names_may_be_written_in_full() -> None:
    week = {"Monday": "rest", "Tuesday": "easy", "Wednesday": "hard", "Thursday": "easy",
            "Friday": "rest", "Saturday": "easy", "Sunday": "long"}  # fmt: skip
    assert profile_from_dict(BASE | {"week": week}).week["wed"].value == "hard"


def test_a_profile_round_trips_through_plain_data() -> None:
    profile = profile_from_dict(BASE | {"imbalance": {"hamstrings": "left"}})
    assert profile_from_dict(profile_to_dict(profile)) == profile


def test_the_example_profile_reads() -> None:
    profile = read_profile(ROOT / "examples" / "marathon.yaml")
    assert profile.weaknesses[0] == "hamstrings"


def test_a_broken_profile_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("start: 2027-01-04\nweeks: [12\n", encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        read_profile(path)
    assert "me.yaml line" in str(error.value)


def test_plans_start_on_the_next_monday() -> None:
    assert next_monday(dt.date(2026, 11, 22)) == dt.date(2026, 11, 23)  # a Sunday
    assert next_monday(dt.date(2026, 11, 23)) == dt.date(2026, 11, 30)  # a Monday


def test_every_problem_shows_at_once_including_a_race_before_the_start() -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_dict({**BASE, "race": "2026-12-01", "minutes_per_session": 0})
    assert _fields(error) == {"race", "minutes_per_session"}
    assert len(error.value.issues) == 2


def test_a_saved_profile_reads_back_as_the_same_profile() -> None:
    from strength.profile import profile_to_yaml, read_profile_text

    profile = profile_from_dict({**BASE, "imbalance": {"hamstrings": "left"}, "heavy_legs": [3]})
    text = profile_to_yaml(profile)
    assert text.startswith("#")
    assert read_profile_text(text, "saved.yaml") == profile


def test_an_oversized_or_broken_profile_upload_names_the_file() -> None:
    from strength.profile import read_profile_text

    with pytest.raises(ProfileError, match=r"upload\.yaml"):
        read_profile_text("start: [unclosed\n", "upload.yaml")
    with pytest.raises(ProfileError, match="too large"):
        read_profile_text("# x\n" * 20_000, "big.yaml")


# ----------------------------------------------------------------------------
# Runs on given dates, the long-run strategy, the rules' ranges


def test_a_run_on_a_date_may_be_written_as_a_date_or_as_iso_text() -> None:
    from strength.profile import Run, read_profile_text

    written = profile_from_dict(BASE | {"runs": {"2027-02-20": "rest"}})
    as_date = profile_from_dict(BASE | {"runs": {dt.date(2027, 2, 20): "rest"}})
    text = "\n".join(f"{key}: {value}" for key, value in BASE.items() if key != "week")
    week = "week: {mon: rest, tue: easy, wed: hard, thu: easy, fri: rest, sat: easy, sun: long}"
    unquoted = read_profile_text(f"{text}\n{week}\nruns: {{2027-02-20: rest}}\n")
    quoted = read_profile_text(f"{text}\n{week}\nruns: {{'2027-02-20': rest}}\n")

    assert written == as_date == unquoted == quoted
    assert written.runs == {dt.date(2027, 2, 20): Run.rest}


def test_a_date_of_the_running_week_takes_its_run_from_runs_and_the_race_day_is_a_race() -> None:
    from strength.profile import Run

    profile = profile_from_dict(BASE | {"runs": {"2027-02-20": "rest", "2027-03-14": "race"}})

    assert profile.run_on_date(dt.date(2027, 2, 20)) is Run.rest  # a Saturday, easy most weeks
    assert profile.run_on_date(dt.date(2027, 2, 27)) is Run.easy
    assert profile.run_on_date(dt.date(2027, 3, 14)) is Run.race  # a tune-up race
    assert profile.run_on_date(dt.date(2027, 5, 23)) is Run.race  # the race day


def test_runs_on_the_first_and_the_last_day_of_the_plan_are_inside_it() -> None:
    profile = profile_from_dict(BASE | {"runs": {"2027-01-04": "easy", "2027-05-23": "race"}})
    assert len(profile.runs) == 2
    weeks = {key: value for key, value in BASE.items() if key != "race"} | {"weeks": 4}
    assert profile_from_dict(weeks | {"runs": {"2027-01-31": "rest"}}).last_day == dt.date(
        2027, 1, 31
    )
    with pytest.raises(ProfileError) as error:
        profile_from_dict(weeks | {"runs": {"2027-02-01": "rest"}})
    assert _fields(error) == {"runs"}
    assert "Mon 1 Feb 2027" in str(error.value) and "Sun 31 Jan 2027" in str(error.value)


def test_a_race_in_the_running_week_is_refused() -> None:
    week = {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
            "sat": "easy", "sun": "race"}  # fmt: skip
    with pytest.raises(ProfileError) as error:
        profile_from_dict(BASE | {"week": week})
    assert _fields(error) == {"week"}
    assert "a race goes on a date" in str(error.value)


def test_runs_are_saved_with_iso_dates_in_order_and_read_back() -> None:
    from strength.profile import profile_to_yaml, read_profile_text

    profile = profile_from_dict(
        BASE | {"runs": {"2027-03-14": "race", dt.date(2027, 2, 20): "rest", "2027-01-10": "long"}}
    )
    data = profile_to_dict(profile)

    assert data["runs"] == {"2027-01-10": "long", "2027-02-20": "rest", "2027-03-14": "race"}
    assert list(data["runs"]) == sorted(data["runs"])
    assert read_profile_text(profile_to_yaml(profile), "saved.yaml") == profile
    assert "runs" not in profile_to_dict(profile_from_dict(BASE))


def test_the_default_strategy_keeps_strength_apart_from_the_long_run() -> None:
    from strength.profile import LongRunStrategy

    assert profile_from_dict(BASE).long_run_strategy is LongRunStrategy.apart
    assert profile_from_dict(BASE).long_race_low_mileage is False


def test_the_long_run_strategy_is_saved_even_at_its_default() -> None:
    for strategy in ("apart", "day_before", "same_day"):
        profile = profile_from_dict(BASE | {"long_run_strategy": strategy})
        assert profile_to_dict(profile)["long_run_strategy"] == strategy


def test_the_day_before_is_recommended_only_for_a_long_race_on_low_mileage() -> None:
    from strength.profile import LongRunStrategy, recommended_long_run_strategy

    low = profile_from_dict(BASE | {"long_race_low_mileage": True})
    strategy, why = recommended_long_run_strategy(low)
    assert strategy is LongRunStrategy.day_before
    assert "heavy legs" in why and why.endswith(".")

    strategy, why = recommended_long_run_strategy(profile_from_dict(BASE))
    assert strategy is LongRunStrategy.apart
    assert "48 h" in why and "Doma & Deakin" in why


def test_the_strategies_and_the_recommendation_say_the_rules_hours() -> None:
    from strength.profile import (
        LongRunStrategy,
        Rules,
        long_run_strategies,
        recommended_long_run_strategy,
    )

    words = long_run_strategies(Rules(hours_between_leg_sessions=72))
    assert "72 h" in words[LongRunStrategy.apart] and "48" not in words[LongRunStrategy.apart]
    profile = profile_from_dict(BASE | {"rules": {"hours_between_leg_sessions": 72}})
    assert "at least 72 h" in recommended_long_run_strategy(profile)[1]


def test_the_rules_ranges_run_low_to_high_within_their_bounds() -> None:
    from strength.profile import bounds

    assert bounds("rules.rep_range") == bounds("rules.loaded_rep_range") == (1, 30)
    assert bounds("rules.hold_range_s") == (5, 120)
    same = profile_from_dict(BASE | {"rules": {"rep_range": [8, 8], "hold_range_s": [5, 120]}})
    assert same.rules.rep_range == (8, 8)
    for rule, value in (
        ("rep_range", [12, 6]),
        ("rep_range", [0, 12]),
        ("loaded_rep_range", [6, 31]),
        ("hold_range_s", [4, 30]),
        ("hold_range_s", [45, 20]),
        ("hold_range_s", [20]),
    ):
        with pytest.raises(ProfileError) as error:
            profile_from_dict(BASE | {"rules": {rule: value}})
        assert _fields(error) == {f"rules.{rule}"}, (rule, value)


# ----------------------------------------------------------------------------
# What would give the week the sessions it lacks

MARATHON_WEEK = {"mon": "rest", "tue": "hard", "wed": "easy", "thu": "hard", "fri": "rest",
                 "sat": "easy", "sun": "long"}  # fmt: skip


def test_strength_after_hard_runs_is_offered_when_it_gives_the_week_its_sessions() -> None:
    from strength.explain import after_hard_runs_offer
    from strength.planning.schedule import weekly_slots

    profile = profile_from_dict(
        BASE | {"week": MARATHON_WEEK, "sessions_per_week": 2, "long_run_strategy": "apart"}
    )
    on = profile_from_dict(
        BASE | {"week": MARATHON_WEEK, "sessions_per_week": 2, "long_run_strategy": "apart",
                "rules": {"strength_after_hard_runs": True}}
    )  # fmt: skip
    assert len(weekly_slots(on)[0]) == 2  # the engine honours the rule

    offer = after_hard_runs_offer(profile)

    assert offer is not None
    assert offer.startswith(("Your running week holds 0 of", "Your running week holds 1 of"))
    assert "of the 2 sessions a week you asked for" in offer
    assert "strength after hard runs, same day" in offer and offer.endswith("it holds 2.")
    assert after_hard_runs_offer(on) is None  # already on


def test_no_offer_when_the_week_holds_the_sessions_or_the_rule_would_not_help() -> None:
    from strength.explain import after_hard_runs_offer

    held = profile_from_dict(BASE | {"sessions_per_week": 1})
    assert after_hard_runs_offer(held) is None
    # Rest days and a long run: no hard day a session could follow.
    no_hard = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat"), "rest") | {"sun": "long"}
    assert after_hard_runs_offer(profile_from_dict(BASE | {"week": no_hard})) is None
