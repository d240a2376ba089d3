"""The app's router: the pages live in strength.ui."""

import streamlit as st

from strength.ui.pages import pages

st.set_page_config(
    page_title="Strength for runners",
    page_icon=":material/directions_run:",
    layout="wide",
)
st.navigation(list(pages().values())).run()
