"""Finding your way around the catalog: filters, a word search, ladders as chains, doses
in words, and the protocols and sources the catalog rests on.

Plain functions over a `Catalog`, so the catalog and method pages only turn widgets
into a `Filters` and the results into elements, and every rule here has a unit test.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .catalog import Catalog
from .model import LEVELS, Dose, Exercise, Impact, Level, Mode, Protocol, ProtocolStep, Vocabulary

# Catalog text as text in Markdown: the pages' one escaping (ui.text draws nothing and
# imports no streamlit), also under the name the pages used to import from here.
from .ui.text import md as escape_markdown

BODYWEIGHT = "bodyweight"  # the equipment choice "nothing at all": always at hand

MODE_WORDS: dict[Mode, str] = {
    Mode.reps: "repetitions",
    Mode.hold: "holds, in seconds",
    Mode.eccentric: "slow lowering, in reps and seconds down",
    Mode.plyometric: "hops and jumps, in foot contacts",
    Mode.distance: "metres walked or carried",
}
IMPACT_WORDS: dict[Impact, str] = {
    Impact.none: "little next-day soreness",
    Impact.eccentric: "eccentric: new to you, it can leave the legs sore for a day or two, "
    "so the plan keeps it away from the long run at first",
    Impact.plyometric: "plyometric: springy and demanding, kept away from the long run "
    "at first and out of race week",
}
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
_WORD = re.compile(r"[^\w]+")


# ----------------------------------------------------------------------------
# Filters and search


@dataclass(frozen=True)
class Filters:
    """What a runner or coach is looking for. An empty choice means 'any'."""

    text: str = ""
    areas: frozenset[str] = frozenset()
    # What they have at hand: an exercise shows when it needs nothing else. Bodyweight
    # exercises always show; choosing only BODYWEIGHT leaves just them.
    equipment: frozenset[str] = frozenset()
    levels: frozenset[Level] = frozenset()
    modes: frozenset[Mode] = frozenset()

    @property
    def active(self) -> bool:
        """Whether anything narrows the catalog at all."""
        return bool(
            search_words(self.text) or self.areas or self.equipment or self.levels or self.modes
        )


def normalise(text: str) -> str:
    """Lower case, accents and punctuation dropped: 'Single-leg RDL' reads 'single leg rdl'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.sub(" ", plain.replace("_", " ")).split())


def search_words(text: str) -> tuple[str, ...]:
    """The words of a search; every one must be found for an exercise to match."""
    return tuple(normalise(text).split())


def searchable_text(exercise: Exercise, vocabulary: Vocabulary) -> str:
    """What the word search looks through: name, aliases, cues and muscles (ids and names)."""
    muscles = (*exercise.muscles.primary, *exercise.muscles.secondary)
    parts = [
        exercise.name,
        *exercise.aliases,
        *exercise.cues,
        *muscles,
        *(vocabulary.muscles.get(muscle, "") for muscle in muscles),
    ]
    return normalise(" ".join(parts))


def matches(exercise: Exercise, filters: Filters, vocabulary: Vocabulary) -> bool:
    """Whether an exercise satisfies every filter."""
    if filters.areas and not filters.areas.intersection(exercise.areas):
        return False
    if filters.equipment and not set(exercise.equipment) <= filters.equipment:
        return False
    if filters.levels and exercise.level not in filters.levels:
        return False
    if filters.modes and exercise.mode not in filters.modes:
        return False
    words = search_words(filters.text)
    if words:
        haystack = searchable_text(exercise, vocabulary)
        return all(word in haystack for word in words)
    return True


def find(catalog: Catalog, filters: Filters) -> tuple[Exercise, ...]:
    """The exercises that satisfy every filter, in catalog order."""
    return tuple(ex for ex in catalog if matches(ex, filters, catalog.vocabulary))


def named(exercises: Iterable[Exercise], text: str) -> tuple[Exercise, ...]:
    """Those whose name or an alias holds every word of the search: what someone typing
    'heel drop' most likely wants, ahead of every exercise whose cues mention a heel."""
    words = search_words(text)
    return tuple(
        ex
        for ex in exercises
        if all(word in normalise(" ".join((ex.name, *ex.aliases))) for word in words)
    )


# ----------------------------------------------------------------------------
# Grouping: by area, then by ladder


@dataclass(frozen=True)
class LadderGroup:
    """One ladder (or one exercise on no ladder) and those of its rungs that were found."""

    rungs: tuple[Exercise, ...]  # the whole ladder, easiest first
    found: tuple[Exercise, ...]  # the rungs that matched, easiest first

    @property
    def is_ladder(self) -> bool:
        return len(self.rungs) > 1


