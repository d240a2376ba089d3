"""The exercise catalog's data model: what a coach writes in `exercises/*.yaml`.

The same models validate the YAML and generate `exercises/schema.json`, so the
editor's underlines and `strength catalog check` always agree. Vocabulary
membership (areas, muscles, equipment, patterns) and links between exercises
are checked later, over the merged catalog, because a coach's overlay may add
to the vocabulary.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")

REPS_MOST = 100  # reps in one set, at most

Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=60)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=120)]


class Level(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


LEVELS: tuple[Level, ...] = (Level.beginner, Level.intermediate, Level.advanced)


class Mode(StrEnum):
    """How the dose is counted."""

    reps = "reps"
    hold = "hold"  # seconds held
    eccentric = "eccentric"  # reps with a slow lowering of so many seconds
    plyometric = "plyometric"  # foot contacts
    distance = "distance"  # metres walked or carried


class Impact(StrEnum):
    """What the exercise does to the legs the next day: the scheduler keeps new
    eccentric and plyometric work away from key runs."""

    none = "none"
    eccentric = "eccentric"
    plyometric = "plyometric"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


RepsSpec = int | tuple[int, ...] | str


class Dose(_Strict):
    """One prescription: sets of reps, holds, lowerings, contacts or metres."""

    sets: int = Field(ge=1, le=10, description="Number of sets.")
    reps: RepsSpec | None = Field(
        default=None,
        description="Reps per set: one number (5), one per set ([12, 10, 8]) or a range ('6-8').",
    )
    hold_s: int | None = Field(default=None, ge=1, le=600, description="Seconds held per set.")
    eccentric_s: int | None = Field(
        default=None, ge=1, le=15, description="Seconds to lower on each rep."
    )
    contacts: int | None = Field(
        default=None, ge=1, le=200, description="Foot contacts per set (plyometrics)."
    )
    distance_m: int | None = Field(default=None, ge=1, le=1000, description="Metres per set.")
    tempo: str | None = Field(
        default=None,
        pattern=r"^\d{1,2}-\d{1,2}-\d{1,2}(-\d{1,2})?$",
        description="Seconds down-pause-up(-pause), e.g. '3-0-1-0'.",
    )
    rest_s: int = Field(default=60, ge=0, le=300, description="Rest between sets, in seconds.")
    load: str | None = Field(
        default=None, max_length=80, description="Added load, e.g. 'light dumbbells'."
    )

    @field_validator("reps", mode="before")
    @classmethod
    def _reps_in_range(cls, value: object) -> object:
        if value is None:
            return None
        if isinstance(value, list):
            value = tuple(value)
        if isinstance(value, bool) or not isinstance(value, int | str | tuple):
            raise ValueError("reps must be a number (5), a list ([12, 10, 8]) or a range ('6-8')")
        if isinstance(value, tuple) and not all(
            isinstance(n, int) and not isinstance(n, bool) for n in value
        ):
            raise ValueError("reps lists must hold whole numbers, one per set")
        if isinstance(value, str):
            match = RANGE.match(value)
            if not match:
                raise ValueError(f"reps '{value}' is not a number, a list or a range like '6-8'")
            low, high = int(match[1]), int(match[2])
            if not 1 <= low <= high <= REPS_MOST:
                raise ValueError(
                    f"reps range '{value}' must run from low to high within 1-{REPS_MOST}"
                )
            return f"{low}-{high}"
        counts = (value,) if isinstance(value, int) else value
        if not counts or any(not 1 <= n <= REPS_MOST for n in counts):
            raise ValueError(f"reps must be between 1 and {REPS_MOST}")
        return value

    @model_validator(mode="after")
    def _reps_list_matches_sets(self) -> Dose:
        if isinstance(self.reps, tuple) and len(self.reps) != self.sets:
            raise ValueError(
                f"reps lists {len(self.reps)} sets ({list(self.reps)}) but sets is {self.sets}"
            )
        return self

    def reps_per_set(self) -> tuple[tuple[int, int], ...] | None:
        """(low, high) reps for each set; low == high unless a range was given."""
        if self.reps is None:
            return None
        if isinstance(self.reps, int):
            return ((self.reps, self.reps),) * self.sets
        if isinstance(self.reps, str):
            low, high = (int(n) for n in self.reps.split("-"))
            return ((low, high),) * self.sets
        return tuple((n, n) for n in self.reps)


Span = tuple[Annotated[int, Field(ge=1)], Annotated[int, Field(ge=1)]]


def _most(count: str) -> int:
    """The largest number a dose may give for `count` (reps, hold_s, ...)."""
    if count == "reps":
        return REPS_MOST
    for rule in Dose.model_fields[count].metadata:
        if isinstance(getattr(rule, "le", None), int):
            return int(rule.le)
    raise KeyError(count)  # pragma: no cover - every count of a dose has a bound


class DoseRange(_Strict):
    """How far a dose climbs on this exercise before it gets harder (a rung, load, slower
    lowering): [low, high] for what the exercise's mode counts. Left out, the coaching
    rules' ranges apply (reps 6-12, holds 20-45 s)."""

    reps: Span | None = Field(default=None, description="Reps per set, e.g. [6, 12].")
    hold_s: Span | None = Field(default=None, description="Seconds held, e.g. [20, 45].")
    contacts: Span | None = Field(default=None, description="Foot contacts per set.")
    distance_m: Span | None = Field(default=None, description="Metres per set.")

    @field_validator("reps", "hold_s", "contacts", "distance_m", mode="before")
    @classmethod
    def _low_to_high(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return None
        count = str(info.field_name)
        most = _most(count)
        numbers = list(value) if isinstance(value, list | tuple) else None
        if (
            numbers is None
            or len(numbers) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
        ):
            raise ValueError(
                f"a span is two whole numbers, low then high, like [12, 20]; found {value!r}"
            )
        low, high = numbers
        if low > high:
            raise ValueError(f"the span [{low}, {high}] must run from low to high: [{high}, {low}]")
        if low < 1 or high > most:
            raise ValueError(f"the span [{low}, {high}] must lie within 1-{most}")
        return (low, high)


COUNTS = ("reps", "hold_s", "contacts", "distance_m")  # what a dose may count
MODE_NEEDS: dict[Mode, tuple[str, ...]] = {
    Mode.reps: ("reps",),
    Mode.hold: ("hold_s",),
    Mode.eccentric: ("reps", "eccentric_s"),
    Mode.plyometric: ("contacts",),
    Mode.distance: ("distance_m",),
}


class ProtocolStep(Dose):
    """A dose with how often it is done."""

    sessions: int | None = Field(
        default=None, ge=1, le=7, description="Sessions a week (leave out for a daily dose)."
    )
    per_day: int | None = Field(
        default=None, ge=1, le=3, description="Times a day, every day: a daily rehab dose."
    )
    rung: Slug | None = Field(
        default=None, description="Do this exercise (a rung of the ladder) instead, this week."
    )

    @model_validator(mode="after")
    def _one_frequency(self) -> ProtocolStep:
        if self.sessions is not None and self.per_day is not None:
            raise ValueError("give either 'sessions' (a week) or 'per_day' (every day), not both")
        if self.sessions is None and self.per_day is None:
            raise ValueError("say how often: 'sessions' (a week) or 'per_day' (every day)")
        return self


class ProtocolWeek(ProtocolStep):
    week: int | str = Field(description="Week number (3) or a span of weeks ('5-10').")

    @field_validator("week", mode="before")
    @classmethod
    def _week_span(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("week must be a number (3) or a span like '5-10'")
        first, last = _span(value)
        if not 1 <= first <= last <= 52:
            raise ValueError(f"week '{value}' must be within 1-52, first before last")
        return value

    def span(self) -> tuple[int, int]:
        return _span(self.week)


def _span(value: int | str) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    match = RANGE.match(value)
    if match:
        return int(match[1]), int(match[2])
    if value.strip().isdigit():
        return int(value), int(value)
    raise ValueError(f"week '{value}' is not a number or a span like '5-10'")


class Protocol(_Strict):
    """A published week-by-week programme the engine follows exactly."""

    name: ShortText
    source: Text
    weeks: tuple[ProtocolWeek, ...] = Field(min_length=1)
    maintenance: ProtocolStep | None = Field(
        default=None, description="The dose that keeps the gains after the last week."
    )

    @model_validator(mode="after")
    def _weeks_follow_on(self) -> Protocol:
        expected = 1
        for step in self.weeks:
            first, last = step.span()
            if first != expected:
                raise ValueError(
                    f"protocol weeks must run on from week 1 without gaps; "
                    f"expected week {expected}, found '{step.week}'"
                )
            expected = last + 1
        return self

    @property
    def length(self) -> int:
        return self.weeks[-1].span()[1]

    def step_for(self, week: int) -> ProtocolStep | None:
        """The dose for the protocol's week (1-based); maintenance after the end."""
        for step in self.weeks:
            first, last = step.span()
            if first <= week <= last:
                return step
        return self.maintenance if week > self.length else None


class Muscles(_Strict):
    primary: tuple[Slug, ...] = Field(min_length=1)
    secondary: tuple[Slug, ...] = ()


class Media(_Strict):
    path: Text = Field(description="A file under exercises/media/ or a URL.")
    licence: ShortText
    author: ShortText


class Exercise(_Strict):
    """One exercise as a coach describes it."""

    id: Slug = Field(description="Stable slug, e.g. 'nordic-curl'. Never rename a shipped id.")
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    areas: tuple[Slug, ...] = Field(min_length=1, description="Areas (weaknesses) it targets.")
    muscles: Muscles
    pattern: Slug = Field(description="Movement pattern, from the vocabulary.")
    equipment: tuple[Slug, ...] = Field(default=(), description="Empty for bodyweight.")
    level: Level
    mode: Mode
    per_side: bool = False
    tempo: str | None = Field(default=None, pattern=r"^\d{1,2}-\d{1,2}-\d{1,2}(-\d{1,2})?$")
    impact: Impact = Impact.none
    dose: dict[Level, Dose] = Field(min_length=1, description="Starting dose by runner level.")
    warm_up: Dose | None = Field(
        default=None,
        description="Marks a warm-up movement: its dose when it opens a session (one easy "
        "set). Leave out for exercises never used in a warm-up.",
    )
    progress: DoseRange | None = Field(
        default=None, description="How far the dose climbs before the exercise gets harder."
    )
    loadable: bool | None = Field(
        default=None,
        description="Whether added load (dumbbells, a kettlebell, a backpack) makes it "
        "harder; left out, exercises counted in reps or metres take load.",
    )
    easier: Slug | None = Field(default=None, description="The rung below on its ladder.")
    harder: Slug | None = Field(default=None, description="The rung above on its ladder.")
    swaps: tuple[Slug, ...] = Field(default=(), description="Same job, other equipment.")
    cues: tuple[Text, ...] = Field(min_length=1)
    why: Text = Field(description="Why it helps a runner.")
    cautions: tuple[Text, ...] = Field(min_length=1)
    step_down: Text = Field(description="When to go back a rung.")
    source: Text
    licence: ShortText = "CC-BY-4.0"
    author: ShortText = "runner-strength contributors"
    media: tuple[Media, ...] = ()
    protocol: Protocol | None = None

    def dose_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(path, message) for each dose that lacks what the exercise's mode counts.

        A protocol week and the warm-up may leave out the lowering seconds: a protocol week
        keeps the dose's, and a warm-up set is done at an easy pace."""
        needs = MODE_NEEDS[self.mode]
        counted = tuple(need for need in needs if need != "eccentric_s")
        doses: list[tuple[tuple[str | int, ...], Dose, tuple[str, ...]]] = [
            (("dose", level.value), dose, needs) for level, dose in self.dose.items()
        ]
        if self.protocol:
            doses += [
                (("protocol", "weeks", i), w, counted) for i, w in enumerate(self.protocol.weeks)
            ]
            if self.protocol.maintenance:
                doses.append((("protocol", "maintenance"), self.protocol.maintenance, counted))
        problems = []
        for path, dose, wanted in doses:
            if path[0] == "protocol" and any(getattr(dose, c) is not None for c in COUNTS):
                continue  # a protocol week may count in its own form (holds, then reps)
            missing = [field for field in wanted if getattr(dose, field) is None]
            if missing:
                also = (
                    " (or, in a protocol week, any one count: reps, hold_s, contacts or distance_m)"
                    if path[0] == "protocol"
                    else ""
                )
                problems.append(
                    (
                        path,
                        f"a '{self.mode.value}' exercise needs {' and '.join(missing)} here" + also,
                    )
                )
        if self.warm_up is not None:
            missing = [field for field in counted if getattr(self.warm_up, field) is None]
            if missing:
                problems.append(
                    (
                        ("warm_up",),
                        f"the warm-up of a '{self.mode.value}' exercise needs "
                        f"{' and '.join(missing)}, like its doses",
                    )
                )
        return problems

    def setting_problems(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        """(path, message, the field it clashes with) for a warm-up, a dose range or a load
        setting that does not fit the exercise's impact or mode."""
        problems: list[tuple[tuple[str | int, ...], str, str]] = []
        if self.warm_up is not None and self.impact is not Impact.none:
            problems.append(
                (
                    ("warm_up",),
                    f"a warm-up movement must be gentle (impact 'none'), but this exercise is "
                    f"'{self.impact.value}' work, which leaves the legs sore the next day: it "
                    "belongs in the session, not the warm-up; take out 'warm_up'",
                    "impact",
                )
            )
        if self.progress is not None:
            counted = [n for n in MODE_NEEDS[self.mode] if n in DoseRange.model_fields]
            wanted = " or ".join(f"'{n}: [low, high]'" for n in counted)
            given = [n for n in DoseRange.model_fields if getattr(self.progress, n) is not None]
            for name in given:
                if name not in counted:
                    problems.append(
                        (
                            ("progress", name),
                            f"a '{self.mode.value}' exercise counts {' and '.join(counted)}, "
                            f"not {name}: write {wanted} instead",
                            "mode",
                        )
                    )
            if not given:
                problems.append(
                    (
                        ("progress",),
                        f"'progress' gives no span: write {wanted}, or leave 'progress' out "
                        "for the coaching rules' range",
                        "mode",
                    )
                )
        if self.loadable and self.mode is Mode.plyometric:
            problems.append(
                (
                    ("loadable",),
                    "hops are never loaded: a plyometric exercise gets harder with more "
                    "contacts or a harder rung; take out 'loadable: true'",
                    "mode",
                )
            )
        return problems

    def dose_for(self, level: Level) -> Dose:
        """The dose for a runner's level, or the nearest level the coach gave."""
        if level in self.dose:
            return self.dose[level]
        rank = LEVELS.index(level)
        nearest = min(
            self.dose, key=lambda other: (abs(LEVELS.index(other) - rank), other != level)
        )
        return self.dose[nearest]


class ExercisePatch(_Strict):
    """A coach's override of a few fields of an exercise from another catalog."""

    id: Slug
    name: ShortText | None = None
    aliases: tuple[ShortText, ...] | None = None
    areas: tuple[Slug, ...] | None = None
    muscles: Muscles | None = None
    pattern: Slug | None = None
    equipment: tuple[Slug, ...] | None = None
    level: Level | None = None
    mode: Mode | None = None
    per_side: bool | None = None
    tempo: str | None = None
    impact: Impact | None = None
    dose: dict[Level, Dose] | None = None
    warm_up: Dose | None = None
    progress: DoseRange | None = None
    loadable: bool | None = None
    easier: Slug | None = None
    harder: Slug | None = None
    swaps: tuple[Slug, ...] | None = None
    cues: tuple[Text, ...] | None = None
    why: Text | None = None
    cautions: tuple[Text, ...] | None = None
    step_down: Text | None = None
    source: Text | None = None
    licence: ShortText | None = None
    author: ShortText | None = None
    media: tuple[Media, ...] | None = None
    protocol: Protocol | None = None


class Area(_Strict):
    name: ShortText
    about: Text
    sided: bool = Field(
        default=True,
        description="Whether a runner can have a weaker side here (false for the core): "
        "only sided areas offer the extra set on one side.",
    )


class Vocabulary(_Strict):
    """Words the exercises may use. A coach adds an area or equipment here, no code."""

    areas: dict[Slug, Area] = {}
    muscles: dict[Slug, ShortText] = {}
    equipment: dict[Slug, ShortText] = {}
    patterns: dict[Slug, ShortText] = {}


class CatalogFile(_Strict):
    """One YAML file of the catalog: vocabulary, new exercises, overrides, or all three."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Runner strength catalog file",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    vocabulary: Vocabulary | None = None
    exercises: tuple[Exercise, ...] = ()
    overrides: tuple[ExercisePatch, ...] = Field(
        default=(), description="Change a few fields of an exercise defined in another folder."
    )


EXERCISE_FIELDS: tuple[str, ...] = tuple(Exercise.model_fields)
LINK_FIELDS: tuple[Literal["easier", "harder"], ...] = ("easier", "harder")
