"""The plan a runner follows: weeks, sessions, prescriptions, and the reasons for each.

Plain frozen data; `plan_to_dict` is the JSON contract of `strength build`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .profile import Profile, profile_to_dict
from .units import Units, distance, in_units


class Phase(StrEnum):
    """Where a week sits in the plan's arc."""

    foundation = "foundation"
    build = "build"
    strength_power = "strength_power"
    taper = "taper"
    maintenance = "maintenance"


PHASE_NAMES: dict[str, str] = {
    Phase.foundation: "Foundation",
    Phase.build: "Build",
    Phase.strength_power: "Strength & power",
    Phase.taper: "Taper",
    Phase.maintenance: "Maintenance",
}
PHASE_PURPOSE: dict[str, str] = {
    Phase.foundation: "form first: bodyweight, slow lowering, easy rungs",
    Phase.build: "more eccentric load and harder rungs",
    Phase.strength_power: (
        "the hardest rungs, added load and, for experienced runners, a little spring"
    ),
    Phase.taper: "less volume, nothing new: fresh legs for race day",
    Phase.maintenance: "one session a week holds what you built",
}


class SessionKind(StrEnum):
    """What a session is for, which sets its minutes."""

    long = "long"  # the full minutes asked
    short = "short"  # beside the long run, or a race week's activation
    after_hard = "after_hard"  # after a hard workout, same day (rules.strength_after_hard_runs)
    maintenance = "maintenance"  # in season: one session a week
    daily = "daily"  # a daily rehab dose


@dataclass(frozen=True)
class Prescription:
    """One exercise in one session, with its dose."""

    id: str
    name: str
    areas: tuple[str, ...]
    sets: int
    reps: tuple[int, ...] | None = None  # reps per set
    reps_max: tuple[int, ...] | None = None  # upper end where the dose is a range (6-8)
    hold_s: int | None = None
    eccentric_s: int | None = None
    tempo: str | None = None
    contacts: int | None = None
    distance_m: int | None = None
    load: str = "bodyweight"
    per_side: bool = False
    extra_set_side: str | None = None  # the weaker side gets one more set
    rest_s: int = 60
    impact: str = "none"
    protocol: str | None = None  # e.g. "Petersen 2011 Nordic programme, week 3 of 10"
    # The protocol week whose dose this is (1 = its first); None outside a protocol's
    # weeks: its maintenance, or a lighter week that pauses it.
    protocol_week: int | None = None
    why: str = ""

    def volume_seconds(self) -> float:
        """Work time under load in a session: the unit of the weekly volume caps."""
        per_set = set_seconds(self)
        sides = 2 if self.per_side else 1
        return per_set * self.sets * sides + (per_set if self.extra_set_side else 0.0)

    def dose_text(self, units: Units = Units.metric) -> str:
        """'3 x 8 reps, 4 s down' in a runner's words (and units)."""
        if self.reps is not None:
            if self.reps_max and self.reps_max != self.reps:
                count = f"{self.reps[0]}-{self.reps_max[0]}"
            elif len(set(self.reps)) == 1:
                count = str(self.reps[0])
            else:
                count = "/".join(str(n) for n in self.reps)
            text = f"{self.sets} x {count} reps"
        elif self.hold_s is not None:
            text = f"{self.sets} x {self.hold_s} s hold"
        elif self.contacts is not None:
            text = f"{self.sets} x {self.contacts} contacts"
        elif self.distance_m is not None:
            text = f"{self.sets} x {distance(self.distance_m, units)}"
        else:  # pragma: no cover - validation gives every dose a count
            text = f"{self.sets} sets"
        if self.per_side:
            text += " each side"
        if self.eccentric_s:
            text += f", {self.eccentric_s} s lowering"
        if self.extra_set_side:
            text += f", +1 set {self.extra_set_side}"
        return text


@functools.cache
def _tempo_seconds(tempo: str) -> float:
    """Seconds of one rep at a tempo ('3-1-1-0': 5 s)."""
    return float(sum(int(part) for part in tempo.split("-")))


def set_seconds(item: Prescription) -> float:
    """Seconds of work in one set (one side)."""
    if item.reps is not None:
        reps = sum(item.reps) / len(item.reps)
        if item.tempo:
            per_rep = _tempo_seconds(item.tempo)
        elif item.eccentric_s:
            per_rep = item.eccentric_s + 2.0
        else:
            per_rep = 3.0
        return reps * max(per_rep, 2.0)
    if item.hold_s is not None:
        return float(item.hold_s)
    if item.contacts is not None:
        return item.contacts * 0.6
    if item.distance_m is not None:
        return float(item.distance_m)
    return 30.0  # pragma: no cover


def exercise_seconds(item: Prescription) -> float:
    """Time an exercise takes in a session: work, rests, side switches, set-up."""
    sides = 2 if item.per_side else 1
    sets = item.sets * sides + (1 if item.extra_set_side else 0)
    rests = max(item.sets - 1, 0) * item.rest_s
    switches = item.sets * 10 if item.per_side else 0
    return set_seconds(item) * sets + rests + switches + 30


@dataclass(frozen=True)
class Session:
    date: dt.date
    weekday: str
    kind: str  # a SessionKind
    minutes: int
    reason: str
    exercises: tuple[Prescription, ...]
    run: str = "rest"  # the run that day: strength comes after it
    warm_up: tuple[Prescription, ...] = ()  # done first, in this order
    per_day: int | None = None  # a daily rehab dose: times a day; None for strength

    def strength(self) -> bool:
        """A strength session, not a daily rehab dose."""
        return self.kind != SessionKind.daily


@dataclass(frozen=True)
class Day:
    date: dt.date
    weekday: str
    run: str


