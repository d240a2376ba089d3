"""A protocol week's every field reaches the plan: the rung it names, the load it gives
and its dose exactly as written, week by week; a rung that needs kit the runner lacks
leaves the protocol's own exercise at that week's dose, and the plan says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from plans import SHIPPED, plan_for

from strength.catalog import Catalog, load_catalog
from strength.plan import Prescription
from strength.profile import TYPICAL_WEEK

OVERLAY = """\
overrides:
  - id: glute-bridge
    protocol:
      name: A bridge programme that climbs
      source: Written for this test.
      weeks:
        - {week: 1, sessions: 2, sets: 3, reps: 10, rest_s: 60}
        - {week: 2, sessions: 2, sets: 3, reps: 8, rest_s: 60, rung: marching-bridge}
        - {week: 3, sessions: 2, sets: 4, reps: 6, rest_s: 90, rung: single-leg-bridge,
           load: "+5 kg"}
        - {week: 4, sessions: 2, sets: 3, reps: 8, rest_s: 90, rung: hip-thrust}
      maintenance: {sessions: 1, sets: 2, reps: 10, rest_s: 60}
"""


# A beginner enters the bridge ladder on its first rung, the one carrying the protocol.
RUNNER: dict[str, object] = {"weaknesses": ["glute_max", "core"], "weeks": 5,
                             "level": "beginner", "week": TYPICAL_WEEK,
                             "rules": {"deload_every": 0}}  # fmt: skip


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    coach = Path(tmp_path_factory.mktemp("coach"))
    (coach / "programme.yaml").write_text(OVERLAY, encoding="utf-8")
    return load_catalog(SHIPPED, coach)


def _bridges(catalog: Catalog, **answers: object) -> list[list[Prescription]]:
    plan = plan_for(catalog, **{**RUNNER, **answers})
    return [
        [i for s in week.strength_sessions() for i in s.exercises if i.protocol]
        for week in plan.weeks
    ]


def test_each_week_does_the_rung_load_and_dose_its_protocol_week_names(catalog: Catalog) -> None:
    weeks = _bridges(catalog, equipment=["bench"])
    shown = [(w[0].id, w[0].sets, w[0].reps, w[0].load, w[0].protocol_week) for w in weeks[:4]]
    assert shown == [
        ("glute-bridge", 3, (10, 10, 10), "bodyweight", 1),
        ("marching-bridge", 3, (8, 8, 8), "bodyweight", 2),
        ("single-leg-bridge", 4, (6, 6, 6, 6), "+5 kg", 3),
        ("hip-thrust", 3, (8, 8, 8), "bench", 4),
    ]
    assert all(len(w) == 2 for w in weeks[:4])  # two sessions a week, as written
    assert [i.id for i in weeks[4]] == ["glute-bridge"]  # maintenance: once, on its own rung


def test_a_rung_that_needs_kit_the_runner_lacks_keeps_the_exercise_and_says_so(
    catalog: Catalog,
) -> None:
    plan = plan_for(catalog, **{**RUNNER, "equipment": []})
    fourth = [i for s in plan.weeks[3].strength_sessions() for i in s.exercises if i.protocol]
    assert fourth and fourth[0].id == "glute-bridge" and fourth[0].protocol_week == 4
    assert any("Hip thrust" in w and "glute bridge" in w.lower() for w in plan.warnings)


def test_the_heavy_slow_calf_programme_gives_each_week_its_rm_load() -> None:
    shipped = load_catalog(SHIPPED)
    plan = plan_for(shipped, weaknesses=["calves", "core"], weeks=8, level="advanced",
                    equipment=["step", "backpack"], week=TYPICAL_WEEK)  # fmt: skip
    by_week = {
        i.protocol_week: (i.sets, i.reps, plan.load_words(i))
        for s in plan.strength_sessions()
        for i in s.exercises
        if i.id == "calf-raise-loaded" and i.protocol_week is not None
    }
    assert by_week[1] == (3, (15,) * 3, "15RM: the most you can raise 15 times")
    assert by_week[4] == (4, (10,) * 4, "10RM: the most you can raise 10 times")
    assert by_week[5][:2] == (4, (10,) * 4)


def test_a_protocol_that_holds_then_goes_dynamic_is_followed_week_by_week(
    tmp_path: Path,
) -> None:
    overlay = """\
overrides:
  - id: heel-dig-bridge-hold
    protocol:
      name: Hold, then move
      source: Written for this test.
      weeks:
        - {week: 1-2, sessions: 2, sets: 3, hold_s: 20, rest_s: 60}
        - {week: 3-4, sessions: 2, sets: 3, reps: 8, rest_s: 60}
"""
    (tmp_path / "programme.yaml").write_text(overlay, encoding="utf-8")
    catalog = load_catalog(SHIPPED, tmp_path)
    plan = plan_for(catalog, **{**RUNNER, "weaknesses": ["hamstrings", "core"]})
    doses = {
        i.protocol_week: (i.hold_s, i.reps)
        for s in plan.strength_sessions()
        for i in s.exercises
        if i.id == "heel-dig-bridge-hold" and i.protocol_week
    }
    assert doses == {1: (20, None), 2: (20, None), 3: (None, (8, 8, 8)), 4: (None, (8, 8, 8))}
