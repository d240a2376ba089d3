"""The builder: a runner's profile and the catalog in, a week-by-week plan out.

Deterministic: the same profile and catalog always give the same plan. Every
choice carries its reason, and every rule the week could not keep is a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass, field, replace

from .catalog import Catalog
from .errors import FieldIssue, ProfileError
from .model import Exercise, Impact, Level, Mode
from .plan import Day, ExerciseNotes, Plan, Prescription, Session, Week, exercise_seconds
from .profile import WEEKDAYS, Profile
from .progression import (
    FOUNDATION,
    PHASE_NAMES,
    PHASE_PURPOSE,
    STRENGTH,
    TAPER,
    Load,
    WeekShape,
    add_load,
    cut_volume,
    level_allows,
    step_up,
    week_shapes,
)
from .schedule import Slot, weekly_slots

PLYOMETRICS = "plyometrics"
SHORT_SHARE = 0.65  # a short session's share of the minutes a runner can spare
GROWTH_MARGIN = 1.3  # room left for the dose to grow when filling sessions
LOAD_EQUIPMENT = ("dumbbell", "kettlebell", "backpack")
LEVEL_ORDER = (Level.beginner, Level.intermediate, Level.advanced)


@dataclass
class _Track:
    """One ladder worked for one area, and where it stands."""

    area: str
    rank: int  # 0 = the runner's first weakness
    rungs: tuple[Exercise, ...]
    index: int
    load: Load
    start: Load
    sessions: tuple[int, ...] = ()
    protocol_week: int = 1
    first_use: dict[str, int] = field(default_factory=dict)
    change: str = "starting dose"
    prep: Exercise | None = None  # stands in while plyometrics are not yet due

    @property
    def exercise(self) -> Exercise:
        return self.rungs[self.index]


def build_plan(profile: Profile, catalog: Catalog) -> Plan:
    """The whole plan, week by week; raises ProfileError naming the field at fault."""
    _check_against_catalog(profile, catalog)
    slots, slot_warnings = weekly_slots(profile)
    warnings: list[str] = list(slot_warnings)
    shapes = week_shapes(profile)
    capacity = [_capacity(profile, slot) for slot in slots]
    tracks = _choose_tracks(profile, catalog, warnings)
    _assign_sessions(profile, tracks, slots, capacity, warnings)
    _fill_spare_time(profile, catalog, tracks, capacity)

    weeks = []
    previous_volume: dict[str, float] = {}
    for shape in shapes:
        if shape.number > 1 and shape.loading:
            _progress(profile, catalog, tracks, shape, slots, capacity, previous_volume)
        week = _make_week(profile, catalog, tracks, shape, slots, capacity, warnings)
        if shape.loading:
            previous_volume = _area_volume(week)
        done = {item.id for session in week.sessions for item in session.exercises}
        for track in tracks:
            if not shape.heavy_legs and track.exercise.id in done:
                track.protocol_week += 1
        weeks.append(week)
    _daily_sessions(profile, catalog, weeks, warnings)
    return Plan(
        profile=profile,
        warnings=tuple(dict.fromkeys(warnings)),
        weeks=tuple(weeks),
        area_names=tuple((a, area.name) for a, area in catalog.vocabulary.areas.items()),
        glossary=_glossary(catalog, weeks),
    )


def _glossary(catalog: Catalog, weeks: list[Week]) -> tuple[ExerciseNotes, ...]:
    used = dict.fromkeys(item.id for week in weeks for s in week.sessions for item in s.exercises)

    def name(exercise_id: str | None) -> str | None:
        found = catalog.exercises.get(exercise_id) if exercise_id else None
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
                easier=name(exercise.easier),
                harder=name(exercise.harder),
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
            issues.append(FieldIssue("weaknesses", _unknown("area", area, vocabulary.areas)))
    for item in profile.equipment:
        if item not in vocabulary.equipment:
            issues.append(
                FieldIssue("equipment", _unknown("equipment", item, vocabulary.equipment))
            )
    for area in profile.imbalance:
        if area not in vocabulary.areas:
            issues.append(FieldIssue("imbalance", _unknown("area", area, vocabulary.areas)))
    for exercise_id in profile.daily:
        exercise = catalog.exercises.get(exercise_id)
        if exercise is None:
            issues.append(FieldIssue("daily", _unknown("exercise", exercise_id, catalog.exercises)))
        elif not exercise.protocol or not any(w.per_day for w in exercise.protocol.weeks):
            issues.append(FieldIssue("daily", f"'{exercise_id}' has no daily protocol"))
    if issues:
        raise ProfileError(issues)


def _unknown(kind: str, word: str, known: object) -> str:
    names = sorted(str(k) for k in known)  # type: ignore[attr-defined]
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(names)}"
    return f"unknown {kind} '{word}'; {hint}"


def _capacity(profile: Profile, slot: Slot) -> int:
    if slot.kind == "short":
        return max(10, round(profile.minutes_per_session * SHORT_SHARE))
    return profile.minutes_per_session


# ----------------------------------------------------------------------------
# Choosing what to work


def _usable(profile: Profile, exercise: Exercise) -> bool:
    return set(exercise.equipment) <= set(profile.equipment)


def _plyo_allowed(profile: Profile) -> bool:
    return LEVEL_ORDER.index(profile.level) >= LEVEL_ORDER.index(profile.rules.plyometrics_from)


def _entry(profile: Profile, rungs: tuple[Exercise, ...]) -> int | None:
    """The rung a runner of this level starts on: a published protocol at or below their
    level first, else the first rung at their level, else the highest rung below it."""
    rank = LEVEL_ORDER.index(profile.level)
    levels = [LEVEL_ORDER.index(r.level) for r in rungs]
    for i, rung in enumerate(rungs):
        if rung.protocol and levels[i] == rank and not _daily_only(rung):
            return i
    for i, level in enumerate(levels):
        if level == rank:
            return i
    below = [i for i, level in enumerate(levels) if level < rank]
    return below[-1] if below else None


def _daily_only(exercise: Exercise) -> bool:
    return bool(exercise.protocol and all(w.per_day for w in exercise.protocol.weeks))


def _choose_tracks(profile: Profile, catalog: Catalog, warnings: list[str]) -> list[_Track]:
    tracks: list[_Track] = []
    taken: set[str] = set()
    for rank, area in enumerate(profile.weaknesses):
        track = _track_for(profile, catalog, area, rank, taken)
        if track is None:
            warnings.append(
                f"No exercise for {catalog.area_name(area)} fits your level and equipment "
                f"({', '.join(profile.equipment) or 'bodyweight only'}); add equipment or "
                "ask a coach to add one to the catalog."
            )
            continue
        taken.update(r.id for r in track.rungs)
        tracks.append(track)
        if area == PLYOMETRICS and not _plyo_allowed(profile):
            warnings.append(
                "Plyometrics are for intermediate and advanced runners: your plan builds "
                "the calves and feet that hopping needs instead."
            )
    return tracks


def _ladders_for(
    profile: Profile, catalog: Catalog, area: str, taken: set[str], plyometric: bool
) -> list[tuple[Exercise, ...]]:
    seen: set[str] = set()
    ladders = []
    for exercise in catalog.for_area(area):
        if exercise.id in seen:
            continue
        ladder = catalog.ladder(exercise.id)
        seen.update(r.id for r in ladder)
        rungs = tuple(
            r
            for r in ladder
            if _usable(profile, r)
            and r.id not in taken
            and (r.mode is Mode.plyometric) == plyometric
            and not _daily_only(r)
        )
        if rungs:
            ladders.append(rungs)

    def preference(rungs: tuple[Exercise, ...]) -> tuple[int, int, int]:
        primary = sum(r.areas[0] == area for r in rungs)
        protocol = any(r.protocol for r in rungs)
        return (-int(protocol), -primary, -len(rungs))

    return sorted(ladders, key=preference)


def _track_for(
    profile: Profile, catalog: Catalog, area: str, rank: int, taken: set[str]
) -> _Track | None:
    plyometric = area == PLYOMETRICS and _plyo_allowed(profile)
    prep = None
    if area == PLYOMETRICS:
        # Hops come late; until then (and for newer runners always) the calves prepare.
        for source in (PLYOMETRICS, "calves"):
            options = _ladders_for(profile, catalog, source, taken, plyometric=False)
            for rungs in options:
                entry = _entry(profile, rungs)
                if entry is not None:
                    prep = rungs[entry]
                    break
            if prep:
                break
        if not plyometric:
            if prep is None:
                return None
            start = Load.start(prep.dose_for(profile.level), prep.mode)
            return _Track(area, rank, (prep,), 0, start, start)
    for rungs in _ladders_for(profile, catalog, area, taken, plyometric):
        entry = _entry(profile, rungs)
        if entry is None:
            continue
        exercise = rungs[entry]
        start = Load.start(exercise.dose_for(profile.level), exercise.mode)
        return _Track(area, rank, rungs, entry, start, start, prep=prep)
    return None


def _frequency(profile: Profile, rank: int, areas: int, sessions: int) -> int:
    """Sessions a week an area gets: every session for the top weaknesses, fewer lower down."""
    return max(1, math.ceil(sessions * (areas - rank) / areas))


def _assign_sessions(
    profile: Profile,
    tracks: list[_Track],
    slots: tuple[Slot, ...],
    capacity: list[int],
    warnings: list[str],
) -> None:
    warm_up = profile.rules.warm_up_minutes
    left = [float(cap - warm_up) for cap in capacity]
    kept: list[_Track] = []
    for track in tracks:
        item = _prescribe(profile, track, track.exercise, track.load, "", None)
        need = exercise_seconds(item) * GROWTH_MARGIN / 60
        wanted = _frequency(profile, track.rank, len(tracks), len(slots))
        fresh = track.exercise.impact is not Impact.none
        order = sorted(
            range(len(slots)),
            key=lambda s: (fresh and slots[s].near_key_run, -left[s], s),
        )
        chosen = [s for s in order if left[s] >= need][:wanted]
        if not chosen:
            roomiest = order[0]
            if left[roomiest] >= exercise_seconds(item) / 60:
                chosen = [roomiest]
        if not chosen:
            warnings.append(
                f"{profile.minutes_per_session} minutes a session leave no room for "
                f"{track.area.replace('_', ' ')} (weakness {track.rank + 1}); "
                "add minutes or a session, or drop a weakness."
            )
            continue
        for s in chosen:
            left[s] -= need
        track.sessions = tuple(sorted(chosen))
        kept.append(track)
    tracks[:] = kept


def _fill_spare_time(
    profile: Profile, catalog: Catalog, tracks: list[_Track], capacity: list[int]
) -> None:
    """Spare minutes go to a second (then third) ladder for the top weaknesses first."""

    def need(track: _Track) -> float:
        item = _prescribe(profile, track, track.exercise, track.load, "", None)
        return exercise_seconds(item) * GROWTH_MARGIN / 60

    left = [float(cap - profile.rules.warm_up_minutes) for cap in capacity]
    for track in tracks:
        for s in track.sessions:
            left[s] -= need(track)
    taken = {rung.id for track in tracks for rung in track.rungs}
    firsts = [track for track in tracks if track.area != PLYOMETRICS]
    for _ in range(2):
        for first in firsts:
            extra = _track_for(profile, catalog, first.area, first.rank, taken)
            if extra is None:
                continue
            cost = need(extra)
            room = tuple(s for s in first.sessions if left[s] >= cost)
            if not room:
                continue
            extra.sessions = room
            for s in room:
                left[s] -= cost
            taken.update(rung.id for rung in extra.rungs)
            tracks.append(extra)
    tracks.sort(key=lambda track: track.rank)


# ----------------------------------------------------------------------------
# Week by week


def _progress(
    profile: Profile,
    catalog: Catalog,
    tracks: list[_Track],
    shape: WeekShape,
    slots: tuple[Slot, ...],
    capacity: list[int],
    previous_volume: dict[str, float],
) -> None:
    """Move one lever on each track, within the 10% cap and the session's minutes."""
    for track in tracks:
        exercise = track.exercise
        if exercise.protocol and exercise.protocol.step_for(track.protocol_week):
            track.change = "as the protocol says"
            continue
        before = (track.index, track.load, track.start)
        moved = step_up(track.load, track.start, exercise.mode)
        if moved is not None:
            track.load, track.change = moved
        elif shape.phase != FOUNDATION and _can_climb(profile, track):
            track.index += 1
            rung = track.exercise
            track.start = Load.start(rung.dose_for(profile.level), rung.mode)
            track.load = track.start
            track.protocol_week = 1
            track.change = f"next rung: {rung.name} (up from {exercise.name})"
        elif shape.phase == STRENGTH and set(profile.equipment) & set(LOAD_EQUIPMENT):
            loaded = add_load(track.load)
            if loaded is None:
                track.change = "holding the dose: top of the ladder"
                continue
            track.load, track.change = loaded
        else:
            track.change = "holding the dose this week"
            continue
        if not _within_caps(profile, track, slots, capacity, previous_volume, tracks):
            climbed = track.index != before[0]
            track.index, track.load, track.start = before
            track.change = "holding the dose: a step up would break the weekly cap"
            if climbed:
                track.change = "holding the dose before the next rung"


