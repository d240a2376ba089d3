"""The runner's profile: what they train for, their week, their weak links.

The field names are an external contract (YAML files, the CLI, the URL): keep
them. Every rule of the engine is a setting under `rules`, with the default a
coach would choose.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import FieldIssue, ProfileError
from .model import Level
from .yamlfile import YamlProblem, parse, read_text

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

# A common club runner's week, and the default until a runner describes their own:
# rest Monday and Friday, one hard workout midweek, the long run on Sunday.
TYPICAL_WEEK: dict[str, str] = {
    "mon": "rest",
    "tue": "easy",
    "wed": "hard",
    "thu": "easy",
    "fri": "rest",
    "sat": "easy",
    "sun": "long",
}


def next_monday(today: dt.date) -> dt.date:
    """Plans start on a Monday: the first one after today."""
    return today + dt.timedelta(days=7 - today.weekday())


class Run(StrEnum):
    rest = "rest"
    easy = "easy"
    hard = "hard"
    long = "long"


class LongRunStrategy(StrEnum):
    day_before = "day_before"
    same_day = "same_day"
    apart = "apart"


LONG_RUN_STRATEGIES = {
    LongRunStrategy.day_before: "A longer session the day before the long run: "
    "you start it on tired legs, like the late miles of a race.",
    LongRunStrategy.same_day: "A shorter session on the long-run day, after the run, "
    "so the next day is a full recovery day.",
    LongRunStrategy.apart: "Keep strength at least 48 h away from the long run, "
    "so it is run on fresh legs.",
}


class Rules(BaseModel):
    """Each rule of the engine, with its default. A coach may change any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    deload_every: int = Field(
        default=4, ge=0, le=12, description="Every Nth week is a deload (0: never)."
    )
    deload_cut: float = Field(
        default=0.5, ge=0.3, le=0.7, description="Share of volume removed in a deload week."
    )
    taper_weeks: int = Field(default=2, ge=0, le=4, description="Weeks of taper before a race.")
    taper_cut: float = Field(
        default=0.5, ge=0.3, le=0.7, description="Share of volume removed in the taper."
    )
    max_weekly_increase: float = Field(
        default=0.10, ge=0.0, le=0.5, description="Cap on an area's week-over-week volume rise."
    )
    hours_between_leg_sessions: int = Field(default=48, ge=24, le=96)
    new_eccentric_weeks: int = Field(
        default=2,
        ge=0,
        le=4,
        description="Weeks a new eccentric/plyometric exercise is kept "
        "48 h away from the long run and hard runs.",
    )
    no_strength_before_hard: bool = True
    race_week_free_hours: int = Field(default=48, ge=24, le=96)
    plyometrics_from: Level = Field(
        default=Level.intermediate, description="Lowest level that gets plyometrics, late."
    )
    warm_up_minutes: int = Field(default=5, ge=0, le=15)


class Profile(BaseModel):
    """A runner's answers. Frozen: a changed answer is a new profile."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: dt.date
    race: dt.date | None = None
    weeks: int | None = Field(default=None, ge=1, le=MAX_WEEKS)
    level: Level = Level.beginner
    weaknesses: tuple[str, ...] = Field(min_length=1, max_length=11)
    imbalance: dict[str, str] = Field(default_factory=dict)
    equipment: tuple[str, ...] = ()
    sessions_per_week: int = Field(default=2, ge=1, le=5)
    minutes_per_session: int = Field(default=30, ge=10, le=120)
    week: dict[str, Run]
    long_run_strategy: LongRunStrategy = LongRunStrategy.day_before
    maintenance: bool = Field(
        default=False, description="In season: one short session a week to keep the gains."
    )
    heavy_legs: tuple[int, ...] = Field(
        default=(), description="Weeks the runner marked 'heavy legs': each becomes a deload."
    )
    daily: tuple[str, ...] = Field(
        default=(), description="Exercises with a daily rehab protocol to follow every day."
    )
    rules: Rules = Rules()

    @model_validator(mode="after")
    def _coherent(self) -> Profile:
        if self.race is None and self.weeks is None:
            raise ValueError("give a race date or a number of weeks")
        if self.race is not None and self.race < self.start:
            raise ValueError(f"race {self.race} is before the start {self.start}")
        if self.race is not None and (self.race - self.start).days >= MAX_WEEKS * 7:
            raise ValueError(f"race {self.race} is more than {MAX_WEEKS} weeks after the start")
        return self

    @property
    def length_weeks(self) -> int:
        """The plan's length: up to race week, or the weeks asked for."""
        if self.race is not None:
            return (self.race - self.start).days // 7 + 1
        assert self.weeks is not None
        return self.weeks

    def run_on(self, day: int) -> Run:
        """The run on weekday `day` (0 = Monday)."""
        return self.week[WEEKDAYS[day % 7]]


