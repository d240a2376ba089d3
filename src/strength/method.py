"""The method in sentences: what every plan promises, with its numbers read from `Rules`.

One home for the words the printed cover and the Method page share, so neither can
promise what the engine does not do (strength on a rest day) or quote a number a coach
has since changed (a fixed "48 h", "about half"). Plain text: where a number matters,
`strong` wraps it (the Method page passes a Markdown bold, a PDF prints it as it is).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .browse import ordinal, percent
from .planning.builder import TOP_RUNG_FROM_WEEK
from .profile import Rules


@dataclass(frozen=True)
class Principle:
    """One thing to remember: a short title and a sentence or two."""

    title: str
    text: str


Emphasis = Callable[[str], str]


def plain(text: str) -> str:
    """No emphasis: printed as it is."""
    return text


def _weeks(count: int) -> str:
    return f"{count} week{'s' if count != 1 else ''}"


def weekly_cap(rules: Rules, strong: Emphasis = plain) -> str:
    """The 10% rule (or the coach's), as a clause: it starts in lower case."""
    return (
        f"an area's weekly volume rises by at most {strong(percent(rules.max_weekly_increase))} "
        "over the last loading week"
    )


def deload(rules: Rules, strong: Emphasis = plain) -> str:
    """The deload rule as a clause (lower case, no full stop): the cover goes on after it."""
    if not rules.deload_every:
        return "no week is a planned deload: mark a week as heavy legs to make it one"
    return (
        f"every {strong(ordinal(rules.deload_every) + ' week')} is a deload: the same exercises "
        f"on the same days with about {strong(percent(rules.deload_cut))} less volume"
    )


def progression(rules: Rules, strong: Emphasis = plain) -> str:
    """How a dose climbs and when an exercise gets harder, in the rules' numbers."""
    reps, hold, loaded = rules.rep_range, rules.hold_range_s, rules.loaded_rep_range
    return (
        "Each exercise climbs in small steps, a rep or a second more a week and at most "
        f"{strong(percent(rules.max_weekly_increase))} more work, through its range (sets of "
        f"{reps[0]}-{reps[1]} reps, holds of {hold[0]}-{hold[1]} s, unless the catalog gives "
        "the exercise its own). At the top of the range it gets harder instead: the next "
        "rung of its ladder, started at the bottom of its range; at the top of the ladder, "
        f"added load for a runner who owns weights (sets of {loaded[0]}-{loaded[1]} reps), "
        "then a slower lowering. A ladder's top rung is never done in the first "
        f"{TOP_RUNG_FROM_WEEK - 1} weeks, and nothing new starts in a lighter week or within "
        f"{strong(f'{rules.no_new_exercise_days} days')} of a race."
    )


def heavy_legs() -> str:
    return "A week you mark as heavy legs becomes a deload; progress resumes where it stopped."


def where_sessions_go(rules: Rules) -> tuple[str, ...]:
    """The placement rules the scheduler keeps, one sentence each (`schedule.blocked_days`)."""
    hard = "Never on a hard-workout day"
    if rules.no_strength_before_hard:
        hard += " or the day before one"
    return (
        hard + ".",
        f"At least {rules.hours_between_leg_sessions} h between two sessions, counted across "
        "the end of the week too, because the week repeats.",
        "Rest days stay rest: no session goes on a day off running (a daily rehab dose you "
        "ask for is the one exception, done every day).",
        "After the run on a day with both: run first, then strength.",
    )


def strength_days(rules: Rules) -> str:
    """Where strength goes, in a sentence: the cover's reminder."""
    before = " or the day before one" if rules.no_strength_before_hard else ""
    gap = (
        f"with at least {rules.hours_between_leg_sessions} h between sessions. Rest days stay rest."
    )
    if rules.strength_after_hard_runs:
        never = f", never the day before one, {gap}" if before else f", {gap}"
        return (
            "Strength goes after an easy run or, as you chose, after a hard workout on the "
            f"same day (hard days hard){never}"
        )
    return (
        "Strength goes after an easy run (or after the long run, if you chose the same day), "
        f"never on a hard-workout day{before}, {gap}"
    )


def new_eccentric(rules: Rules) -> str:
    if not rules.new_eccentric_weeks:
        return "A new eccentric or plyometric exercise may go next to the long run at once."
    return (
        f"For its first {_weeks(rules.new_eccentric_weeks)} a new eccentric or plyometric "
        "exercise stays off the days next to the long run; if every session is next to it, a "
        "gentler exercise for the same weakness stands in."
    )


def taper(rules: Rules, race: bool = True, strong: Emphasis = plain) -> str:
    """The taper; without a race it is advice for any race the runner enters."""
    if not rules.taper_weeks:
        return "There is no taper: the plan keeps its dose up to the end."
    if not race:
        return (
            f"Before a race, cut the volume for {_weeks(rules.taper_weeks)}, by up to about "
            f"{percent(rules.taper_cut)}, and add nothing new."
        )
    return (
        f"The last {strong(_weeks(rules.taper_weeks))} before the race cut the volume step by "
        f"step, to about {strong(percent(rules.taper_cut))} less in race week, with the same "
        "exercises and nothing new."
    )


def race_week(rules: Rules, strong: Emphasis = plain) -> str:
    return (
        f"Race week has at most {strong('one short session')}, with no hops and no eccentric "
        f"work, and nothing in the last {strong(f'{rules.race_week_free_hours} h')} before "
        "the race."
    )


def principles(rules: Rules, race: bool = True) -> tuple[Principle, ...]:
    """The four things a runner should remember, in the plan's own numbers."""
    return (
        Principle(
            "Build slowly",
            f"Small steps: {weekly_cap(rules)}; {deload(rules)}. Do what the card says, not more.",
        ),
        Principle(
            "Form first",
            "Stop the set when the form breaks. On a bad day take the easier option in the "
            "glossary; take the harder one only when the last set feels easy.",
        ),
        Principle("Never before hard days", strength_days(rules)),
        Principle(
            "Taper",
            taper(rules, race)
            + (f" {race_week(rules)}" if race else "")
            + ("" if race else f" Nothing in the last {rules.race_week_free_hours} h before it."),
        ),
    )


__all__ = [
    "Emphasis",
    "Principle",
    "deload",
    "heavy_legs",
    "new_eccentric",
    "plain",
    "principles",
    "progression",
    "race_week",
    "strength_days",
    "taper",
    "weekly_cap",
    "where_sessions_go",
]
