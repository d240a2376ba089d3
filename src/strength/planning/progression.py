"""How the dose moves week by week: phases, deloads, the taper, one lever at a time.

Levers, in order: reps (one set at a time, so a step is small), then a set
(reps back to the start), then hold or lowering seconds, then the next rung of
the ladder, then added load. Deload, heavy-legs and taper weeks cut volume and
keep the exercises; progression resumes from where it was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..model import Dose, Level, Mode, ProtocolStep


@dataclass(frozen=True)
class Load:
    """The dose of one exercise as it progresses."""

    sets: int
    reps: tuple[int, ...] | None
    reps_max: tuple[int, ...] | None
    hold_s: int | None
    eccentric_s: int | None
    contacts: int | None
    distance_m: int | None
    tempo: str | None
    rest_s: int
    added_load: str | None = None
    lever: int = 0  # which lever moves next: 0 reps, 1 sets, 2 seconds, 3 rung, 4 load

    @classmethod
    def start(cls, dose: Dose, mode: Mode) -> Load:
        per_set = dose.reps_per_set()
        return cls(
            sets=dose.sets,
            reps=tuple(low for low, _ in per_set) if per_set else None,
            reps_max=tuple(high for _, high in per_set) if per_set else None,
            hold_s=dose.hold_s,
            eccentric_s=dose.eccentric_s,
            contacts=dose.contacts,
            distance_m=dose.distance_m,
            tempo=dose.tempo,
            rest_s=dose.rest_s,
            added_load=dose.load,
        )

    @classmethod
    def from_protocol(cls, step: ProtocolStep, base: Load) -> Load:
        per_set = step.reps_per_set()
        return replace(
            base,
            sets=step.sets,
            reps=tuple(low for low, _ in per_set) if per_set else base.reps,
            reps_max=tuple(high for _, high in per_set) if per_set else base.reps_max,
            hold_s=step.hold_s or base.hold_s,
            eccentric_s=step.eccentric_s or base.eccentric_s,
            tempo=step.tempo or base.tempo,
            rest_s=step.rest_s,
        )


def cut_volume(load: Load, cut: float) -> Load:
    """The same exercise with `cut` of its volume removed: fewer sets first, then reps."""
    if cut <= 0:
        return load
    keep = 1.0 - cut
    sets = max(1, round(load.sets * keep))
    # What the remaining sets still have to shed; never more reps than before, as a runner
    # would find a deload that lengthens a set odd.
    left = min(1.0, keep * load.sets / sets)
    if load.reps is not None:
        reps = tuple(max(1, math.floor(n * left)) for n in load.reps[:sets])
        reps_max = tuple(max(1, math.floor(n * left)) for n in (load.reps_max or load.reps)[:sets])
        return replace(load, sets=sets, reps=reps, reps_max=reps_max)

    def scale(value: int | None) -> int | None:
        return max(1, math.floor(value * left)) if value else value

    return replace(
        load,
        sets=sets,
        hold_s=scale(load.hold_s),
        contacts=scale(load.contacts),
        distance_m=scale(load.distance_m),
    )


@dataclass(frozen=True)
class Caps:
    """How far each lever may go on a rung before the next one moves."""

    reps: int
    sets: int
    seconds: int


def caps_for(start: Load) -> Caps:
    top = max(start.reps_max or start.reps or (0,))
    held = start.hold_s or start.eccentric_s or 0
    return Caps(
        reps=min(top + 4, 20),
        sets=min(start.sets + 1, 4),
        seconds=(min(round(held * 1.5), 90) if start.hold_s else min(held + 2, 8)),
    )


def step_up(load: Load, start: Load, mode: Mode) -> tuple[Load, str] | None:
    """The next small step on the same rung, with what changed; None at the rung's top."""
    caps = caps_for(start)
    if load.reps is not None:
        if min(load.reps) < caps.reps:
            low = load.reps.index(min(load.reps))
            reps = tuple(n + 1 if i == low else n for i, n in enumerate(load.reps))
            reps_max = tuple(max(a, b) for a, b in zip(reps, load.reps_max or reps, strict=False))
            return replace(load, reps=reps, reps_max=reps_max), "one more rep on a set"
        if load.sets < caps.sets:
            first = start.reps or load.reps
            return (
                replace(
                    load,
                    sets=load.sets + 1,
                    reps=tuple([first[0]] * (load.sets + 1)),
                    reps_max=tuple([(start.reps_max or first)[0]] * (load.sets + 1)),
                ),
                "one more set, reps back to the start",
            )
        if load.eccentric_s is not None and load.eccentric_s < caps.seconds:
            first = start.reps or load.reps
            return (
                replace(
                    load,
                    eccentric_s=load.eccentric_s + 1,
                    reps=tuple([first[0]] * load.sets),
                    reps_max=tuple([(start.reps_max or first)[0]] * load.sets),
                ),
                "one second slower on the way down, reps back to the start",
            )
        return None
    if load.hold_s is not None:
        if load.hold_s < caps.seconds:
            more = max(1, math.floor(load.hold_s * 0.1))
            return replace(load, hold_s=min(load.hold_s + more, caps.seconds)), "a longer hold"
        if load.sets < caps.sets:
            return replace(load, sets=load.sets + 1, hold_s=start.hold_s), "one more set"
        return None
    if load.contacts is not None:
        if load.contacts < (start.contacts or 0) * 1.5:
            more = max(1, math.floor(load.contacts * 0.1))
            return replace(load, contacts=load.contacts + more), "a few more contacts"
        return None
    if load.distance_m is not None and load.distance_m < (start.distance_m or 0) * 1.5:
        more = max(1, math.floor(load.distance_m * 0.1))
        return replace(load, distance_m=load.distance_m + more), "a little further"
    return None


LOAD_STEPS = ("light load: a backpack or dumbbells", "moderate load", "heavier load")


def add_load(load: Load) -> tuple[Load, str] | None:
    """After the ladder's top rung: add load, one notch at a time."""
    current = LOAD_STEPS.index(load.added_load) if load.added_load in LOAD_STEPS else -1
    if current + 1 >= len(LOAD_STEPS):
        return None
    return replace(load, added_load=LOAD_STEPS[current + 1]), "added load"


def level_allows(rung_level: Level, runner: Level, climb: int = 1) -> bool:
    """A runner may climb one level above their own, never further."""
    order = (Level.beginner, Level.intermediate, Level.advanced)
    return order.index(rung_level) <= order.index(runner) + climb
