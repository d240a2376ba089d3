"""Build: the runner's answers, grouped the way a runner thinks, with the plan at a glance.

Sensible defaults mean the first view already shows a plan; every answer is in
the URL, so the link in the address bar rebuilds the same plan anywhere. On a
phone the plan at a glance comes first, above the answers.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ..errors import StrengthError
from ..explain import after_hard_runs_offer, minutes_note, too_close_to_race
from ..exports import sessions
from ..plan import Plan, Week
from ..profile import Profile, profile_to_yaml, recommended_long_run_strategy
from ..words import date_words, day_words
from .answers import AFTER_HARD_KEY, STRATEGY_WORDS
from .data import catalog_or_message, plan_for, plan_key
from .inputs import (
    Answers,
    link_problems,
    profile_or_messages,
    profile_upload,
    runner_answers,
    show_problems,
)
from .pages import pages
from .plan_page import figure, race_too_close
from .text import md

# Streamlit stacks columns on a narrow screen in their order; on a phone the plan column
# (the one holding the glance container) moves above the answers.
PHONE_FIRST = """
<style>
@media (max-width: 640px) {
  [data-testid="stColumn"]:has(.st-key-glance) { order: -1; }
}
</style>
"""


def render() -> None:
    st.title("Strength for runners")
    st.caption(
        "A strength plan built around your running week, aimed at your weak links, "
        "loaded gradually and eased into race day."
    )
    exercises = catalog_or_message(", so no plan can be built")
    if exercises is None:
        return
    st.html(PHONE_FIRST)
    left, right = st.columns([3, 2], gap="large")
    with left:
        answers = runner_answers(exercises)
    profile = profile_or_messages(answers)
    if profile is not None:
        _strategy_note(answers, profile)
    with right, st.container(key="glance"):
        st.subheader("Your plan at a glance")
        link_problems()
        if profile is not None:
            _after_hard_runs(profile)
        if profile is None:
            st.info("Fix the answer marked below to see your plan.", icon=":material/info:")
        else:
            try:
                plan = plan_for(profile, exercises)
            except StrengthError as error:
                show_problems(answers, error)
                st.info("Fix the answer marked below to see your plan.", icon=":material/info:")
            else:
                _glance(plan, plan_key(profile, exercises))
        profile_upload()


def _strategy_note(answers: Answers, profile: Profile) -> None:
    """Under the long-run strategy: the one recommended for this runner, and why; a gentle
    word when the runner picked another."""
    recommended, why = recommended_long_run_strategy(profile)
    advice = f"Recommended for you: **{STRATEGY_WORDS[recommended.value]}**. {why}"
    box = answers.notes["strategy"]
    if profile.long_run_strategy is recommended:
        box.caption(advice)
    else:
        chosen = STRATEGY_WORDS[profile.long_run_strategy.value]
        box.info(
            f"{advice} You picked *{chosen}*: that is fine too, if it suits you.",
            icon=":material/lightbulb:",
        )


def _turn_on_after_hard_runs() -> None:
    st.session_state[AFTER_HARD_KEY] = True


def _after_hard_runs(profile: Profile) -> None:
    """When strength after hard runs would give the week the sessions it lacks: say so, and
    offer to turn it on."""
    offer = after_hard_runs_offer(profile)
    if offer is None:
        return
    st.info(md(offer), icon=":material/bolt:")
    st.button(
        "Turn on strength after hard runs",
        key="offer_after_hard_runs",
        on_click=_turn_on_after_hard_runs,
        icon=":material/check:",
    )


def _glance(plan: Plan, key: str) -> None:
    if note := too_close_to_race(plan):
        race_too_close(note, plan)
        return
    sessions = [s for s in plan.sessions() if s.kind != "daily"]
    with st.container(horizontal=True, gap="medium"):
        st.metric("Weeks", len(plan.weeks), width="content")
        st.metric("Strength sessions", len(sessions), width="content")
    _this_week(plan, dt.date.today())
    st.page_link(pages()["plan"], label="Open the full plan", icon=":material/arrow_forward:")
    for warning in plan.warnings:
        st.warning(md(warning), icon=":material/warning:")
    if note := minutes_note(plan):
        st.caption(md(note))
    st.plotly_chart(
        figure("calendar", key, plan),
        config={"displayModeBar": False},
        key="glance_chart",
    )
    st.download_button(
        "Save your answers (YAML)",
        data=lambda: profile_to_yaml(plan.profile),
        file_name="runner-profile.yaml",
        mime="application/yaml",
        icon=":material/download:",
        on_click="ignore",
        key="save_profile",
    )


def _week_now(plan: Plan, today: dt.date) -> Week:
    """This week of the plan, or its first week before it starts."""
    for week in plan.weeks:
        if week.start <= today < week.start + dt.timedelta(days=7):
            return week
    return plan.weeks[0]


def _this_week(plan: Plan, today: dt.date) -> None:
    week = _week_now(plan, today)
    title = "This week" if week.start <= today else f"First week, from {date_words(week.start)}"
    lines = [
        f"- **{day_words(session.date)}**: {sessions.kind_words(session)}, "
        f"about {session.minutes} min: " + ", ".join(md(item.name) for item in session.exercises)
        for session in week.sessions
        if session.kind != "daily"
    ]
    st.markdown(f"**{title}** (week {week.number}, {md(week.note)})")
    st.markdown("\n".join(lines) if lines else "No strength sessions this week.")
