"""The warm-up that opens every strength session: a few easy movements from the catalog
(exercises a coach marked with a `warm_up` dose), chosen for what the session works.

Our sources are plain about it: the Nordic curl is never done cold, and every eccentric
or loaded exercise is safer after the tissues are warm. The warm-up takes the rules'
`warm_up_minutes`; one movement is about a minute.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model import Exercise, Impact
from ..plan import Prescription
from ..profile import Profile

FEWEST, MOST = 4, 6  # movements in a warm-up


def warm_up_movements(profile: Profile, catalog: Catalog) -> tuple[Exercise, ...]:
    """The catalog's warm-up movements this runner can do (equipment they own)."""
    return tuple(
        exercise
        for exercise in catalog.exercises.values()
        if exercise.warm_up is not None
        and exercise.impact is Impact.none
        and set(exercise.equipment) <= set(profile.equipment)
    )


def movements_for(profile: Profile) -> int:
    """How many movements the warm-up holds: about one a minute, four to six."""
    return min(MOST, max(FEWEST, profile.rules.warm_up_minutes))


def warm_up_for(
    profile: Profile, movements: tuple[Exercise, ...], items: list[Prescription]
) -> tuple[Prescription, ...]:
    """The warm-up for a session of `items`: movements for the areas it works first (the
    exercise's own area counts twice), each a different movement pattern, none of the
    session's own exercises."""
    if not profile.rules.warm_up_minutes or not movements or not items:
        return ()
    weight: dict[str, int] = {}
    for item in items:
        for i, area in enumerate(item.areas):
            weight[area] = weight.get(area, 0) + (2 if i == 0 else 1)
    in_session = {item.id for item in items}
    ranked = sorted(
        (m for m in movements if m.id not in in_session),
        key=lambda m: (-sum(weight.get(a, 0) for a in m.areas), m.id),
    )
    chosen: list[Exercise] = []
    patterns: set[str] = set()
    for movement in ranked:
        if movement.pattern in patterns:
            continue
        chosen.append(movement)
        patterns.add(movement.pattern)
        if len(chosen) == movements_for(profile):
            break
    return tuple(_easy_set(movement) for movement in chosen)


def _easy_set(exercise: Exercise) -> Prescription:
    dose = exercise.warm_up
    assert dose is not None
    per_set = dose.reps_per_set()
    return Prescription(
        id=exercise.id,
        name=exercise.name,
        areas=exercise.areas,
        sets=dose.sets,
        reps=tuple(low for low, _ in per_set) if per_set else None,
        hold_s=dose.hold_s,
        eccentric_s=dose.eccentric_s,
        tempo=dose.tempo,
        contacts=dose.contacts,
        distance_m=dose.distance_m,
        load=exercise.equipment[0] if exercise.equipment else "bodyweight",
        per_side=exercise.per_side,
        rest_s=dose.rest_s,
        impact=exercise.impact.value,
        why="Warm-up: an easy set to get the tissues ready for what follows.",
    )


__all__ = ["warm_up_for", "warm_up_movements"]
