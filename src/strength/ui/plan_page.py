"""Your plan: a few answers in, a week-by-week strength plan out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ..builder import build_plan
from ..errors import StrengthError
from ..model import LEVELS
from ..plan import Plan
from ..profile import TYPICAL_WEEK, Profile, next_monday, profile_from_dict
from ..progression import PHASE_NAMES
from .data import catalog_or_message


def _profile_inputs(areas: dict[str, str]) -> Profile | None:
    with st.sidebar:
        st.header("Your training")
        start = st.date_input("First day of the plan", value=next_monday(dt.date.today()))
        weeks = st.slider("Plan length (weeks)", min_value=4, max_value=24, value=12)
        level = st.selectbox(
            "Strength-training experience",
            [level.value for level in LEVELS],
            format_func=str.capitalize,
        )
        weaknesses = st.multiselect(
            "Weak links to work on (most important first)",
            list(areas),
            default=[a for a in ("hamstrings", "glute_med", "core") if a in areas],
            format_func=areas.__getitem__,
        )
        sessions = st.slider("Strength sessions a week", 1, 4, 2)
        minutes = st.slider("Minutes per session", 10, 60, 30, step=5)
    try:
        return profile_from_dict(
            {
                "start": start,
                "weeks": weeks,
                "level": level,
                "weaknesses": weaknesses,
                "equipment": ["band"],
                "sessions_per_week": sessions,
                "minutes_per_session": minutes,
                "week": TYPICAL_WEEK,
            }
        )
    except StrengthError as error:
        st.sidebar.error(str(error))
        return None


def _week_table(plan: Plan) -> pd.DataFrame:
    rows = []
    for week in plan.weeks:
        for session in week.sessions:
            for item in session.exercises:
                rows.append(
                    {
                        "Week": week.number,
                        "Phase": PHASE_NAMES[week.phase] + (" (deload)" if week.deload else ""),
                        "Day": f"{session.date:%a %d %b}",
                        "Exercise": item.name,
                        "Dose": item.dose_text(),
                        "Minutes": session.minutes,
                    }
                )
    return pd.DataFrame(rows)


def render() -> None:
    st.title("Strength for runners")
    st.caption(
        "A strength plan built around your running week, aimed at your weak links, "
        "and loaded gradually."
    )
    exercises = catalog_or_message(", so no plan can be built")
    if exercises is None:
        return
    areas = {area: info.name for area, info in exercises.vocabulary.areas.items()}
    profile = _profile_inputs(areas)
    if profile is None:
        st.info("Fix the answer marked in the sidebar to see your plan.")
        return
    try:
        plan = build_plan(profile, exercises)
    except StrengthError as error:
        st.error(str(error))
        return
    for warning in plan.warnings:
        st.warning(warning)
    total = sum(len(week.sessions) for week in plan.weeks)
    first, second, third = st.columns(3)
    first.metric("Weeks", len(plan.weeks))
    second.metric("Strength sessions", total)
    third.metric("Deload weeks", sum(week.deload for week in plan.weeks))
    st.subheader("Week by week")
    st.dataframe(_week_table(plan), hide_index=True, width="stretch")