def _can_climb(profile: Profile, track: _Track) -> bool:
    if track.index + 1 >= len(track.rungs):
        return False
    rung = track.rungs[track.index + 1]
    return level_allows(rung.level, profile.level)


def _within_caps(
    profile: Profile,
    track: _Track,
    slots: tuple[Slot, ...],
    capacity: list[int],
    previous_volume: dict[str, float],
    tracks: list[_Track],
) -> bool:
    item = _prescribe(profile, track, track.exercise, track.load, "", None)
    before = previous_volume.get(track.area)
    if before:
        volume = item.volume_seconds() * len(track.sessions)
        others = sum(
            _prescribe(profile, t, t.exercise, t.load, "", None).volume_seconds() * len(t.sessions)
            for t in tracks
            if t.area == track.area and t is not track
        )
        if volume + others > before * (1 + profile.rules.max_weekly_increase) + 1e-6:
            return False
    for s in track.sessions:
        used = profile.rules.warm_up_minutes * 60 + sum(
            exercise_seconds(_prescribe(profile, t, t.exercise, t.load, "", None))
            for t in tracks
            if s in t.sessions
        )
        if used > capacity[s] * 60:
            return False
    return True


def _area_volume(week: Week) -> dict[str, float]:
    volume: dict[str, float] = {}
    for session in week.sessions:
        if session.kind == "daily":
            continue
        for item in session.exercises:
            area = item.areas[0]
            volume[area] = volume.get(area, 0.0) + item.volume_seconds()
    return volume


