"""Build: the runner's answers, grouped the way a runner thinks, with the plan at a glance.

Sensible defaults mean the first view already shows a plan; every answer is in
the URL, so the link in the address bar rebuilds the same plan anywhere.
"""

from __future__ import annotations

import streamlit as st

from ..errors import StrengthError
from ..profile import profile_to_yaml
from .data import catalog_or_message, plan_for
from .inputs import profile_or_messages, profile_upload, runner_answers, show_problems
from .pages import pages
from .plan_page import figure, md, plan_key


def render() -> None:
    st.title("Strength for runners")
    st.caption(
        "A strength plan built around your running week, aimed at your weak links, "
        "loaded gradually and eased into race day."
    )
    exercises = catalog_or_message(", so no plan can be built")
    if exercises is None:
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        answers = runner_answers(exercises)
    profile = profile_or_messages(answers)
    with right:
        st.subheader("Your plan at a glance")
        if profile is None:
            st.info("Fix the answer marked on the left to see your plan.", icon=":material/info:")
        else:
            try:
                plan = plan_for(profile, exercises)
            except StrengthError as error:
                show_problems(answers, error)
                st.info(
                    "Fix the answer marked on the left to see your plan.", icon=":material/info:"
                )
            else:
                sessions = [s for s in plan.sessions() if s.kind != "daily"]
                first = st.columns(2)
                first[0].metric("Weeks", len(plan.weeks))
                first[1].metric("Strength sessions", len(sessions))
                for warning in plan.warnings:
                    st.warning(md(warning), icon=":material/warning:")
                st.plotly_chart(
                    figure("calendar", plan_key(plan), plan),
                    config={"displayModeBar": False},
                    key="glance",
                )
                st.page_link(
                    pages()["plan"], label="Open the full plan", icon=":material/arrow_forward:"
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
        profile_upload()
