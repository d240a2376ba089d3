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
