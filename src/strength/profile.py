"""The runner's profile: what they train for, their week, their weak links.

The field names are an external contract (YAML files, the CLI, the URL): keep
them. Every rule of the engine is a setting under `rules`, with the default a
coach would choose.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import secrets
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .errors import FieldIssue, ProfileError
from .model import Level
from .units import Units
from .words import date_words
from .yamlfile import (
    FileTooLarge,
    LineFinder,
    ValueProblem,
    YamlProblem,
    parse,
    read_text,
    top_level_keys,
)

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
MAX_WEEKS = 52
MAX_PROFILE_CHARS = 64_000  # a profile is a few hundred bytes
MAX_PROFILE_BYTES = 4 * MAX_PROFILE_CHARS  # what a file of that many characters may take
# The days a plan may start and a race may be run: this century. Far enough for any runner,
# near enough that a plan's weeks (52 at most after the first day) stay in the calendar.
EARLIEST_DAY = dt.date(2000, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)
# A week's days, as a runner may write them: mon or Monday, in any case.
_DAY_WORDS = {word: day for day in WEEKDAYS for word in (day, DAY_NAMES[day].lower())}

# A common club runner's week, and the default until a runner describes their own:
# rest Monday and Saturday, one hard workout on Thursday, the long run on Sunday. Under
# the default rules it holds the default two sessions (Tuesday and Friday), so a first
# visit opens on a plan with nothing to warn about.
TYPICAL_WEEK: dict[str, str] = {
    "mon": "rest",
    "tue": "easy",
    "wed": "easy",
    "thu": "hard",
    "fri": "easy",
    "sat": "rest",
    "sun": "long",
}


PLAN_ID_PATTERN = r"^[A-Za-z0-9_-]{6,40}$"


def new_plan_id() -> str:
    """A new plan's identity: 12 random letters, digits, - and _ (not a secret)."""
    return secrets.token_urlsafe(9)


def next_monday(today: dt.date) -> dt.date:
    """Plans start on a Monday: the first one after today."""
    return today + dt.timedelta(days=7 - today.weekday())


def _not_yes_or_no(value: Any) -> Any:
    """Python counts yes and no as 1 and 0; a number answer refuses them instead."""
    if isinstance(value, bool):
        raise PydanticCustomError("yes_or_no", "a number, not yes or no")
    return value


def _not_a_number_day(value: Any) -> Any:
    """Python would read a number as seconds since 1970; a date answer refuses it instead."""
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("date_type", "a date, not a number")
    return value


Whole = Annotated[int, BeforeValidator(_not_yes_or_no)]
Number = Annotated[float, BeforeValidator(_not_yes_or_no)]
# The ends of the rules' ranges: reps in a set, seconds of a hold.
Reps = Annotated[int, BeforeValidator(_not_yes_or_no), Field(ge=1, le=30)]
HoldSeconds = Annotated[int, BeforeValidator(_not_yes_or_no), Field(ge=5, le=120)]
RunDate = Annotated[dt.date, BeforeValidator(_not_a_number_day)]


class Run(StrEnum):
    rest = "rest"
    easy = "easy"
    hard = "hard"
    long = "long"
    race = "race"  # a date's run only (`runs:`), never a weekday's


# The runs a day of the running week may hold: a race goes on a date, not on a weekday.
WEEK_RUNS: tuple[Run, ...] = tuple(run for run in Run if run is not Run.race)


class LongRunStrategy(StrEnum):
    day_before = "day_before"
    same_day = "same_day"
    apart = "apart"


