"""The engine's rules, checked from the outside: a plan in, every broken rule out.

Written against the plan a runner reads (dates, runs, doses), not the builder's
internals, so a bug in the builder cannot hide itself here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from strength.catalog import Catalog
from strength.model import Level
from strength.plan import Plan, Prescription, Week
from strength.planning.progression import LOAD_EQUIPMENT, LOAD_STEPS
from strength.profile import WEEKDAYS

LEVELS = (Level.beginner, Level.intermediate, Level.advanced)


def _run_on(plan: Plan, day: dt.date) -> str:
    """The run on a date: the race, a date the runner gave (`runs:`), else the week."""
    if plan.profile.race is not None and day == plan.profile.race:
        return "race"
    if day in plan.profile.runs:
        return plan.profile.runs[day].value
    return plan.profile.week[WEEKDAYS[day.weekday()]].value


def _long_run_days(plan: Plan) -> list[dt.date]:
    start = plan.profile.start - dt.timedelta(days=7)
    days = [start + dt.timedelta(days=i) for i in range(7 * (len(plan.weeks) + 2))]
    return [d for d in days if _run_on(plan, d) == "long"]


def _strength(week: Week) -> list:  # type: ignore[type-arg]
    return [s for s in week.sessions if s.kind != "daily"]


def _loaded(item: Prescription) -> bool:
    return item.load in LOAD_STEPS or item.load in LOAD_EQUIPMENT


def volume(week: Week, areas: set[str] | None = None) -> dict[str, float]:
    """Seconds of work per area (an exercise counts for the weakness it serves)."""
    out: dict[str, float] = defaultdict(float)
    for session in _strength(week):
        for item in session.exercises:
            if areas is None or item.areas[0] in areas:
                out[item.areas[0]] += item.volume_seconds()
    return dict(out)


def schedule_violations(plan: Plan) -> list[str]:
    """Hard days, rest days, the long-run strategy, 48 h between sessions, the race."""
    profile, rules = plan.profile, plan.profile.rules
    found = []
    longs = _long_run_days(plan)
    dates = []
    for week in plan.weeks:
        sessions = _strength(week)
        limit = 1 if profile.maintenance else profile.sessions_per_week
        if len(sessions) > limit:
            found.append(f"week {week.number}: {len(sessions)} sessions, asked for {limit}")
        for session in sessions:
            day, run = session.date, _run_on(plan, session.date)
            where = f"week {week.number} {day} ({session.weekday})"
            dates.append(day)
            if run == "rest":
                found.append(f"{where}: strength on a rest day")
            if run == "race" or (run == "hard" and not rules.strength_after_hard_runs):
                found.append(f"{where}: strength on a {run} day")
            after = _run_on(plan, day + dt.timedelta(1))
            if rules.no_strength_before_hard and after == "hard":
                found.append(f"{where}: strength the day before a hard workout")
            if after == "race":
                found.append(f"{where}: strength the day before a race")
            strategy = profile.long_run_strategy.value
            gaps = [(day - long).days for long in longs]
            if strategy == "day_before" and 0 in gaps:
                found.append(f"{where}: on the long-run day, strategy day_before")
            if strategy == "same_day" and -1 in gaps:
                found.append(f"{where}: the day before the long run, strategy same_day")
            if strategy == "apart" and {-1, 0, 1} & set(gaps):
                found.append(f"{where}: within 48 h of the long run, strategy apart")
            if session.run != run and run != "race":
                found.append(f"{where}: says the run is {session.run}, the week says {run}")
            if session.minutes > profile.minutes_per_session:
                found.append(
                    f"{where}: {session.minutes} min, more than {profile.minutes_per_session}"
                )
        if profile.race is not None:
            for session in sessions:
                hours = (profile.race - session.date).days * 24
                if 0 < hours <= rules.race_week_free_hours:
                    found.append(f"week {week.number}: a session {hours} h before the race")
        if week.race_week and profile.race is not None:
            if len(sessions) > 1:
                found.append(f"race week: {len(sessions)} sessions")
            for session in sessions:
                hours = (profile.race - session.date).days * 24
                if hours <= rules.race_week_free_hours:
                    found.append(f"race week: a session {hours} h before the race")
                heavy = [i.id for i in session.exercises if i.impact != "none" or _loaded(i)]
                if heavy:
                    found.append(f"race week: impact or loaded work {heavy}")
    gap_days = -(-rules.hours_between_leg_sessions // 24)
    for a, b in pairwise(sorted(dates)):
        if (b - a).days < gap_days:
            found.append(f"sessions on {a} and {b}: less than {gap_days * 24} h apart")
    return found


def new_eccentric_violations(plan: Plan) -> list[str]:
    """A new eccentric or plyometric exercise stays 48 h from the long run at first
    (but for a published protocol's weeks: its own ramp is the introduction)."""
    weeks = plan.profile.rules.new_eccentric_weeks
    longs = _long_run_days(plan)
    first: dict[str, int] = {}
    found = []
    for week in plan.weeks:
        for session in _strength(week):
            for item in session.exercises:
                first.setdefault(item.id, week.number)
                if item.impact == "none" or week.number - first[item.id] >= weeks:
                    continue
                if item.protocol:
                    continue
                if any(abs((session.date - long).days) <= 1 for long in longs):
                    found.append(
                        f"week {week.number} {session.date}: new {item.impact} exercise "
                        f"{item.id} within 48 h of the long run"
                    )
    return found


def dose_violations(plan: Plan, catalog: Catalog) -> list[str]:
    """Equipment, level, plyometrics, imbalance, the taper adding nothing new."""
    profile = plan.profile
    found = []
    seen_before_taper: set[str] = set()
    for week in plan.weeks:
        for session in _strength(week):
            for item in session.exercises:
                exercise = catalog[item.id]
                where = f"week {week.number} {session.date} {item.id}"
                missing = set(exercise.equipment) - set(profile.equipment)
                if missing:
                    found.append(f"{where}: needs {sorted(missing)} the runner lacks")
                if LEVELS.index(exercise.level) > LEVELS.index(profile.level) + 1:
                    found.append(f"{where}: a {exercise.level} rung for a {profile.level}")
                if item.impact == "plyometric":
                    if LEVELS.index(profile.level) < LEVELS.index(profile.rules.plyometrics_from):
                        found.append(f"{where}: plyometrics for a {profile.level}")
                    if week.phase not in ("strength_power", "taper"):
                        found.append(f"{where}: plyometrics in the {week.phase} phase")
                weaker = next((profile.imbalance[a] for a in item.areas if a in profile.imbalance),
                              None)  # fmt: skip
                if item.per_side and weaker and item.extra_set_side != weaker:
                    found.append(f"{where}: no extra set for the weaker {weaker} side")
                if week.taper and item.id not in seen_before_taper:
                    found.append(f"{where}: a new exercise in the taper")
                if item.tempo and item.eccentric_s is not None:
                    lowering = int(item.tempo.split("-")[0])
                    if lowering != item.eccentric_s:
                        found.append(f"{where}: {item.eccentric_s} s lowering, tempo {item.tempo}")
                if not week.taper:
                    seen_before_taper.add(item.id)
    return found


def coverage_violations(plan: Plan) -> list[str]:
    """Every weakness gets work every week but race week, or a warning names it."""
    found = []
    warned = " ".join(plan.warnings).lower()
    for week in plan.weeks:
        if week.race_week:
            continue
        worked = {item.areas[0] for s in _strength(week) for item in s.exercises}
        for area in plan.profile.weaknesses:
            name = plan.area_name(area).lower()
            if area not in worked and name not in warned and area.replace("_", " ") not in warned:
                found.append(f"week {week.number}: nothing for {area}, and no warning says why")
    return found


def _exercises(week: Week) -> set[str]:
    return {i.id for s in _strength(week) for i in s.exercises}


def _protocol_volume(week: Week) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for session in _strength(week):
        for item in session.exercises:
            if item.protocol:
                out[item.id] += item.volume_seconds()
    return dict(out)


def _by_exercise(week: Week) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = defaultdict(float)
    for session in _strength(week):
        for item in session.exercises:
            if not item.protocol:
                out[(item.areas[0], item.id)] += item.volume_seconds()
    return dict(out)


def _units(week: Week) -> dict[tuple[str, str], float]:
    """What one step adds up to: the reps of every set (one more rep on one set), or the
    seconds, contacts or metres of one set (one more on each set)."""
    out: dict[tuple[str, str], float] = {}
    for session in _strength(week):
        for item in session.exercises:
            if item.reps is not None:
                count = float(sum(item.reps))
            else:
                count = float(item.hold_s or item.contacts or item.distance_m or 1)
            out.setdefault((item.areas[0], item.id), max(count, 1.0))
    return out


def volume_violations(plan: Plan) -> list[str]:
    """Between loading weeks an exercise's weekly work rises by at most the cap (one rep or
    second more is always allowed: the smallest step a dose can take); a harder exercise
    may come in at less. A deload or taper week does at most 70% of the last loading
    week's work, no area rising, nothing new."""
    rules = plan.profile.rules
    found = []
    last_loading: Week | None = None
    counts = [len(_strength(w)) for w in plan.weeks if not (w.deload or w.taper)]
    usual = max(counts, default=0)
    seen: set[str] = set()
    for week in plan.weeks:
        loading = not (week.deload or week.taper or week.heavy_legs)
        done_before, seen = seen, seen | _exercises(week)
        if not loading and last_loading is not None and not week.race_week:
            # A protocol pauses in a lighter week: its dose is cut like everything else
            # (against the last ordinary loading week, as every lighter week is).
            protocol_before = _protocol_volume(last_loading)
            for exercise_id, seconds in _protocol_volume(week).items():
                was = protocol_before.get(exercise_id)
                if was and seconds > 0.70 * was + 1e-6:
                    found.append(
                        f"week {week.number}: the protocol of {exercise_id} keeps "
                        f"{seconds / was:.0%} of the loading week before in a lighter week"
                    )
        fewer = len(_strength(week)) < usual
        if loading and plan.profile.runs and (_own_days(plan, week) or fewer):
            continue  # a week with runs on given dates has days of its own: no measure
        if last_loading is None:
            if loading:
                last_loading = week
            continue
        before, now = _by_exercise(last_loading), _by_exercise(week)
        units = _units(last_loading)
        if loading:
            for key, seconds in now.items():
                if key not in before:
                    continue
                allowed = before[key] * (1 + rules.max_weekly_increase)
                smallest = before[key] / units[key] * 1.01  # one rep or second more
                if seconds > max(allowed, before[key] + smallest) + 1e-6:
                    found.append(
                        f"week {week.number}: {key[1]} rose {seconds / before[key] - 1:.0%} "
                        f"({before[key]:.0f} s -> {seconds:.0f} s)"
                    )
            last_loading = week
        elif not week.race_week and len(_strength(week)) == len(_strength(last_loading)):
            new = _exercises(week) - done_before  # never done before in the plan
            if new:
                found.append(f"week {week.number}: new exercises {sorted(new)} in a lighter week")
            areas_before, areas_now = volume(last_loading), volume(week)
            for area, seconds in areas_now.items():
                if seconds > areas_before.get(area, 0.0) + 1e-6:
                    found.append(f"week {week.number}: {area} rose in a lighter week")
            total_before = sum(before.values())
            total_now = sum(now.values())
            if total_before and total_now > 0.70 * total_before + 1e-6:
                kind = "taper" if week.taper else "deload"
                found.append(
                    f"week {week.number}: the {kind} keeps {total_now / total_before:.0%} "
                    "of the last loading week"
                )
    return found


def _dose_key(item: Prescription) -> tuple[object, ...]:
    return (item.sets, item.reps, item.hold_s, item.eccentric_s, item.tempo, item.contacts,
            item.distance_m, item.load)  # fmt: skip


def _own_days(plan: Plan, week: Week) -> bool:
    """A week with runs on given dates (or beside one) has days of its own."""
    window = {week.start + dt.timedelta(days=n) for n in range(-1, 8)}
    return bool(window & set(plan.profile.runs))


def _lowering(item: Prescription) -> int:
    if item.tempo:
        return int(item.tempo.split("-")[0])
    return item.eccentric_s or 0


def progress_violations(plan: Plan, catalog: Catalog) -> list[str]:
    """No exercise keeps one dose for 4 loading weeks in a row (unless the plan says it is
    the top of its ladder, or the runner is in season); over 12 or more loading weeks
    every weak link gets harder (a rung, added load or, at the top of the runner's ladder,
    a slower lowering) unless it started at the top."""
    if plan.profile.maintenance:
        return []
    found = []
    warned = " ".join(plan.warnings)
    streak: dict[tuple[str, str], tuple[tuple[object, ...], int]] = {}
    loading = [w for w in plan.weeks if w.loading and not _own_days(plan, w)]
    for week in loading:
        this_week: dict[tuple[str, str], Prescription] = {}
        full: set[tuple[str, str]] = set()
        for session in _strength(week):
            for item in session.exercises:
                if not item.protocol:
                    this_week.setdefault((item.areas[0], item.id), item)
                if len(session.exercises) == 1 and "session is full" in item.why:
                    full.add((item.areas[0], item.id))  # a lone exercise, minutes all used
        for key, item in this_week.items():
            old, count = streak.get(key, (None, 0))
            dose = _dose_key(item)
            count = count + 1 if old == dose else 1
            streak[key] = (dose, count)
            said = f"Your sessions are full: {item.name} holds its dose" in warned
            if count >= 4 and "top of this ladder" not in item.why and key not in full and not said:
                found.append(
                    f"week {week.number}: {item.id} at {plan.dose(item)} for {count} "
                    "loading weeks in a row"
                )
    if len(loading) >= 12:
        for area in plan.profile.weaknesses:
            first = [i for s in _strength(loading[0]) for i in s.exercises if i.areas[0] == area]
            later = [i for w in loading[1:] for s in _strength(w) for i in s.exercises
                     if i.areas[0] == area]  # fmt: skip
            if not first or any(i.protocol for i in first + later):
                continue
            if all(catalog.harder(i.id) is None for i in first):
                continue
            if all("session is full" in i.why for i in later[-3:]) and any(
                "hold one exercise" in w for w in plan.warnings
            ):
                continue  # the minutes hold one exercise, and the plan says so
            if any(f"Your sessions are full: {i.name} " in warned for i in first + later):
                continue  # the minutes are the limit, and the plan says so
            if all("stands in" in i.why.lower() for i in later):
                continue  # its own exercise never could start (all sessions by the long run)
            climbed = {i.id for i in later} - {i.id for i in first}
            loaded = any(i.load in LOAD_STEPS for i in later)
            slower = max(_lowering(i) for i in later) > max(_lowering(i) for i in first)
            if not climbed and not loaded and not slower:
                found.append(f"{area}: no harder rung or load in {len(loading)} loading weeks")
    return found


def session_violations(plan: Plan, catalog: Catalog) -> list[str]:
    """A warm-up first; hops first; no two exercises of one ladder or swap group; no
    session of a single exercise outside race week (or a warning says why)."""
    found = []
    warned = " ".join(plan.warnings)
    for week in plan.weeks:
        for session in _strength(week):
            where = f"week {week.number} {session.date}"
            few = plan.profile.rules.warm_up_minutes and len(session.warm_up) < 4
            if few and "warm-up movements" not in warned:
                found.append(f"{where}: a warm-up of {len(session.warm_up)} movements")
            kinds = [i.impact == "plyometric" for i in session.exercises]
            if kinds != sorted(kinds, reverse=True):
                found.append(f"{where}: hops after other work")
            seen: set[str] = set()
            for item in session.exercises:
                family = {r.id for r in catalog.ladder(item.id)} | set(catalog[item.id].swaps)
                if family & seen:
                    found.append(f"{where}: {item.id} shares a ladder or swap group")
                seen |= family | {item.id}
            running = {i.areas[0] for i in session.exercises
                       if i.protocol and "maintenance" not in i.protocol}  # fmt: skip
            for item in session.exercises:
                if item.areas[0] in running and not item.protocol:
                    found.append(f"{where}: {item.id} beside its area's running protocol")
            single = len(session.exercises) == 1
            said = "hold one exercise" in warned or f"Week {week.number}: " in warned
            if single and not week.race_week and not said:
                found.append(f"{where}: a session of one exercise")
    return found


def race_violations(plan: Plan) -> list[str]:
    """Nothing is done for the first time within `no_new_exercise_days` of the race."""
    race = plan.profile.race
    if race is None:
        return []
    days = plan.profile.rules.no_new_exercise_days
    found = []
    first: dict[str, dt.date] = {}
    for session in plan.strength_sessions():
        for item in session.exercises:
            first.setdefault(item.id, session.date)
    for exercise, date in first.items():
        if (race - date).days < days:
            found.append(f"{exercise} first done {(race - date).days} days before the race")
    return found


def all_violations(plan: Plan, catalog: Catalog) -> list[str]:
    return [
        *schedule_violations(plan),
        *new_eccentric_violations(plan),
        *dose_violations(plan, catalog),
        *coverage_violations(plan),
        *volume_violations(plan),
        *progress_violations(plan, catalog),
        *session_violations(plan, catalog),
        *race_violations(plan),
    ]
