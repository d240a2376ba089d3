"""Which exercises a runner works on, and in which of the week's sessions.

One ladder per weakness, entered at the rung for the runner's level and
equipment; higher-ranked weaknesses go in more sessions; spare minutes go to a
second ladder for the top weaknesses. Every choice the week cannot hold becomes
a warning, never a silent gap.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from ..browse import ordinal
from ..catalog import Catalog
from ..model import Exercise, Impact, Level, Mode, ProtocolStep
from ..plan import Prescription, SessionKind, exercise_seconds
from ..profile import Profile, Rules
from .progression import Load, Ranges, ranges_for
from .schedule import Slot
from .warmup import WarmUps

PLYOMETRICS = "plyometrics"
SHORTEST_SESSION = 10  # minutes
GROWTH_MARGIN = 1.3  # room left for the dose to grow when filling sessions
MOST_EXTRA_LADDERS = 3  # rounds of second (third...) ladders for the top weak links
LEAST_SETS = 2  # a weak link's smallest dose: its sets cut to two, the reps kept
MOST_PER_AREA = 2  # exercises for one weak link in one session
LEVEL_ORDER = (Level.beginner, Level.intermediate, Level.advanced)


def short_minutes(rules: Rules, minutes: int) -> int:
    """The minutes a short session is planned for (beside the long run)."""
    return max(SHORTEST_SESSION, round(minutes * rules.short_session_share))


@dataclass
class Build:
    """What every step of building a plan reads, and the warnings it gathers."""

    profile: Profile
    catalog: Catalog
    slots: tuple[Slot, ...]
    warnings: list[str]
    capacity: list[int] = field(init=False)  # planned minutes of each slot
    left: list[float] = field(default_factory=list)  # minutes not yet given out, by slot
    warm_ups: WarmUps | None = None  # each session's warm-up, from the catalog's movements
    retired: set[str] = field(default_factory=set)  # ladders dropped for want of minutes
    off: set[int] = field(default_factory=set)  # sessions a dated week has no day for
    last_session: dt.date | None = None  # the latest strength session so far
    measured: bool = False  # an ordinary loading week has been planned (a lighter week's measure)

    def __post_init__(self) -> None:
        self.use(self.slots)

    def use(self, slots: tuple[Slot, ...]) -> None:
        """Plan on these days: the running week's, or one dated week's."""
        minutes, rules = self.profile.minutes_per_session, self.profile.rules
        self.slots = slots
        self.capacity = [
            short_minutes(rules, minutes) if slot.kind == SessionKind.short else minutes
            for slot in slots
        ]

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def area_name(self, area: str) -> str:
        return self.catalog.area_name(area)


@dataclass
class Track:
    """One ladder worked for one weakness, and where the runner stands on it."""

    area: str
    rank: int  # 0 = the runner's first weakness
    rungs: tuple[Exercise, ...]
    index: int
    load: Load
    start: Load
    sessions: tuple[int, ...] = ()
    extra: bool = False  # a second ladder, there because the minutes allow it
    protocol_week: int = 1
    measured_protocol_week: int | None = None  # the protocol week of the last ordinary week
    first_use: dict[str, int] = field(default_factory=dict)
    # The sessions it went in during the last loading week: a lighter week (a deload, the
    # taper) keeps to them, so it never adds the exercise to a session that lacked it.
    loading_slots: tuple[int, ...] | None = None
    change: str = "starting dose"
    prep: Exercise | None = None  # stands in while plyometrics are not yet due
    other_loads: dict[str, Load] = field(default_factory=dict)  # prep and stand-ins
    ranges: Ranges | None = None  # how far the rung's counts climb; None for a protocol
    held: int = 0  # loading weeks in a row the dose has not moved
    climbed_in: int = 0  # the week it last climbed a rung
    last_shown: str | None = None  # the exercise it showed in the last loading week
    first_slots: dict[str, tuple[int, ...]] = field(default_factory=dict)  # by exercise

    @property
    def exercise(self) -> Exercise:
        return self.rungs[self.index]

    def load_for(self, exercise: Exercise, level: Level) -> Load:
        """The dose of the track's own rung, or of an exercise standing in for it."""
        if exercise.id == self.exercise.id:
            return self.load
        if exercise.id not in self.other_loads:
            self.other_loads[exercise.id] = Load.first(exercise, level)
        return self.other_loads[exercise.id]

    def set_load(self, exercise: Exercise, load: Load) -> None:
        if exercise.id == self.exercise.id:
            self.load = load
        else:
            self.other_loads[exercise.id] = load