class Rules(BaseModel):
    """Each rule of the engine, with its default. A coach may change any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    deload_every: Whole = Field(
        default=4, ge=0, le=12, description="Every Nth week is a deload (0: never)."
    )
    deload_cut: Number = Field(
        default=0.5, ge=0.3, le=0.7, description="Share of volume removed in a deload week."
    )
    taper_weeks: Whole = Field(default=2, ge=0, le=4, description="Weeks of taper before a race.")
    taper_cut: Number = Field(
        default=0.5, ge=0.3, le=0.7, description="Share of volume removed in the taper."
    )
    max_weekly_increase: Number = Field(
        default=0.10, ge=0.0, le=0.5, description="Cap on an area's week-over-week volume rise."
    )
    hours_between_leg_sessions: Whole = Field(default=48, ge=24, le=96)
    new_eccentric_weeks: Whole = Field(
        default=2,
        ge=0,
        le=4,
        description="Weeks a new eccentric/plyometric exercise is kept off the days "
        "next to the long run.",
    )
    no_strength_before_hard: bool = True
    race_week_free_hours: Whole = Field(default=48, ge=24, le=96)
    plyometrics_from: Level = Field(
        default=Level.intermediate, description="Lowest level that gets plyometrics, late."
    )
    warm_up_minutes: Whole = Field(default=5, ge=0, le=15)
    short_session_share: Number = Field(
        default=0.65,
        ge=0.4,
        le=1.0,
        description="A short session's share of the minutes (beside the long run).",
    )
    strength_after_hard_runs: bool = Field(
        default=False,
        description="A session may go on a hard-workout day, after the run (hard days hard).",
    )
    no_new_exercise_days: Whole = Field(
        default=10,
        ge=0,
        le=28,
        description="No exercise is done for the first time this close to the race.",
    )
    recovery_days_after_race: Whole = Field(
        default=7,
        ge=0,
        le=28,
        description="Days without strength work after the race, before the next block.",
    )
    rep_range: tuple[Reps, Reps] = Field(
        default=(6, 12), description="Reps a set climbs through before the exercise gets harder."
    )
    hold_range_s: tuple[HoldSeconds, HoldSeconds] = Field(
        default=(20, 45), description="Seconds a hold climbs through before it gets harder."
    )
    loaded_rep_range: tuple[Reps, Reps] = Field(
        default=(6, 10), description="Reps a set climbs through with added load."
    )

    @field_validator("rep_range", "hold_range_s", "loaded_rep_range")
    @classmethod
    def _low_to_high(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if low > high:
            raise PydanticCustomError("range_order", "the lower number first")
        return value


def long_run_strategies(rules: Rules) -> dict[LongRunStrategy, str]:
    """Each long-run strategy in a sentence, its numbers from the coaching rules."""
    return {
        LongRunStrategy.day_before: "A longer session the day before the long run: "
        "you start it on tired legs, like the late miles of a race.",
        LongRunStrategy.same_day: "A shorter session on the long-run day, after the run, "
        "so the next day is a full recovery day.",
        LongRunStrategy.apart: f"Keep strength at least {rules.hours_between_leg_sessions} h "
        "away from the long run, so it is run on fresh legs.",
    }


# The strategies in words under the default rules, for a page that shows no profile's own
# rules; a page with a profile reads `long_run_strategies(profile.rules)`.
LONG_RUN_STRATEGIES = long_run_strategies(Rules())


class Profile(BaseModel):
    """A runner's answers. Frozen: a changed answer is a new profile."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: dt.date = Field(ge=EARLIEST_DAY, le=LATEST_DAY)
    race: dt.date | None = Field(default=None, ge=EARLIEST_DAY, le=LATEST_DAY)
    weeks: Annotated[int | None, BeforeValidator(_not_yes_or_no)] = Field(
        default=None, ge=1, le=MAX_WEEKS
    )
    level: Level = Level.beginner
    weaknesses: tuple[str, ...] = Field(min_length=1, max_length=11)
    imbalance: dict[str, str] = Field(default_factory=dict)
    equipment: tuple[str, ...] = ()
    sessions_per_week: Whole = Field(default=2, ge=1, le=5)
    minutes_per_session: Whole = Field(default=30, ge=10, le=120)
    week: dict[str, Run]
    long_run_strategy: LongRunStrategy = LongRunStrategy.apart
    long_race_low_mileage: bool = Field(
        default=False,
        description="Training for a long race on little mileage: the one runner for whom a "
        "longer session the day before the long run is recommended.",
    )
    runs: dict[RunDate, Run] = Field(
        default_factory=dict,
        description="Dates whose run differs from the running week: a cutback, a tune-up "
        "race, a moved long run.",
    )
    maintenance: bool = Field(
        default=False, description="In season: one short session a week to keep the gains."
    )
    units: Units = Field(
        default=Units.metric,
        description="How loads and lengths are shown: metric (kg, m) or imperial (lb, ft).",
    )
    plan_id: str | None = Field(
        default=None,
        pattern=PLAN_ID_PATTERN,
        description="This plan's identity (letters, digits, - and _): calendar events are "
        "named from it, so a rebuilt plan replaces its own events and no one else's. The "
        "app writes one; it is not a secret.",
    )
    heavy_legs: tuple[Whole, ...] = Field(
        default=(), description="Weeks the runner marked 'heavy legs': each becomes a deload."
    )
    daily: tuple[str, ...] = Field(
        default=(), description="Exercises with a daily rehab protocol to follow every day."
    )
    rules: Rules = Rules()

    @model_validator(mode="after")
    def _coherent(self) -> Profile:
        if self.race is None and self.weeks is None:
            raise PydanticCustomError("no_length", _no_length())
        problem = _race_problem(self.start, self.race) if self.race is not None else None
        if problem:
            raise PydanticCustomError("race", problem)
        return self

    @property
    def length_weeks(self) -> int:
        """The plan's length: up to race week, or the weeks asked for."""
        if self.race is not None:
            return (self.race - self.start).days // 7 + 1
        assert self.weeks is not None
        return self.weeks

    def run_on(self, day: int) -> Run:
        """The run on weekday `day` (0 = Monday) in the running week."""
        return self.week[WEEKDAYS[day % 7]]

    def run_on_date(self, date: dt.date) -> Run:
        """The run on a date: the race, a date of `runs`, else the running week."""
        if self.race is not None and date == self.race:
            return Run.race
        return self.runs.get(date, self.run_on(date.weekday()))

    @property
    def last_day(self) -> dt.date:
        """The plan's last day: the race, or the end of its last week."""
        if self.race is not None:
            return self.race
        return self.start + dt.timedelta(weeks=self.length_weeks, days=-1)


def recommended_long_run_strategy(profile: Profile) -> tuple[LongRunStrategy, str]:
    """The long-run strategy this runner is advised to pick, and why, in one sentence."""
    if profile.long_race_low_mileage:
        return LongRunStrategy.day_before, (
            "Training for a long race on little mileage, a longer session the day before the "
            "long run gives you the heavy legs of a race's late miles without running more."
        )
    return LongRunStrategy.apart, (
        "Running economy and endurance suffer the day after strength work (Doma & Deakin "
        f"2013), so strength at least {profile.rules.hours_between_leg_sessions} h from the "
        "long run keeps it on fresh legs."
    )


# ----------------------------------------------------------------------------
# The answers in the runner's words: the app's labels, and every message

