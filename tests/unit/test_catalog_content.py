"""The shipped catalog is the product's knowledge: complete enough for any runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from strength.catalog import Catalog, load_catalog
from strength.model import Dose, DoseRange, Exercise, Impact, Level, Mode

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


def _warm_ups(shipped: Catalog) -> list[Exercise]:
    return [ex for ex in shipped if ex.warm_up is not None]


def test_at_least_twelve_warm_up_movements_ship_all_gentle_beginner_work(
    shipped: Catalog,
) -> None:
    warm_ups = _warm_ups(shipped)
    assert len(warm_ups) >= 12, [ex.id for ex in warm_ups]
    for ex in warm_ups:
        assert ex.impact is Impact.none, ex.id
        assert ex.level is Level.beginner, ex.id
        assert set(ex.equipment) <= {"band"}, (ex.id, ex.equipment)  # bodyweight or a band


@pytest.mark.parametrize("area", ["glute_max", "glute_med", "hamstrings", "core", "calves"])
def test_every_usual_weak_link_has_a_warm_up_movement(shipped: Catalog, area: str) -> None:
    assert any(area in ex.areas for ex in _warm_ups(shipped))


def test_a_warm_up_is_one_easy_set_lighter_than_the_first_dose(shipped: Catalog) -> None:
    for ex in _warm_ups(shipped):
        assert ex.warm_up is not None
        first = ex.dose_for(Level.beginner)
        assert ex.warm_up.sets == 1, ex.id
        assert ex.warm_up.rest_s <= 30, ex.id
        for count in ("reps", "hold_s", "distance_m"):
            warm, start = _most(ex.warm_up, count), _most(first, count)
            assert warm is None or (start is not None and warm <= start), (ex.id, count)


def _most(dose: Dose, count: str) -> int | None:
    """The largest number of `count` the dose gives in a set (reps: the top of a range)."""
    if count == "reps":
        spans = dose.reps_per_set()
        return max(high for _, high in spans) if spans else None
    value = getattr(dose, count)
    return value if isinstance(value, int) else None


def test_every_progress_span_leaves_room_above_the_starting_doses(shipped: Catalog) -> None:
    spans = [(ex, count) for ex in shipped if ex.progress for count in DoseRange.model_fields]
    checked = 0
    for ex, count in spans:
        span = getattr(ex.progress, count)
        if span is None:
            continue
        low, high = span
        assert low < high, (ex.id, count, span)
        for level, dose in ex.dose.items():
            start = _most(dose, count)
            assert start is not None, (ex.id, level, count)  # the span is for what it counts
            assert start <= high, (ex.id, level.value, count, start, span)
        checked += 1
    assert checked >= 10  # the catalog does give ranges where 6-12 reps would not fit


def test_hops_are_never_marked_loadable(shipped: Catalog) -> None:
    hops = [ex for ex in shipped if ex.mode is Mode.plyometric]
    assert hops and not any(ex.loadable for ex in hops)
    assert any(ex.loadable is False for ex in shipped)  # drills and band work say so
