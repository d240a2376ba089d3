"""The app's router: the pages live in strength.ui."""

from pathlib import Path

import streamlit as st

from strength.ui.pages import open_page

# Our own runner glyph, served by the app itself (a material icon would be fetched
# from Google's font server, and an app used offline would have no icon).
ICON = Path(__file__).with_name("runner-icon.png")

st.set_page_config(page_title="Strength for runners", page_icon=str(ICON), layout="wide")
open_page()
