"""How a dose moves, week by week, so that it never stalls.

Each count climbs through a range (reps 6-12, holds 20-45 s, or the catalog's own
`progress` ranges) by at most the weekly cap. At the top of the range, or when the
session's minutes are full, the exercise gets harder instead: the next rung of its
ladder (entered at the bottom of its range), added load for a runner who owns some,
then a slower lowering. Deload, heavy-legs and taper weeks cut volume and keep the
exercise; progression resumes where it stood.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..model import Dose, Exercise, Level, Mode, ProtocolStep
from ..profile import Rules

LOAD_STEPS = ("light load: a backpack or dumbbells", "moderate load", "heavier load")
LOAD_EQUIPMENT = ("dumbbell", "kettlebell", "backpack")
SLOWEST_LOWERING_S = 6  # seconds: slower than this and a rep turns into a hold
MOST_SETS = 4
FEWEST_REPS = 5  # the least a lighter set is cut to
USUAL_SETS = 3  # sets of reps a set may be added up to
GROWTH = 1.6  # a range tops out by 1.6 times the starting count (seconds, contacts, metres)
REPS_GROWTH = 1.5  # and reps by half as many again
FIRST_LOWERING_S = 3  # the first slow lowering added to a plain reps exercise


@dataclass(frozen=True)
class Ranges:
    """How far each count of one exercise climbs before the exercise gets harder."""

    reps: tuple[int, int] | None
    hold_s: tuple[int, int] | None
    contacts: tuple[int, int] | None
    distance_m: tuple[int, int] | None


def _span(
    own: tuple[int, int] | None,
    default: tuple[int, int],
    start: int | None,
    most: float = GROWTH,
) -> tuple[int, int] | None:
    """The range a count climbs through: the catalog's own, else the rules'. It always
    holds the starting dose, leaves room above it (a third of the range's width when the
    dose starts at the top of the rules' range), and tops out by `most` times the starting
    count (reps half as many again, seconds and contacts 1.6 times): six to eight weekly
    steps, as much as one rung is worth before the exercise should change."""
    if start is None:
        return None
    low, high = own or default
    if own is None and start >= high:
        high = start + max(1, math.ceil((high - low) / 3))
    high = max(start, min(high, math.floor(most * start)))
    return (min(low, start), high)


def ranges_for(exercise: Exercise, start: Load, rules: Rules) -> Ranges:
    """The catalog's ranges for the exercise, else the coaching rules'; a range always
    holds the starting dose, so the climb never begins by going down."""
    own = exercise.progress
    reps = _span(
        own.reps if own else None,
        rules.rep_range,
        max(start.reps) if start.reps else None,
        most=REPS_GROWTH,
    )
    hold = _span(own.hold_s if own else None, rules.hold_range_s, start.hold_s)
    contacts = _span(
        own.contacts if own else None,
        (start.contacts or 1, math.ceil((start.contacts or 1) * 1.5)),
        start.contacts,
    )
    distance = _span(
        own.distance_m if own else None,
        (start.distance_m or 1, math.ceil((start.distance_m or 1) * 1.5)),
        start.distance_m,
    )
    return Ranges(reps, hold, contacts, distance)


def loaded_ranges(ranges: Ranges, rules: Rules) -> Ranges:
    """With added load, sets of reps climb through the loaded range (6-10)."""
    if ranges.reps is None:
        return ranges
    return replace(ranges, reps=rules.loaded_rep_range)


def loadable(exercise: Exercise) -> bool:
    """Whether added load makes the exercise harder: the catalog says, else exercises
    counted in reps or metres take load and holds, lowerings and hops do not."""
    if exercise.loadable is not None:
        return exercise.loadable and exercise.mode is not Mode.plyometric
    return exercise.mode in (Mode.reps, Mode.distance)


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
    notch: int = 0  # added load of ours: 0 none, else 1 + an index of LOAD_STEPS

    @classmethod
    def start(cls, dose: Dose, mode: Mode, tempo: str | None = None) -> Load:
        """A dose as written; `tempo` is the exercise's own, where the dose names none."""
        per_set = dose.reps_per_set()
        return cls(
            sets=dose.sets,
            reps=tuple(low for low, _ in per_set) if per_set else None,
            reps_max=tuple(high for _, high in per_set) if per_set else None,
            hold_s=dose.hold_s,
            eccentric_s=dose.eccentric_s,
            contacts=dose.contacts,
            distance_m=dose.distance_m,
            tempo=dose.tempo or tempo,
            rest_s=dose.rest_s,
            added_load=dose.load,
        )

    @classmethod
    def first(cls, exercise: Exercise, level: Level) -> Load:
        """The exercise's starting dose for a runner's level, with its tempo."""
        return cls.start(exercise.dose_for(level), exercise.mode, exercise.tempo)

    @classmethod
    def entry(cls, exercise: Exercise, level: Level, ranges: Ranges) -> Load:
        """A rung's first dose, at the bottom of its range: a harder exercise starts easy,
        even when that is less volume than the rung below had reached."""
        start = cls.first(exercise, level)
        if start.reps is not None and ranges.reps is not None:
            low = min(ranges.reps[0], min(start.reps))
            return replace(start, reps=(low,) * start.sets, reps_max=None)
        if start.hold_s is not None and ranges.hold_s is not None:
            return replace(start, hold_s=min(ranges.hold_s[0], start.hold_s))
        return start

    @classmethod
    def from_protocol(cls, step: ProtocolStep, base: Load) -> Load:
        """The protocol week's dose exactly as written: its count (reps, a hold, contacts
        or metres), sets, rest and load; the lowering and tempo of the exercise's own dose
        where the week names none."""
        per_set = step.reps_per_set()
        return replace(
            base,
            sets=step.sets,
            reps=tuple(low for low, _ in per_set) if per_set else None,
            reps_max=tuple(high for _, high in per_set) if per_set else None,
            hold_s=step.hold_s,
            contacts=step.contacts,
            distance_m=step.distance_m,
            eccentric_s=step.eccentric_s or base.eccentric_s,
            tempo=step.tempo or base.tempo,
            rest_s=step.rest_s,
            added_load=step.load or base.added_load,
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
        # (A set never drops below a few reps: fewer is no set worth doing.)
        reps = tuple(max(min(n, FEWEST_REPS), math.floor(n * left)) for n in load.reps[:sets])
        tops = (load.reps_max or load.reps)[:sets]
        most = tuple(max(low, math.floor(n * left)) for low, n in zip(reps, tops, strict=True))
        return replace(load, sets=sets, reps=reps, reps_max=most if most != reps else None)

    def scale(value: int | None) -> int | None:
        return max(1, math.floor(value * left)) if value else value

    return replace(
        load,
        sets=sets,
        hold_s=scale(load.hold_s),
        contacts=scale(load.contacts),
        distance_m=scale(load.distance_m),
    )


def _grow(value: int, high: int, cap: float) -> int:
    return min(high, value + max(1, math.floor(value * cap)))


def more_volume(load: Load, ranges: Ranges, cap: float) -> tuple[Load, str] | None:
    """The next step inside the range, at most `cap` more (never less than one rep or
    second); None at the top of the range."""
    if load.reps is not None and ranges.reps is not None:
        high = ranges.reps[1]
        if min(load.reps) >= high:
            return None
        # One more rep on as many sets as the cap allows, the lowest sets first.
        counts = load.reps
        count = max(1, min(load.sets, math.floor(sum(counts) * cap)))
        order = sorted(range(len(counts)), key=lambda i: (counts[i], i))
        lift = {i for i in order[:count] if counts[i] < high}
        reps = tuple(n + 1 if i in lift else n for i, n in enumerate(counts))
        words = (
            "one more rep on each set"
            if len(lift) == load.sets
            else (
                "one more rep on a set" if len(lift) == 1 else f"one more rep on {len(lift)} sets"
            )
        )
        return replace(load, reps=reps, reps_max=None), words
    if load.hold_s is not None and ranges.hold_s is not None:
        if load.hold_s >= ranges.hold_s[1]:
            return None
        return replace(load, hold_s=_grow(load.hold_s, ranges.hold_s[1], cap)), "a longer hold"
    if load.contacts is not None and ranges.contacts is not None:
        if load.contacts >= ranges.contacts[1]:
            return None
        more = _grow(load.contacts, ranges.contacts[1], cap)
        return replace(load, contacts=more), "a few more contacts"
    if load.distance_m is not None and ranges.distance_m is not None:
        if load.distance_m >= ranges.distance_m[1]:
            return None
        more = _grow(load.distance_m, ranges.distance_m[1], cap)
        return replace(load, distance_m=more), "a little further"
    return None


def add_load(load: Load, ranges: Ranges) -> tuple[Load, str] | None:
    """One notch more load, reps back to the bottom of the loaded range; None at the
    heaviest notch."""
    if load.notch >= len(LOAD_STEPS):
        return None
    notch = load.notch + 1
    reps = (ranges.reps[0],) * load.sets if load.reps is not None and ranges.reps else load.reps
    words = "added load" if notch == 1 else "a heavier load"
    return (
        replace(load, notch=notch, added_load=LOAD_STEPS[notch - 1], reps=reps, reps_max=None),
        f"{words} ({LOAD_STEPS[notch - 1].split(':')[0]}), reps back to {reps[0]}"
        if reps
        else words,
    )


def slower_lowering(load: Load, ranges: Ranges) -> tuple[Load, str] | None:
    """One second slower on the way down, reps back to the bottom of the range."""
    if load.reps is None or ranges.reps is None:
        return None
    reps = (ranges.reps[0],) * load.sets
    if load.tempo:
        parts = [int(p) for p in load.tempo.split("-")]
        if parts[0] >= SLOWEST_LOWERING_S:
            return None
        parts[0] += 1
        tempo = "-".join(str(p) for p in parts)
        # The tempo's first number is the lowering: a lowering said apart follows it.
        lowering_s = parts[0] if load.eccentric_s is not None else None
        return (
            replace(load, tempo=tempo, eccentric_s=lowering_s, reps=reps, reps_max=None),
            f"a slower lowering ({parts[0]} s down), reps back to {reps[0]}",
        )
    lowering = (load.eccentric_s or FIRST_LOWERING_S - 1) + 1
    if lowering > SLOWEST_LOWERING_S:
        return None
    return (
        replace(load, eccentric_s=lowering, reps=reps, reps_max=None),
        f"a slower lowering ({lowering} s down), reps back to {reps[0]}",
    )


def add_set(load: Load, ranges: Ranges) -> tuple[Load, str] | None:
    """At the top of the range: one more set, the count back to the bottom (sets of reps
    only up to the usual three; holds, hops and carries up to four)."""
    if load.sets >= (USUAL_SETS if load.reps is not None else MOST_SETS):
        return None
    sets = load.sets + 1
    if load.reps is not None and ranges.reps is not None:
        reps = (ranges.reps[0],) * sets
        return replace(load, sets=sets, reps=reps, reps_max=None), "one more set, fewer reps"
    if load.hold_s is not None and ranges.hold_s is not None:
        return replace(load, sets=sets, hold_s=ranges.hold_s[0]), "one more set, shorter holds"
    if load.contacts is not None and ranges.contacts is not None:
        return replace(load, sets=sets, contacts=ranges.contacts[0]), "one more set of hops"
    if load.distance_m is not None and ranges.distance_m is not None:
        return replace(load, sets=sets, distance_m=ranges.distance_m[0]), "one more set"
    return None


def level_allows(rung_level: Level, runner: Level, climb: int = 1) -> bool:
    """A runner may climb one level above their own, never further."""
    order = (Level.beginner, Level.intermediate, Level.advanced)
    return order.index(rung_level) <= order.index(runner) + climb