ANSWER_NAMES: dict[str, str] = {
    "start": "First day of the plan",
    "race": "Race day",
    "weeks": "Plan length in weeks",
    "level": "Strength-training experience",
    "weaknesses": "Weak links",
    "imbalance": "Weaker side",
    "equipment": "Equipment",
    "sessions_per_week": "Sessions a week",
    "minutes_per_session": "Minutes a session",
    "week": "Running week",
    "long_run_strategy": "Strength around the long run",
    "long_race_low_mileage": "Long race on low mileage",
    "runs": "Runs on given dates",
    "maintenance": "In-season maintenance",
    "heavy_legs": "Heavy-legs weeks",
    "units": "Units for loads and distances",
    "plan_id": "Plan identity",
    "daily": "Daily rehab protocol",
    "rules": "Coaching rules",
    "rules.deload_every": "Deload every so many weeks",
    "rules.deload_cut": "Volume cut in a deload week",
    "rules.taper_weeks": "Taper length in weeks",
    "rules.taper_cut": "Volume cut in the taper",
    "rules.max_weekly_increase": "Largest weekly rise in volume",
    "rules.hours_between_leg_sessions": "Hours between leg sessions",
    "rules.new_eccentric_weeks": "Weeks a new eccentric exercise stays clear of hard runs",
    "rules.no_strength_before_hard": "No strength the day before a hard run",
    "rules.race_week_free_hours": "Strength-free hours before the race",
    "rules.plyometrics_from": "Lowest level for plyometrics",
    "rules.warm_up_minutes": "Warm-up minutes",
    "rules.short_session_share": "Share of the minutes a short session takes",
    "rules.strength_after_hard_runs": "Strength after hard runs, same day",
    "rules.no_new_exercise_days": "Days before the race with nothing new",
    "rules.recovery_days_after_race": "Days with no strength after the race",
    "rules.rep_range": "Reps a set climbs through",
    "rules.hold_range_s": "Seconds a hold climbs through",
    "rules.loaded_rep_range": "Reps a set climbs through with added load",
}
"""Each answer of a profile (and each coaching rule, as `rules.<name>`) named as the app's
labels name it: the code name is the file's and the URL's, this is the runner's."""


def bounds(field: str) -> tuple[int, int] | tuple[float, float]:
    """The lowest and highest value a numeric answer may take, read from the model itself:
    `bounds("minutes_per_session") == (10, 120)`, `bounds("rules.deload_cut") == (0.3, 0.7)`;
    for a range, each of its ends: `bounds("rules.rep_range") == (1, 30)`. KeyError for an
    answer that is not a bounded number (the days are EARLIEST_DAY and LATEST_DAY)."""
    low: Any = None
    high: Any = None
    if _kind(field) is dt.date:
        raise KeyError(f"{field!r} is a day, between EARLIEST_DAY and LATEST_DAY")
    for rule in _field_info(field).metadata or _range_item_rules(field):
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    if low is None or high is None:
        raise KeyError(f"{field!r} is not a bounded number")
    return low, high


def _is_range(field: str) -> bool:
    """A rule that is a range, [low, high]: the reps or seconds a dose climbs through."""
    return get_origin(_field_info(field).annotation) is tuple


def _range_item_rules(field: str) -> list[Any]:
    """The bounds on each end of a range (none for any other answer)."""
    if not _is_range(field):
        return []
    item = get_args(_field_info(field).annotation)[0]
    found: list[Any] = []
    for extra in get_args(item)[1:]:
        found.extend(getattr(extra, "metadata", [extra]))
    return found


def _field_info(field: str) -> FieldInfo:
    head, _, rule = field.partition(".")
    if head == "rules" and rule:
        return Rules.model_fields[rule]
    return Profile.model_fields[field]


def _lengths(field: str) -> tuple[int | None, int | None]:
    """The fewest and most items a list answer may hold (None: no limit)."""
    low: Any = None
    high: Any = None
    for rule in _field_info(field).metadata:
        low = getattr(rule, "min_length", low)
        high = getattr(rule, "max_length", high)
    return low, high


def _kind(field: str) -> Any:
    """The answer's type, without the None an optional answer may also be."""
    annotation = _field_info(field).annotation
    if get_origin(annotation) in (Union, UnionType):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    if get_origin(annotation) is Annotated:  # Whole, Number: the number inside
        annotation = get_args(annotation)[0]
    return annotation


def _example_start() -> dt.date:
    return next_monday(dt.date.today())


class _Said(str):
    """A value already put in words by the YAML reader ('a number with 5,000 digits')."""

    __slots__ = ()


def _shown(value: Any) -> str:
    """A value the runner gave, as the message quotes it."""
    if value is None:
        return "nothing"
    if isinstance(value, _Said):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"'{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return date_words(value)
    if isinstance(value, int) and abs(value) >= 10**_LONGEST:
        return f"a number with {_digits(abs(value)):,} digits"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a group of answers"
    text = " ".join(str(value).split())
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


_LONGEST = 30  # digits a message shows of a number; a longer one is said by its length


def _digits(number: int) -> int:
    """How many digits a positive number has, without writing it out (Python refuses to
    write out more than 4,300)."""
    digits = int(math.log10(number)) + 1
    if 10 ** (digits - 1) > number:
        digits -= 1
    elif 10**digits <= number:
        digits += 1
    return digits


def _either(words: Any) -> str:
    """'rest, easy, hard or long'."""
    words = [str(word) for word in words]
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _both(words: Any) -> str:
    """'Tuesday and Friday'."""
    words = [str(word) for word in words]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _close(word: Any, known: Any) -> str | None:
    close = difflib.get_close_matches(str(word).lower(), [str(k) for k in known], n=1)
    return close[0] if close else None


