"""Locking coach mode locks: a session that was unlocked cannot write after it locks, not even
by firing the callback of a button it saw before (what a hand-made websocket message does:
Streamlit keeps the callbacks of widgets no longer drawn).

The forged message here is the one a browser would send, a widget trigger for a widget id
seen earlier, handed to the same session through AppTest's run (the path of a BackMsg).
"""

from __future__ import annotations

import ast
import inspect
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from strength import coach
from strength.catalog import BUNDLED

TIMEOUT = 60
PASSWORD = "tendons-adapt-slowly"
WRITING_METHODS = {"save", "apply", "undo_last"}  # the editor's calls that write files


def _coach_page() -> None:
    from strength.ui import coach_page

    coach_page.render()


@pytest.fixture(autouse=True)
def fresh_guesses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coach, "GUESSES", coach.Guesses(coach.GuessLimits()))


@pytest.fixture
def overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Coach mode over a copy of the catalog and a coach's overlay folder (so the page also
    draws Revert): returns the folder holding both."""
    shutil.copytree(BUNDLED, tmp_path / "exercises")
    (tmp_path / "mine").mkdir()
    monkeypatch.setenv("STRENGTH_CATALOG", str(tmp_path / "exercises"))
    monkeypatch.setenv("STRENGTH_COACH_CATALOG", str(tmp_path / "mine"))
    monkeypatch.setenv("STRENGTH_COACH_PASSWORD", PASSWORD)
    return tmp_path


def _files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _catalog(folder: Path) -> dict[Path, bytes]:
    """The catalog files, without the history the editor keeps next to them."""
    return {path: data for path, data in _files(folder).items() if ".history" not in path.parts}


def _unlocked() -> AppTest:
    at = AppTest.from_function(_coach_page, default_timeout=TIMEOUT).run()
    at.text_input(key="coach_password_given").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str) -> Any:
    return next(button for button in at.button if button.label == label)


def _rename(at: AppTest, name: str) -> None:
    at.selectbox(key="coach_pick").set_value("dead-bug").run()
    state = at.session_state
    generation = state.get("coach_generation", 0)
    at.text_input(key=f"coach-{generation}-dead-bug-name").input(name)
    _button(at, "Apply to the draft").click().run()
    assert not at.exception


def _forge(at: AppTest, widget_id: str) -> None:
    """What a hand-made BackMsg does: a rerun whose widget states trigger `widget_id`."""
    states = WidgetStates()
    trigger = states.widgets.add()
    trigger.id = widget_id
    trigger.trigger_value = True
    at._run(states)
    assert not at.exception


def _registered_callbacks(at: AppTest) -> dict[str, Any]:
    """Every widget callback the session holds (drawn now or earlier), by widget id."""
    metadata = at._session_state._state._new_widget_state.widget_metadata
    return {wid: meta for wid, meta in metadata.items() if meta.callback or meta.callbacks}


def _upload(at: AppTest) -> None:
    text = (BUNDLED / "core.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: dead-bug")
    entry = text[start : text.index("\n  - id:", start + 1)]
    entry = entry.replace("id: dead-bug", "id: dead-bug-band", 1)
    entry = "\n".join(
        line for line in entry.splitlines() if not line.startswith(("    easier:", "    harder:"))
    )
    at.file_uploader[0].set_value(("drills.yaml", f"exercises:\n{entry}\n".encode(), "text/yaml"))
    at.run()
    assert not at.exception


def test_a_forged_trigger_of_a_button_is_heard_so_the_lock_test_below_can_fail(
    overlay: Path,
) -> None:
    before = _catalog(overlay / "mine")
    at = _unlocked()
    _rename(at, "Dead bug, slowly")
    _button(at, "Save").click().run()
    assert _catalog(overlay / "mine") != before
    _forge(at, _button(at, "Undo last save").id)
    assert "Undone" in at.success[0].value
    assert _catalog(overlay / "mine") == before


def test_after_locking_no_callback_of_the_coach_page_writes_even_when_forged(
    overlay: Path,
) -> None:
    from strength.ui import coach_access

    at = _unlocked()
    _rename(at, "Dead bug, slowly")
    _button(at, "Save").click().run()  # a save in the history: Undo is live
    _rename(at, "Dead bug, slower")  # a change not saved: Save and Discard are live
    _upload(at)  # an import previewed: Merge is live
    labels = {button.id: button.label for button in at.button}
    assert {"Save", "Discard the changes", "Merge", "Undo last save", "Revert"} <= set(
        labels.values()
    )
    callbacks = _registered_callbacks(at)

    # Every callback the page registers is the lock or goes through the guard, and every
    # guarded action of the page is reached by one of them: a new one cannot escape.
    page_writers = {
        fn.coach_action
        for name, fn in coach_access.WRITERS.items()
        if name.startswith("strength.ui.coach_page.")
    }
    actions = set()
    for wid, meta in callbacks.items():
        assert meta.callbacks is None, f"{labels.get(wid, wid)}: several callbacks to forge"
        assert meta.value_type == "trigger_value", f"{labels.get(wid, wid)}: forge its change"
        if meta.callback is coach_access.lock:
            continue
        action = getattr(meta.callback, "coach_action", None)
        assert action is not None, f"the callback of '{labels.get(wid, wid)}' is not guarded"
        assert not meta.disabled, f"'{labels.get(wid, wid)}' was drawn disabled: not forgeable"
        actions.add(action)
    assert actions == page_writers

    before = _files(overlay)
    _button(at, "Lock coach mode").click().run()
    assert [button.label for button in at.button] == ["Unlock"]
    assert "coach_draft" not in at.session_state

    for wid, meta in callbacks.items():
        if meta.callback is coach_access.lock:
            continue
        _forge(at, wid)
        label = labels.get(wid, wid)
        assert _files(overlay) == before, label
        assert "coach_draft" not in at.session_state, label
        warning = at.warning[0].value
        assert "Coach mode is locked: nothing was written" in warning, label
        assert meta.callback.coach_action in warning, label
        assert [button.label for button in at.button] == ["Unlock"], label


def test_every_call_that_writes_a_file_is_inside_a_guarded_function() -> None:
    """The editor's writing calls (Draft.save, ImportPreview.apply, undo_last) appear in the
    Coach page only inside functions decorated with @writes(...)."""
    from strength.ui import coach_access, coach_page

    found = []
    for module in (coach_page, coach_access):
        tree = ast.parse(inspect.getsource(module))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            guarded = any(
                isinstance(d, ast.Call) and getattr(d.func, "id", None) == "writes"
                for d in function.decorator_list
            )
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITING_METHODS
                ):
                    found.append((module.__name__, function.name, node.func.attr, guarded))
    assert {(name, call) for _, name, call, _ in found} >= {
        ("_save", "save"),
        ("_merge", "apply"),
        ("_undo", "undo_last"),
    }
    assert [each for each in found if not each[3]] == []


def test_the_draft_is_not_handed_out_while_locked(overlay: Path) -> None:
    """Defence in depth: code that forgot the guard still cannot reach a save."""

    def page() -> None:
        import streamlit as st

        from strength.errors import StrengthError
        from strength.ui import coach_page

        try:
            coach_page._draft()
        except StrengthError as error:
            st.write(f"refused: {error}")

    at = AppTest.from_function(page, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.markdown[0].value == "refused: coach mode is locked: give the coach password first"
