"""The builder: a runner's profile and the catalog in, a week-by-week plan out.

Deterministic: the same profile and catalog always give the same plan. Every
choice carries its reason, and every rule the week could not keep is a warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass, replace

from ..browse import ordinal, percent
from ..catalog import Catalog
from ..errors import FieldIssue, ProfileError
from ..model import Exercise, Impact, ProtocolStep
from ..plan import (
    PHASE_NAMES,
    PHASE_PURPOSE,
    Day,
    ExerciseNotes,
    Plan,
    Prescription,
    Session,
    Week,
    exercise_seconds,
)
from ..profile import ANSWER_NAMES, WEEKDAYS, Profile, Rules
from .phases import FOUNDATION, STRENGTH, TAPER, WeekShape, week_shapes
from .progression import Load, add_load, cut_volume, level_allows, step_up
from .schedule import Slot, weekly_slots
from .selection import (
    Build,
    Track,
    assign_sessions,
    choose_tracks,
    fill_spare_time,
    prescribe,
    stand_in,
)

LOAD_EQUIPMENT = ("dumbbell", "kettlebell", "backpack")


def build_plan(profile: Profile, catalog: Catalog) -> Plan:
    """The whole plan, week by week; raises ProfileError naming the field at fault."""
    _check_against_catalog(profile, catalog)
    slots, slot_warnings = weekly_slots(profile)
    build = Build(profile, catalog, slots, list(slot_warnings))
    tracks = choose_tracks(build)
    assign_sessions(build, tracks)
    fill_spare_time(build, tracks)

    weeks = []
    previous: dict[str, float] = {}  # each area's volume in the last loading week
    for shape in week_shapes(profile):
        if shape.loading and shape.number > 1:
            _progress(build, tracks, shape, previous)
        _keep_within_caps(build, tracks, shape, previous if shape.loading else None)
        placements = [_place(build, track, tracks, shape, explain=True) for track in tracks]
        week = _make_week(build, shape, placements)
        if shape.loading:
            previous = _area_volume(placements)
        for placement in placements:
            if placement is None:
                continue
            track = placement.track
            track.first_use.setdefault(placement.item.id, shape.number)
            if shape.loading:
                track.loading_slots = placement.slots
            if placement.item.id == track.exercise.id and not shape.heavy_legs:
                track.protocol_week += 1
        weeks.append(week)
    _daily_sessions(profile, catalog, weeks, build)
    return Plan(
        profile=profile,
        warnings=tuple(build.warnings),
        weeks=tuple(weeks),
        area_names=tuple((a, area.name) for a, area in catalog.vocabulary.areas.items()),
        equipment_names=tuple(catalog.vocabulary.equipment.items()),
        glossary=_glossary(catalog, weeks),
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
    wanted = track.sessions
    if step is not None and step.sessions and not shape.taper:
        wanted = _protocol_sessions(track, step.sessions, len(build.slots))
    first = track.first_use.get(exercise.id, shape.number)
    new = shape.number - first < profile.rules.new_eccentric_weeks
    slots = _away_from_long_run(exercise, new, wanted, build.slots)
    note = ""
    if not slots and wanted:
        # Every session this week sits next to the long run: a gentler exercise stands in.
        gentler = stand_in(build, track, tracks)
        if gentler is None:
            if explain:
                build.warn(
                    f"{exercise.name} ({build.area_name(track.area)}) is new and eccentric: "
                    f"for its first {profile.rules.new_eccentric_weeks} weeks it stays 48 h from "
                    "the long run, and your sessions are all next to it, so it waits."
                )
            return None
        exercise, step, slots = gentler, None, wanted
        load = cut_volume(track.load_for(gentler, profile.level), shape.cut)
        note = "stands in while the new eccentric exercise stays away from the long run"
    if (shape.deload or shape.taper) and track.loading_slots is not None:
        slots = tuple(slot for slot in slots if slot in track.loading_slots) or slots
    why = _why(build, track, exercise, shape, note) if explain else ""
    item = prescribe(profile, track, exercise, load, why, step)
    return _Placement(track, exercise, slots, item, step is not None)


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
        (shape.phase == STRENGTH and (shape.loading or started)) or (shape.taper and started)
    )
    if track.prep is not None and not plyometrics_due:
        exercise = track.prep
        load = track.load_for(exercise, level)
    if exercise.protocol:
        step = exercise.protocol.step_for(track.protocol_week)
        if shape.taper and exercise.protocol.maintenance:
            step = exercise.protocol.maintenance
        if step is not None:
            load = Load.from_protocol(step, track.start)
            if shape.heavy_legs:
                load = cut_volume(load, shape.cut)
            return exercise, load, step
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


def _too_much(build: Build, volume: float, before: float | None) -> bool:
    cap = 1 + build.profile.rules.max_weekly_increase
    return before is not None and volume > before * cap + 1e-6


def _progress(
    build: Build, tracks: list[Track], shape: WeekShape, previous: dict[str, float]
) -> None:
    """Move one lever on each track, within the 10% cap and the session's minutes."""
    profile = build.profile
    placements = [_place(build, track, tracks, shape) for track in tracks]
    for i, track in enumerate(tracks):
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
        trial = [*placements[:i], _place(build, track, tracks, shape), *placements[i + 1 :]]
        if _fits(build, trial, previous, track):
            placements = trial
            continue
        climbed = track.index != before[0]
        track.index, track.load, track.start = before
        track.change = (
            "holding the dose before the next rung"
            if climbed
            else "holding the dose: a step up would break the weekly cap"
        )