def _ending(text: str, close: str | None, otherwise: str = "") -> str:
    """The sentence closed by a did-you-mean when a close name exists."""
    if close:
        return f"{text}; did you mean '{close}'?"
    return f"{text}{otherwise}."


def _runs() -> str:
    """The runs a day of the running week may hold, in words."""
    return _either(run.value for run in WEEK_RUNS)


def _date_runs() -> str:
    """The runs a given date may hold: a race too."""
    return _either(run.value for run in Run)


def _week_example() -> str:
    return "{" + ", ".join(f"{day}: {TYPICAL_WEEK[day]}" for day in WEEKDAYS[:3]) + ", ...}"


def _runs_example() -> str:
    """A `runs` answer as a runner writes it: a rest day, then a tune-up race."""
    start = _example_start()
    rest, race = start + dt.timedelta(days=12), start + dt.timedelta(days=27)
    return f"{{{rest.isoformat()}: rest, {race.isoformat()}: race}}"


def _value_message(field: str, value: Any, error: str) -> str:
    """A single answer (a date, a number, a word from a list, yes or no) that will not do."""
    name, kind = ANSWER_NAMES[field], _kind(field)
    shown = _shown(value)
    if kind is dt.date and error in _OUT_OF_BOUNDS:
        return (
            f"{name}: {shown} is outside the years this planner covers; pick a day between "
            f"{date_words(EARLIEST_DAY)} and {date_words(LATEST_DAY)}."
        )
    if kind is dt.date:
        return (
            f"{name}: {shown} is not a date; write it as YYYY-MM-DD, "
            f"for example {_example_start().isoformat()}."
        )
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        words = [member.value for member in kind]
        return _ending(f"{name} must be {_either(words)}; {shown} was given", _close(value, words))
    if kind is bool:
        return f"{name} must be yes or no; {shown} was given."
    if field == "plan_id":
        return (
            f"{name} must be 6 to 40 letters, digits, - or _ (for example "
            f"k3Lm9-Qa_2Xz); {shown} was given."
        )
    low, high = bounds(field)
    number = "" if error in _OUT_OF_BOUNDS else "a whole number " if kind is int else "a number "
    return f"{name} must be {number}between {low} and {high}; {shown} was given."


_OUT_OF_BOUNDS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}


def _range_message(field: str, end: tuple[Any, ...], value: Any, error: str) -> str:
    """A rule's range, [low, high], that will not do: its shape, an end, or its order."""
    name = ANSWER_NAMES[field]
    low, high = bounds(field)
    default = list(_field_info(field).get_default())
    if error == "range_order":
        return (
            f"{name} must run low to high; {_pair(value)} was given: write the lower number "
            f"first, for example {default}."
        )
    given = f"{_shown(value)} was given"
    if error == "missing":
        given = "only one was given"
    elif end and isinstance(end[0], int):
        given += " as the first" if end[0] == 0 else " as the second"
    else:
        given = f"{_pair(value)} was given"
    return (
        f"{name} must be two whole numbers between {low} and {high}, the lower first, "
        f"for example {default}; {given}."
    )


def _pair(value: Any) -> str:
    """A range as the runner gave it: [12, 6], or said in words when it is no pair."""
    if isinstance(value, list | tuple) and all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in value
    ):
        return "[" + ", ".join(_shown(n) for n in value) + "]"
    return _shown(value)


def _runs_message(loc: tuple[Any, ...], error: str, value: Any) -> str:
    """A date of `runs`, or its run, that will not do."""
    name = ANSWER_NAMES["runs"]
    if len(loc) == 1:
        return (
            f"{name}: give each date its run ({_date_runs()}), for example {_runs_example()}; "
            f"{_shown(value)} was given."
        )
    key = loc[1]
    if len(loc) > 2 or (error == "unreadable" and str(value) == _shown(str(key))):
        shown = value if len(loc) > 2 else _Said(str(value))
        return (
            f"{name}: {_shown(shown)} is not a date; write each date as YYYY-MM-DD with its "
            f"run, for example {_runs_example()}."
        )
    try:
        day = date_words(dt.date.fromisoformat(str(key)))
    except ValueError:
        day = _shown(str(key))
    text = f"{name}: the run on {day} must be {_date_runs()}; {_shown(value)} was given"
    return _ending(text, _close(value, [run.value for run in Run]))


# What each list answer holds: one item in words, and how to write them.
_ITEMS = {
    "weaknesses": ("weak link", "the name of an area, for example [hamstrings, calves]"),
    "equipment": ("piece of equipment", "a name, for example [band, step]"),
    "daily": ("exercise", "the id of an exercise, in a list"),
    "heavy_legs": ("week", "a week number of the plan, for example [3, 7]"),
}

_MISSING = {
    "weaknesses": "Pick at least one weak link to work on, most important first, "
    "for example [hamstrings, calves].",
    "week": f"Say what you run each day of your running week ({_runs()}), "
    f"for example {_week_example()}.",
}


def _missing(field: str) -> str:
    if field == "start":
        return (
            f"Give the {ANSWER_NAMES['start'].lower()}, written YYYY-MM-DD, "
            f"for example {_example_start().isoformat()}."
        )
    return _MISSING.get(field, f"{ANSWER_NAMES[field]}: give an answer here.")


def _unknown_answer(key: Any) -> str:
    answers = list(Profile.model_fields)
    text = f"{_shown(str(key))} is not one of the answers a profile holds ({', '.join(answers)})"
    return _ending(text, _close(key, answers), "; remove it, or check its spelling")


