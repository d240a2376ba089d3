"""The runner's answers as the pages ask them: one table for every widget's key (its name
in the address bar), the profile field it fills, its options and the words shown for
them, its bounds and its default. The widgets, the links and the messages read it, so a
bound or a word is said once. No streamlit here: the table is plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ..catalog import Catalog
from ..links import Holds, LinkAnswer
from ..model import LEVELS
from ..profile import (
    ANSWER_NAMES,
    DAY_NAMES,
    MAX_WEEKS,
    PLAN_ID_PATTERN,
    TYPICAL_WEEK,
    WEEK_RUNS,
    WEEKDAYS,
    LongRunStrategy,
    Profile,
    Rules,
    bounds,
)
from ..units import UNIT_WORDS
from .text import md

DEFAULT_WEAKNESSES = ("hamstrings", "glute_med", "core")
DEFAULT_RACE_WEEKS = 16
DEFAULT_WEEKS = 12
# A weekday's runs: a race goes on a date (the race day, or `runs:` in a profile file).
RUN_WORDS = {run.value: run.value.capitalize() for run in WEEK_RUNS}
GOAL_WORDS = {"race": "A race", "weeks": "A number of weeks"}
STRATEGY_WORDS = {
    LongRunStrategy.day_before.value: "The day before",
    LongRunStrategy.same_day.value: "Same day, after the run",
    LongRunStrategy.apart.value: "Kept apart",  # how far apart is the rules' to say
}
# Words links were written with before, still read: "48 h apart" said a number the rules own.
FORMER_STRATEGY_WORDS = {"48 h apart": LongRunStrategy.apart.value}
SIDE_WORDS = {"both": "Even", "left": "Left", "right": "Right"}
VIEW_WORDS = {"sessions": "Sessions", "charts": "Charts", "downloads": "Downloads"}
HEAVY_KEY = "heavy"
PLAN_KEY = "plan"  # the plan's identity in the link: not a widget, carried as it is
SIDE_PREFIX = "side_"
LOW_MILEAGE_KEY = "low_mileage"
AFTER_HARD_KEY = "after_hard_runs"  # a coaching rule with a widget: rules.strength_after_hard_runs

# Widget key -> the profile field it fills (the seven weekday keys fill `week`).
PROFILE_FIELD = {
    "goal": "race", "start": "start", "race": "race", "weeks": "weeks", "level": "level",
    **dict.fromkeys(WEEKDAYS, "week"), "strategy": "long_run_strategy",
    "weaknesses": "weaknesses", "daily": "daily", "equipment": "equipment",
    "sessions": "sessions_per_week", "minutes": "minutes_per_session",
    "maintenance": "maintenance", HEAVY_KEY: "heavy_legs", "units": "units",
    PLAN_KEY: "plan_id", LOW_MILEAGE_KEY: "long_race_low_mileage",
    AFTER_HARD_KEY: "rules.strength_after_hard_runs",
}  # fmt: skip


def whole_bounds(field: str) -> tuple[int, int]:
    """A whole-number answer's bounds, from the profile model."""
    low, high = bounds(field)
    return int(low), int(high)


def _name(key: str) -> str:
    return ANSWER_NAMES[PROFILE_FIELD[key]]


def model_default(key: str) -> Any:
    """The default of the answer a widget fills, read from the profile model (an option as
    its id)."""
    head, _, rule = PROFILE_FIELD[key].partition(".")
    info = Rules.model_fields[rule] if head == "rules" and rule else Profile.model_fields[head]
    value = info.get_default(call_default_factory=True)
    return value.value if isinstance(value, StrEnum) else value


def week_words(last: int = MAX_WEEKS) -> dict[int, str]:
    return {number: f"Week {number}" for number in range(1, last + 1)}


def answer_table(catalog: Catalog) -> dict[str, LinkAnswer]:
    """Every answer a page asks for, and the plan page's own view choices, by key."""
    vocabulary = catalog.vocabulary
    areas = {area: item.name for area, item in vocabulary.areas.items()}
    # Pills read Markdown, and the link carries the words as the pills show them.
    equipment = {e: md(name) for e, name in vocabulary.equipment.items() if e != "bodyweight"}
    daily = {e.id: e.name for e in catalog if e.protocol and e.protocol.weeks[0].per_day}
    levels = {level.value: level.value.capitalize() for level in LEVELS}
    rows = [
        LinkAnswer("goal", "Training for", Holds.choice, GOAL_WORDS, default="race"),
        LinkAnswer("start", _name("start"), Holds.date),
        LinkAnswer("race", _name("race"), Holds.date),
        LinkAnswer("weeks", _name("weeks"), Holds.number, bounds=whole_bounds("weeks"),
                   default=DEFAULT_WEEKS),
        LinkAnswer("level", _name("level"), Holds.choice, levels,
                   default=model_default("level")),
        *(LinkAnswer(day, DAY_NAMES[day], Holds.choice, RUN_WORDS, default=TYPICAL_WEEK[day])
          for day in WEEKDAYS),
        # Always in the link: a shared link keeps its strategy when the default changes.
        LinkAnswer("strategy", _name("strategy"), Holds.choice, STRATEGY_WORDS,
                   default=model_default("strategy"), always=True,
                   former=FORMER_STRATEGY_WORDS),
        LinkAnswer(LOW_MILEAGE_KEY, _name(LOW_MILEAGE_KEY), Holds.flag,
                   default=model_default(LOW_MILEAGE_KEY)),
        LinkAnswer(AFTER_HARD_KEY, _name(AFTER_HARD_KEY), Holds.flag,
                   default=model_default(AFTER_HARD_KEY)),
        LinkAnswer("weaknesses", _name("weaknesses"), Holds.choices, areas,
                   default=[a for a in DEFAULT_WEAKNESSES if a in areas]),
        *(LinkAnswer(f"{SIDE_PREFIX}{area}", f"Weaker side: {name}", Holds.choice, SIDE_WORDS,
                     default="both")
          for area, name in areas.items() if vocabulary.areas[area].sided),
        LinkAnswer("daily", _name("daily"), Holds.choices, daily, default=[]),
        LinkAnswer("equipment", _name("equipment"), Holds.choices, equipment, default=[]),
        LinkAnswer("units", _name("units"), Holds.choice, UNIT_WORDS,
                   default=model_default("units")),
        LinkAnswer("sessions", _name("sessions"), Holds.number,
                   bounds=whole_bounds("sessions_per_week"), default=model_default("sessions")),
        LinkAnswer("minutes", _name("minutes"), Holds.number,
                   bounds=whole_bounds("minutes_per_session"), default=model_default("minutes")),
        LinkAnswer("maintenance", _name("maintenance"), Holds.flag,
                   default=model_default("maintenance")),
        LinkAnswer(HEAVY_KEY, _name(HEAVY_KEY), Holds.choices, week_words(), default=[]),
        LinkAnswer(PLAN_KEY, _name(PLAN_KEY), Holds.token, pattern=PLAN_ID_PATTERN,
                   shape="6 to 40 letters, digits, - or _"),
        LinkAnswer("view", "Show", Holds.choice, VIEW_WORDS, default="sessions"),
        LinkAnswer("week", "Week", Holds.choice, week_words()),
    ]  # fmt: skip
    return {row.key: row for row in rows}


def defaults(table: Mapping[str, LinkAnswer]) -> dict[str, Any]:
    return {key: row.default for key, row in table.items() if row.default is not None}
