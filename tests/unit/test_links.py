"""Shared links are read the way a person means them, and what is not understood is said."""

from __future__ import annotations

import datetime as dt
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