def _unknown_rule(key: Any) -> str:
    rules = list(Rules.model_fields)
    text = (
        f"{_shown(str(key))} is not one of the {ANSWER_NAMES['rules'].lower()} ({', '.join(rules)})"
    )
    return _ending(text, _close(key, rules), "; remove it, or check its spelling")


def _side_message(area: str, side: Any) -> str:
    return (
        f"{ANSWER_NAMES['imbalance']} for {area} must be left or right; {_shown(side)} was given."
    )


def _list_message(field: str, loc: tuple[Any, ...], error: str, value: Any, ctx: Any) -> str:
    name = ANSWER_NAMES[field]
    noun, written = _ITEMS[field]
    if len(loc) > 1:
        return (
            f"{name}: {_shown(value)} (item {int(loc[1]) + 1}) is not {_a(noun)}; "
            f"write each as {written}."
        )
    fewest, most = _lengths(field)
    if error == "too_short":
        count = "one" if fewest == 1 else str(fewest)
        return f"Pick at least {count} {noun}{'s' if fewest != 1 else ''} to work on."
    if error == "too_long":
        return f"Pick at most {most} {noun}s; {ctx.get('actual_length')} were given."
    return f"{name} must be a list, each item {written}; {_shown(value)} was given."


_Found = tuple[FieldIssue, tuple[str | int, ...]]  # the issue, and where in the file it is


def _explain(loc: tuple[Any, ...], error: str, value: Any, ctx: Any, raw: str) -> FieldIssue:
    """One of pydantic's complaints, said in the runner's words."""
    if not loc:  # the profile as a whole: its own messages, from `_coherent`
        return FieldIssue("race", raw)
    head = str(loc[0])
    if head not in Profile.model_fields:
        return FieldIssue(head, _unknown_answer(loc[0]))
    if head == "rules" and len(loc) > 1 and str(loc[1]) in Rules.model_fields:
        field = f"rules.{loc[1]}"
        if _is_range(field):
            return FieldIssue(field, _range_message(field, loc[2:], value, error))
    if error == "missing" or (value is None and _field_info(head).is_required()):
        return FieldIssue(head, _missing(head))
    if head == "runs":
        return FieldIssue(head, _runs_message(loc, error, value))
    if head == "rules":
        if len(loc) == 1:
            first, rule = next(iter(Rules.model_fields.items()))
            return FieldIssue(
                head,
                f"{ANSWER_NAMES[head]} must be settings by name, for example "
                f"{{{first}: {rule.default}}}; {_shown(value)} was given.",
            )
        rule_name = str(loc[1])
        if rule_name not in Rules.model_fields:
            return FieldIssue(f"rules.{rule_name}", _unknown_rule(loc[1]))
        return FieldIssue(f"rules.{rule_name}", _value_message(f"rules.{rule_name}", value, error))
    if head == "week":
        if len(loc) == 1:
            return FieldIssue(
                head,
                f"{ANSWER_NAMES[head]}: give each day its run ({_runs()}), for example "
                f"{_week_example()}; {_shown(value)} was given.",
            )
        day = DAY_NAMES.get(str(loc[1]), _shown(loc[1]))
        words = [run.value for run in WEEK_RUNS]
        text = f"{ANSWER_NAMES[head]}: {day} must be {_runs()}; {_shown(value)} was given"
        return FieldIssue(head, _ending(text, _close(value, words)))
    if head == "imbalance":
        if len(loc) == 2:
            return FieldIssue(head, _side_message(str(loc[1]), value))
        what = (
            f"{_shown(loc[1])} is not a weak link" if len(loc) > 2 else f"{_shown(value)} was given"
        )
        return FieldIssue(
            head,
            f"{ANSWER_NAMES[head]}: {what}; write each weak link with its weaker side, "
            "for example {hamstrings: left}.",
        )
    if head in _ITEMS:
        return FieldIssue(head, _list_message(head, loc, error, value, ctx))
    return FieldIssue(head, _value_message(head, value, error))


def _race_problem(start: dt.date, race: dt.date) -> str | None:
    """What is wrong with the race day against the first day of the plan, if anything."""
    race_day, first_day = ANSWER_NAMES["race"].lower(), ANSWER_NAMES["start"].lower()
    if race < start:
        return (
            f"The race ({date_words(race)}) is before the {first_day} ({date_words(start)}): "
            f"pick a {race_day} on or after it, or an earlier {first_day}."
        )
    if (race - start).days >= MAX_WEEKS * 7:
        latest = start + dt.timedelta(days=MAX_WEEKS * 7 - 1)
        return (
            f"The race ({date_words(race)}) is more than {MAX_WEEKS} weeks after the "
            f"{first_day} ({date_words(start)}): pick a {race_day} by {date_words(latest)}, "
            f"or a later {first_day}."
        )
    return None


def _no_length() -> str:
    low, high = bounds("weeks")
    return (
        f"Give a {ANSWER_NAMES['race'].lower()}, or a {ANSWER_NAMES['weeks'].lower()} "
        f"(between {low} and {high})."
    )


def profile_from_dict(data: Any) -> Profile:
    """A profile from plain data (parsed YAML, a form, the URL); ProfileError says, in the
    runner's words, what is wrong with each answer and what would do."""
    checked = _checked(data)
    if isinstance(checked, Profile):
        return checked
    raise ProfileError([issue for issue, _ in checked])


def _not_answers(data: Any) -> FieldIssue:
    example = _example_start().isoformat()
    return FieldIssue(
        "profile",
        f"This profile holds {_shown(data)}; write it as a set of answers, "
        f"one per line, like 'start: {example}' and 'weaknesses: [hamstrings]'.",
    )


