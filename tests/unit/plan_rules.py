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
from strength.plan import Plan, Week
from strength.profile import WEEKDAYS

LEVELS = (Level.beginner, Level.intermediate, Level.advanced)


def _run_on(plan: Plan, day: dt.date) -> str:
    if plan.profile.race is not None and day == plan.profile.race:
        return "race"
    return plan.profile.week[WEEKDAYS[day.weekday()]].value


def _long_run_days(plan: Plan) -> list[dt.date]:
    start = plan.profile.start - dt.timedelta(days=7)
    days = [start + dt.timedelta(days=i) for i in range(7 * (len(plan.weeks) + 2))]
    return [d for d in days if _run_on(plan, d) == "long"]


def _strength(week: Week) -> list:  # type: ignore[type-arg]
    return [s for s in week.sessions if s.kind != "daily"]


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
            if run in ("hard", "race"):
                found.append(f"{where}: strength on a {run} day")
            if rules.no_strength_before_hard and _run_on(plan, day + dt.timedelta(1)) == "hard":
                found.append(f"{where}: strength the day before a hard workout")
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
        if week.race_week and profile.race is not None:
            if len(sessions) > 1:
                found.append(f"race week: {len(sessions)} sessions")
            for session in sessions:
                hours = (profile.race - session.date).days * 24
                if hours <= rules.race_week_free_hours:
                    found.append(f"race week: a session {hours} h before the race")
                heavy = [i.id for i in session.exercises if i.impact != "none"]
                if heavy:
                    found.append(f"race week: impact work {heavy}")
    gap_days = -(-rules.hours_between_leg_sessions // 24)
    for a, b in pairwise(sorted(dates)):
        if (b - a).days < gap_days:
            found.append(f"sessions on {a} and {b}: less than {gap_days * 24} h apart")
    return found


def new_eccentric_violations(plan: Plan) -> list[str]:
    """A new eccentric or plyometric exercise stays 48 h from the long run at first."""
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


def _protocol_areas(week: Week) -> set[str]:
    return {i.areas[0] for s in _strength(week) for i in s.exercises if i.protocol}


def volume_violations(plan: Plan) -> list[str]:
    """At most +10% a week per area between loading weeks; deloads and taper cut 40-60%."""
    rules = plan.profile.rules
    found = []
    last_loading: Week | None = None
    for week in plan.weeks:
        loading = not (week.deload or week.taper or week.heavy_legs)
        if last_loading is None:
            if loading:
                last_loading = week
            continue
        before = volume(last_loading)
        now = volume(week)
        exempt = _protocol_areas(week) | _protocol_areas(last_loading)
        if loading:
            for area, seconds in now.items():
                if area in exempt or area not in before:
                    continue
                if seconds > before[area] * (1 + rules.max_weekly_increase) + 1e-6:
                    found.append(
                        f"week {week.number}: {area} rose {seconds / before[area] - 1:.0%} "
                        f"({before[area]:.0f} s -> {seconds:.0f} s)"
                    )
            last_loading = week
        elif not week.race_week and len(_strength(week)) == len(_strength(last_loading)):
            new = _exercises(week) - _exercises(last_loading)
            if new:
                found.append(f"week {week.number}: new exercises {sorted(new)} in a lighter week")
            total_before = sum(v for a, v in before.items() if a not in exempt)
            total_now = sum(v for a, v in now.items() if a not in exempt)
            if total_before:
                cut = 1 - total_now / total_before
                if not 0.35 <= cut <= 0.65:
                    kind = "taper" if week.taper else "deload"
                    found.append(f"week {week.number}: {kind} cut volume by {cut:.0%}")
    return found


def all_violations(plan: Plan, catalog: Catalog) -> list[str]:
    return [
        *schedule_violations(plan),
        *new_eccentric_violations(plan),
        *dose_violations(plan, catalog),
        *coverage_violations(plan),
        *volume_violations(plan),
    ]