def _lowering_in_tempo(tempo: str | None, lowering_s: int | None) -> str | None:
    """The tempo with its first number (the lowering) as the dose says: a catalog tempo
    of 3-0-1-0 on a dose of 4 s lowering reads 4-0-1-0, so the card never says both."""
    if tempo is None or lowering_s is None:
        return tempo
    return "-".join([str(lowering_s), *tempo.split("-")[1:]])


def prescribe(
    profile: Profile,
    track: Track,
    exercise: Exercise,
    load: Load,
    why: str = "",
    step: ProtocolStep | None = None,
    paused: bool = False,
    owner: Exercise | None = None,
) -> Prescription:
    """The exercise as the runner reads it: the dose, the weaker side, the protocol week
    (`paused`: a lighter week, in which a protocol holds its place)."""
    weaker = profile.imbalance.get(track.area) if exercise.per_side else None
    if exercise.per_side and weaker is None:
        weaker = next(
            (profile.imbalance[a] for a in exercise.areas if a in profile.imbalance), None
        )
    protocol, protocol_week = None, None
    source = (owner or exercise).protocol  # a week naming another rung: its owner's
    if source and step is not None:
        name, length, week = source.name, source.length, track.protocol_week
        if paused and week <= length:
            protocol = f"{name}, paused for this lighter week: week {week} of {length} comes next"
        elif paused:
            protocol = f"{name}, maintenance, lighter this week"
        elif week <= length:
            protocol, protocol_week = f"{name}, week {week} of {length}", week
        else:
            protocol = f"{name}, maintenance"
    return Prescription(
        id=exercise.id,
        name=exercise.name,
        areas=(track.area, *[a for a in exercise.areas if a != track.area]),
        sets=load.sets,
        reps=load.reps,
        reps_max=load.reps_max if load.reps_max != load.reps else None,
        hold_s=load.hold_s,
        eccentric_s=load.eccentric_s,
        tempo=_lowering_in_tempo(load.tempo or exercise.tempo, load.eccentric_s),
        contacts=load.contacts,
        distance_m=load.distance_m,
        load=load.added_load or (exercise.equipment[0] if exercise.equipment else "bodyweight"),
        per_side=exercise.per_side,
        extra_set_side=weaker,
        rest_s=load.rest_s,
        impact=exercise.impact.value,
        protocol=protocol,
        protocol_week=protocol_week,
        why=why,
    )


def choose_tracks(build: Build) -> list[Track]:
    """A ladder for each weakness, in the runner's order."""
    profile = build.profile
    tracks: list[Track] = []
    taken: set[str] = set()
    for rank, area in enumerate(profile.weaknesses):
        track = track_for(build, area, rank, taken)
        if track is None:
            build.warn(
                f"No exercise for {build.area_name(area)} fits your level and equipment "
                f"({', '.join(profile.equipment) or 'bodyweight only'}); add equipment or "
                "ask a coach to add one to the catalog."
            )
            continue
        taken.update(x.id for r in track.rungs for x in build.catalog.ladder(r.id))
        if track.prep is not None:
            taken.update(r.id for r in build.catalog.ladder(track.prep.id))
        tracks.append(track)
        if area == PLYOMETRICS and not plyometrics_allowed(profile):
            build.warn(
                "Plyometrics are for intermediate and advanced runners: your plan builds "
                "the calves and feet that hopping needs instead."
            )
    return tracks


def plyometrics_allowed(profile: Profile) -> bool:
    return LEVEL_ORDER.index(profile.level) >= LEVEL_ORDER.index(profile.rules.plyometrics_from)


def usable(profile: Profile, exercise: Exercise) -> bool:
    """The runner has the equipment, and it is not a daily rehab dose."""
    return set(exercise.equipment) <= set(profile.equipment) and not _daily_only(exercise)


def _daily_only(exercise: Exercise) -> bool:
    return bool(exercise.protocol and all(w.per_day for w in exercise.protocol.weeks))


