"""The builder: a runner's profile and the catalog in, a week-by-week plan out.

Deterministic: the same profile and catalog always give the same plan. Every
choice carries its reason, and every rule the week could not keep is a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..browse import ordinal, percent
from ..catalog import Catalog
from ..errors import FieldIssue, ProfileError
from ..model import Exercise, Impact, Level, ProtocolStep
from ..plan import (
    PHASE_NAMES,
    PHASE_PURPOSE,
    Day,
    ExerciseNotes,
    Plan,
    Prescription,
    Session,
    SessionKind,
    Week,
    exercise_seconds,
)
from ..profile import ANSWER_NAMES, WEEKDAYS, Profile, Rules
from ..words import date_words
from .after_race import after_race, next_block_start
from .phases import FOUNDATION, STRENGTH, TAPER, WeekShape, week_shapes
from .progression import (
    FEWEST_REPS,
    LOAD_EQUIPMENT,
    LOAD_STEPS,
    Load,
    Ranges,
    add_load,
    add_set,
    cut_volume,
    level_allows,
    loadable,
    loaded_ranges,
    more_volume,
    ranges_for,
    slower_lowering,
)
from .schedule import Slot, dated, differs, weekly_slots
from .selection import (
    LEAST_SETS,
    PLYOMETRICS,
    Build,
    Track,
    assign_sessions,
    choose_tracks,
    fill_spare_time,
    give_company,
    prescribe,
    stand_in,
    track_for,
)
from .warmup import WarmUps, warm_up_movements

CORE = "core"  # the area whose work closes a session
ENTRY_CUTS = (0.25, 0.4, 0.5)  # fewer sets for a harder rung, when its entry is a lot of work
LEAST_REPS, LEAST_HOLD_S = FEWEST_REPS, 10  # a trim goes no lower: the exercise leaves instead
STARTING_WEEKS = 3  # a race plan this short barely starts before nothing new may start
MOST_RUNGS_SKIPPED = 1  # rungs a climb may jump (those the runner has no equipment for)
TOP_RUNG_FROM_WEEK = 3  # a ladder's top rung is never done in the first two weeks
FULL_WARNING_WEEKS = 3  # loading weeks held by a full session before the plan says so


def build_plan(profile: Profile, catalog: Catalog) -> Plan:
    """The whole plan, week by week; raises ProfileError naming the field at fault."""
    _check_against_catalog(profile, catalog)
    slots, slot_warnings = weekly_slots(profile)
    build = Build(profile, catalog, slots, list(slot_warnings))
    build.warm_ups = WarmUps(profile, warm_up_movements(profile, catalog))
    if profile.rules.warm_up_minutes and not build.warm_ups.movements:
        build.warn(
            f"The catalog marks no warm-up movements you can do: warm up for "
            f"{profile.rules.warm_up_minutes} minutes with easy movement (a brisk walk, leg "
            "swings, bridges) before each session."
        )
    tracks = choose_tracks(build)
    assign_sessions(build, tracks)
    fill_spare_time(build, tracks)
    _no_lone_exercise(build, tracks)

    weeks = []
    previous: dict[str, float] = {}  # each area's volume in the last loading week
    exercises: dict[str, float] = {}  # and each exercise's, by area
    running_week = build.slots
    for shape in week_shapes(profile):
        own_days = _dated_week(build, running_week, shape)
        if shape.loading and shape.number > 1 and not own_days:
            _progress(build, tracks, shape, exercises)
        elif own_days:
            for track in tracks:
                track.change = "the dose holds in a week whose runs you changed"
        _keep_within_caps(build, tracks, shape, previous if shape.loading else None, exercises)
        if shape.loading and not shape.race_week:
            _keep_company(build, tracks, shape)
        placements = [_place(build, track, tracks, shape, explain=True) for track in tracks]
        week = _make_week(build, shape, placements)
        whole = len(week.strength_sessions()) >= len(build.slots) or not profile.runs
        # A week with days of its own (its runs on given dates) is no measure for the next:
        # the weekly cap and a lighter week's exercises go by the last ordinary loading week.
        measured = shape.loading and not own_days and whole
        if measured:
            previous = _area_volume(placements)
            exercises = _exercise_volume(placements)
        shown = {(i.areas[0], i.id) for s in week.strength_sessions() for i in s.exercises}
        if measured:
            build.measured = True
            for track in tracks:
                track.loading_slots = ()  # unless it is shown below
        for placement in placements:
            if placement is None or (placement.track.area, placement.item.id) not in shown:
                continue  # (left out of the week after all: a day its runs took away)
            track = placement.track
            track.first_use.setdefault(placement.item.id, shape.number)
            if measured:  # a week of its own days says nothing of the usual sessions
                track.first_slots.setdefault(placement.item.id, placement.slots)
            if measured:
                track.loading_slots = placement.slots
                track.last_shown = placement.item.id
            if (placement.item.id == track.exercise.id or placement.protocol) and shape.loading:
                if measured:
                    track.measured_protocol_week = track.protocol_week
                track.protocol_week += 1  # (a lighter week pauses a protocol)
        weeks.append(week)
        _say_what_a_short_week_missed(build, week, placements)
        build.use(running_week)
        build.off = set()
    _near_the_race(build, weeks)
    _say_how_protocols_fit(build, tracks, weeks)
    _daily_sessions(profile, catalog, weeks, build)
    return Plan(
        profile=profile,
        warnings=tuple(build.warnings),
        weeks=tuple(weeks),
        area_names=tuple((a, area.name) for a, area in catalog.vocabulary.areas.items()),
        equipment_names=tuple(catalog.vocabulary.equipment.items()),
        glossary=_glossary(catalog, weeks),
        after_race=after_race(profile),
    )


# ----------------------------------------------------------------------------
# One track in one week


@dataclass(frozen=True)
class _Placement:
    """What a track puts in this week's sessions: one prescription, in these slots."""

    track: Track
    exercise: Exercise
    slots: tuple[int, ...]
    item: Prescription
    protocol: bool  # a published protocol's dose: followed as written, never trimmed