@dataclass(frozen=True)
class Week:
    number: int
    start: dt.date
    phase: str
    deload: bool
    taper: bool
    sessions: tuple[Session, ...]
    days: tuple[Day, ...]
    race_week: bool = False
    heavy_legs: bool = False
    note: str = ""

    def strength_sessions(self) -> tuple[Session, ...]:
        """The week's strength sessions: daily rehab doses left out."""
        return tuple(session for session in self.sessions if session.strength())

    @property
    def loading(self) -> bool:
        """A week in which the dose may rise: no deload, taper or heavy legs."""
        return not (self.deload or self.taper or self.heavy_legs or self.race_week)


@dataclass(frozen=True)
class ExerciseNotes:
    """What a runner needs to do an exercise well, away from the catalog: the plan's glossary."""

    id: str
    name: str
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    why: str
    step_down: str
    easier: str | None  # the name of the rung below, to drop to on a bad day
    harder: str | None  # the name of the rung above, for when it feels easy
    tempo: str | None
    source: str


@dataclass(frozen=True)
class AfterRace:
    """How a race plan ends: days to recover without strength work, then the next block
    (one session a week to keep the gains, or a new build), from `next_block`."""

    race: dt.date
    recover_until: dt.date  # the last day without strength work
    next_block: dt.date  # the Monday the next block may start
    recovery: str  # the days after the race, in a runner's words
    then: str  # what may follow them

    @property
    def note(self) -> str:
        return f"{self.recovery} {self.then}"


@dataclass(frozen=True)
class Plan:
    profile: Profile
    warnings: tuple[str, ...]
    weeks: tuple[Week, ...]
    area_names: tuple[tuple[str, str], ...] = ()
    equipment_names: tuple[tuple[str, str], ...] = ()  # id -> the catalog's name
    glossary: tuple[ExerciseNotes, ...] = ()  # every exercise in the plan, in order of first use
    after_race: AfterRace | None = None  # a race plan's ending; None without a race

    def sessions(self) -> tuple[Session, ...]:
        return tuple(session for week in self.weeks for session in week.sessions)

    def strength_sessions(self) -> tuple[Session, ...]:
        """Every strength session, in date order: daily rehab doses left out."""
        return tuple(session for session in self.sessions() if session.strength())

    def area_name(self, area: str) -> str:
        return dict(self.area_names).get(area, area.replace("_", " "))

    def dose(self, item: Prescription) -> str:
        """An exercise's dose in words, in the runner's units."""
        return item.dose_text(self.profile.units)

    def load_words(self, item: Prescription) -> str:
        """What to hold or wear, in the catalog's names and the runner's units; '' for
        bodyweight."""
        if item.load == "bodyweight":
            return ""
        return in_units(self.equipment_name(item.load), self.profile.units)

    def in_units(self, text: str) -> str:
        """Catalog text (a cue, a load) with lengths and weights in the runner's units."""
        return in_units(text, self.profile.units)

    def equipment_name(self, word: str) -> str:
        """The catalog's name for an equipment id ('band' -> 'Resistance band ...'); any
        other word (a load the catalog spells out, 'bodyweight') as it is."""
        return dict(self.equipment_names).get(word, word.replace("_", " "))

    def notes(self, exercise_id: str) -> ExerciseNotes | None:
        return next((n for n in self.glossary if n.id == exercise_id), None)


def _prescription_dict(plan: Plan, item: Prescription) -> dict[str, Any]:
    return {
        "id": item.id,
        "name": item.name,
        "areas": list(item.areas),
        "sets": item.sets,
        "reps": list(item.reps) if item.reps is not None else None,
        "reps_max": list(item.reps_max) if item.reps_max is not None else None,
        "hold_s": item.hold_s,
        "eccentric_s": item.eccentric_s,
        "tempo": item.tempo,
        "contacts": item.contacts,
        "distance_m": item.distance_m,
        "load": item.load,
        "per_side": item.per_side,
        "extra_set_side": item.extra_set_side,
        "rest_s": item.rest_s,
        "impact": item.impact,
        "protocol": item.protocol,
        "protocol_week": item.protocol_week,
        "dose": plan.dose(item),
        "why": item.why,
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data (the `strength build` contract)."""
    return {
        "profile": profile_to_dict(plan.profile),
        "warnings": list(plan.warnings),
        "weeks": [
            {
                "number": week.number,
                "start": week.start.isoformat(),
                "phase": week.phase,
                "deload": week.deload,
                "taper": week.taper,
                "race_week": week.race_week,
                "heavy_legs": week.heavy_legs,
                "note": week.note,
                "runs": {day.date.isoformat(): day.run for day in week.days},
                "sessions": [
                    {
                        "date": session.date.isoformat(),
                        "weekday": session.weekday,
                        "kind": session.kind,
                        "minutes": session.minutes,
                        "run": session.run,
                        "reason": session.reason,
                        "per_day": session.per_day,
                        "warm_up": [
                            {"id": item.id, "name": item.name, "dose": plan.dose(item)}
                            for item in session.warm_up
                        ],
                        "exercises": [_prescription_dict(plan, item) for item in session.exercises],
                    }
                    for session in week.sessions
                ],
            }
            for week in plan.weeks
        ],
        "after_race": None
        if plan.after_race is None
        else {
            "recover_until": plan.after_race.recover_until.isoformat(),
            "next_block": plan.after_race.next_block.isoformat(),
            "note": plan.after_race.note,
        },
        "glossary": [
            {
                "id": note.id,
                "name": note.name,
                "cues": list(note.cues),
                "cautions": list(note.cautions),
                "why": note.why,
                "step_down": note.step_down,
                "easier": note.easier,
                "harder": note.harder,
                "tempo": note.tempo,
                "source": note.source,
            }
            for note in plan.glossary
        ],
    }