def _day(written: Any) -> str:
    """A day's code name (mon ... sun) from mon, Mon, MONDAY or monday; anything else
    stays as written, for the message that says it is no day of the week."""
    return _DAY_WORDS.get(str(written).lower(), str(written))


def _checked(data: Any) -> Profile | list[_Found]:
    """The profile, or every problem with it, each with where in the data it is."""
    if not isinstance(data, dict):
        return [(_not_answers(data), ())]
    data = dict(data)
    written: dict[str, Any] = {}  # each day's code name -> the name the runner wrote
    twice: list[_Found] = []  # a day given twice, as Mon and mon, or mon and Monday
    week = data.get("week")
    if isinstance(week, dict):
        days: dict[str, Any] = {}
        for given, run in week.items():
            day = _day(given)
            if day in days:
                twice.append((_day_twice(day, written[day], given), ("week", str(given))))
                continue
            written[day], days[day] = given, run
        data["week"] = days
    dated: dict[str, Any] = {}  # each date of `runs`, as YYYY-MM-DD -> the key the runner wrote
    runs = data.get("runs")
    if isinstance(runs, dict):
        on: dict[Any, Any] = {}
        for given, run in runs.items():
            date = _iso(given)
            if date in on:
                twice.append((_date_twice(date, dated[date], given), ("runs", str(given))))
                continue
            dated[date], on[date] = given, run
        data["runs"] = on
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        found = _issues(error, data, {**written, **dated})
        issues = [issue for issue, _ in found]
        return found + [found for found in _date_issues(data) if found[0] not in issues] + twice
    return _week_issues(profile, written) + _runs_issues(profile, dated) + twice or profile


def _iso(given: Any) -> Any:
    """A date of `runs` as YYYY-MM-DD, whether YAML read it as a date or as text, so one
    date written both ways is seen twice; anything else stays as written."""
    if isinstance(given, dt.datetime):
        return given.date().isoformat() if given.time() == dt.time() else given
    if isinstance(given, dt.date):
        return given.isoformat()
    if isinstance(given, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", given.strip()):
        try:
            return dt.date.fromisoformat(given.strip()).isoformat()
        except ValueError:
            return given
    return given


def _date_twice(date: Any, first: Any, again: Any, lines: str = "") -> FieldIssue:
    try:
        day = date_words(dt.date.fromisoformat(str(date)))
    except ValueError:
        day = _shown(str(again))
    how = ""
    if str(first) != str(again):
        how = f" (as {_shown(str(first))} and {_shown(str(again))})"
    elif first != again:  # one a date, the other the same date as text
        how = " (once in quotes, once without)"
    return FieldIssue(
        "runs",
        f"{ANSWER_NAMES['runs']}: {day} is given twice{how}{lines}; say what you run on "
        f"{day} once.",
    )


def _day_twice(day: str, first: Any, again: Any, lines: str = "") -> FieldIssue:
    name = DAY_NAMES.get(day, _shown(str(again)))
    how = f"as {_shown(str(first))} and {_shown(str(again))}" if first != again else "twice"
    return FieldIssue(
        "week",
        f"{ANSWER_NAMES['week']}: {name} is given {how}{lines}; say what you run on {name} once.",
    )


def _issues(error: ValidationError, data: dict[str, Any], written: dict[str, Any]) -> list[_Found]:
    details = error.errors(include_url=False)
    with_items = {detail["loc"][0] for detail in details if len(detail["loc"]) > 1}
    found: list[_Found] = []
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] in ("too_short", "too_long") and loc[:1] == loc and loc[0] in with_items:
            continue  # pydantic counts the items it could read; the wrong item says it all
        issue = _explain(
            loc, detail["type"], detail.get("input"), detail.get("ctx", {}), detail["msg"]
        )
        if issue not in [seen for seen, _ in found]:
            found.append((issue, _path(loc, data, written, detail["type"])))
    return found


def _path(
    loc: tuple[Any, ...], data: dict[str, Any], written: dict[str, Any], error: str = ""
) -> tuple[str | int, ...]:
    """Where in the file a problem is, in the keys the runner wrote; () when not there."""
    if not loc:
        loc = ("race",)
    if loc[0] not in data or (error == "missing" and len(loc) == 1):
        return ()
    steps = [step for step in loc if step != "[key]"]
    if error == "missing":  # the end of a range not given: where the range is
        steps = steps[:-1]
    if steps[0] in ("week", "runs") and len(steps) > 1:
        steps[1] = written.get(str(steps[1]), steps[1])
    return tuple(step if isinstance(step, int) else str(step) for step in steps)


def _date_issues(data: dict[str, Any]) -> list[_Found]:
    """The race day against the first day, also when other answers are wrong, so every
    problem shows at once."""
    try:
        start, race = (dt.date.fromisoformat(str(data[key])) for key in ("start", "race"))
    except (KeyError, ValueError):
        return []
    problem = _race_problem(start, race)
    return [(FieldIssue("race", problem), ("race",))] if problem else []