def _place(
    build: Build, track: Track, tracks: list[Track], shape: WeekShape, explain: bool = False
) -> _Placement | None:
    """The track's exercise and dose this week and the sessions it goes in. No side effects,
    so a step can be tried and taken back; `explain` adds the reasons a runner reads."""
    profile = build.profile
    chosen = _this_week(build, track, shape)
    if chosen is None:
        return None
    exercise, load, step = chosen
    owner = _protocol_owner(track, exercise) if step is not None else None
    last = track.last_shown
    if not shape.loading and (
        track.loading_slots == () or (build.measured and track.loading_slots is None)
    ):
        return None  # a lighter week adds nothing the last loading week did not have
    if not shape.loading and last is not None and last != exercise.id and step is None:
        # A lighter week keeps the exercises of the last loading week, stand-ins too.
        exercise = build.catalog[last]
        load = cut_volume(track.load_for(exercise, profile.level), shape.cut)
    wanted = track.sessions
    if step is not None and step.sessions:
        # (A lighter week does the sessions of the protocol week it pauses on.)
        wanted = _protocol_sessions(track, step.sessions, len(build.slots))
    first = track.first_use.get(exercise.id, shape.number)
    # (A published protocol's own ramp is how its eccentric work starts: it keeps its days.)
    new = shape.number - first < profile.rules.new_eccentric_weeks and step is None
    slots = _away_from_long_run(exercise, new, wanted, build.slots)
    started_in = track.first_slots.get(exercise.id)
    if step is None and started_in is not None and exercise.impact is not Impact.none:
        # Eccentric work that started away from the long run stays in those sessions:
        # joining one more later would double its week at a stroke.
        slots = tuple(s for s in slots if s in started_in) or slots
    note = ""
    if not slots and wanted:
        # Every session this week sits next to the long run: a gentler exercise stands in.
        gentler = stand_in(build, track, tracks)
        if gentler is None:
            if explain:
                build.warn(
                    f"{exercise.name} ({build.area_name(track.area)}) is new and eccentric: "
                    f"for its first {profile.rules.new_eccentric_weeks} weeks it stays off the "
                    "days next to the long run, and your sessions are all next to it, so it "
                    "waits."
                )
            return None
        exercise, step, slots = gentler, None, wanted
        load = cut_volume(track.load_for(gentler, profile.level), shape.cut)
        note = "stands in while the new eccentric exercise stays away from the long run"
    if exercise.id not in track.first_use:
        # Nothing new in a lighter week, nor close to the race: it starts later, or not;
        # meanwhile the exercise that stood in for it carries on.
        fresh = tuple(s for s in slots if _may_start(build, shape, (s,)))
        gentler = stand_in(build, track, tracks) if not fresh else None
        if gentler is not None and gentler.id in track.first_use:
            exercise, step, note = gentler, None, "stands in until the new exercise can start"
            load = cut_volume(track.load_for(gentler, profile.level), shape.cut)
        elif not fresh:
            if explain and slots:
                build.warn(
                    f"Week {shape.number}: {exercise.name} ({build.area_name(track.area)}) "
                    "cannot start this week (nothing new starts in a lighter week or close to "
                    "the race, and a new eccentric exercise keeps off the days next to the "
                    "long run), so it rests until it can."
                )
            return None
        else:
            slots = fresh
    if (shape.deload or shape.taper) and track.loading_slots is not None:
        slots = tuple(slot for slot in slots if slot in track.loading_slots) or slots
    if step is None:
        # While a published protocol runs, it is its area's only exercise in its sessions.
        taken = _protocol_slots(build, track, tracks, shape)
        slots = tuple(slot for slot in slots if slot not in taken)
        if not slots:
            return None
    why = _why(build, track, exercise, shape, note) if explain else ""
    item = prescribe(
        profile, track, exercise, load, why, step, paused=not shape.loading, owner=owner
    )
    return _Placement(track, exercise, slots, item, step is not None)


def _protocol_owner(track: Track, shown: Exercise) -> Exercise:
    """The exercise whose protocol a step comes from: the one shown, or, for a week that
    names another rung, the track's exercise (or the preparation) carrying it."""
    if shown.protocol:
        return shown
    if track.prep is not None and track.prep.protocol:
        return track.prep
    return track.exercise


def _protocol_rung(build: Build, exercise: Exercise, step: ProtocolStep) -> Exercise:
    """The exercise a protocol week names (`rung:`), where the runner has its equipment;
    else the protocol's own exercise, and the plan says so."""
    if step.rung is None or step.rung == exercise.id:
        return exercise
    rung = build.catalog[step.rung]
    missing = set(rung.equipment) - set(build.profile.equipment)
    if not missing:
        return rung
    names = ", ".join(sorted(build.catalog.vocabulary.equipment.get(m, m) for m in missing))
    build.warn(
        f"{exercise.protocol.name if exercise.protocol else exercise.name} asks for "
        f"{rung.name} in some weeks, which needs {names}: you do {exercise.name} at that "
        "week's dose instead."
    )
    return exercise


def _protocol_week_done(track: Track, shape: WeekShape) -> int:
    """The protocol week whose dose the track does this week: the next one in a loading
    week; in a lighter week, which pauses it, the last ordinary loading week's."""
    if shape.loading:
        return track.protocol_week
    return track.measured_protocol_week or max(1, track.protocol_week - 1)


def _protocol_slots(build: Build, track: Track, tracks: list[Track], shape: WeekShape) -> set[int]:
    """The sessions in which another track of the same area runs its protocol's weeks."""
    taken: set[int] = set()
    for other in tracks:
        protocol = other.exercise.protocol
        if other is track or other.area != track.area or protocol is None:
            continue
        week = _protocol_week_done(other, shape)
        if week > protocol.length:
            continue  # its maintenance: the area's sessions are shared again
        step = protocol.step_for(week)
        wanted = step.sessions if step is not None and step.sessions else len(other.sessions)
        taken |= set(_protocol_sessions(other, wanted, len(build.slots)))
    return taken


def _this_week(
    build: Build, track: Track, shape: WeekShape
) -> tuple[Exercise, Load, ProtocolStep | None] | None:
    """The exercise and dose a track gives this week, after deload or taper cuts."""
    level = build.profile.level
    exercise, load = track.exercise, track.load
    # Hops arrive in a loading week of the strength phase (a deload or taper keeps the
    # exercises it follows) and carry on through the taper, never into race week.
    started = exercise.id in track.first_use
    plyometrics_due = not shape.race_week and (
        (shape.phase == STRENGTH and (started or _may_start(build, shape, track.sessions)))
        or (shape.taper and started)
    )
    if track.prep is not None and not plyometrics_due:
        exercise = track.prep
        load = track.load_for(exercise, level)
    if exercise.protocol:
        # A lighter week (a deload, heavy legs, the taper) pauses a running protocol: the
        # dose of the last ordinary loading week, cut like everything else; the protocol
        # resumes at its unfinished week afterwards, so its sequence stays whole.
        step = exercise.protocol.step_for(_protocol_week_done(track, shape))
        if step is not None:
            load = cut_volume(Load.from_protocol(step, track.start), shape.cut)
            return _protocol_rung(build, exercise, step), load, step
    if shape.race_week and exercise.impact is not Impact.none:
        return None
    return exercise, cut_volume(load, shape.cut), None


