"""What a runner may wonder about a whole plan, answered from the plan itself: why the
sessions are shorter than the minutes they gave, what to do when a race is too close
for any strength work, and what would give the week the sessions it lacks. Every number
is read from the plan and its profile."""

from __future__ import annotations

import datetime as dt

from .errors import ProfileError
from .plan import Plan, Session
from .planning.after_race import next_block_start
from .planning.schedule import weekly_slots
from .planning.selection import short_minutes
from .profile import ANSWER_NAMES, Profile
from .words import date_words

FULL = 0.85  # a session this close to its minutes counts as full


def _strength(plan: Plan) -> list[tuple[int, Session]]:
    return [
        (week.number, session)
        for week in plan.weeks
        if not (week.deload or week.taper or week.race_week or week.heavy_legs)
        for session in week.sessions
        if session.kind != "daily"
    ]


def minutes_note(plan: Plan) -> str | None:
    """Why sessions are shorter than the minutes asked, or None when they fill them."""
    asked, rules = plan.profile.minutes_per_session, plan.profile.rules
    loading = _strength(plan)
    if not loading:
        return None
    parts: list[str] = []
    longest = max(session.minutes for _, session in loading)
    full_sessions = [(n, s) for n, s in loading if s.kind != "short"]
    short = [s for _, s in loading if s.kind == "short"]
    if short:
        parts.append(
            f"Short sessions (the days beside your long run) are planned at "
            f"about {round(rules.short_session_share * 100)}% of your {asked} minutes, up to "
            f"{short_minutes(rules, asked)}."
        )
    target = asked if full_sessions else short_minutes(rules, asked)
    first_week = min(number for number, _ in loading)
    first = max(s.minutes for n, s in loading if n == first_week)
    reached = next(
        (n for n, s in loading if s.minutes >= FULL * (asked if s.kind != "short" else target)),
        None,
    )
    if longest < FULL * target:
        parts.append(
            f"Your sessions stay under the {target} minutes they could take (at most "
            f"{longest}): the exercises for your weak links at your level fill no more. "
            "Add a weak link, or keep the spare minutes for mobility or an easy jog."
        )
    elif reached is not None and reached > first_week and first < FULL * target:
        parts.append(
            f"The first week's sessions take up to {first} minutes and grow into your "
            f"{target} by week {reached}: the early weeks are for learning the movements."
        )
    return " ".join(parts) or None


def too_close_to_race(plan: Plan) -> str | None:
    """When the plan holds no strength session because the race is too near: what to do."""
    race = plan.profile.race
    if race is None or any(session.kind != "daily" for session in plan.sessions()):
        return None
    days = (race - plan.profile.start).days
    when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
    return (
        f"Your race ({date_words(race)}) is {when}: too close to start strength work, since "
        "nothing new goes in before a race. Rest, race well, and start the plan after it: "
        f"{date_words(after_race(plan.profile))}, once your legs have recovered."
    )


def after_race(profile: Profile) -> dt.date:
    """The first day of a plan that starts after the profile's race: the Monday after its
    recovery days."""
    start = next_block_start(profile)
    if start is None:
        raise ValueError("a plan without a race has no day after it")
    return start


def _sessions_held(profile: Profile) -> int:
    """How many sessions the running week holds under the profile's rules."""
    try:
        slots, _ = weekly_slots(profile)
    except ProfileError:  # no day at all where strength may go
        return 0
    return len(slots)


def after_hard_runs_offer(profile: Profile) -> str | None:
    """When the running week holds fewer sessions than asked and strength after hard runs
    would give it more: the sentence that says so. None when the rule is already on, the
    week holds what was asked, or the rule would not help."""
    if profile.rules.strength_after_hard_runs:
        return None
    wanted = 1 if profile.maintenance else profile.sessions_per_week
    held = _sessions_held(profile)
    if held >= wanted:
        return None
    rules = profile.rules.model_copy(update={"strength_after_hard_runs": True})
    more = min(_sessions_held(profile.model_copy(update={"rules": rules})), wanted)
    if more <= held:
        return None
    rule = ANSWER_NAMES["rules.strength_after_hard_runs"].lower()
    return (
        f"Your running week holds {held} of the {wanted} sessions a week you asked for. "
        f"With {rule} (a session on a hard-workout day, after the run, so the hard days are "
        f"hard and the easy days stay easy), it holds {more}."
    )