def _fits(
    build: Build, placements: list[_Placement | None], previous: dict[str, float], track: Track
) -> bool:
    """The track's area stays within +10% and its sessions within their planned minutes."""
    volume = _area_volume(placements)
    if _too_much(build, volume.get(track.area, 0.0), previous.get(track.area)):
        return False
    for s, placed in _by_slot(placements).items():
        mine = any(p.track is track for p in placed)
        if mine and _session_minutes(build, [p.item for p in placed]) > build.capacity[s]:
            return False
    return True


def _can_climb(profile: Profile, track: Track) -> bool:
    if track.index + 1 >= len(track.rungs):
        return False
    rung = track.rungs[track.index + 1]
    return level_allows(rung.level, profile.level)


def _keep_within_caps(
    build: Build, tracks: list[Track], shape: WeekShape, previous: dict[str, float] | None
) -> None:
    """Trim what a change of exercise made too big (a new rung, the hops arriving, a
    stand-in stepping aside): the area's weekly rise and every session's minutes.

    Trimming lowers the track's dose for good, so the next weeks build from there."""
    limit = build.profile.minutes_per_session
    for _ in range(100):
        placements = [_place(build, track, tracks, shape) for track in tracks]
        volume = _area_volume(placements)
        over = [
            area
            for area, seconds in volume.items()
            if previous is not None and _too_much(build, seconds, previous.get(area))
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
            if _session_minutes(build, [p.item for p in placed]) > limit
        ]
        if not crowded:
            return
        s, placed = crowded[0]
        candidates = sorted(
            (p for p in placed if not p.protocol),
            key=lambda p: (p.track.extra, p.track.rank),
            reverse=True,
        )
        if not any(_trim(build, p, 0.25) for p in candidates):
            if not candidates:
                return
            _drop(build, tracks, candidates[0].track, s)


def _trim(build: Build, placement: _Placement, cut: float) -> bool:
    """A lighter dose for the exercise the track shows this week; False at the floor."""
    track, exercise = placement.track, placement.exercise
    load = track.load_for(exercise, build.profile.level)
    lighter = cut_volume(load, cut)
    if lighter == load:
        return False
    track.set_load(exercise, lighter)
    if exercise.id == track.exercise.id:
        track.change = "a lighter dose, to keep the week within its caps"
    return True


def _drop(build: Build, tracks: list[Track], track: Track, slot: int) -> None:
    """The session cannot hold this exercise even at its lightest: it leaves that session."""
    track.sessions = tuple(s for s in track.sessions if s != slot)
    if not track.sessions or slot not in range(len(build.slots)):
        tracks.remove(track)
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
    days = tuple(
        Day(d, WEEKDAYS[d.weekday()], "race" if d == profile.race else profile.run_on(d.weekday()))
        for d in dates
    )
    by_weekday = {d.weekday(): d for d in dates}
    latest = None
    if shape.race_week and profile.race is not None:
        latest = profile.race - dt.timedelta(days=profile.rules.race_week_free_hours // 24 + 1)

    placed = _by_slot(placements)
    sessions = []
    for s, slot in enumerate(build.slots):
        date = by_weekday.get(slot.day)
        if date is None or s not in placed or date == profile.race:
            continue
        if latest is not None and date > latest:
            continue
        items = sorted((p.item for p in placed[s]), key=lambda item: _rank_of(profile, item))
        kind, reason = slot.kind, slot.reason
        if shape.race_week:
            kind = "short"
            items = [i for i in items if i.impact == "none"]
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
        note=_week_note(shape, profile.rules),
    )


def _rank_of(profile: Profile, item: Prescription) -> tuple[int, str]:
    ranks = {area: i for i, area in enumerate(profile.weaknesses)}
    return (min((ranks.get(a, 99) for a in item.areas), default=99), item.id)


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
    elif note:
        parts.append(note[0].upper() + note[1:] + ".")
    elif shape.number > 1:
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


def _daily_sessions(profile: Profile, catalog: Catalog, weeks: list[Week], build: Build) -> None:
    """Daily rehab protocols (e.g. heel drops twice a day) appear as daily entries."""
    for exercise_id in profile.daily:
        exercise = catalog[exercise_id]
        assert exercise.protocol is not None
        build.warn(
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
                track = Track(
                    exercise.areas[0], 0, (exercise,), 0, load, load, protocol_week=protocol_week
                )
                why = (
                    f"{step.per_day} times a day, every day: week {protocol_week} of "
                    f"{exercise.protocol.length} of {exercise.protocol.name}."
                )
                item = prescribe(profile, track, exercise, load, why, step)
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
