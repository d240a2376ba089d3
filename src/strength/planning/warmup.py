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


class WarmUps:
    """Each session's warm-up for one runner: the same session shape always gets the
    same warm-up, so each shape is chosen once (a plan has a handful of shapes)."""

    def __init__(self, profile: Profile, movements: tuple[Exercise, ...]) -> None:
        self.count = movements_for(profile) if profile.rules.warm_up_minutes else 0
        self.movements = movements
        self.easy_sets = {movement.id: _easy_set(movement) for movement in movements}
        self.chosen: dict[tuple[object, ...], tuple[Prescription, ...]] = {}

    def for_session(self, items: list[Prescription]) -> tuple[Prescription, ...]:
        """The warm-up for a session of `items`: movements for the areas it works first
        (the exercise's own area counts twice), each a different movement pattern, none
        of the session's own exercises."""
        if not self.count or not self.movements or not items:
            return ()
        weight: dict[str, int] = {}
        for item in items:
            for i, area in enumerate(item.areas):
                weight[area] = weight.get(area, 0) + (2 if i == 0 else 1)
        in_session = frozenset(item.id for item in items)
        key = (tuple(sorted(weight.items())), in_session)
        if key not in self.chosen:
            self.chosen[key] = self._choose(weight, in_session)
        return self.chosen[key]

    def _choose(
        self, weight: dict[str, int], in_session: frozenset[str]
    ) -> tuple[Prescription, ...]:
        ranked = sorted(
            (m for m in self.movements if m.id not in in_session),
            key=lambda m: (-sum(weight.get(a, 0) for a in m.areas), m.id),
        )
        chosen: list[Exercise] = []
        patterns: set[str] = set()
        for movement in ranked:
            if movement.pattern in patterns:
                continue
            chosen.append(movement)
            patterns.add(movement.pattern)
            if len(chosen) == self.count:
                break
        return tuple(self.easy_sets[movement.id] for movement in chosen)


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


__all__ = ["WarmUps", "warm_up_movements"]
