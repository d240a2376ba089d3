"""Plans for the tests: one typical runner, varied one answer at a time."""

from __future__ import annotations

from pathlib import Path

from strength.catalog import Catalog
from strength.plan import Plan
from strength.planning import build_plan
from strength.profile import profile_from_dict

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "exercises"
TYPICAL_RUNNER: dict[str, object] = {
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


def plan_for(catalog: Catalog, **changes: object) -> Plan:
    """The typical runner's plan with `changes` (None removes an answer)."""
    data = {**TYPICAL_RUNNER, **changes}
    return build_plan(profile_from_dict({k: v for k, v in data.items() if v is not None}), catalog)