def _runs_issues(profile: Profile, dated: dict[str, Any]) -> list[_Found]:
    """The dates of `runs` against the plan: each inside it, and the race day a race."""
    found: list[_Found] = []
    name = ANSWER_NAMES["runs"]
    first, last = profile.start, profile.last_day
    outside = sorted(date for date in profile.runs if not first <= date <= last)
    if outside:
        one = len(outside) == 1
        text = (
            f"{name}: {_both(date_words(date) for date in outside)} "
            f"{'is' if one else 'are'} outside the plan, which runs from {date_words(first)} "
            f"to {date_words(last)}; give dates within it, or remove "
            f"{'it' if one else 'them'}."
        )
        found.append((FieldIssue("runs", text), ("runs", str(dated.get(_iso(outside[0]))))))
    race = profile.race
    if race is not None and profile.runs.get(race, Run.race) is not Run.race:
        race_day = ANSWER_NAMES["race"].lower()
        text = (
            f"{name}: {date_words(race)} is your {race_day}, so it is a race, not "
            f"{_a(profile.runs[race].value)} run; remove it from {name.lower()}, or pick "
            f"another {race_day}."
        )
        found.append((FieldIssue("runs", text), ("runs", str(dated.get(_iso(race))))))
    return found


def _week_issues(profile: Profile, written: dict[str, Any]) -> list[_Found]:
    """What a valid shape may still get wrong: the days of the week, one long run, a side,
    heavy-legs weeks inside the plan, each weak link once."""
    found: list[_Found] = []
    name = ANSWER_NAMES["week"]
    unknown = [day for day in profile.week if day not in WEEKDAYS]
    if unknown:
        days = _both(_shown(str(written.get(day, day))) for day in unknown)
        found.append(
            (
                FieldIssue(
                    "week",
                    f"{name}: {days} {'is not a day' if len(unknown) == 1 else 'are not days'} "
                    f"of the week; write the days as {', '.join(WEEKDAYS[:2])} ... {WEEKDAYS[-1]}, "
                    f"or in full ({DAY_NAMES[WEEKDAYS[0]]} ... {DAY_NAMES[WEEKDAYS[-1]]}).",
                ),
                ("week", written.get(unknown[0], unknown[0])),
            )
        )
    missing = [DAY_NAMES[day] for day in WEEKDAYS if day not in profile.week]
    if missing:
        text = f"Say what you run on {_both(missing)} in your {name.lower()} ({_runs()})."
        found.append((FieldIssue("week", text), ("week",)))
    races = [day for day, run in profile.week.items() if run is Run.race]
    if races:
        days = _both(DAY_NAMES.get(day, day) for day in races)
        one = len(races) == 1
        text = (
            f"{name}: {days} {'is a race' if one else 'are races'}, but a race goes on a date: "
            f"put it in {ANSWER_NAMES['runs'].lower()} or give it as the "
            f"{ANSWER_NAMES['race'].lower()}, and say what you run on {days} most weeks "
            f"({_runs()})."
        )
        found.append((FieldIssue("week", text), ("week", written.get(races[0], races[0]))))
    longs = [day for day, run in profile.week.items() if run is Run.long]
    if len(longs) > 1:
        days = _both(DAY_NAMES.get(day, day) for day in longs)
        others = "the others easy runs" if len(longs) > 2 else "the other an easy run"
        text = f"{name}: {days} are each a long run; keep one long run a week and make {others}."
        found.append((FieldIssue("week", text), ("week",)))
    for area, side in profile.imbalance.items():
        if side not in {"left", "right"}:
            found.append((FieldIssue("imbalance", _side_message(area, side)), ("imbalance", area)))
    strays = [area for area in profile.imbalance if area not in profile.weaknesses]
    if strays:
        one = len(strays) == 1
        text = (
            f"{ANSWER_NAMES['imbalance']}: {_both(_shown(area) for area in strays)} "
            f"{'is' if one else 'are'} not among your {ANSWER_NAMES['weaknesses'].lower()} "
            f"({_both(profile.weaknesses)}); add {'it' if one else 'them'} to your weak links, "
            f"or remove {'its' if one else 'their'} weaker side."
        )
        found.append((FieldIssue("imbalance", text), ("imbalance", strays[0])))
    length = profile.length_weeks
    outside = sorted(week for week in profile.heavy_legs if week < 1 or week > length)
    if outside:
        given = f"week {outside[0]} was" if len(outside) == 1 else f"weeks {_both(outside)} were"
        text = (
            f"{ANSWER_NAMES['heavy_legs']} must be weeks of the plan, between 1 and {length}; "
            f"{given} given."
        )
        found.append((FieldIssue("heavy_legs", text), ("heavy_legs",)))
    twice = [
        area for area in dict.fromkeys(profile.weaknesses) if profile.weaknesses.count(area) > 1
    ]
    if twice:
        areas = _both(_shown(area) for area in twice)
        text = (
            f"{ANSWER_NAMES['weaknesses']}: {areas} {'is' if len(twice) == 1 else 'are'} there "
            "more than once; name each weak link once, most important first."
        )
        found.append((FieldIssue("weaknesses", text), ("weaknesses",)))
    return found


# ----------------------------------------------------------------------------
# Profile files


def read_profile(path: Path) -> Profile:
    """A profile from a YAML file; a problem names the file (and line) first. Only a plain
    file is read (never a pipe or a device, which could wait forever), and at most a
    profile's worth of it."""
    try:
        text = read_text(path, MAX_PROFILE_BYTES)
    except FileTooLarge:
        raise ProfileError([_too_large(str(path))]) from None
    except YamlProblem as problem:
        raise ProfileError([_yaml_issue(problem, str(path))]) from None
    return read_profile_text(text, str(path))