_FIELD_WORDS = {
    "race": "race",
    "weeks": "weeks",
    "start": "start",
}


def profile_from_dict(data: Any) -> Profile:
    """A profile from plain data (parsed YAML, a form, the URL); ProfileError names each field."""
    if not isinstance(data, dict):
        raise ProfileError(
            [FieldIssue("profile", "must be a mapping of fields (start, level, ...)")]
        )
    data = dict(data)
    week = data.get("week")
    if isinstance(week, dict):
        data["week"] = {str(day).lower()[:3]: run for day, run in week.items()}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        issues = _issues(error)
        issues += [issue for issue in _date_issues(data) if issue not in issues]
        raise ProfileError(issues) from None
    _check_week(profile)
    return profile


def _date_issues(data: dict[str, Any]) -> list[FieldIssue]:
    """The race-before-start check, also when other fields are wrong, so every problem
    shows at once."""
    try:
        start, race = (dt.date.fromisoformat(str(data[key])) for key in ("start", "race"))
    except (KeyError, ValueError):
        return []
    if race < start:
        return [FieldIssue("race", f"race {race} is before the start {start}")]
    return []


def _check_week(profile: Profile) -> None:
    issues = []
    missing = [day for day in WEEKDAYS if day not in profile.week]
    unknown = [day for day in profile.week if day not in WEEKDAYS]
    if unknown:
        issues.append(FieldIssue("week", f"unknown day {', '.join(unknown)}; use mon ... sun"))
    if missing:
        issues.append(FieldIssue("week", f"say what you run on {', '.join(missing)}"))
    longs = [day for day, run in profile.week.items() if run is Run.long]
    if len(longs) > 1:
        issues.append(FieldIssue("week", f"only one long run a week ({', '.join(longs)})"))
    for area in profile.imbalance.values():
        if area not in {"left", "right"}:
            issues.append(FieldIssue("imbalance", f"weaker side '{area}' must be left or right"))
    if any(week < 1 or week > profile.length_weeks for week in profile.heavy_legs):
        issues.append(
            FieldIssue("heavy_legs", f"weeks must be between 1 and {profile.length_weeks}")
        )
    if len(set(profile.weaknesses)) != len(profile.weaknesses):
        issues.append(FieldIssue("weaknesses", "each weakness once, most important first"))
    if issues:
        raise ProfileError(issues)


def _issues(error: ValidationError) -> list[FieldIssue]:
    issues = []
    for detail in error.errors(include_url=False):
        loc = [str(step) for step in detail["loc"]]
        name = ".".join(loc) if loc else "profile"
        text = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            text = "missing"
        elif detail["type"] == "extra_forbidden":
            text = "unknown field"
        elif not loc:
            head = text.split(" ", 1)[0]
            name = _FIELD_WORDS.get(head, "race" if "race" in text else "profile")
        issues.append(FieldIssue(name, text[0].lower() + text[1:]))
    return issues


def read_profile(path: Path) -> Profile:
    """A profile from a YAML file."""
    try:
        text = read_text(path)
    except YamlProblem as problem:
        where = f"{path}" + (f" line {problem.line}" if problem.line else "")
        raise ProfileError([FieldIssue(where, problem.message)]) from None
    return read_profile_text(text, str(path))


def read_profile_text(text: str, source: str = "profile") -> Profile:
    """A profile from YAML text (an upload): the same checks as a file."""
    if len(text) > MAX_PROFILE_CHARS:
        raise ProfileError([FieldIssue(source, "too large for a profile (over 64 kB)")])
    try:
        data = parse(text)
    except YamlProblem as problem:
        where = source + (f" line {problem.line}" if problem.line else "")
        raise ProfileError([FieldIssue(where, problem.message)]) from None
    return profile_from_dict(data)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """Plain data in the contract's names, defaults left out: what a runner saves and shares."""
    data = profile.model_dump(mode="json", exclude_defaults=True)
    for key in ("start", "level", "weaknesses", "sessions_per_week", "minutes_per_session"):
        data.setdefault(key, profile.model_dump(mode="json")[key])
    data["week"] = {day: profile.week[day].value for day in WEEKDAYS if day in profile.week}
    return data


def profile_to_yaml(profile: Profile) -> str:
    """The profile as `strength build` reads it: the file a runner saves, keeps and reopens."""
    import yaml

    head = "# A runner's profile: open it in the app, or `strength build` it.\n"
    return head + yaml.safe_dump(profile_to_dict(profile), sort_keys=False, allow_unicode=True)
