"""The app's pages, in menu order: the router and in-page links share these.

The Coach page is in the menu only in coach mode (a coach password is configured);
without it the app has no page, and no control, that writes a file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..coach import PASSWORD_SECRET, configured_password


def _secrets() -> dict[str, Any]:
    """The app's secrets, or none: a missing or unreadable secrets file is not an error."""
    try:
        value = st.secrets.get(PASSWORD_SECRET)
    except Exception:  # no secrets.toml (StreamlitSecretNotFoundError), or a broken one
        return {}
    return {PASSWORD_SECRET: value} if value is not None else {}


def coach_password() -> str | None:
    """The configured coach password (STRENGTH_COACH_PASSWORD, else the coach_password
    secret), or None: coach mode is off."""
    return configured_password(os.environ, _secrets())


PAGE_NOW, PAGE_BEFORE, _RAN_ALONE = "page_now", "page_before", "page_ran_alone"


def open_page() -> None:
    """Run the page the address bar names, noting the page of the run before, so the
    answers know when the runner has just moved between pages (`moved_here`)."""
    page = st.navigation(list(pages().values()))
    state = st.session_state
    state[PAGE_BEFORE], state[PAGE_NOW] = state.get(PAGE_NOW), page.url_path
    page.run()


def moved_here() -> bool:
    """This run is the first on its page since the runner came from another page (or
    the first run of the visit)."""
    state = st.session_state
    if PAGE_NOW not in state:  # a page run on its own, without the router (tests)
        first = _RAN_ALONE not in state
        state[_RAN_ALONE] = True
        return first
    return state.get(PAGE_BEFORE) != state.get(PAGE_NOW)


def reopen(query: Mapping[str, list[str]]) -> None:
    """Open the page again with `query` in the address bar, so its widgets read it there.
    A page run on its own (without the router) has nowhere to go and keeps its run."""
    now = st.session_state.get(PAGE_NOW)
    for page in pages().values() if now is not None else ():
        if page.url_path == now:
            st.switch_page(page, query_params=dict(query))


def pages() -> dict[str, st.Page]:
    from . import build_page, catalog_page, method_page, plan_page

    found = {
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
    if coach_password() is not None:
        from . import coach_page

        found["coach"] = st.Page(
            coach_page.render, title="Coach", icon=":material/edit_note:", url_path="coach"
        )
    return found
