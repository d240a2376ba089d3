"""Which exercises a runner works on, and in which of the week's sessions.

One ladder per weakness, entered at the rung for the runner's level and
equipment; higher-ranked weaknesses go in more sessions; spare minutes go to a
second ladder for the top weaknesses. Every choice the week cannot hold becomes
a warning, never a silent gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..catalog import Catalog
from ..model import Exercise, Impact, Level, Mode, ProtocolStep
from ..plan import Prescription, exercise_seconds
from ..profile import Profile
from .progression import Load
from .schedule import Slot

PLYOMETRICS = "plyometrics"
SHORT_SHARE = 0.65  # a short session's share of the minutes a runner can spare
GROWTH_MARGIN = 1.3  # room left for the dose to grow when filling sessions
LEVEL_ORDER = (Level.beginner, Level.intermediate, Level.advanced)


@dataclass
class Build:
    """What every step of building a plan reads, and the warnings it gathers."""

    profile: Profile
    catalog: Catalog
    slots: tuple[Slot, ...]
    warnings: list[str]
    capacity: list[int] = field(init=False)  # planned minutes of each slot

    def __post_init__(self) -> None:
        minutes = self.profile.minutes_per_session
        self.capacity = [
            max(10, round(minutes * SHORT_SHARE)) if slot.kind == "short" else minutes
            for slot in self.slots
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
    first_use: dict[str, int] = field(default_factory=dict)
    # The sessions it went in during the last loading week: a lighter week (a deload, the
    # taper) keeps to them, so it never adds the exercise to a session that lacked it.
    loading_slots: tuple[int, ...] | None = None
    change: str = "starting dose"
    prep: Exercise | None = None  # stands in while plyometrics are not yet due
    other_loads: dict[str, Load] = field(default_factory=dict)  # prep and stand-ins

    @property
    def exercise(self) -> Exercise:
        return self.rungs[self.index]

    def load_for(self, exercise: Exercise, level: Level) -> Load:
        """The dose of the track's own rung, or of an exercise standing in for it."""
        if exercise.id == self.exercise.id:
            return self.load
        if exercise.id not in self.other_loads:
            self.other_loads[exercise.id] = Load.start(exercise.dose_for(level), exercise.mode)
        return self.other_loads[exercise.id]

    def set_load(self, exercise: Exercise, load: Load) -> None:
        if exercise.id == self.exercise.id:
            self.load = load
        else:
            self.other_loads[exercise.id] = load


def prescribe(
    profile: Profile,
    track: Track,
    exercise: Exercise,
    load: Load,
    why: str = "",
    step: ProtocolStep | None = None,
) -> Prescription:
    """The exercise as the runner reads it: the dose, the weaker side, the protocol week."""
    weaker = profile.imbalance.get(track.area) if exercise.per_side else None
    if exercise.per_side and weaker is None:
        weaker = next(
            (profile.imbalance[a] for a in exercise.areas if a in profile.imbalance), None
        )
    protocol = None
    if exercise.protocol and step is not None:
        length, week = exercise.protocol.length, track.protocol_week
        protocol = (
            f"{exercise.protocol.name}, week {week} of {length}"
            if week <= length
            else f"{exercise.protocol.name}, maintenance"
        )
    return Prescription(
        id=exercise.id,
        name=exercise.name,
        areas=(track.area, *[a for a in exercise.areas if a != track.area]),
        sets=load.sets,
        reps=load.reps,
        reps_max=load.reps_max if load.reps_max != load.reps else None,
        hold_s=load.hold_s,
        eccentric_s=load.eccentric_s,
        tempo=load.tempo or exercise.tempo,
        contacts=load.contacts,
        distance_m=load.distance_m,
        load=load.added_load or (exercise.equipment[0] if exercise.equipment else "bodyweight"),
        per_side=exercise.per_side,
        extra_set_side=weaker,
        rest_s=load.rest_s,
        impact=exercise.impact.value,
        protocol=protocol,
        why=why,
    )


def choose_tracks(build: Build) -> list[Track]:
    """A ladder for each weakness, in the runner's order."""
    profile = build.profile
    tracks: list[Track] = []
    taken: set[str] = set()
    for rank, area in enumerate(profile.weaknesses):
        track = _track_for(build, area, rank, taken)
        if track is None:
            build.warn(
                f"No exercise for {build.area_name(area)} fits your level and equipment "
                f"({', '.join(profile.equipment) or 'bodyweight only'}); add equipment or "
                "ask a coach to add one to the catalog."
            )
            continue
        taken.update(r.id for r in track.rungs)
        if track.prep is not None:
            taken.add(track.prep.id)
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