def _entry(profile: Profile, rungs: tuple[Exercise, ...]) -> int | None:
    """The rung a runner of this level starts on: a published protocol at their level
    first, else the first rung at their level, else the highest rung below it."""
    rank = LEVEL_ORDER.index(profile.level)
    levels = [LEVEL_ORDER.index(r.level) for r in rungs]
    for i, rung in enumerate(rungs):
        if rung.protocol and levels[i] == rank:
            return i
    for i, level in enumerate(levels):
        if level == rank:
            return i
    below = [i for i, level in enumerate(levels) if level < rank]
    return below[-1] if below else None


def entry_rung(profile: Profile, rungs: tuple[Exercise, ...]) -> int | None:
    """The entry rung, never a ladder's top (there is always a next step to earn),
    unless the ladder has a single rung or a published protocol starts there."""
    entry = _entry(profile, rungs)
    if entry is not None and entry == len(rungs) - 1 and entry > 0 and not rungs[entry].protocol:
        return entry - 1
    return entry


def _ladders_for(
    build: Build, area: str, taken: set[str], plyometric: bool, primary_only: bool = False
) -> list[tuple[Exercise, ...]]:
    seen: set[str] = set()
    ladders = []
    for exercise in build.catalog.for_area(area):
        if exercise.id in seen:
            continue
        ladder = build.catalog.ladder(exercise.id)
        seen.update(r.id for r in ladder)
        rungs = tuple(
            r
            for r in ladder
            if usable(build.profile, r)
            and r.id not in taken
            and (r.mode is Mode.plyometric) == plyometric
        )
        if rungs:
            ladders.append(rungs)

    def preference(rungs: tuple[Exercise, ...]) -> tuple[int, int, int]:
        primary = sum(r.areas[0] == area for r in rungs)
        protocol = any(r.protocol for r in rungs)
        return (-int(protocol), -primary, -len(rungs))

    # An exercise serves the area it is first tagged with: a Nordic is hamstring work even
    # though it also tags the glutes. Another area's ladder serves only when none is left.
    own = [rungs for rungs in ladders if any(r.areas[0] == area for r in rungs)]
    ladders = [
        tuple(r for r in rungs if r.areas[0] == area) or rungs if rungs in own else rungs
        for rungs in (own if primary_only else own or ladders)
    ]
    return sorted(ladders, key=preference)


def _fitted(build: Build, exercise: Exercise, entry: bool) -> Exercise:
    """The exercise, without its protocol when the protocol's sessions outgrow the minutes."""
    protocol = exercise.protocol
    if protocol is None:
        return exercise
    profile = build.profile
    start = Load.first(exercise, profile.level)
    steps = [*protocol.weeks, *([protocol.maintenance] if protocol.maintenance else [])]
    probe = Track(exercise.areas[0], 0, (exercise,), 0, start, start)
    longest = max(
        exercise_seconds(prescribe(profile, probe, exercise, Load.from_protocol(step, start)))
        for step in steps
    )
    minutes = profile.rules.warm_up_minutes + math.ceil(longest / 60)
    if minutes <= profile.minutes_per_session:
        return exercise
    if entry:
        build.warn(
            f"{protocol.name} needs sessions of up to {minutes} minutes; with "
            f"{profile.minutes_per_session} the plan progresses {exercise.name} step by step "
            "instead."
        )
    return exercise.model_copy(update={"protocol": None})


def track_for(
    build: Build,
    area: str,
    rank: int,
    taken: set[str],
    beside: tuple[Exercise, ...] = (),
    extra: bool = False,
) -> Track | None:
    """The ladder a weak link works, entered at the runner's rung. An extra ladder (a
    second movement for the same weak link) is always one tagged first with it."""
    profile = build.profile
    plyometric = area == PLYOMETRICS and plyometrics_allowed(profile)
    prep = None
    if area == PLYOMETRICS:
        # Hops come late; until then (and for newer runners always) the calves prepare.
        for source in (PLYOMETRICS, "calves"):
            for rungs in _ladders_for(build, source, taken, plyometric=False):
                entry = entry_rung(profile, rungs)
                if entry is not None:
                    # A prep is plain work: a protocol's table belongs to its own weakness.
                    prep = rungs[entry].model_copy(update={"protocol": None})
                    break
            if prep:
                break
        if not plyometric:
            if prep is None:
                return None
            start = Load.first(prep, profile.level)
            ranges = ranges_for(prep, start, profile.rules)
            return Track(area, rank, (prep,), 0, start, start, ranges=ranges)
    for rungs in _ladders_for(build, area, taken, plyometric, primary_only=extra):
        if not fits_beside(rungs, beside):
            continue
        entry = entry_rung(profile, rungs)
        if entry is None:
            continue
        rungs = tuple(_fitted(build, r, i == entry) for i, r in enumerate(rungs))
        exercise = rungs[entry]
        start = Load.first(exercise, profile.level)
        ranges = ranges_for(exercise, start, profile.rules)
        return Track(area, rank, rungs, entry, start, start, prep=prep, ranges=ranges)
    return None