def _protocol_sessions(track: Track, wanted: int, available: int) -> tuple[int, ...]:
    chosen = list(track.sessions)
    for s in range(available):
        if len(chosen) >= min(wanted, available):
            break
        if s not in chosen:
            chosen.append(s)
    return tuple(sorted(chosen[: min(wanted, available)]))


def _away_from_long_run(
    exercise: Exercise, new: bool, wanted: tuple[int, ...], slots: tuple[Slot, ...]
) -> tuple[int, ...]:
    """A new eccentric or plyometric exercise moves off sessions next to the long run."""
    if not new or exercise.impact is Impact.none:
        return wanted
    kept = [s for s in wanted if not slots[s].near_key_run]
    spare = [s for s in range(len(slots)) if not slots[s].near_key_run and s not in kept]
    while len(kept) < len(wanted) and spare:
        kept.append(spare.pop(0))
    return tuple(sorted(kept))


# ----------------------------------------------------------------------------
# The caps: minutes per session, +10% a week per area


def _session_minutes(build: Build, items: list[Prescription]) -> int:
    seconds = sum(exercise_seconds(item) for item in items)
    return build.profile.rules.warm_up_minutes + math.ceil(seconds / 60)


def _by_slot(placements: list[_Placement | None]) -> dict[int, list[_Placement]]:
    slots: dict[int, list[_Placement]] = {}
    for placement in placements:
        if placement is not None:
            for s in placement.slots:
                slots.setdefault(s, []).append(placement)
    return slots


def _area_volume(placements: list[_Placement | None]) -> dict[str, float]:
    """Seconds of work per weakness in a week; protocols are followed as written, so
    they stand outside the weekly cap."""
    volume: dict[str, float] = {}
    for placement in placements:
        if placement is not None and not placement.protocol:
            area = placement.track.area
            seconds = placement.item.volume_seconds() * len(placement.slots)
            volume[area] = volume.get(area, 0.0) + seconds
    return volume


def _exercise_volume(placements: list[_Placement | None]) -> dict[str, float]:
    """Seconds of work per exercise and the area it serves, in a week."""
    volume: dict[str, float] = {}
    for placement in placements:
        if placement is not None and not placement.protocol:
            key = _volume_key(placement.track.area, placement.exercise.id)
            seconds = placement.item.volume_seconds() * len(placement.slots)
            volume[key] = volume.get(key, 0.0) + seconds
    return volume


def _too_much(build: Build, volume: float, before: float | None) -> bool:
    cap = 1 + build.profile.rules.max_weekly_increase
    return before is not None and volume > before * cap + 1e-6


@dataclass(frozen=True)
class _Where:
    """Where a track stands: enough to try a step and take it back."""

    index: int
    load: Load
    start: Load
    ranges: Ranges | None
    protocol_week: int
    other_loads: dict[str, Load]

    @classmethod
    def of(cls, track: Track) -> _Where:
        return cls(
            track.index,
            track.load,
            track.start,
            track.ranges,
            track.protocol_week,
            dict(track.other_loads),
        )

    def restore(self, track: Track) -> None:
        track.index, track.load, track.start = self.index, self.load, self.start
        track.ranges, track.protocol_week = self.ranges, self.protocol_week
        track.other_loads = dict(self.other_loads)


Step = tuple[str, Callable[[Track], str]]  # (kind, apply: moves the track, says what changed)


def _progress(
    build: Build,
    tracks: list[Track],
    shape: WeekShape,
    previous: dict[str, float],
) -> None:
    """Each track takes the first step that fits the weekly cap and the session's minutes:
    more of the same within its range, else a harder exercise (the next rung, added load,
    a slower lowering, one more set of a hold)."""
    profile = build.profile
    placements = [_place(build, track, tracks, shape) for track in tracks]
    for i, track in enumerate(tracks):
        exercise = track.exercise
        placed = placements[i]
        shown = placed.exercise if placed is not None else exercise
        protocol = exercise.protocol and exercise.protocol.step_for(track.protocol_week)
        if protocol and (shown.id == exercise.id or (placed is not None and placed.protocol)):
            track.change = "as the protocol says"
            continue
        if profile.maintenance:
            track.change = "in season the dose holds: it keeps what you built"
            continue
        if shown.id not in track.first_use:
            continue  # not started yet: it begins at its first dose
        if all(s in build.off for s in track.sessions):
            continue  # no session for it this week (its runs on given dates): it waits
        before = _Where.of(track)
        why_not = ""
        steps = _steps(build, track, shown, shape)
        harder = any(kind not in ("grow", "set") for kind, _ in steps)
        for kind, apply in steps:
            change = apply(track)
            trial = [*placements[:i], _place(build, track, tracks, shape), *placements[i + 1 :]]
            problem = _misfit(build, trial, previous, track, shown, was=placements[i])
            if problem and kind == "climb":
                # A harder rung starts at the bottom of its range; where even that is more
                # than the cap over the rung below, it starts with less (never below the
                # least dose worth doing), else at the bottom of its range all the same.
                entry = track.load
                lighter = [cut_volume(entry, cut) for cut in ENTRY_CUTS]
                lighter = [x for x in lighter if x.sets >= min(entry.sets, LEAST_SETS)]
                for load, cap in [*((x, True) for x in lighter if not _too_little(x)),
                                  (entry, False)]:  # fmt: skip
                    track.load = track.start = load
                    trial[i] = _place(build, track, tracks, shape)
                    problem = _misfit(
                        build, trial, previous, track, shown, cap=cap, was=placements[i]
                    )
                    if not problem:
                        break
            if not problem:
                placements = trial
                track.change, track.held = change, 0
                if kind == "climb":
                    track.climbed_in = shape.number
                break
            why_not = why_not or problem
            if kind == "climb" and "session is full" in problem:
                rung = _next_rung(build, track)
                build.warn(
                    f"Your sessions are full: {shown.name} cannot move up to "
                    f"{rung.name if rung else 'its next rung'} within "
                    f"{build.profile.minutes_per_session} minutes. Add a few minutes a session, "
                    "or a session a week, for it to come in."
                )
            before.restore(track)
        else:
            track.held += 1
            track.change = why_not or _top_words(build, track, shown)
            loads_left = _can_load(build, track, shape) and track.load.notch < len(LOAD_STEPS)
            own = shown.id == track.exercise.id
            at_top = own and not _next_rung(build, track) and (not harder or not loads_left)
            if why_not and at_top:
                # Nothing harder is left for this runner and the session has no room for more.
                track.change = (
                    f"the top of this ladder with your equipment, and {why_not.split(': ')[1]}"
                )
            if "session is full" in why_not and track.held >= 2 and not at_top:
                # (At the top there is nothing harder to make room for: the extra stays.)
                _make_room(build, tracks, track)
            if "session is full" in why_not and track.held == FULL_WARNING_WEEKS:
                build.warn(
                    f"Your sessions are full: {shown.name} holds its dose from week "
                    f"{shape.number - track.held + 1}. Add a few minutes a session, or a "
                    "session a week, for it to keep progressing."
                )


