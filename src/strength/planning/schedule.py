"""Where strength goes in the running week.

Rules (each a setting in `Rules`): never on a hard day or the day before one;
rest days stay rest; the long-run strategy decides the long-run side of the
week; two leg sessions are at least `hours_between_leg_sessions` apart, counted across
the week's end too, because the week repeats. A week whose dates say otherwise (`runs:` in
the profile: a cutback, a tune-up race, a moved long run) gets its own days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations, pairwise

from ..errors import FieldIssue, ProfileError
from ..plan import SessionKind
from ..profile import ANSWER_NAMES, DAY_NAMES, WEEKDAYS, LongRunStrategy, Profile, Run


@dataclass(frozen=True)
class Slot:
    """A weekday that holds a strength session."""

    day: int  # 0 = Monday
    kind: SessionKind
    reason: str
    near_key_run: bool  # within a day of the long run


def _name(day: int) -> str:
    return DAY_NAMES[WEEKDAYS[day % 7]]


RunsOf = Callable[[int, int], Run]  # the run `offset` days after weekday `day` (0 = Monday)


def template(profile: Profile) -> RunsOf:
    """The running week, repeating: the day after Sunday is Monday."""

    def run(day: int, offset: int = 0) -> Run:
        return profile.run_on(day + offset)

    return run


def dated(profile: Profile, first: dt.date) -> RunsOf:
    """The runs of the plan week starting on `first`, with the dates of `runs:` and the
    race: weekday `day` is its date in that week, and `offset` counts calendar days."""

    def run(day: int, offset: int = 0) -> Run:
        date = first + dt.timedelta(days=(day - first.weekday()) % 7 + offset)
        return profile.run_on_date(date)

    return run


def differs(profile: Profile, first: dt.date) -> bool:
    """Whether the plan week starting on `first` (or a day either side) has a dated run."""
    return any(first + dt.timedelta(days=offset) in profile.runs for offset in range(-1, 8))


def _long_day(runs: RunsOf) -> int | None:
    return next((day for day in range(7) if runs(day, 0) is Run.long), None)


def blocked_days(profile: Profile, runs: RunsOf | None = None) -> dict[int, str]:
    """Each day strength may not go, with the rule that keeps it free."""
    runs = runs or template(profile)
    rules, strategy = profile.rules, profile.long_run_strategy
    blocked: dict[int, str] = {}
    for day in range(7):
        run = runs(day, 0)
        if run is Run.race:
            blocked[day] = "a race"
        elif run is Run.rest:
            blocked[day] = "a rest day stays rest"
        elif runs(day, 1) is Run.race:
            blocked[day] = f"the day before a race ({_name(day + 1)})"
        elif rules.no_strength_before_hard and runs(day, 1) is Run.hard:
            blocked[day] = f"the day before a hard workout ({_name(day + 1)})"
        elif run is Run.hard and not rules.strength_after_hard_runs:
            blocked[day] = "a hard-workout day (strength after hard runs is off)"
        elif strategy is LongRunStrategy.day_before and run is Run.long:
            blocked[day] = "the long-run day (your strategy: the day before)"
        elif strategy is LongRunStrategy.same_day and runs(day, 1) is Run.long:
            blocked[day] = "the day before the long run (your strategy: the same day)"
        elif strategy is LongRunStrategy.apart and Run.long in (runs(day, -1), run, runs(day, 1)):
            blocked[day] = "the day before, of or after the long run (your strategy: apart)"
    return blocked


def _min_gap(days: tuple[int, ...]) -> int:
    if len(days) < 2:
        return 7
    ordered = sorted(days)
    gaps = [b - a for a, b in pairwise(ordered)]
    gaps.append(ordered[0] + 7 - ordered[-1])
    return min(gaps)


def weekly_slots(
    profile: Profile, runs: RunsOf | None = None
) -> tuple[tuple[Slot, ...], tuple[str, ...]]:
    """The weekdays that hold strength, and warnings for what the week could not hold: of
    the running week, or of one dated week (`dated`) when its runs differ."""
    runs = runs or template(profile)
    blocked = blocked_days(profile, runs)
    free = [day for day in range(7) if day not in blocked]
    if not free:
        reasons = "; ".join(f"{_name(d)}: {why}" for d, why in sorted(blocked.items()))
        raise ProfileError(
            [
                FieldIssue(
                    "week",
                    f"{ANSWER_NAMES['week']}: there is no day where strength may go "
                    f"({reasons}). Make one day an easy run, or pick another answer for "
                    f"{ANSWER_NAMES['long_run_strategy'].lower()}.",
                )
            ]
        )
    long_day = _long_day(runs)
    anchor = None
    if long_day is not None and profile.long_run_strategy is LongRunStrategy.day_before:
        anchor = (long_day - 1) % 7
    elif long_day is not None and profile.long_run_strategy is LongRunStrategy.same_day:
        anchor = long_day
    wanted = 1 if profile.maintenance else profile.sessions_per_week
    gap = -(-profile.rules.hours_between_leg_sessions // 24)

    best: tuple[int, ...] = ()
    best_key: tuple[int, ...] = ()
    for count in range(min(wanted, len(free)), 0, -1):
        for days in combinations(free, count):
            if _min_gap(days) < gap:
                continue
            key = (
                int(anchor in days),
                _min_gap(days),
                sum(runs(d, 0) is Run.easy for d in days),
                -sum(days),
            )
            if not best or key > best_key:
                best, best_key = days, key
        if best:
            break

    warnings = []
    if anchor is not None and anchor not in best:
        hours = profile.rules.hours_between_leg_sessions
        why = blocked.get(anchor, f"it would leave less than {hours} h between sessions")
        warnings.append(
            f"Your long-run strategy asks for a session on {_name(anchor)}, but {why}: "
            "the sessions go on other days."
        )
    if len(best) < wanted:
        rules = "; ".join(f"{_name(d)}: {why}" for d, why in sorted(blocked.items()))
        warnings.append(
            f"You asked for {wanted} sessions a week; your running week holds {len(best)} "
            f"with at least {profile.rules.hours_between_leg_sessions} h between them "
            f"({rules}). The plan has {len(best)}."
        )
    slots = tuple(_slot(profile, runs, day, anchor, long_day) for day in sorted(best))
    return slots, tuple(warnings)


def _near_key_run(runs: RunsOf, day: int) -> bool:
    """The day before, of or after the long run, where new eccentric work would leave it
    sore."""
    return any(runs(day, offset) is Run.long for offset in (-1, 0, 1))


def _slot(
    profile: Profile, runs: RunsOf, day: int, anchor: int | None, long_day: int | None
) -> Slot:
    run = runs(day, 0)
    name = _name(day)
    if profile.maintenance:
        kind, reason = (
            SessionKind.maintenance,
            (
                f"{name}: one session a week keeps the strength you built "
                "(once a week maintains in-season gains)."
            ),
        )
    elif day == anchor and profile.long_run_strategy is LongRunStrategy.day_before:
        kind = SessionKind.long
        reason = (
            f"{name}, the day before your long run: the longer session, so the long run starts "
            "on tired legs, like the late miles of a race."
        )
    elif day == anchor:
        kind = SessionKind.short
        reason = (
            f"{name}, after your long run: a shorter session on the same day keeps the next "
            "day free to recover."
        )
    else:
        # With the longer session the day before the long run, the others are the short
        # ones; without a long run in the week every session is a full one.
        day_before = profile.long_run_strategy is LongRunStrategy.day_before
        kind = SessionKind.short if day_before and long_day is not None else SessionKind.long
        after = f"after your {run.value} run" if run is not Run.rest else "on a day off running"
        if run is Run.hard:
            kind = SessionKind.after_hard
            after = "after your hard workout, the same day (hard days hard, easy days easy)"
        reason = f"{name}: {after}, with no hard workout the next day"
        if long_day is not None and profile.long_run_strategy is LongRunStrategy.apart:
            reason += ", and a day clear of the long run either side"
        reason += "."
    return Slot(day, kind, reason, _near_key_run(runs, day))