@dataclass(frozen=True)
class AreaGroup:
    """The found exercises of one area, ladder by ladder."""

    area: str
    name: str
    ladders: tuple[LadderGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(ladder.found) for ladder in self.ladders)


def home_area(exercise: Exercise, areas: Collection[str] = ()) -> str:
    """Where an exercise is listed: its first area among those asked for, else its main one."""
    return next((area for area in exercise.areas if area in areas), exercise.areas[0])


def group(
    catalog: Catalog, found: Iterable[Exercise], areas: Collection[str] = ()
) -> tuple[AreaGroup, ...]:
    """The found exercises by area (vocabulary order), then by ladder: ladders in catalog
    order of their bottom rung, then the exercises on no ladder. Each exercise appears once;
    a ladder stays whole, under the area of its easiest found rung."""
    found_ids = {exercise.id for exercise in found}
    order = {exercise.id: index for index, exercise in enumerate(catalog)}
    by_area: dict[str, list[LadderGroup]] = {}
    seen: set[str] = set()
    for exercise in catalog:
        if exercise.id not in found_ids or exercise.id in seen:
            continue
        rungs = catalog.ladder(exercise.id)
        hits = tuple(rung for rung in rungs if rung.id in found_ids)
        seen.update(rung.id for rung in hits)
        by_area.setdefault(home_area(hits[0], areas), []).append(LadderGroup(rungs, hits))
    known = {area: index for index, area in enumerate(catalog.vocabulary.areas)}
    groups = []
    for area in sorted(by_area, key=lambda a: known.get(a, len(known))):
        ladders = sorted(
            by_area[area], key=lambda g: (not g.is_ladder, order.get(g.rungs[0].id, 0))
        )
        groups.append(AreaGroup(area, catalog.area_name(area), tuple(ladders)))
    return tuple(groups)


# ----------------------------------------------------------------------------
# A ladder as a chain


@dataclass(frozen=True)
class Rung:
    """One link of a ladder as drawn: its place, and whether to make it stand out."""

    step: int  # 1 = the easiest rung
    id: str
    name: str
    level: Level
    current: bool  # the exercise being read, or one the filters found


def chain(rungs: Sequence[Exercise], current: Collection[str] = ()) -> tuple[Rung, ...]:
    """A ladder from easiest to hardest, with the rungs in `current` marked."""
    return tuple(
        Rung(step, rung.id, rung.name, rung.level, rung.id in current)
        for step, rung in enumerate(rungs, start=1)
    )


# ----------------------------------------------------------------------------
# Doses and protocols in words


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def _reps_words(reps: int | tuple[int, ...] | str) -> str:
    if isinstance(reps, int):
        return _plural(reps, "rep")
    if isinstance(reps, str):
        low, high = reps.split("-")
        return f"{low} to {high} reps"
    if len(set(reps)) == 1:
        return _plural(reps[0], "rep")
    return ", ".join(str(n) for n in reps[:-1]) + f" and {reps[-1]} reps"


def tempo_in_words(tempo: str) -> str:
    """'3-0-1-2' -> '3 s down, 1 s up, 2 s pause at the top' (the pauses only when held)."""
    parts = [int(part) for part in tempo.split("-")]
    down, bottom, up = parts[:3]
    top = parts[3] if len(parts) > 3 else 0
    words = [f"{down} s down"]
    if bottom:
        words.append(f"{bottom} s pause at the bottom")
    words.append(f"{up} s up")
    if top:
        words.append(f"{top} s pause at the top")
    return ", ".join(words)


def dose_in_words(dose: Dose, per_side: bool = False, *, rest: bool = True) -> str:
    """A dose as a runner says it: '3 sets of 8 reps on each side, lowering over 4 s'."""
    side = " on each side" if per_side else ""
    if dose.reps is not None:
        text = f"{_plural(dose.sets, 'set')} of {_reps_words(dose.reps)}{side}"
    elif dose.hold_s is not None:
        text = f"{_plural(dose.sets, 'hold')} of {dose.hold_s} s{side}"
    elif dose.contacts is not None:
        text = f"{_plural(dose.sets, 'set')} of {dose.contacts} foot contacts{side}"
    elif dose.distance_m is not None:
        text = f"{_plural(dose.sets, 'set')} of {dose.distance_m} m{side}"
    else:
        text = _plural(dose.sets, "set") + side
    if dose.eccentric_s:
        text += f", lowering over {dose.eccentric_s} s"
    if dose.tempo:
        text += f", {tempo_in_words(dose.tempo)}"
    if dose.load:
        text += f", load: {dose.load}"
    if rest and dose.sets > 1:
        text += f"; {dose.rest_s} s rest between sets"
    return text