def _no_lone_exercise(build: Build, tracks: list[Track]) -> None:
    """No session of a single exercise: where the first weeks would leave one alone (a
    protocol starting in fewer sessions, a new eccentric exercise moved off the long-run
    days), a second joins it; where the minutes hold no second, the plan says so."""
    shapes = [shape for shape in week_shapes(build.profile) if not shape.race_week][:2]
    for _ in range(len(build.slots) * 3):
        lone = [
            (s, placed[0].exercise)
            for shape in shapes
            for s, placed in _by_slot([_place(build, t, tracks, shape) for t in tracks]).items()
            if len(placed) == 1
        ]
        if not lone or not any(give_company(build, tracks, s, alone) for s, alone in lone):
            break
    for s in dict(lone):
        _lone_warning(build, s)


def _lone_warning(build: Build, s: int) -> None:
    build.warn(
        f"{build.capacity[s]} minutes hold one exercise after the "
        f"{build.profile.rules.warm_up_minutes}-minute warm-up on "
        f"{build.slots[s].reason.split(':')[0]} in some weeks; with a few minutes more a "
        "second exercise joins it."
    )


def _keep_company(build: Build, tracks: list[Track], shape: WeekShape) -> None:
    """A session left with one exercise this week (a protocol starting again in fewer
    sessions after a climb) gets a second movement for a top weak link, if it fits."""
    for _ in range(len(build.slots)):
        placements = [_place(build, t, tracks, shape) for t in tracks]
        lone = [(s, placed[0]) for s, placed in _by_slot(placements).items() if len(placed) == 1]
        added = False
        for s, only in lone:
            taken = {x.id for t in tracks for r in t.rungs for x in build.catalog.ladder(r.id)}
            taken |= {x.id for t in tracks if t.prep for x in build.catalog.ladder(t.prep.id)}
            taken |= build.retired  # a movement that left for want of minutes stays out
            firsts = [t for t in tracks if not t.extra and t.area != PLYOMETRICS]
            for first in sorted(firsts, key=lambda t: (t.area == only.track.area, t.rank)):
                extra = track_for(build, first.area, first.rank, taken, (only.exercise,), True)
                if extra is None:
                    continue
                extra.sessions, extra.extra = (s,), True
                tracks.append(extra)
                placed = _place(build, extra, tracks, shape)
                items = [only.item, placed.item] if placed is not None else []
                if items and _session_minutes(build, items) <= build.capacity[s]:
                    added = True
                    break
                tracks.remove(extra)
        tracks.sort(key=lambda track: (track.rank, track.extra))
        if not added:
            for s, _ in lone:
                _lone_warning(build, s)
            return


def _make_room(build: Build, tracks: list[Track], held: Track) -> None:
    """A weak link's own exercise that cannot move for a full session takes the place of
    an extra exercise (a second ladder) in that session: harder work beats more of it."""
    for other in sorted(tracks, key=lambda t: -t.rank):
        if other is held or not other.extra or (other.area == held.area and not held.extra):
            continue
        shared = set(other.sessions) & set(held.sessions)
        if not shared:
            continue
        other.sessions = tuple(s for s in other.sessions if s not in shared)
        if not other.sessions:
            tracks.remove(other)
            build.retired.update(x.id for r in other.rungs for x in build.catalog.ladder(r.id))
        return


def _steps(build: Build, track: Track, shown: Exercise, shape: WeekShape) -> list[Step]:
    """The steps a track may take this week, easiest first."""
    level, rules = build.profile.level, build.profile.rules
    cap = rules.max_weekly_increase
    steps: list[Step] = []
    if shown.id != track.exercise.id:
        # An exercise that stands in (the calves preparing for hops to come, a gentler one
        # while a new eccentric exercise keeps from the long run) grows, slows, adds a set.
        prep = shown
        now = track.load_for(prep, level)
        prep_ranges = ranges_for(prep, now, rules)
        for kind, moved in (
            ("grow", more_volume(now, prep_ranges, cap)),
            ("slower", slower_lowering(now, prep_ranges)),
            ("set", add_set(now, prep_ranges)),
        ):
            if moved is not None:
                steps.append((kind, _setting_prep(prep, moved)))
        return steps
    ranges = track.ranges
    if ranges is None:
        return steps
    grown = more_volume(track.load, ranges, cap)
    heavier = loaded_ranges(ranges, rules)
    reps = track.load.reps
    if (
        shape.phase == STRENGTH
        and reps is not None
        and heavier.reps is not None
        and track.load.notch == 0
        and min(reps) >= heavier.reps[1]
        and _can_load(build, track, shape)
    ):
        # The strength phase is for heavier sets of fewer reps: past the loaded range's
        # top, a runner who owns weights picks them up rather than adding reps.
        loaded = add_load(track.load, heavier)
        if loaded is not None:
            steps.append(("load", _setting(loaded, heavier)))
    if grown is not None:
        steps.append(("grow", _setting(grown)))
    # While a next rung lies ahead, the rung is the way up (even when it must wait a week);
    # load and a slower lowering are for the top of the ladder.
    # (When the rung is offered but does not fit, added load or a slower lowering may.)
    waiting = _next_rung(build, track) is not None
    if waiting and _can_climb(build, track, shape):
        steps.append(("climb", _climbing(level, rules)))
        waiting = False
    climb = waiting
    if not climb and _can_load(build, track, shape) and not any(k == "load" for k, _ in steps):
        loaded = add_load(track.load, heavier)
        if loaded is not None:
            steps.append(("load", _setting(loaded, heavier)))
    more_sets = add_set(track.load, ranges)
    if more_sets is not None and track.load.sets < LEAST_SETS:
        steps.append(("set", _setting(more_sets)))  # a lone set grows a second first
        more_sets = None
    slower = slower_lowering(track.load, ranges)
    if slower is not None and not climb:
        steps.append(("slower", _setting(slower)))
        if slower[0].sets > LEAST_SETS:
            # In a full session, a slower lowering pays for itself with a set fewer.
            fewer = replace(
                slower[0], sets=slower[0].sets - 1, reps=(slower[0].reps or ())[1:] or None
            )
            steps.append(("slower", _setting((fewer, slower[1] + ", one set fewer"))))
    if more_sets is not None:
        steps.append(("set", _setting(more_sets)))
    return steps