def fits_beside(rungs: tuple[Exercise, ...], beside: tuple[Exercise, ...]) -> bool:
    """A second ladder for a weak link is a different movement: not the same pattern or
    swap group as the exercises it would share sessions with."""
    patterns = {e.pattern for e in beside}
    swaps = {s for e in beside for s in (e.id, *e.swaps)}
    return not any(r.pattern in patterns or r.id in swaps or set(r.swaps) & swaps for r in rungs)


def stand_in(build: Build, track: Track, tracks: list[Track]) -> Exercise | None:
    """A gentler exercise for the same weakness, while a new eccentric one keeps away
    from the long run: the prep, a rung below, or another easy one for the area."""
    if track.prep is not None and track.prep.impact is Impact.none:
        return track.prep
    gentler = [r for r in track.rungs[: track.index] if r.impact is Impact.none]
    if gentler:
        return gentler[-1]
    used = {r.id for t in tracks for r in t.rungs} | {t.prep.id for t in tracks if t.prep}
    rank = LEVEL_ORDER.index(build.profile.level)
    for exercise in build.catalog.for_area(track.area):
        if (
            exercise.impact is Impact.none
            and exercise.id not in used
            and usable(build.profile, exercise)
            and exercise.protocol is None
            and LEVEL_ORDER.index(exercise.level) <= rank
        ):
            return exercise
    return None


def _frequency(rank: int, areas: int, sessions: int) -> int:
    """Sessions a week an area gets: every session for the top weaknesses, fewer lower down."""
    return max(1, math.ceil(sessions * (areas - rank) / areas))


def minutes_of(build: Build, track: Track, load: Load | None = None) -> float:
    """Minutes the track's exercise takes in a session at this dose."""
    item = prescribe(build.profile, track, track.exercise, load or track.load)
    return exercise_seconds(item) / 60


def smallest_dose(load: Load) -> Load:
    """The least a weak link gets before it is dropped: two sets (or one) of its dose."""
    if load.sets <= LEAST_SETS:
        return load
    reps = load.reps[:LEAST_SETS] if load.reps is not None else None
    return replace(load, sets=LEAST_SETS, reps=reps, reps_max=None)


def _order(build: Build, track: Track, left: list[float]) -> list[int]:
    slots = build.slots
    fresh = track.exercise.impact is not Impact.none
    return sorted(range(len(slots)), key=lambda s: (fresh and slots[s].near_key_run, -left[s], s))


def assign_sessions(build: Build, tracks: list[Track]) -> None:
    """Every weak link first gets one session at least at its smallest dose, in rank
    order; then the higher-ranked get more sessions, with room left for the dose to grow.
    A weak link is dropped only when no session holds its smallest dose, and the
    warning says what would make room."""
    slots = build.slots
    warm_up = build.profile.rules.warm_up_minutes
    left = [float(cap - warm_up) for cap in build.capacity]
    kept: list[Track] = []
    for track in tracks:
        order = _order(build, track, left)
        need = minutes_of(build, track)
        least = minutes_of(build, track, smallest_dose(track.load))
        if left[order[0]] < least:
            short = math.ceil(least - left[order[0]])
            build.warn(
                f"{build.profile.minutes_per_session} minutes a session leave no room for "
                f"{build.area_name(track.area)} (your {ordinal(track.rank + 1)} weak link): "
                f"it needs about {math.ceil(least)} minutes at its smallest dose. Add "
                f"{short} minute{'s' if short != 1 else ''} a session or a session a week, or "
                "drop a weak link."
            )
            continue
        if left[order[0]] < need:
            track.load = track.start = smallest_dose(track.load)
            need = least
        track.sessions = (order[0],)
        # (Room to grow is set aside only once every weak link has its place.)
        left[order[0]] -= need
        kept.append(track)
    for track in kept:
        grow = minutes_of(build, track) * (GROWTH_MARGIN - 1)
        for s in track.sessions:
            left[s] -= min(left[s], grow)
    for track in kept:
        wanted = _frequency(track.rank, len(kept), len(slots))
        need = minutes_of(build, track) * GROWTH_MARGIN
        for s in _order(build, track, left):
            if len(track.sessions) >= wanted:
                break
            if s not in track.sessions and left[s] >= need:
                track.sessions = tuple(sorted((*track.sessions, s)))
                left[s] -= need
    tracks[:] = kept
    build.left = left


