"""The app's pages, in menu order: the router and in-page links share these.

The Coach page is in the menu only in coach mode (a coach password is configured);
without it the app has no page, and no control, that writes a file."""

from __future__ import annotations

import os
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