def _setting(moved: tuple[Load, str], ranges: Ranges | None = None) -> Callable[[Track], str]:
    def apply(track: Track) -> str:
        track.load = moved[0]
        if ranges is not None:
            track.ranges = ranges
        return moved[1]

    return apply


def _setting_prep(prep: Exercise, moved: tuple[Load, str]) -> Callable[[Track], str]:
    def apply(track: Track) -> str:
        track.other_loads[prep.id] = moved[0]
        return moved[1]

    return apply


def _climbing(level: Level, rules: Rules) -> Callable[[Track], str]:
    def apply(track: Track) -> str:
        below = track.exercise
        track.index += 1
        rung = track.exercise
        track.ranges = ranges_for(rung, Load.first(rung, level), rules)
        track.start = track.load = Load.entry(rung, level, track.ranges)
        track.protocol_week, track.measured_protocol_week = 1, None
        return f"next rung: {rung.name} (up from {below.name}), at the bottom of its range"

    return apply


def _top_words(build: Build, track: Track, shown: Exercise) -> str:
    if shown.id != track.exercise.id:
        return (
            f"{shown.name} has reached the top of this ladder as a stand-in: the dose holds "
            f"until {track.exercise.name} can start"
        )
    rung = _next_rung(build, track)
    if rung is None:
        return "the top of this ladder: the dose holds (a coach can add a harder variant)"
    if track.index + 2 == len(track.rungs):
        return (
            f"holding the dose this week: {rung.name}, the top of the ladder, comes from "
            f"week {TOP_RUNG_FROM_WEEK} on"
        )
    return f"holding the dose this week: {rung.name} comes next"


def _misfit(
    build: Build,
    placements: list[_Placement | None],
    previous: dict[str, float],
    track: Track,
    shown: Exercise,
    cap: bool = True,
    was: _Placement | None = None,
) -> str:
    """Why a step does not fit ('' when it does): the track's work rising more than the
    weekly cap over what the exercise shown last week did (a harder exercise too), or a
    session over its minutes."""
    mine = next((p for p in placements if p is not None and p.track is track), None)
    if mine is None:
        return ""
    rise = build.profile.rules.max_weekly_increase
    volume = mine.item.volume_seconds() * len(mine.slots)
    before = previous.get(_volume_key(track.area, shown.id))
    too_much = (
        before is not None
        and volume > max(before * (1 + rise), before + _one_step((was or mine).item, before)) + 1e-6
    )
    if cap and too_much and not mine.protocol:
        return f"holding the dose: a step up would add more than {percent(rise)} in a week"
    # A session already over its minutes (a protocol growing into it) may still take a
    # step that makes this exercise shorter there; the caps pass trims the rest.
    shorter = was.slots if was and exercise_seconds(mine.item) < exercise_seconds(was.item) else ()
    for s, placed in _by_slot(placements).items():
        if any(p.track is track for p in placed) and s not in shorter:
            minutes = _session_minutes(build, [p.item for p in placed])
            if minutes > build.capacity[s]:
                return (
                    f"the dose holds: the session is full at its {build.capacity[s]} "
                    "minutes, and nothing harder fits yet"
                )
    return ""


def _one_step(item: Prescription, volume: float) -> float:
    """What the smallest step adds to a week's work: one rep on one set, or a second (a
    contact, a metre) on each set. It is always allowed, even above the weekly cap."""
    count = (
        sum(item.reps)
        if item.reps is not None
        else (item.hold_s or item.contacts or item.distance_m or 1)
    )
    return volume / max(count, 1)


def _volume_key(area: str, exercise_id: str) -> str:
    return f"{area}/{exercise_id}"


def _can_climb(build: Build, track: Track, shape: WeekShape) -> bool:
    """The next rung, if the runner's level allows it; never a ladder's top rung in the
    first weeks, never a new exercise close to the race."""
    if _next_rung(build, track) is None:
        return False
    if track.index + 2 == len(track.rungs) and shape.number < TOP_RUNG_FROM_WEEK:
        return False
    return _may_start(build, shape, track.sessions)


def _next_rung(build: Build, track: Track) -> Exercise | None:
    """The rung above, if there is one the runner's level allows."""
    if track.index + 1 >= len(track.rungs):
        return None
    rung = track.rungs[track.index + 1]
    if not level_allows(rung.level, build.profile.level):
        return None
    ladder = [r.id for r in build.catalog.ladder(track.exercise.id)]
    if rung.id in ladder and track.exercise.id in ladder:
        gap = ladder.index(rung.id) - ladder.index(track.exercise.id)
        if gap > MOST_RUNGS_SKIPPED + 1:
            return None  # the rungs between need equipment the runner lacks: too big a jump
    beside_long_run = all(build.slots[s].near_key_run for s in track.sessions)
    if (
        rung.impact is not Impact.none
        and beside_long_run
        and build.profile.rules.new_eccentric_weeks
    ):
        return None  # new eccentric work never goes beside the long run: it could not start
    return rung


def _can_load(build: Build, track: Track, shape: WeekShape) -> bool:
    profile = build.profile
    return (
        shape.phase != FOUNDATION
        and loadable(track.exercise)
        and bool(set(profile.equipment) & set(LOAD_EQUIPMENT))
    )


def _may_start(build: Build, shape: WeekShape, sessions: tuple[int, ...]) -> bool:
    """A new exercise may start this week: a loading week, and every session it would go
    in at least `no_new_exercise_days` before the race."""
    race = build.profile.race
    if not shape.loading:
        return False
    if race is None:
        return True
    days = build.profile.rules.no_new_exercise_days
    return all((race - _slot_date(build, shape, s)).days >= days for s in sessions)