def _make_week(
    profile: Profile,
    catalog: Catalog,
    tracks: list[_Track],
    shape: WeekShape,
    slots: tuple[Slot, ...],
    capacity: list[int],
    warnings: list[str],
) -> Week:
    start = profile.start + dt.timedelta(weeks=shape.number - 1)
    end = start + dt.timedelta(days=6)
    if profile.race is not None:
        end = min(end, profile.race)
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    days = tuple(
        Day(
            d,
            WEEKDAYS[d.weekday()],
            "race" if d == profile.race else profile.run_on(d.weekday()).value,
        )
        for d in dates
    )
    by_weekday = {d.weekday(): d for d in dates}
    latest = None
    if shape.race_week and profile.race is not None:
        latest = profile.race - dt.timedelta(days=profile.rules.race_week_free_hours // 24 + 1)

    placed: dict[int, list[Prescription]] = {s: [] for s in range(len(slots))}
    for track in tracks:
        exercise, load, note = _this_week(profile, track, shape)
        if exercise is None:
            continue
        wanted = track.sessions
        step = exercise.protocol.step_for(track.protocol_week) if exercise.protocol else None
        if step is not None and step.sessions and not shape.taper:
            wanted = _protocol_sessions(track, step.sessions, len(slots))
            assert exercise.protocol is not None
            most = max(w.sessions or 0 for w in exercise.protocol.weeks)
            if most > len(slots):
                times = {1: "once", 2: "twice"}.get(len(slots), f"{len(slots)} times")
                warnings.append(
                    f"{exercise.protocol.name} asks for up to {most} sessions a week; your "
                    f"week holds {len(slots)}, so it is done {times} a week."
                )
        track.first_use.setdefault(exercise.id, shape.number)
        new = shape.number - track.first_use[exercise.id] < profile.rules.new_eccentric_weeks
        chosen = _away_from_long_run(exercise, new, wanted, slots, track)
        if not chosen and wanted:
            # Only sessions next to the long run this week: a gentler rung stands in.
            gentler = [r for r in track.rungs[: track.index] if r.impact is Impact.none]
            if not gentler:
                continue
            del track.first_use[exercise.id]
            exercise, step = gentler[-1], None
            load = cut_volume(
                Load.start(exercise.dose_for(profile.level), exercise.mode), shape.cut
            )
            note = "stands in while the new eccentric exercise stays away from the long run"
            chosen = wanted
        for s in chosen:
            why = _why(catalog, profile, track, exercise, shape, note)
            placed[s].append(_prescribe(profile, track, exercise, load, why, step))

    sessions = []
    for s, slot in enumerate(slots):
        date = by_weekday.get(slot.day)
        if date is None or not placed[s]:
            continue
        if latest is not None and date > latest:
            continue
        if date == profile.race:
            continue
        items = sorted(placed[s], key=lambda item: _rank_of(profile, item))
        kind, reason = slot.kind, slot.reason
        if shape.race_week:
            kind = "short"
            items = [i for i in items if i.impact == "none"]
            reason += " Race week: one short, easy session to stay sharp; nothing heavy."
        if not items:
            continue
        minutes = profile.rules.warm_up_minutes + math.ceil(
            sum(exercise_seconds(i) for i in items) / 60
        )
        sessions.append(
            Session(
                date=date,
                weekday=WEEKDAYS[date.weekday()],
                kind=kind,
                minutes=minutes,
                reason=reason,
                exercises=tuple(items),
                run=profile.run_on(date.weekday()).value,
            )
        )
        if shape.race_week:
            break  # at most one session in race week
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
        note=_week_note(shape),
    )