def starting_doses(exercise: Exercise) -> tuple[tuple[Level, str], ...]:
    """Each runner level's starting dose in words, for the levels the coach gave."""
    return tuple(
        (level, dose_in_words(exercise.dose[level], exercise.per_side))
        for level in LEVELS
        if level in exercise.dose
    )


def how_often(step: ProtocolStep) -> str:
    """'3 sessions a week', 'once a week' or 'twice a day, every day'."""
    if step.per_day:
        times = {1: "once", 2: "twice"}.get(step.per_day, f"{step.per_day} times")
        return f"{times} a day, every day"
    sessions = step.sessions or 0
    return {1: "once a week", 2: "twice a week"}.get(sessions, f"{sessions} sessions a week")


@dataclass(frozen=True)
class ProtocolRow:
    """One line of a protocol's table."""

    weeks: str
    how_often: str
    dose: str


def protocol_rows(exercise: Exercise, catalog: Catalog | None = None) -> tuple[ProtocolRow, ...]:
    """The exercise's protocol week by week, then its maintenance dose, in words."""
    protocol = exercise.protocol
    if protocol is None:
        return ()
    rows = []
    for step in protocol.weeks:
        first, last = step.span()
        weeks = f"week {first}" if first == last else f"weeks {first}-{last}"
        rows.append(ProtocolRow(weeks, how_often(step), _step_words(exercise, step, catalog)))
    if protocol.maintenance is not None:
        rows.append(
            ProtocolRow(
                f"after week {protocol.length}",
                how_often(protocol.maintenance),
                _step_words(exercise, protocol.maintenance, catalog),
            )
        )
    return tuple(rows)


def _step_words(exercise: Exercise, step: ProtocolStep, catalog: Catalog | None) -> str:
    text = dose_in_words(step, exercise.per_side, rest=False)
    if step.rung:
        rung = catalog.exercises.get(step.rung) if catalog else None
        text = f"{rung.name if rung else step.rung}: {text}"
    return text


# ----------------------------------------------------------------------------
# What the catalog rests on (for the method page)


@dataclass(frozen=True)
class ProtocolSource:
    """A published protocol the catalog follows, and the exercises that follow it."""

    source: str
    names: tuple[str, ...]  # the protocol's names, one per variant
    exercises: tuple[str, ...]  # names of the exercises that carry it
    weeks: int
    daily: bool  # a daily rehabilitation dose, not a strength-session slot


def protocol_sources(catalog: Catalog) -> tuple[ProtocolSource, ...]:
    """Each distinct protocol source in the catalog, in catalog order."""
    by_source: dict[str, list[tuple[Exercise, Protocol]]] = {}
    for exercise in catalog:
        if exercise.protocol is not None:
            by_source.setdefault(exercise.protocol.source, []).append((exercise, exercise.protocol))
    return tuple(
        ProtocolSource(
            source=source,
            names=tuple(dict.fromkeys(protocol.name for _, protocol in carriers)),
            exercises=tuple(exercise.name for exercise, _ in carriers),
            weeks=max(protocol.length for _, protocol in carriers),
            daily=any(week.per_day for _, protocol in carriers for week in protocol.weeks),
        )
        for source, carriers in by_source.items()
    )


def exercise_sources(catalog: Catalog) -> tuple[tuple[str, int], ...]:
    """Each distinct `source` the exercises cite, with how many cite it, most cited first."""
    counts = Counter(exercise.source for exercise in catalog)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


# ----------------------------------------------------------------------------
# Small words


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = "th" if 10 <= number % 100 <= 20 else _SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix}"


def percent(share: float) -> str:
    """0.1 -> '10%'."""
    return f"{round(share * 100)}%"


__all__ = [
    "BODYWEIGHT",
    "IMPACT_WORDS",
    "MODE_WORDS",
    "AreaGroup",
    "Filters",
    "LadderGroup",
    "ProtocolRow",
    "ProtocolSource",
    "Rung",
    "chain",
    "dose_in_words",
    "escape_markdown",
    "exercise_sources",
    "find",
    "group",
    "home_area",
    "how_often",
    "matches",
    "named",
    "normalise",
    "ordinal",
    "percent",
    "protocol_rows",
    "protocol_sources",
    "search_words",
    "searchable_text",
    "starting_doses",
    "tempo_in_words",
]