def _slot_date(build: Build, shape: WeekShape, slot: int) -> dt.date:
    start = build.profile.start + dt.timedelta(weeks=shape.number - 1)
    return start + dt.timedelta(days=(build.slots[slot].day - start.weekday()) % 7)


def _keep_within_caps(
    build: Build,
    tracks: list[Track],
    shape: WeekShape,
    previous: dict[str, float] | None,
    exercises: dict[str, float],
) -> None:
    """Trim what a change of exercise made too big (a new rung, the hops arriving, a
    stand-in stepping aside): the area's weekly rise and every session's minutes.

    Trimming lowers the track's dose for good, so the next weeks build from there."""
    for _ in range(100):
        placements = [_place(build, track, tracks, shape) for track in tracks]
        volume = _area_volume(placements)
        # A rung climbed this week has already been sized against the rung below.
        # (A step of the same exercise was already held to the cap when it was taken.)
        climbed = {p.track.area for p in placements if p and p.track.climbed_in == shape.number}
        changed = {
            p.track.area
            for p in placements
            if p and not p.protocol and _volume_key(p.track.area, p.exercise.id) not in exercises
        }
        over = [
            area
            for area, seconds in volume.items()
            if previous is not None
            and area in changed - climbed
            and _too_much(build, seconds, previous.get(area))
        ]
        if over:
            area = over[0]
            assert previous is not None
            cut = max(0.05, 1 - previous[area] * (1 + build.profile.rules.max_weekly_increase)
                      / volume[area])  # fmt: skip
            trimmed = [
                _trim(build, p, cut)
                for p in placements
                if p is not None and p.track.area == area and not p.protocol
            ]
            if any(trimmed):
                continue
        crowded = [
            (s, placed)
            for s, placed in sorted(_by_slot(placements).items())
            if _session_minutes(build, [p.item for p in placed]) > build.capacity[s]
        ]
        if not crowded:
            return
        s, placed = crowded[0]
        candidates = sorted(
            (p for p in placed if not p.protocol),
            key=lambda p: (p.track.extra, p.track.rank),
            reverse=True,
        )
        if not candidates:
            return
        if candidates[0].track.extra and shape.number > 1:
            # A second movement is the first to go: a weak link's own exercise keeps its
            # dose rather than both shrinking week after week.
            _drop(build, tracks, candidates[0].track, s)
            continue
        if not any(_trim(build, p, 0.25) for p in candidates):
            _drop(build, tracks, candidates[0].track, s)


def _trim(build: Build, placement: _Placement, cut: float) -> bool:
    """A lighter dose for the exercise the track shows this week; False at the floor."""
    track, exercise = placement.track, placement.exercise
    load = track.load_for(exercise, build.profile.level)
    lighter = cut_volume(load, cut)
    if lighter == load or _too_little(lighter):
        return False
    track.set_load(exercise, lighter)
    if exercise.id == track.exercise.id and track.ranges is not None:
        # The range climbs from the dose the week can hold, not the one it could not.
        track.ranges = ranges_for(exercise, lighter, build.profile.rules)
    if exercise.id == track.exercise.id:
        track.change = "a lighter dose, to keep the week within its caps"
    return True


def _too_little(load: Load) -> bool:
    """Below the least dose worth doing: a few reps, a short hold, a handful of hops."""
    if load.reps is not None:
        return min(load.reps) < LEAST_REPS
    if load.hold_s is not None:
        return load.hold_s < LEAST_HOLD_S
    if load.contacts is not None:
        return load.contacts < LEAST_REPS
    return False


def _drop(build: Build, tracks: list[Track], track: Track, slot: int) -> None:
    """The session cannot hold this exercise even at its lightest: it leaves that session."""
    track.sessions = tuple(s for s in track.sessions if s != slot)
    if not track.sessions or slot not in range(len(build.slots)):
        tracks.remove(track)
        build.retired.update(x.id for r in track.rungs for x in build.catalog.ladder(r.id))
        if not track.extra:
            build.warn(
                f"{build.profile.minutes_per_session} minutes a session leave no room for "
                f"{build.area_name(track.area)} (your {ordinal(track.rank + 1)} weak link); "
                "add minutes or a session, or drop a weak link."
            )


# ----------------------------------------------------------------------------
# The week a runner reads