def _ladders_for(
    build: Build, area: str, taken: set[str], plyometric: bool
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

    return sorted(ladders, key=preference)


def _fitted(build: Build, exercise: Exercise, entry: bool) -> Exercise:
    """The exercise, without its protocol when the protocol's sessions outgrow the minutes."""
    protocol = exercise.protocol
    if protocol is None:
        return exercise
    profile = build.profile
    start = Load.start(exercise.dose_for(profile.level), exercise.mode)
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


def _track_for(build: Build, area: str, rank: int, taken: set[str]) -> Track | None:
    profile = build.profile
    plyometric = area == PLYOMETRICS and plyometrics_allowed(profile)
    prep = None
    if area == PLYOMETRICS:
        # Hops come late; until then (and for newer runners always) the calves prepare.
        for source in (PLYOMETRICS, "calves"):
            for rungs in _ladders_for(build, source, taken, plyometric=False):
                entry = _entry(profile, rungs)
                if entry is not None:
                    # A prep is plain work: a protocol's table belongs to its own weakness.
                    prep = rungs[entry].model_copy(update={"protocol": None})
                    break
            if prep:
                break
        if not plyometric:
            if prep is None:
                return None
            start = Load.start(prep.dose_for(profile.level), prep.mode)
            return Track(area, rank, (prep,), 0, start, start)
    for rungs in _ladders_for(build, area, taken, plyometric):
        entry = _entry(profile, rungs)
        if entry is None:
            continue
        rungs = tuple(_fitted(build, r, i == entry) for i, r in enumerate(rungs))
        exercise = rungs[entry]
        start = Load.start(exercise.dose_for(profile.level), exercise.mode)
        return Track(area, rank, rungs, entry, start, start, prep=prep)
    return None


def stand_in(build: Build, track: Track, tracks: list[Track]) -> Exercise | None:
    """A gentler exercise for the same weakness, while a new eccentric one keeps away
    from the long run: the prep, a rung below, or another easy one for the area."""
    if track.prep is not None:
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


def _need_minutes(build: Build, track: Track) -> float:
    item = prescribe(build.profile, track, track.exercise, track.load)
    return exercise_seconds(item) * GROWTH_MARGIN / 60


def assign_sessions(build: Build, tracks: list[Track]) -> None:
    """Put each weakness in as many sessions as its rank earns and the minutes hold."""
    slots = build.slots
    left = [float(cap - build.profile.rules.warm_up_minutes) for cap in build.capacity]
    kept: list[Track] = []
    for track in tracks:
        item = prescribe(build.profile, track, track.exercise, track.load)
        need = _need_minutes(build, track)
        wanted = _frequency(track.rank, len(tracks), len(slots))
        fresh = track.exercise.impact is not Impact.none
        order = sorted(
            range(len(slots)),
            key=lambda s: (fresh and slots[s].near_key_run, -left[s], s),
        )
        chosen = [s for s in order if left[s] >= need][:wanted]
        if not chosen and left[order[0]] >= exercise_seconds(item) / 60:
            chosen = [order[0]]
        if not chosen:
            build.warn(
                f"{build.profile.minutes_per_session} minutes a session leave no room for "
                f"{build.area_name(track.area)} (weakness {track.rank + 1}); "
                "add minutes or a session, or drop a weakness."
            )
            continue
        for s in chosen:
            left[s] -= need
        track.sessions = tuple(sorted(chosen))
        kept.append(track)
        protocol = track.exercise.protocol
        most = max((w.sessions or 0 for w in protocol.weeks), default=0) if protocol else 0
        if protocol and most > len(slots):
            times = {1: "once", 2: "twice"}.get(len(slots), f"{len(slots)} times")
            build.warn(
                f"{protocol.name} asks for up to {most} sessions a week; your "
                f"week holds {len(slots)}, so it is done {times} a week."
            )
    tracks[:] = kept


def fill_spare_time(build: Build, tracks: list[Track]) -> None:
    """Spare minutes go to a second (then third) ladder for the top weaknesses first."""
    left = [float(cap - build.profile.rules.warm_up_minutes) for cap in build.capacity]
    for track in tracks:
        for s in track.sessions:
            left[s] -= _need_minutes(build, track)
    taken = {rung.id for track in tracks for rung in track.rungs}
    taken |= {track.prep.id for track in tracks if track.prep}
    firsts = [track for track in tracks if track.area != PLYOMETRICS]
    for _ in range(2):
        for first in firsts:
            extra = _track_for(build, first.area, first.rank, taken)
            if extra is None:
                continue
            cost = _need_minutes(build, extra)
            room = tuple(s for s in first.sessions if left[s] >= cost)
            if not room:
                continue
            extra.sessions, extra.extra = room, True
            for s in room:
                left[s] -= cost
            taken.update(rung.id for rung in extra.rungs)
            tracks.append(extra)
    tracks.sort(key=lambda track: (track.rank, track.extra))
