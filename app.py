"""The app's router: the pages live in strength.ui."""

import streamlit as st

from strength.ui import catalog_page, plan_page

st.set_page_config(page_title="Strength for runners", page_icon=":material/directions_run:")
page = st.navigation(
    [
        st.Page(
            plan_page.render,
            title="Your plan",
            icon=":material/event_note:",
            url_path="plan",
            default=True,
        ),
        st.Page(
            catalog_page.render,
            title="Exercises",
            icon=":material/fitness_center:",
            url_path="catalog",
        ),
    ]
)
page.run()
