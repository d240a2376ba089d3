"""Every field a protocol week accepts reaches the plan: for each one, a coach's overlay
gives a protocol a distinctive value and the plan shows it. A field the catalog takes
but the builder ignores fails here, and a new field must join the table to pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from plans import SHIPPED, plan_for

from strength.catalog import load_catalog
from strength.model import ProtocolWeek
from strength.plan import Plan, Prescription
from strength.profile import TYPICAL_WEEK

# (exercise, its runner, the protocol week as written, the field changed and its value)
BRIDGE = ("glute-bridge", {"weaknesses": ["glute_max", "core"], "level": "beginner"})
WEEK = {"week": "1-12", "sessions": 2, "sets": 3, "reps": 10, "rest_s": 60}
CASES: dict[str, tuple[str, dict[str, Any], dict[str, Any], Any]] = {
    "sets": (*BRIDGE, WEEK, 4),
    "reps": (*BRIDGE, WEEK, 13),
    "eccentric_s": (*BRIDGE, WEEK, 5),
    "tempo": (*BRIDGE, WEEK, "4-1-1-0"),
    "rest_s": (*BRIDGE, WEEK, 75),
    "load": (*BRIDGE, WEEK, "a heavy backpack"),
    "sessions": (*BRIDGE, WEEK, 1),
    "rung": (*BRIDGE, WEEK, "marching-bridge"),
    "week": (*BRIDGE, {**WEEK, "week": 1}, "1-2"),
    "hold_s": ("heel-dig-bridge-hold", {"weaknesses": ["hamstrings", "core"], "level": "beginner"},
               {"week": "1-12", "sessions": 2, "sets": 3, "hold_s": 20, "rest_s": 60}, 33),
    "distance_m": ("heel-walk", {"weaknesses": ["shins", "core"], "level": "beginner"},
                   {"week": "1-12", "sessions": 2, "sets": 2, "distance_m": 20, "rest_s": 45},
                   27),
    "per_day": ("heel-drop-straight-knee",
                {"weaknesses": ["calves"], "level": "intermediate", "equipment": ["step"],
                 "daily": ["heel-drop-straight-knee"]},
                {"week": "1-12", "per_day": 2, "sets": 3, "reps": 15}, 3),
    "contacts": ("pogo-hops", {"weaknesses": ["plyometrics", "core"], "level": "intermediate",
                               "weeks": 12},
                 {"week": "1-12", "sessions": 2, "sets": 3, "contacts": 20, "rest_s": 60}, 26),
}  # fmt: skip


def _plan(tmp_path: Path, exercise: str, runner: dict[str, Any], week: dict[str, Any]) -> Plan:
    protocol = {"name": "A coach's programme", "source": "Written for this test.",
                "weeks": [week]}  # fmt: skip
    folder = tmp_path / "coach"
    folder.mkdir(exist_ok=True)
    overlay = {"overrides": [{"id": exercise, "protocol": protocol}]}
    (folder / "programme.yaml").write_text(yaml.safe_dump(overlay), encoding="utf-8")
    catalog = load_catalog(SHIPPED, folder)
    return plan_for(catalog, **{"weeks": 6, "week": TYPICAL_WEEK, "equipment": [], **runner})


def _doses(plan: Plan) -> list[tuple[int, Prescription, str]]:
    return [
        (week.number, item, session.reason)
        for week in plan.weeks
        for session in week.sessions
        for item in session.exercises
        if item.protocol
    ]


def _shows(plan: Plan, field: str, value: Any) -> bool:
    doses = _doses(plan)
    if field == "sessions":
        first = [item for number, item, _ in doses if number == 1]
        return len(first) == value
    if field == "week":  # the week's dose stops after week 2: the protocol then ends
        return any(n == 2 and i.protocol_week == 2 for n, i, _ in doses) and not any(
            n > 3 and i.protocol_week for n, i, _ in doses
        )
    if field == "per_day":
        return any(f"{value} times a day" in reason for _, _, reason in doses)
    if field == "rung":
        return any(item.id == value for _, item, _ in doses)
    if field == "load":
        return any(plan.load_words(item) == value for _, item, _ in doses)
    if field == "reps":
        return any(item.reps and set(item.reps) == {value} for _, item, _ in doses)
    return any(getattr(item, field) == value for _, item, _ in doses)


def test_every_protocol_week_field_is_in_the_table() -> None:
    assert set(CASES) == set(ProtocolWeek.model_fields)


@pytest.mark.parametrize("field", sorted(CASES))
def test_a_protocol_week_field_reaches_the_plan(tmp_path: Path, field: str) -> None:
    exercise, runner, week, value = CASES[field]
    before = _plan(tmp_path, exercise, runner, week)
    assert _doses(before), f"the protocol on {exercise} is not in the plan at all"
    assert not _shows(before, field, value)
    after = _plan(tmp_path, exercise, runner, {**week, field: value})
    assert _shows(after, field, value), f"{field}: {value!r} does not reach the plan"