def fill_spare_time(build: Build, tracks: list[Track]) -> None:
    """Spare minutes go first to sessions holding a single exercise, then to a second (and
    third) ladder for the top weak links: a different movement, never the same pattern or
    swap group as what it joins."""
    left = build.left
    taken = {rung.id for track in tracks for rung in track.rungs}
    taken |= {r.id for t in tracks if t.prep for r in build.catalog.ladder(t.prep.id)}

    def in_session(s: int) -> list[Track]:
        return [t for t in tracks if s in t.sessions]

    firsts = [track for track in tracks if track.area != PLYOMETRICS]
    for _ in range(MOST_EXTRA_LADDERS):
        added = False
        for first in firsts:

            def has_area(s: int, area: str = first.area) -> bool:
                return any(t.area == area for t in in_session(s))

            every = range(len(build.slots))
            for s in sorted(every, key=lambda s: (has_area(s), len(in_session(s)), -left[s], s)):
                if sum(t.area == first.area for t in in_session(s)) >= MOST_PER_AREA:
                    continue
                beside = tuple(t.exercise for t in in_session(s))
                extra = track_for(build, first.area, first.rank, taken, beside, extra=True)
                if extra is None:
                    continue
                need = minutes_of(build, extra)
                single = len(in_session(s)) == 1
                if left[s] < (need if single else need * GROWTH_MARGIN):
                    continue
                room = [
                    other
                    for other in every
                    if other != s
                    and not has_area(other)
                    and left[other] >= need * GROWTH_MARGIN
                    and fits_beside(extra.rungs, tuple(t.exercise for t in in_session(other)))
                ]
                extra.sessions, extra.extra = tuple(sorted((s, *room))), True
                for other in extra.sessions:
                    left[other] -= min(left[other], need * GROWTH_MARGIN)
                taken.update(rung.id for rung in extra.rungs)
                tracks.append(extra)
                added = True
                break
        if not added:
            break
    tracks.sort(key=lambda track: (track.rank, track.extra))


def give_company(build: Build, tracks: list[Track], s: int, alone: Exercise) -> bool:
    """A session that would hold one exercise gets a second: a weak link not in it yet,
    else a second movement for a top weak link. False when the minutes hold neither."""
    left = build.left
    taken = {rung.id for track in tracks for rung in track.rungs}
    taken |= {r.id for t in tracks if t.prep for r in build.catalog.ladder(t.prep.id)}
    joining = next(
        (
            t
            for t in sorted(tracks, key=lambda t: t.rank)
            if s not in t.sessions
            and t.exercise.id != alone.id
            and left[s] >= minutes_of(build, t)
            and _fresh_ok(build, t, s)
            and fits_beside(t.rungs, (alone,))
            and not t.exercise.protocol
        ),
        None,
    )
    if joining is None:
        for first in (t for t in tracks if t.area != PLYOMETRICS and not t.extra):
            extra = track_for(build, first.area, first.rank, taken, (alone,), extra=True)
            if extra is not None and left[s] >= minutes_of(build, extra):
                extra.extra = True
                tracks.append(extra)
                joining = extra
                break
    if joining is None:
        return False
    joining.sessions = tuple(sorted((*joining.sessions, s)))
    left[s] -= minutes_of(build, joining)
    tracks.sort(key=lambda track: (track.rank, track.extra))
    return True


def _fewest_sessions(track: Track) -> int:
    """The fewest sessions a week the track's exercise is done in: a protocol's first
    weeks may ask for fewer than the track was given."""
    protocol = track.exercise.protocol
    if protocol is None:
        return len(track.sessions)
    return min((w.sessions for w in protocol.weeks if w.sessions), default=len(track.sessions))


def _fresh_ok(build: Build, track: Track, s: int) -> bool:
    """A new eccentric or plyometric exercise keeps off the sessions beside the long run."""
    return track.exercise.impact is Impact.none or not build.slots[s].near_key_run
