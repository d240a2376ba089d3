"""The app's pages, in menu order: the router and in-page links share these."""

from __future__ import annotations

import streamlit as st


def pages() -> dict[str, st.Page]:
    from . import build_page, catalog_page, method_page, plan_page

    return {
        "build": st.Page(
            build_page.render,
            title="Build",
            icon=":material/tune:",
            url_path="build",
            default=True,
        ),
        "plan": st.Page(
            plan_page.render, title="Your plan", icon=":material/event_note:", url_path="plan"
        ),
        "catalog": st.Page(
            catalog_page.render,
            title="Exercises",
            icon=":material/fitness_center:",
            url_path="catalog",
        ),
        "method": st.Page(
            method_page.render, title="Method", icon=":material/menu_book:", url_path="method"
        ),
    }
