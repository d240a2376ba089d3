"""The exercise catalog: every exercise, its ladder, cues and sources."""

from __future__ import annotations

import streamlit as st

from .data import catalog_or_message


def render() -> None:
    st.title("Exercises")
    exercises = catalog_or_message("")
    if exercises is None:
        return
    areas = {area: info.name for area, info in exercises.vocabulary.areas.items()}
    area = st.selectbox("Area", list(areas), format_func=areas.__getitem__)
    st.caption(exercises.vocabulary.areas[area].about)
    for exercise in exercises.for_area(area):
        with st.expander(f"{exercise.name} · {exercise.level.value}"):
            ladder = exercises.ladder(exercise.id)
            if len(ladder) > 1:
                st.markdown(
                    " → ".join(f"**{r.name}**" if r.id == exercise.id else r.name for r in ladder)
                )
            st.markdown("\n".join(f"- {cue}" for cue in exercise.cues))
            st.markdown(f"**Why:** {exercise.why}")
            st.caption(f"Source: {exercise.source}")