def read_profile_text(text: str, source: str = "profile") -> Profile:
    """A profile from YAML text (an upload): the same checks as a file, each problem
    named by `source` and its line."""
    if len(text) > MAX_PROFILE_CHARS:
        raise ProfileError([_too_large(source)])
    try:
        data = parse(text)
    except YamlProblem as problem:
        if not problem.values:
            raise ProfileError([_yaml_issue(problem, source)]) from None
        if not _holds_answers(top_level_keys(text) or ()):
            raise ProfileError([_no_answers(source)]) from None
        issues = [_value_issue(value, source) for value in problem.values]
        raise ProfileError(list(dict.fromkeys(issues))) from None
    if isinstance(data, dict) and not _holds_answers(data):
        raise ProfileError([_no_answers(source)])
    checked = _checked(data)
    if isinstance(checked, Profile):
        return checked
    lines = LineFinder(text)
    raise ProfileError(
        [
            replace(issue, where=_where(source, lines.line(path) if path else None))
            for issue, path in checked
        ]
    )


def _holds_answers(keys: Any) -> bool:
    """Whether a file's keys include a profile's answer (in any case): a file with none,
    a system file, say, is not quoted back key by key."""
    keys = list(keys)
    return not keys or any(str(key).lower() in Profile.model_fields for key in keys)


def _no_answers(source: str) -> FieldIssue:
    return FieldIssue(
        "profile",
        "This file is not a profile: it holds none of a profile's answers "
        f"({', '.join(Profile.model_fields)}); open a profile saved from the app or "
        "`strength build`.",
        source,
    )


def _value_issue(value: ValueProblem, source: str) -> FieldIssue:
    """A value the YAML reader could not read as written (a day not in the calendar, a
    number of 5,000 digits, a `!!set`, a key given twice), said of the answer it is in."""
    where = _where(source, value.line)
    path = value.path
    if not path or isinstance(path[0], int):  # the profile itself is no set of answers
        return replace(_not_answers(_Said(value.shown)), where=where)
    if value.kind == "duplicate":
        return replace(
            _duplicate(path, value.shown, f" (lines {value.first_line} and {value.line})"),
            where=where,
        )
    loc = path
    if path[0] == "week" and len(path) > 1:
        loc = ("week", _day(path[1]), *path[2:])
    return replace(_explain(loc, "unreadable", _Said(value.shown), {}, ""), where=where)


def _duplicate(path: tuple[str | int, ...], key: str, lines: str) -> FieldIssue:
    """An answer, a day, a rule or a weaker side given twice in one place."""
    head = str(path[0])
    if head not in Profile.model_fields:
        return FieldIssue(
            head, f"{_shown(head)} is given twice{lines}; keep one of them, or remove it."
        )
    name = ANSWER_NAMES[head]
    if len(path) == 1:
        return FieldIssue(head, f"{name} is given twice{lines}; keep one of them.")
    if head == "week" and len(path) == 2:
        return _day_twice(_day(key), key, key, lines)
    if head == "runs" and len(path) == 2:
        return _date_twice(_iso(key), key, key, lines)
    if head == "rules" and len(path) == 2:
        rule = (
            f"{ANSWER_NAMES[f'rules.{key}']} ('{key}')" if key in Rules.model_fields else f"'{key}'"
        )
        return FieldIssue(
            f"rules.{key}", f"{name}: {rule} is given twice{lines}; keep one of them."
        )
    return FieldIssue(head, f"{name}: {_shown(key)} is given twice{lines}; keep one of them.")


def _where(source: str, line: int | None) -> str:
    return source + (f" line {line}" if line else "")


def _too_large(source: str) -> FieldIssue:
    return FieldIssue(
        "profile",
        f"This file is too large for a profile (over {MAX_PROFILE_CHARS:,} characters, where "
        "a profile takes a few hundred): open a profile saved from the app or `strength build`.",
        source,
    )


def _yaml_issue(problem: YamlProblem, source: str) -> FieldIssue:
    """The YAML reader's problem, said of a profile, with what would do."""
    message = re.sub(r"\bcatalog\b", "profile", problem.message)
    if message.startswith("YAML"):
        message = (
            f"This profile cannot be read ({message}): check the brackets, colons and "
            "indentation there"
        )
    else:
        message = f"This profile cannot be read: {message}"
    if not re.search(r"\b(save|write|check)\b", message):
        message += f"; write plain answers, like 'start: {_example_start().isoformat()}'"
    return FieldIssue("profile", message.removesuffix(".") + ".", _where(source, problem.line))


# Written even at their defaults: the answers that say what the plan is, and the long-run
# strategy, so a saved profile never changes strategy when the default does.
_ALWAYS_WRITTEN = (
    "start", "level", "weaknesses", "sessions_per_week", "minutes_per_session",
    "long_run_strategy",
)  # fmt: skip


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """Plain data in the contract's names, defaults left out (but for the answers that say
    what the plan is, and the long-run strategy): what a runner saves and shares."""
    data = profile.model_dump(mode="json", exclude_defaults=True)
    full = profile.model_dump(mode="json")
    for key in _ALWAYS_WRITTEN:
        data.setdefault(key, full[key])
    data["week"] = {day: profile.week[day].value for day in WEEKDAYS if day in profile.week}
    if profile.runs:
        data["runs"] = {date.isoformat(): profile.runs[date].value for date in sorted(profile.runs)}
    return {key: data[key] for key in Profile.model_fields if key in data}


def profile_to_yaml(profile: Profile) -> str:
    """The profile as `strength build` reads it: the file a runner saves, keeps and reopens."""
    import yaml

    head = "# A runner's profile: open it in the app, or `strength build` it.\n"
    return head + yaml.safe_dump(profile_to_dict(profile), sort_keys=False, allow_unicode=True)
