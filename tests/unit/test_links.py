"""Shared links are read the way a person means them, and what is not understood is said."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from strength.links import Holds, LinkAnswer, link_params, read_link

AREAS = {"hamstrings": "Hamstrings", "glute_med": "Gluteus medius", "core": "Core"}
TABLE = [
    LinkAnswer("weaknesses", "Weak links", Holds.choices, AREAS, default=["hamstrings"]),
    LinkAnswer("level", "Experience", Holds.choice,
               {"beginner": "Beginner", "advanced": "Advanced"}, default="beginner"),
    LinkAnswer("minutes", "Minutes a session", Holds.number, bounds=(10, 120), default=30),
    LinkAnswer("start", "First day of the plan", Holds.date),
    LinkAnswer("maintenance", "In season", Holds.flag, default=False),
]  # fmt: skip


def _read(**params: str | list[str]) -> tuple[dict[str, Any], tuple[str, ...]]:
    link = read_link(
        {key: value if isinstance(value, list) else [value] for key, value in params.items()},
        TABLE,
    )
    return link.values, link.not_understood


def test_options_are_read_by_id_or_shown_word_in_any_case() -> None:
    for written in ("Hamstrings,Core", "hamstrings,core", "HAMSTRINGS, core", "hamstrings;Core"):
        assert _read(weaknesses=written) == ({"weaknesses": ["hamstrings", "core"]}, ())
    assert _read(weaknesses=["Gluteus medius", "glute_med"])[0] == {"weaknesses": ["glute_med"]}
    assert _read(weaknesses="gluteus-medius")[0] == {"weaknesses": ["glute_med"]}
    assert _read(level="ADVANCED")[0] == {"level": "advanced"}


def test_what_is_not_understood_is_named_with_a_hint_and_the_rest_is_kept() -> None:
    values, problems = _read(weaknesses="Hamstring,Core,Biceps", level="expert")

    assert values == {"weaknesses": ["core"]}
    assert len(problems) == 4 - 1  # Hamstring, Biceps, expert
    assert "“Hamstring”" in problems[0] and "did you mean Hamstrings?" in problems[0]
    assert problems[1].startswith("Weak links: “Biceps” was left out")
    assert "Beginner, Advanced" in problems[2]


def test_numbers_dates_and_flags_are_checked_with_their_bounds() -> None:
    values, problems = _read(minutes="45", start="2027-01-04", maintenance="yes")
    assert values == {"minutes": 45, "start": dt.date(2027, 1, 4), "maintenance": True}
    assert problems == ()

    values, problems = _read(minutes="200", start="2027-02-30", maintenance="perhaps")
    assert values == {}
    assert "between 10 and 120" in problems[0]
    assert "YYYY-MM-DD" in problems[1]
    assert "true or false" in problems[2]


def test_keys_that_are_not_answers_are_left_alone() -> None:
    assert _read(utm_source="newsletter") == ({}, ())


def test_a_written_link_uses_the_shown_words_and_leaves_defaults_out() -> None:
    params = link_params(
        {"weaknesses": ["glute_med", "core"], "level": "beginner", "minutes": 45,
         "start": dt.date(2027, 1, 4), "maintenance": True},
        TABLE,
    )  # fmt: skip

    assert params == {
        "weaknesses": ["Gluteus medius", "Core"],
        "minutes": ["45"],
        "start": ["2027-01-04"],
        "maintenance": ["true"],
    }
    assert link_params({"weaknesses": []}, TABLE) == {"weaknesses": [""]}


@given(
    weaknesses=st.lists(st.sampled_from(list(AREAS)), min_size=1, unique=True),
    level=st.sampled_from(["beginner", "advanced"]),
    minutes=st.integers(10, 120),
    start=st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)),
    maintenance=st.booleans(),
)
def test_a_written_link_reads_back_to_the_same_answers(**values: Any) -> None:
    link = read_link(link_params(values, TABLE), TABLE)

    assert link.not_understood == ()
    expected = {key: value for key, value in values.items() if value != TABLE_DEFAULTS[key]}
    assert link.values == expected


TABLE_DEFAULTS = {row.key: row.default for row in TABLE}


STRATEGY = LinkAnswer("strategy", "Strength around the long run", Holds.choice,
                      {"day_before": "The day before", "apart": "Kept apart"}, default="apart",
                      always=True, former={"48 h apart": "apart"})  # fmt: skip


def test_an_answer_marked_always_is_written_even_at_its_default() -> None:
    assert link_params({"strategy": "apart"}, [STRATEGY]) == {"strategy": ["Kept apart"]}
    assert link_params({"level": "beginner"}, TABLE) == {}  # the others leave it out


def test_a_word_a_link_was_written_with_before_still_reads() -> None:
    link = read_link({"strategy": ["48 h apart"]}, [STRATEGY])
    assert link.values == {"strategy": "apart"} and link.not_understood == ()
    assert read_link({"strategy": ["48 h"]}, [STRATEGY]).not_understood  # not any word


@functools.cache
def _app_table() -> dict[str, LinkAnswer]:
    from pathlib import Path

    from strength.catalog import load_catalog
    from strength.ui.answers import answer_table

    return answer_table(load_catalog(Path(__file__).resolve().parents[2] / "exercises"))


def test_the_apps_link_always_carries_the_long_run_strategy() -> None:
    table = _app_table()
    rows = list(table.values())
    for strategy in ("apart", "day_before", "same_day"):
        params = link_params({"strategy": strategy}, rows)
        assert params == {"strategy": [table["strategy"].words[strategy]]}
        assert read_link(params, rows).values == {"strategy": strategy}
    assert table["strategy"].default == "apart"  # the profile's default


@given(
    strategy=st.sampled_from(["apart", "day_before", "same_day"]),
    low_mileage=st.booleans(),
    after_hard_runs=st.booleans(),
    sessions=st.integers(1, 5),
)
def test_the_apps_new_answers_read_back_from_the_link(**values: Any) -> None:
    rows = list(_app_table().values())
    params = link_params(values, rows)
    link = read_link(params, rows)

    assert link.not_understood == ()
    expected = {key: value for key, value in values.items()
                if key == "strategy" or value != _app_table()[key].default}  # fmt: skip
    assert link.values == expected
    assert ("low_mileage" in params) is values["low_mileage"]  # off by default, left out
    assert ("after_hard_runs" in params) is values["after_hard_runs"]


def test_the_flags_of_the_new_answers_read_the_way_a_person_writes_them() -> None:
    rows = list(_app_table().values())
    link = read_link({"low_mileage": ["Yes"], "after_hard_runs": ["on"]}, rows)
    assert link.values == {"low_mileage": True, "after_hard_runs": True}
    link = read_link({"after_hard_runs": ["sometimes"]}, rows)
    assert link.values == {}
    assert "Strength after hard runs, same day" in link.not_understood[0]