def _rank_of(profile: Profile, item: Prescription) -> tuple[int, str]:
    ranks = {area: i for i, area in enumerate(profile.weaknesses)}
    return (min((ranks.get(a, 99) for a in item.areas), default=99), item.id)


def _protocol_sessions(track: _Track, wanted: int, available: int) -> tuple[int, ...]:
    chosen = list(track.sessions)
    for s in range(available):
        if len(chosen) >= min(wanted, available):
            break
        if s not in chosen:
            chosen.append(s)
    return tuple(sorted(chosen[: min(wanted, available)]))


def _away_from_long_run(
    exercise: Exercise, new: bool, wanted: tuple[int, ...], slots: tuple[Slot, ...], track: _Track
) -> tuple[int, ...]:
    """A new eccentric or plyometric exercise moves off sessions next to the long run."""
    if not new or exercise.impact is Impact.none:
        return wanted
    kept = [s for s in wanted if not slots[s].near_key_run]
    spare = [s for s in range(len(slots)) if not slots[s].near_key_run and s not in kept]
    while len(kept) < len(wanted) and spare:
        kept.append(spare.pop(0))
    return tuple(sorted(kept))


def _this_week(
    profile: Profile, track: _Track, shape: WeekShape
) -> tuple[Exercise | None, Load, str]:
    """The exercise and dose a track gives this week, after deload or taper cuts."""
    exercise, load = track.exercise, track.load
    plyo_due = shape.phase == STRENGTH and not shape.race_week
    if track.prep is not None and not plyo_due:
        exercise = track.prep
        load = Load.start(exercise.dose_for(profile.level), exercise.mode)
    if exercise.protocol:
        step = exercise.protocol.step_for(track.protocol_week)
        if shape.taper and exercise.protocol.maintenance:
            step = exercise.protocol.maintenance
        if step is not None:
            load = Load.from_protocol(step, track.start)
            if shape.heavy_legs:
                load = cut_volume(load, shape.cut)
            return exercise, load, ""
    if shape.race_week and exercise.impact is not Impact.none:
        return None, load, ""
    return exercise, cut_volume(load, shape.cut), ""