def _make_week(build: Build, shape: WeekShape, placements: list[_Placement | None]) -> Week:
    profile = build.profile
    start = profile.start + dt.timedelta(weeks=shape.number - 1)
    end = start + dt.timedelta(days=6)
    if profile.race is not None:
        end = min(end, profile.race)
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    days = tuple(Day(d, WEEKDAYS[d.weekday()], profile.run_on_date(d).value) for d in dates)
    gap = dt.timedelta(days=-(-profile.rules.hours_between_leg_sessions // 24))
    by_weekday = {d.weekday(): d for d in dates}
    latest = None
    if profile.race is not None:  # the last hours before the race stay free, any week
        latest = profile.race - dt.timedelta(days=profile.rules.race_week_free_hours // 24 + 1)

    placed = _by_slot(placements)
    sessions = []
    for s, slot in enumerate(build.slots):
        date = by_weekday.get(slot.day)
        if date is None or s not in placed or s in build.off or date == profile.race:
            continue
        if latest is not None and date > latest:
            continue
        items = sorted((p.item for p in placed[s]), key=lambda item: _in_order(profile, item))
        kind, reason = slot.kind, slot.reason
        if shape.race_week:
            kind = SessionKind.short
            items = [i for i in items if i.impact == "none" and not _loaded(i)]
            reason += " Race week: one short, easy session to stay sharp; nothing heavy."
        if not items:
            continue
        sessions.append(
            Session(
                date=date,
                weekday=WEEKDAYS[date.weekday()],
                kind=kind,
                minutes=_session_minutes(build, items),
                reason=reason,
                exercises=tuple(items),
                run=profile.run_on_date(date).value,
                warm_up=build.warm_ups.for_session(items) if build.warm_ups else (),
            )
        )
    kept: list[Session] = []
    for session in sorted(sessions, key=lambda session: session.date):
        last = kept[-1].date if kept else build.last_session
        if last is not None and session.date - last < gap:
            continue  # a dated week moved it too close to the session before
        kept.append(session)
    if shape.race_week:
        kept = kept[:1]  # at most one session in race week
    if kept:
        build.last_session = kept[-1].date
    sessions = kept
    return Week(
        number=shape.number,
        start=start,
        phase=shape.phase,
        deload=shape.deload,
        taper=shape.taper,
        sessions=tuple(sessions),
        days=days,
        race_week=shape.race_week,
        heavy_legs=shape.heavy_legs,
        note=_week_note(shape, profile.rules),
    )


def _loaded(item: Prescription) -> bool:
    """Heavy work: load added by the plan, or an exercise done with weights."""
    return item.load in LOAD_STEPS or item.load in LOAD_EQUIPMENT


def _in_order(profile: Profile, item: Prescription) -> tuple[int, int, str]:
    """A session's order: hops while fresh, then heavy or eccentric work, then accessory
    work, the core last; within each, the runner's weak links in their order."""
    if item.impact == Impact.plyometric:
        group = 0
    elif item.impact == Impact.eccentric or _loaded(item):
        group = 1
    elif item.areas[0] == CORE:
        group = 3
    else:
        group = 2
    ranks = {area: i for i, area in enumerate(profile.weaknesses)}
    return (group, ranks.get(item.areas[0], 99), item.id)


def _glossary(catalog: Catalog, weeks: list[Week]) -> tuple[ExerciseNotes, ...]:
    """Each exercise once, in order of first use. The easier and harder options are its
    neighbours on the catalog's resolved ladder (`Catalog.easier`/`harder`, as the Exercises
    page shows them), so a link stated only on the other rung counts too."""
    used = dict.fromkeys(item.id for week in weeks for s in week.sessions for item in s.exercises)

    def name(found: Exercise | None) -> str | None:
        return found.name if found else None

    notes = []
    for exercise_id in used:
        exercise = catalog[exercise_id]
        notes.append(
            ExerciseNotes(
                id=exercise.id,
                name=exercise.name,
                cues=exercise.cues,
                cautions=exercise.cautions,
                why=exercise.why,
                step_down=exercise.step_down,
                easier=name(catalog.easier(exercise.id)),
                harder=name(catalog.harder(exercise.id)),
                tempo=exercise.tempo,
                source=exercise.source,
            )
        )
    return tuple(notes)


# ----------------------------------------------------------------------------
# The profile against the catalog


def _check_against_catalog(profile: Profile, catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary
    issues = []
    for area in profile.weaknesses:
        if area not in vocabulary.areas:
            issues.append(
                FieldIssue("weaknesses", _unknown("weaknesses", "area", area, vocabulary.areas))
            )
    for item in profile.equipment:
        if item not in vocabulary.equipment:
            issues.append(
                FieldIssue(
                    "equipment", _unknown("equipment", "equipment", item, vocabulary.equipment)
                )
            )
    for area in profile.imbalance:
        if area not in vocabulary.areas:
            issues.append(
                FieldIssue("imbalance", _unknown("imbalance", "area", area, vocabulary.areas))
            )
    for exercise_id in profile.daily:
        exercise = catalog.exercises.get(exercise_id)
        if exercise is None:
            issues.append(
                FieldIssue("daily", _unknown("daily", "exercise", exercise_id, catalog.exercises))
            )
        elif not exercise.protocol or not any(w.per_day for w in exercise.protocol.weeks):
            issues.append(
                FieldIssue(
                    "daily",
                    f"{ANSWER_NAMES['daily']}: '{exercise_id}' has no daily protocol in the "
                    "catalog; pick an exercise that has one, or leave it out.",
                )
            )
    if issues:
        raise ProfileError(issues)


def _unknown(answer: str, kind: str, word: str, known: object) -> str:
    names = sorted(str(k) for k in known)  # type: ignore[attr-defined]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"pick from {', '.join(names)}."
    return f"{ANSWER_NAMES[answer]}: the catalog has no {kind} '{word}'; {hint}"


def _why(build: Build, track: Track, exercise: Exercise, shape: WeekShape, note: str) -> str:
    """Why this exercise, at this dose, this week: what the runner reads under it."""
    profile = build.profile
    area = build.area_name(track.area)
    ladder = build.catalog.ladder(exercise.id)
    place = (
        f"step {[r.id for r in ladder].index(exercise.id) + 1} of {len(ladder)} "
        "from its easiest to its hardest variant"
        if len(ladder) > 1
        else "the one exercise of its kind"
    )
    parts = [f"For your {area.lower()}, your {ordinal(track.rank + 1)} weak link: {place}."]
    if track.prep is exercise:
        parts.append("Prepares the calves and feet for the hops to come.")
    if shape.deload:
        parts.append(f"Same exercise as last week, about {percent(shape.cut)} less volume.")
    elif shape.taper:
        parts.append(f"About {percent(shape.cut)} less volume, nothing new.")
    else:
        if note:
            parts.append(note[0].upper() + note[1:] + ".")
        if shape.number > 1:
            parts.append(f"This week: {track.change}.")
    weaker = profile.imbalance.get(track.area)
    if weaker is None:
        weaker = next(
            (profile.imbalance[a] for a in exercise.areas if a in profile.imbalance), None
        )
    if weaker and exercise.per_side:
        parts.append(f"One extra set on your weaker {weaker} side.")
    return " ".join(parts)


def _week_note(shape: WeekShape, rules: Rules) -> str:
    phase = PHASE_NAMES[shape.phase]
    if shape.race_week:
        return (
            "Race week: at most one short session, nothing in the last "
            f"{rules.race_week_free_hours} h."
        )
    if shape.heavy_legs:
        return "Heavy legs: a deload this week; progress resumes next week."
    if shape.deload:
        return f"{phase}, deload: same exercises, about {round(shape.cut * 100)}% less volume."
    if shape.phase == TAPER:
        return f"Taper: about {round(shape.cut * 100)}% less volume, nothing new."
    return f"{phase}: {PHASE_PURPOSE[shape.phase]}."


def _dated_week(build: Build, running_week: tuple[Slot, ...], shape: WeekShape) -> bool:
    """A week whose dates change its runs (`runs:`) gets its own days: the same sessions
    on other days where it can, fewer where it cannot. True when its days are its own."""
    profile = build.profile
    first = profile.start + dt.timedelta(weeks=shape.number - 1)
    if not profile.runs or not differs(profile, first):
        return False
    try:
        slots, _ = weekly_slots(profile, dated(profile, first))
    except ProfileError:
        slots = ()
    if slots == running_week:
        return True  # the same days, but still a week of its own for the weekly cap

    # The week's sessions in the order they fall from its first day: the running week's
    # first session becomes the dated week's first, and so on; those it has no day for
    # are off this week.
    def position(slot: Slot) -> int:
        return (slot.day - first.weekday()) % 7

    dated_days = sorted(slots, key=position)
    in_order = sorted(range(len(running_week)), key=lambda s: position(running_week[s]))
    chosen = list(running_week)
    off = set()
    for rank, s in enumerate(in_order):
        if rank < len(dated_days):
            chosen[s] = dated_days[rank]
        else:
            off.add(s)
    build.use(tuple(chosen))
    build.off = off
    return True


def _say_what_a_short_week_missed(
    build: Build, week: Week, placements: list[_Placement | None]
) -> None:
    if week.race_week:
        return
    worked = {i.areas[0] for s in week.strength_sessions() for i in s.exercises}
    planned = {p.track.area for p in placements if p is not None}
    missed = [a for a in build.profile.weaknesses if a in planned and a not in worked]
    if missed and len(week.strength_sessions()) < len(build.slots):
        names = ", ".join(build.area_name(a).lower() for a in missed)
        build.warn(
            f"Week {week.number}: your runs on given dates leave room for "
            f"{len(week.strength_sessions())} of your {len(build.slots)} sessions, so "
            f"{names} wait{'s' if len(missed) == 1 else ''} until the next week."
        )


def _near_the_race(build: Build, weeks: list[Week]) -> None:
    """Weak links that could not start before the race (nothing new so close to it) are
    named, with when strength can start."""
    profile = build.profile
    if profile.race is None:
        return
    missing = [
        area
        for area in profile.weaknesses
        if any(
            not week.race_week
            and area not in {i.areas[0] for s in week.strength_sessions() for i in s.exercises}
            for week in weeks
        )
    ]
    if not missing:
        return
    days = profile.rules.no_new_exercise_days
    if (profile.race - profile.start).days - days > 7 * STARTING_WEEKS:
        return
    names = ", ".join(build.area_name(area).lower() for area in missing)
    start = next_block_start(profile)
    assert start is not None  # a race plan
    build.warn(
        f"Your race is {(profile.race - profile.start).days} days after the plan starts, "
        f"and nothing new starts within {days} days of a race: work for {names} starts after "
        f"the race, from {date_words(start)}. Until then, keep to your "
        "running and the warm-up movements on easy days."
    )


def _say_how_protocols_fit(build: Build, tracks: list[Track], weeks: list[Week]) -> None:
    """Where a protocol asks for more sessions a week than the week holds, how often the
    plan really does it: read from the plan's weeks, never assumed."""
    for track in tracks:
        protocol = track.exercise.protocol
        most = max((w.sessions or 0 for w in protocol.weeks), default=0) if protocol else 0
        if protocol is None or most <= len(build.slots):
            continue
        done = max(
            (_protocol_sessions_done(week, protocol.name) for week in weeks if week.loading),
            default=0,
        )
        asked = f"{protocol.name} asks for up to {most} sessions a week"
        if not done:
            build.warn(
                f"{asked}; your week has room for none of them, so {track.exercise.name} is "
                "not done in this plan: add a session or a few minutes for it to come in."
            )
            continue
        times = {1: "once", 2: "twice"}.get(done, f"{done} times")
        build.warn(
            f"{asked}; your week holds {len(build.slots)}, so it is done at most {times} a week."
        )


def _protocol_sessions_done(week: Week, name: str) -> int:
    """Sessions of the week that do a week of the named protocol."""

    def does_it(session: Session) -> bool:
        return any(
            i.protocol_week is not None and (i.protocol or "").startswith(name)
            for i in session.exercises
        )

    return sum(does_it(session) for session in week.strength_sessions())


def _daily_sessions(profile: Profile, catalog: Catalog, weeks: list[Week], build: Build) -> None:
    """Daily rehab protocols (e.g. heel drops twice a day) appear as daily entries."""
    for exercise_id in profile.daily:
        exercise = catalog[exercise_id]
        assert exercise.protocol is not None
        build.warn(
            f"{exercise.name}: a daily rehabilitation dose ({exercise.protocol.name}); "
            "it is done every day, rest and hard days too, as the protocol says."
        )
        start = Load.first(exercise, profile.level)
        side = profile.imbalance.get(exercise.areas[0])
        leg = "" if not exercise.per_side else (
            f", on your {side} leg only (the painful one)" if side else ", on the painful leg only"
        )  # fmt: skip
        free_hours = profile.rules.race_week_free_hours
        if profile.race is not None and any(w.race_week for w in weeks):
            build.warn(
                f"{exercise.name} in race week: once a day, and none in the {free_hours} h "
                "before the race, so your legs are fresh on the day."
            )
        for index, week in enumerate(weeks):
            extra = []
            for day in week.days:
                if day.run == "race":
                    continue
                if profile.race is not None and (profile.race - day.date).days * 24 < free_hours:
                    continue  # the race's last hours stay free, daily doses too
                protocol_week = (day.date - profile.start).days // 7 + 1
                step = exercise.protocol.step_for(protocol_week)
                if step is None or not step.per_day:
                    continue
                per_day = 1 if week.race_week else step.per_day
                load = Load.from_protocol(step, start)
                track = Track(
                    exercise.areas[0], 0, (exercise,), 0, load, load, protocol_week=protocol_week
                )
                often = "once a day" if per_day == 1 else f"{per_day} times a day"
                why = (
                    f"{often}, every day: week {protocol_week} of "
                    f"{exercise.protocol.length} of {exercise.protocol.name}."
                    + (" Race week: once a day." if week.race_week else "")
                )
                item = prescribe(profile, track, exercise, load, why, step)
                if exercise.per_side:
                    # A rehab dose works the painful leg only, at the protocol's dose: no
                    # "each side", and no extra set on top of it for a weaker side.
                    item = replace(item, per_side=False, extra_set_side=None)
                extra.append(
                    Session(
                        date=day.date,
                        weekday=day.weekday,
                        kind=SessionKind.daily,
                        minutes=math.ceil(exercise_seconds(item) * per_day / 60),
                        reason=f"Daily rehab dose, {often}{leg}.",
                        exercises=(item,),
                        run=day.run,
                        per_day=per_day,
                    )
                )
            if extra:
                merged = sorted((*week.sessions, *extra), key=lambda s: (s.date, not s.strength()))
                weeks[index] = replace(week, sessions=tuple(merged))


__all__ = ["build_plan"]
