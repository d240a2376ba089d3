"""The shipped catalog is the product's knowledge: complete enough for any runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from strength.catalog import Catalog, load_catalog
from strength.model import Level, Mode

ROOT = Path(__file__).resolve().parents[2]
PROFILE_AREAS = ("hamstrings", "glute_med", "glute_max", "core", "calves", "quads",
                 "adductors", "feet", "shins", "hip_flexors")  # fmt: skip


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(ROOT / "exercises")


def test_the_shipped_catalog_has_at_least_80_exercises_over_10_areas(shipped: Catalog) -> None:
    assert len(shipped) >= 80
    assert set(PROFILE_AREAS) <= set(shipped.vocabulary.areas)
    assert all(shipped.for_area(area) for area in PROFILE_AREAS)


@pytest.mark.parametrize("area", PROFILE_AREAS)
def test_every_area_has_a_ladder_of_four_rungs_from_beginner_to_advanced(
    shipped: Catalog, area: str
) -> None:
    ladders = [ladder for ladder in shipped.ladders() if ladder[0].areas[0] == area]
    assert any(
        len(ladder) >= 4
        and ladder[0].level is Level.beginner
        and ladder[-1].level is Level.advanced
        for ladder in ladders
    ), [[rung.id for rung in ladder] for ladder in ladders]


def test_plyometrics_are_never_for_beginners(shipped: Catalog) -> None:
    hops = [ex for ex in shipped if ex.mode is Mode.plyometric]
    assert hops and all(ex.level is not Level.beginner for ex in hops)


def test_equipment_options_exist_beyond_bodyweight(shipped: Catalog) -> None:
    used = {item for ex in shipped for item in ex.equipment}
    assert {"band", "step", "slider", "dumbbell"} <= used
    assert sum(not ex.equipment for ex in shipped) > len(shipped) / 2  # bodyweight first


def test_the_petersen_nordic_protocol_ships_with_27_sessions_in_10_weeks(shipped: Catalog) -> None:
    protocol = shipped["nordic-curl"].protocol
    assert protocol is not None and protocol.length == 10
    sessions = sum(protocol.step_for(week).sessions or 0 for week in range(1, 11))  # type: ignore[union-attr]
    assert sessions == 27


def test_a_daily_rehab_protocol_ships(shipped: Catalog) -> None:
    daily = [ex for ex in shipped if ex.protocol and ex.protocol.weeks[0].per_day]
    assert daily and daily[0].protocol and daily[0].protocol.weeks[0].per_day == 2