def _prescribe(
    profile: Profile,
    track: _Track,
    exercise: Exercise,
    load: Load,
    why: str,
    step: object,
) -> Prescription:
    weaker = None
    if exercise.per_side:
        for area in exercise.areas:
            if area in profile.imbalance:
                weaker = profile.imbalance[area]
                break
    protocol = None
    if exercise.protocol and exercise.protocol.step_for(track.protocol_week):
        length = exercise.protocol.length
        week = track.protocol_week
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
        load=load.added_load or ("bodyweight" if not exercise.equipment else exercise.equipment[0]),
        per_side=exercise.per_side,
        extra_set_side=weaker,
        rest_s=load.rest_s,
        impact=exercise.impact.value,
        protocol=protocol,
        why=why,
    )


def _why(
    catalog: Catalog,
    profile: Profile,
    track: _Track,
    exercise: Exercise,
    shape: WeekShape,
    note: str,
) -> str:
    area = catalog.area_name(track.area)
    ladder = catalog.ladder(exercise.id)
    place = (
        f"rung {[r.id for r in ladder].index(exercise.id) + 1} of {len(ladder)}"
        if len(ladder) > 1
        else "a single exercise"
    )
    parts = [f"For your {area.lower()} (weakness {track.rank + 1}), {place}."]
    if track.prep is exercise:
        parts.append("Prepares the calves and feet for the hops to come.")
    if shape.deload:
        parts.append("Deload week: same exercise, about half the volume.")
    elif shape.taper:
        parts.append("Taper: less volume, nothing new.")
    elif note:
        parts.append(note[0].upper() + note[1:] + ".")
    elif shape.number > 1:
        parts.append(f"This week: {track.change}.")
    if track.area in profile.imbalance and exercise.per_side:
        parts.append(f"One extra set on your weaker {profile.imbalance[track.area]} side.")
    return " ".join(parts)


