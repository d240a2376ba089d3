"""How a race plan ends: the recovery days come from the rules, the next block starts on
the Monday after them, and every export says so; a plan without a race has no ending."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plans import SHIPPED, plan_for
from pypdf import PdfReader

from strength.catalog import Catalog, load_catalog
from strength.exports import render
from strength.planning.after_race import after_race, next_block_start
from strength.profile import TYPICAL_WEEK, Profile, profile_from_dict

RUNNER = {"start": "2027-01-04", "weaknesses": ["hamstrings"], "week": TYPICAL_WEEK}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(SHIPPED)


def _runner(race: dt.date, days: int | None = None) -> Profile:
    rules = {} if days is None else {"rules": {"recovery_days_after_race": days}}
    return profile_from_dict({**RUNNER, "race": race.isoformat(), **rules})


def test_a_sunday_race_gives_a_week_off_and_the_next_block_on_the_monday_after_it() -> None:
    ending = after_race(_runner(dt.date(2027, 3, 28)))
    assert ending is not None
    assert ending.recover_until == dt.date(2027, 4, 4)
    assert ending.next_block == dt.date(2027, 4, 5)
    assert "7 days with no strength work" in ending.recovery
    assert "Sun 4 Apr 2027" in ending.recovery and "Mon 5 Apr 2027" in ending.then


def test_no_recovery_days_starts_the_next_block_the_monday_after_the_race() -> None:
    ending = after_race(_runner(dt.date(2027, 3, 28), days=0))
    assert ending is not None and ending.next_block == dt.date(2027, 3, 29)
    assert "no strength work" not in ending.recovery


@given(st.dates(dt.date(2027, 1, 10), dt.date(2027, 12, 31)), st.integers(0, 28))
def test_the_next_block_is_the_first_monday_after_the_recovery(race: dt.date, days: int) -> None:
    start = next_block_start(_runner(race, days))
    assert start is not None and start.weekday() == 0
    assert dt.timedelta(days=days) < start - race <= dt.timedelta(days=days + 7)


def test_a_plan_without_a_race_has_no_ending(catalog: Catalog) -> None:
    plan = plan_for(catalog)
    assert plan.after_race is None
    assert json.loads(str(render(plan, "json")))["after_race"] is None
    assert "After the race" not in str(render(plan, "md"))


@pytest.mark.parametrize("form", ["json", "md", "pdf"])
def test_every_export_ends_a_race_plan_with_it(catalog: Catalog, form: str) -> None:
    plan = plan_for(catalog, weeks=None, race="2027-03-28")
    assert plan.after_race is not None
    content = render(plan, form)
    if form == "pdf":
        assert isinstance(content, bytes)
        reader = PdfReader(io.BytesIO(content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    else:
        text = str(content)
    assert "After the race" in text or form == "json"
    assert "7 days with no strength work" in " ".join(text.split())
    if form == "json":
        assert json.loads(text)["after_race"]["next_block"] == "2027-04-05"
