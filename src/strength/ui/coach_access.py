"""Who may use the Coach page: the unlock form (its guesses counted by `strength.coach`'s
`Guesses`), the lock, and `writes`, the guard every control that changes the draft or a
file goes through.

Streamlit keeps the callbacks of widgets no longer drawn, and a hand-made message can fire
one, so drawing a button only while unlocked proves nothing: the guard checks, at the moment
the callback runs, that this session is unlocked and coach mode still on, and otherwise
writes nothing, says so on the page and logs it.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from .. import coach
from ..coach import LOG, Outcome, Verdict, session_tag
from ..errors import StrengthError
from .pages import coach_password

P = ParamSpec("P")
UNLOCKED = "coach_unlocked"
REFUSED = "coach_refused"  # the actions refused while locked, shown on the password form
PASSWORD_KEY = "coach_password_given"
WRITERS: dict[str, Callable[..., None]] = {}  # every guarded action, by its qualified name


class Locked(StrengthError):
    """Coach mode is locked in this session (or off): nothing may change the catalog."""


def session_id() -> str:
    """This browser session's id (one a websocket), or 'unknown' outside a script run."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "unknown"


def unlocked() -> bool:
    """This session gave the password and has not locked since, and coach mode is on."""
    return st.session_state.get(UNLOCKED) is True and coach_password() is not None


def writes(action: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """The guard of a callback (or any function) that changes the draft or writes a file:
    while locked it does nothing but note and log the refusal of `action`."""

    def guard(change: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(change)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            if not unlocked():
                LOG.warning(
                    "refused '%s': coach mode is locked (session %s); nothing was written",
                    action,
                    session_tag(session_id()),
                )
                refused = st.session_state.setdefault(REFUSED, [])
                if action not in refused:
                    refused.append(action)
                return
            change(*args, **kwargs)

        guarded.coach_action = action  # type: ignore[attr-defined]
        WRITERS[f"{change.__module__}.{change.__qualname__}"] = guarded
        return guarded

    return guard


def require_unlocked() -> None:
    """Raise Locked unless unlocked: the draft (and through it every save) is only reached
    by code that passed this check."""
    if not unlocked():
        raise Locked("coach mode is locked: give the coach password first")


def lock(*keys: str) -> None:
    """The Lock button: forget the unlock, and the session's `keys` (its draft...)."""
    was_unlocked = st.session_state.get(UNLOCKED) is True
    for key in (UNLOCKED, *keys):
        st.session_state.pop(key, None)
    if was_unlocked:
        LOG.info("coach mode locked (session %s)", session_tag(session_id()))


def unlock_form(expected: str) -> None:
    """The password form; a right password (heard: not too soon, not locked out) unlocks."""
    _show_refused()
    st.write("The catalog can be changed here by a coach. Give the coach password to go on.")
    with st.form("coach-unlock"):
        given = st.text_input("Coach password", type="password", key=PASSWORD_KEY)
        if not st.form_submit_button("Unlock", type="primary"):
            return
        verdict = coach.GUESSES.guess(session_id(), given, expected)
        if verdict.unlocked:
            st.session_state[UNLOCKED] = True
            st.session_state.pop(PASSWORD_KEY, None)
            st.session_state.pop(REFUSED, None)
            st.rerun()
        st.error(refusal(verdict), icon=":material/block:")


def refusal(verdict: Verdict) -> str:
    """Why a guess did not unlock, and when the next one is heard."""
    wait = _duration(verdict.retry_in_s)
    if verdict.outcome is Outcome.LOCKED_OUT and verdict.until is not None:
        return (
            "Too many wrong passwords: coach mode is locked until "
            f"{verdict.until:%H:%M} UTC (in about {wait}). "
            "Until then even the right password is refused."
        )
    if verdict.outcome is Outcome.TOO_SOON:
        return f"Too soon after a wrong password: wait {wait} and try again."
    text = "That is not the coach password."
    if verdict.retry_in_s > 0:
        text += f" The next try is heard in {wait}; each wrong password doubles the wait."
    return text


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(seconds, 0.1):.1f} s".replace(".0 s", " s")
    minutes = round(seconds / 60)
    return f"{minutes} minute" + ("" if minutes == 1 else "s")


def _show_refused() -> None:
    refused = st.session_state.pop(REFUSED, [])
    if refused:
        st.warning(
            "Coach mode is locked: nothing was written. Refused: " + ", ".join(refused) + ".",
            icon=":material/lock:",
        )


def _log_to_stderr() -> None:
    """Unlocks, refusals and locks reach the server's log even when nobody configured
    logging (Streamlit configures only its own loggers)."""
    if LOG.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)


_log_to_stderr()