def _week_note(shape: WeekShape) -> str:
    phase = PHASE_NAMES[shape.phase]
    if shape.race_week:
        return "Race week: at most one short session, nothing in the last 48 h."
    if shape.heavy_legs:
        return "Heavy legs: a deload this week; progress resumes next week."
    if shape.deload:
        return f"{phase}, deload: same exercises, about {round(shape.cut * 100)}% less volume."
    if shape.phase == TAPER:
        return f"Taper: about {round(shape.cut * 100)}% less volume, nothing new."
    return f"{phase}: {PHASE_PURPOSE[shape.phase]}."


def _daily_sessions(
    profile: Profile, catalog: Catalog, weeks: list[Week], warnings: list[str]
) -> None:
    """Daily rehab protocols (e.g. heel drops twice a day) appear as daily entries."""
    for exercise_id in profile.daily:
        exercise = catalog[exercise_id]
        assert exercise.protocol is not None
        warnings.append(
            f"{exercise.name}: a daily rehabilitation dose ({exercise.protocol.name}); "
            "it is done every day, rest and hard days too, as the protocol says."
        )
        start = Load.start(exercise.dose_for(profile.level), exercise.mode)
        for index, week in enumerate(weeks):
            extra = []
            for day in week.days:
                if day.run == "race":
                    continue
                protocol_week = (day.date - profile.start).days // 7 + 1
                step = exercise.protocol.step_for(protocol_week)
                if step is None or not step.per_day:
                    continue
                load = Load.from_protocol(step, start)
                track = _Track(
                    exercise.areas[0], 0, (exercise,), 0, load, load, protocol_week=protocol_week
                )
                why = (
                    f"{step.per_day} times a day, every day: week {protocol_week} of "
                    f"{exercise.protocol.length} of {exercise.protocol.name}."
                )
                item = _prescribe(profile, track, exercise, load, why, step)
                extra.append(
                    Session(
                        date=day.date,
                        weekday=day.weekday,
                        kind="daily",
                        minutes=math.ceil(exercise_seconds(item) * step.per_day / 60),
                        reason=f"Daily rehab dose, {step.per_day} times a day.",
                        exercises=(item,),
                        run=day.run,
                    )
                )
            if extra:
                merged = sorted((*week.sessions, *extra), key=lambda s: (s.date, s.kind == "daily"))
                weeks[index] = replace(week, sessions=tuple(merged))


__all__ = ["build_plan"]
