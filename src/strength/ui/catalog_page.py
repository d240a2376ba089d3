"""The exercise catalog: search and filter it, see each ladder from easiest to hardest,
and read an exercise's cues, doses and sources.

The filters live in the URL (`?areas=Hamstrings&levels=Beginner`), so a coach can send a
runner straight to the exercises that matter. Finding and grouping happen in
`strength.browse`; this page only draws.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from ..browse import (
    BODYWEIGHT,
    IMPACT_WORDS,
    MODE_WORDS,
    Filters,
    Rung,
    chain,
    find,
    group,
    named,
    protocol_rows,
    starting_doses,
    tempo_in_words,
)
from ..catalog import Catalog
from ..model import LEVELS, Exercise, Level, Mode
from .data import catalog_or_message
from .text import md

# Widget keys are also the URL's parameter names: short, and distinct from the plan's.
SEARCH, AREAS, EQUIPMENT, LEVELS_KEY, MODES = "q", "areas", "have", "levels", "modes"
MENTIONS = "mentions"  # also show what only mentions the search words in cues or muscles
FILTER_KEYS = (SEARCH, AREAS, EQUIPMENT, LEVELS_KEY, MODES)
_UNIT = re.compile(r"(\d) (s|m|h|kg)\b")


def _md(text: str) -> str:
    """Catalog text as itself, with '90 s' and '3 m' kept on one line."""
    return _UNIT.sub("\\1\u00a0\\2", md(text))


def _clear_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state[key] = "" if key == SEARCH else []
    st.session_state[MENTIONS] = False


def _filters(catalog: Catalog) -> Filters:
    """The filter widgets, each bound to the URL, read into a Filters."""
    vocabulary = catalog.vocabulary
    text = st.text_input(
        "Search exercises",
        key=SEARCH,
        bind="query-params",
        placeholder="A name, alias, cue or muscle: nordic, sofa, soleus ...",
        help="Every word must appear in the exercise's name, aliases, cues or muscles.",
    )
    equipment_names = {BODYWEIGHT: "Nothing (bodyweight only)"}
    equipment_names.update(
        (item, name) for item, name in vocabulary.equipment.items() if item != BODYWEIGHT
    )
    left, right = st.columns(2)
    areas = left.multiselect(
        "Area",
        list(vocabulary.areas),
        format_func=catalog.area_name,
        key=AREAS,
        bind="query-params",
        placeholder="Any area",
        help="The weak link an exercise works.",
        wrap=True,
    )
    equipment = right.multiselect(
        "Equipment you have",
        list(equipment_names),
        format_func=equipment_names.__getitem__,
        key=EQUIPMENT,
        bind="query-params",
        placeholder="Any equipment",
        help="Shows only what you can do with it; bodyweight exercises always show.",
        wrap=True,
    )
    left, right = st.columns(2)  # a second row, so a phone stacks them in reading order
    levels = left.pills(
        "Level",
        [level.value for level in LEVELS],
        selection_mode="multi",
        format_func=str.capitalize,
        key=LEVELS_KEY,
        bind="query-params",
        help="The runner level an exercise is written for.",
        wrap=True,
    )
    modes = right.pills(
        "Counted in",
        [mode.value for mode in Mode],
        selection_mode="multi",
        format_func=str.capitalize,
        key=MODES,
        bind="query-params",
        help="; ".join(f"{mode.value.capitalize()}: {words}" for mode, words in MODE_WORDS.items()),
        wrap=True,
    )
    return Filters(
        text=text,
        areas=frozenset(areas),
        equipment=frozenset(equipment),
        levels=frozenset(Level(level) for level in levels),
        modes=frozenset(Mode(mode) for mode in modes),
    )


def _narrow_to_names(found: tuple[Exercise, ...], text: str) -> tuple[Exercise, ...]:
    """When some results are named after the search, show those, and offer the rest."""
    by_name = named(found, text)
    if not by_name or len(by_name) == len(found):
        return found
    mentions = st.toggle(
        "Also show exercises that only mention your words in their cues or muscles",
        key=MENTIONS,
        bind="query-params",
    )
    if mentions:
        return found
    more = len(found) - len(by_name)
    st.caption(
        f"{len(by_name)} named after your search; {more} more mention it in their cues or muscles."
    )
    return by_name


def _chain_markdown(rungs: Sequence[Rung]) -> str:
    """A ladder as badges joined by arrows; it wraps like text on a narrow screen."""
    return " → ".join(
        f":primary-badge[**{rung.step}. {_md(rung.name)}**]"
        if rung.current
        else f":gray-badge[{rung.step}. {_md(rung.name)}]"
        for rung in rungs
    )


def _bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _facts(catalog: Catalog, exercise: Exercise) -> str:
    vocabulary = catalog.vocabulary
    areas = [catalog.area_name(area) for area in exercise.areas]
    muscles = [vocabulary.muscles.get(m, m) for m in exercise.muscles.primary]
    also = [vocabulary.muscles.get(m, m) for m in exercise.muscles.secondary]
    equipment = [vocabulary.equipment.get(item, item) for item in exercise.equipment]
    facts = {
        "Works": ", ".join(areas),
        "Muscles": ", ".join(muscles) + (f"; also {', '.join(also)}" if also else ""),
        "Level": exercise.level.value.capitalize(),
        "Counted in": MODE_WORDS[exercise.mode],
        "Equipment": ", ".join(equipment) or "none (bodyweight)",
        "Each side": "yes, one side at a time" if exercise.per_side else "no, both together",
        "Next day": IMPACT_WORDS[exercise.impact],
    }
    if exercise.tempo:
        facts["Tempo"] = f"{tempo_in_words(exercise.tempo)} ({exercise.tempo})"
    return _bullets(f"**{name}:** {_md(value)}" for name, value in facts.items())


def _details(catalog: Catalog, exercise: Exercise) -> None:
    """Everything a runner needs to do the exercise well, and a coach to trust it."""
    ladder = catalog.ladder(exercise.id)
    if len(ladder) > 1:
        step = next(i for i, rung in enumerate(ladder, start=1) if rung.id == exercise.id)
        st.markdown(
            f"**Its ladder, easiest first** (this is rung {step} of {len(ladder)})\n\n"
            + _chain_markdown(chain(ladder, {exercise.id}))
        )
    facts, dose = st.columns(2)  # side by side on a wide screen, stacked on a phone
    facts.markdown(_facts(catalog, exercise))
    doses = starting_doses(exercise)
    dose.markdown(
        "**Starting dose**\n\n"
        + _bullets(f"{level.value.capitalize()}: {_md(words)}" for level, words in doses)
    )
    if len(doses) < len(LEVELS):
        dose.caption("Other levels start from the nearest level's dose.")
    dose.markdown(f"**Why it helps**\n\n{_md(exercise.why)}")
    st.markdown("**How to do it**\n\n" + _bullets(_md(cue) for cue in exercise.cues))
    st.markdown("**Watch for**\n\n" + _bullets(_md(caution) for caution in exercise.cautions))
    st.markdown(f"**Step down when**\n\n{_md(exercise.step_down)}")
    if exercise.protocol is not None:
        rows = protocol_rows(exercise, catalog)
        st.markdown(f"**Protocol: {_md(exercise.protocol.name)}**")
        st.table(
            pd.DataFrame(
                {  # a table's cells are Markdown too
                    "Weeks": [row.weeks for row in rows],
                    "How often": [row.how_often for row in rows],
                    "Dose": [_md(row.dose) for row in rows],
                }
            ),
            hide_index=True,
        )
        st.caption(f"Protocol source: {_md(exercise.protocol.source)}")
    links = {
        "Easier": catalog.easier(exercise.id),
        "Harder": catalog.harder(exercise.id),
    }
    said = [f"**{word}:** {_md(other.name)}" for word, other in links.items() if other]
    swaps = [catalog.exercises[i].name for i in exercise.swaps if i in catalog.exercises]
    if swaps:
        said.append(f"**Swaps:** {', '.join(_md(name) for name in swaps)}")
    if said:
        st.markdown(" · ".join(said))
    st.caption(f"Source: {_md(exercise.source)}")
    st.caption(_md(_provenance(catalog, exercise)))


def _provenance(catalog: Catalog, exercise: Exercise) -> str:
    """Licence, author, and the file a coach would edit (and any overlay that changed it)."""
    origin = catalog.origins.get(exercise.id, {})
    home = origin.get("id", "")
    changed = sorted({file for file in origin.values() if file != home})
    text = f"{exercise.licence}, {exercise.author}"
    if home:
        text += f" · defined in {home}"
    if changed:
        text += f", changed in {', '.join(changed)}"
    return text


def render() -> None:
    st.title("Exercises")
    catalog = catalog_or_message(", so it cannot be shown")
    if catalog is None:
        return
    st.caption(
        "Every exercise the plan can choose from, by the weak link it works and the ladder "
        "it climbs, easiest rung first. The filters are in the page's address: copy it to "
        "share what you found."
    )
    filters = _filters(catalog)
    count, clear = st.columns([3, 1], vertical_alignment="center")
    found = _narrow_to_names(find(catalog, filters), filters.text)
    count.markdown(f"**{len(found)} of {len(catalog)} exercises**")
    clear.button(
        "Clear filters",
        on_click=_clear_filters,
        disabled=not filters.active,
        icon=":material/filter_alt_off:",
        width="stretch",
    )
    if not found:
        st.info("No exercise matches all of these. Remove a filter or try another word.")
        return
    open_one = len(found) == 1
    for area in group(catalog, found, filters.areas):
        st.subheader(md(area.name), divider="gray")
        about = catalog.vocabulary.areas.get(area.area)
        if about is not None:
            st.caption(_md(about.about))
        loners = False
        for ladder in area.ladders:
            if ladder.is_ladder:
                ids = {rung.id for rung in ladder.found}
                marked = ids if len(ids) < len(ladder.rungs) else set()
                note = ", the rungs you found highlighted" if marked else ""
                st.markdown(
                    f"**Ladder of {len(ladder.rungs)}, easiest first**{note}\n\n"
                    + _chain_markdown(chain(ladder.rungs, marked))
                )
            elif not loners:
                loners = True
                st.markdown("**On no ladder**")
            for exercise in ladder.found:
                label = f"{_md(exercise.name)} · {exercise.level.value} · {exercise.mode.value}" + (
                    " · each side" if exercise.per_side else ""
                )
                with st.expander(label, expanded=open_one):
                    _details(catalog, exercise)
