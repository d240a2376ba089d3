"""Coaches edit the catalog in the browser, safely: only in coach mode, behind a password
whose guessing is slowed down and locked out; every change is previewed, saved into the
files (comments kept) and can be undone.

Every test edits a copy of the shipped catalog in tmp_path, and counts its password guesses
in a store of its own, on a fake clock.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from strength import coach
from strength.catalog import BUNDLED

TIMEOUT = 60
PASSWORD = "tendons-adapt-slowly"
EDITING_LABELS = {"Save", "Delete", "Undo last save", "Merge", "Apply to the draft", "Unlock"}


def _build_page() -> None:
    from strength.ui import build_page

    build_page.render()


def _plan_page() -> None:
    from strength.ui import plan_page

    plan_page.render()


def _catalog_page() -> None:
    from strength.ui import catalog_page

    catalog_page.render()


def _method_page() -> None:
    from strength.ui import method_page

    method_page.render()


def _coach_page() -> None:
    from strength.ui import coach_page

    coach_page.render()


def _menu() -> None:
    import streamlit as st

    from strength.ui.pages import pages

    st.write(", ".join(pages()))


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0  # 2025-06-15 15:06:40 UTC

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A fresh store of guesses on a fake clock: AppTest gives every test the same session
    id, so the server's store would otherwise carry one test's wrong passwords into the next."""
    fake = Clock()
    monkeypatch.setattr(coach, "GUESSES", coach.Guesses(coach.GuessLimits(), clock=fake))
    return fake


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped catalog, which the app reads and edits."""
    copy = Path(shutil.copytree(BUNDLED, tmp_path / "exercises"))
    monkeypatch.setenv("STRENGTH_CATALOG", str(copy))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    return copy


@pytest.fixture
def coach_mode(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRENGTH_COACH_PASSWORD", PASSWORD)
    return folder


def _menu_names() -> str:
    at = AppTest.from_function(_menu, default_timeout=TIMEOUT).run()
    assert not at.exception
    return str(at.markdown[0].value)


def _unlocked() -> AppTest:
    at = AppTest.from_function(_coach_page, default_timeout=TIMEOUT).run()
    at.text_input(key="coach_password_given").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(button for button in at.button if button.label == label)


def _pick(at: AppTest, exercise_id: str) -> AppTest:
    at.selectbox(key="coach_pick").set_value(exercise_id).run()
    assert not at.exception
    return at


def test_without_coach_mode_no_control_in_the_app_can_change_a_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STRENGTH_COACH_PASSWORD", raising=False)
    assert "coach" not in _menu_names().split(", ")
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    for page in (_build_page, _plan_page, _catalog_page, _method_page, _coach_page):
        at = AppTest.from_function(page, default_timeout=TIMEOUT).run()
        assert not at.exception, page.__name__
        labels = {button.label for button in at.button}
        assert not labels & EDITING_LABELS, page.__name__
        uploads = [uploader.label for uploader in at.file_uploader]
        assert not [label for label in uploads if "catalog" in label.lower()], page.__name__
        assert not at.text_input.values or "coach_password_given" not in [
            widget.key for widget in at.text_input
        ]
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def test_with_a_password_configured_the_menu_has_the_coach_page(coach_mode: Path) -> None:
    assert _menu_names().split(", ") == ["build", "plan", "catalog", "method", "coach"]


def test_a_wrong_password_is_refused_and_the_right_one_unlocks(
    coach_mode: Path, clock: Clock
) -> None:
    at = AppTest.from_function(_coach_page, default_timeout=TIMEOUT).run()
    assert [button.label for button in at.button] == ["Unlock"]
    at.text_input(key="coach_password_given").input("tendons").run()
    at.button[0].click().run()
    assert "not the coach password" in at.error[0].value
    assert "next try is heard in 0.5 s" in at.error[0].value
    assert not at.selectbox
    clock.now += 0.5
    at.text_input(key="coach_password_given").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.selectbox(key="coach_pick").value
    assert "Save" not in [button.label for button in at.button]  # nothing to save yet
    assert f"`{coach_mode.name}`" in at.caption[0].value  # the folder by name, no server path
    assert str(coach_mode) not in at.caption[0].value


def test_repeated_wrong_passwords_are_slowed_then_locked_out_even_the_right_one(
    coach_mode: Path, clock: Clock
) -> None:
    at = AppTest.from_function(_coach_page, default_timeout=TIMEOUT).run()

    def guess(password: str) -> str:
        at.text_input(key="coach_password_given").input(password)
        at.button[0].click().run()
        assert not at.exception
        return str(at.error[0].value)

    assert "next try is heard in 0.5 s" in guess("tendons")
    assert guess(PASSWORD) == "Too soon after a wrong password: wait 0.5 s and try again."
    for wait in (0.5, 1, 2, 4, 8, 16, 30, 30):
        clock.now += wait
        assert "not the coach password" in guess("tendons")
    clock.now += 30
    tenth = guess("tendons")
    assert tenth == (
        "Too many wrong passwords: coach mode is locked until 15:23 UTC (in about 15 minutes)."
        " Until then even the right password is refused."
    )
    clock.now += 600
    assert "locked until 15:23 UTC" in guess(PASSWORD)
    assert not at.selectbox
    clock.now += 300
    at.text_input(key="coach_password_given").input(PASSWORD)
    at.button[0].click().run()
    assert not at.error and at.selectbox(key="coach_pick").value


def test_a_dose_edited_and_saved_changes_the_file_and_keeps_its_comments(
    coach_mode: Path,
) -> None:
    path = coach_mode / "hamstrings.yaml"
    before = path.read_text(encoding="utf-8")
    at = _pick(_unlocked(), "nordic-curl")
    at.number_input(key="coach-0-nordic-curl-dose-beginner-sets").set_value(3)
    at.text_input(key="coach-0-nordic-curl-dose-beginner-reps").input("4-6")
    _button(at, "Apply to the draft").click().run()
    assert not at.exception
    diff = at.code[0].value
    assert "-      beginner: {sets: 2, reps: 5, eccentric_s: 3, rest_s: 90}" in diff
    assert "+      beginner: {sets: 3, reps: 4-6, eccentric_s: 3, rest_s: 90}" in diff
    assert path.read_text(encoding="utf-8") == before  # nothing written before Save
    _button(at, "Save").click().run()
    assert not at.exception
    assert "Saved hamstrings.yaml" in at.success[0].value
    after = path.read_text(encoding="utf-8")
    assert "beginner: {sets: 3, reps: 4-6, eccentric_s: 3, rest_s: 90}" in after
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and comments == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    assert len(after.splitlines()) == len(before.splitlines())


def test_an_unchanged_form_changes_nothing(coach_mode: Path) -> None:
    at = _pick(_unlocked(), "heel-drop-straight-knee")
    _button(at, "Apply to the draft").click().run()
    assert not at.exception
    assert "Nothing changed" in at.info[0].value
    assert "Save" not in [button.label for button in at.button]


def test_deleting_a_linked_exercise_shows_the_links(coach_mode: Path) -> None:
    at = _pick(_unlocked(), "nordic-curl")
    _button(at, "Delete").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "cannot be deleted" in message
    assert "assisted-nordic-curl" in message and "nordic-curl-progressed" in message
    assert "Save" not in [button.label for button in at.button]


def test_undo_puts_the_file_back(coach_mode: Path) -> None:
    path = coach_mode / "core.yaml"
    before = path.read_bytes()
    at = _pick(_unlocked(), "dead-bug")
    at.text_input(key="coach-0-dead-bug-name").input("Dead bug, slowly")
    _button(at, "Apply to the draft").click().run()
    _button(at, "Save").click().run()
    assert b"name: Dead bug, slowly" in path.read_bytes()
    _button(at, "Undo last save").click().run()
    assert not at.exception
    assert "Undone" in at.success[0].value
    assert path.read_bytes() == before


def test_a_change_on_disk_meanwhile_is_a_conflict_and_nothing_is_written(
    coach_mode: Path,
) -> None:
    path = coach_mode / "core.yaml"
    at = _pick(_unlocked(), "dead-bug")
    at.text_input(key="coach-0-dead-bug-name").input("Dead bug, slowly")
    _button(at, "Apply to the draft").click().run()
    theirs = path.read_text(encoding="utf-8").replace("name: Dead bug\n", "name: Dead bugs\n", 1)
    path.write_text(theirs, encoding="utf-8")
    _button(at, "Save").click().run()
    assert not at.exception
    assert "nothing was saved" in at.error[0].value
    assert any("+    name: Dead bug, slowly" in code.value for code in at.code)
    assert any("+    name: Dead bugs" in code.value for code in at.code)
    assert path.read_text(encoding="utf-8") == theirs


def test_an_import_shows_its_diff_then_merges(coach_mode: Path) -> None:
    upload = (BUNDLED / "core.yaml").read_text(encoding="utf-8")
    start = upload.index("  - id: dead-bug")
    entry = upload[start : upload.index("\n  - id:", start + 1)]
    new = entry.replace("id: dead-bug", "id: dead-bug-band", 1).replace(
        "name: Dead bug\n", "name: Dead bug with a band\n", 1
    )
    new = "\n".join(  # off the ladder: a rung has one rung above
        line for line in new.splitlines() if not line.startswith(("    easier:", "    harder:"))
    )
    at = _unlocked()
    at.file_uploader[0].set_value(("drills.yaml", f"exercises:\n{new}\n".encode(), "text/yaml"))
    at.run()
    assert not at.exception
    assert any("+  - id: dead-bug-band" in code.value for code in at.code)
    assert "1 added" in "".join(markdown.value for markdown in at.markdown)
    assert "dead-bug-band" not in (coach_mode / "core.yaml").read_text(encoding="utf-8")
    _button(at, "Merge").click().run()
    assert not at.exception
    assert "Merged and saved" in at.success[0].value
    assert "id: dead-bug-band" in (coach_mode / "core.yaml").read_text(encoding="utf-8")


def test_after_a_save_the_builder_uses_the_saved_catalog_at_once(coach_mode: Path) -> None:
    from strength.ui import data

    assert data.catalog()["dead-bug"].name == "Dead bug"
    at = _pick(_unlocked(), "dead-bug")
    at.text_input(key="coach-0-dead-bug-name").input("Dead bug, slowly")
    _button(at, "Apply to the draft").click().run()
    _button(at, "Save").click().run()
    assert data.catalog()["dead-bug"].name == "Dead bug, slowly"


def test_the_file_fingerprint_alone_sees_a_save(coach_mode: Path) -> None:
    """Without the page's cache clearing: the cache key changes with the saved file."""
    from strength.editing import open_for_editing
    from strength.ui import data

    first = data.catalog()
    draft = open_for_editing().draft().update("dead-bug", name="Dead bug, slowly")
    draft.save()
    assert data.catalog() is not first
    assert data.catalog()["dead-bug"].name == "Dead bug, slowly"


def test_ladder_moves_copies_and_new_exercises_are_drafts_checked_before_saving(
    coach_mode: Path,
) -> None:
    at = _pick(_unlocked(), "nordic-curl")
    _button(at, "Easier").click().run()
    assert not at.exception
    assert any("down its ladder" in text for text in at.markdown.values)
    assert "hamstrings.yaml" in at.code[0].value
    _button(at, "Duplicate").click().run()
    assert at.selectbox(key="coach_pick").value == "nordic-curl-copy"
    assert "+  - id: nordic-curl-copy" in at.code[0].value
    at.text_input[0].input("band-bridge")
    at.text_input[1].input("Band bridge")
    _button(at, "Add").click().run()
    assert not at.exception
    assert at.selectbox(key="coach_pick").value == "band-bridge"
    assert "field 'cues': missing required field" in at.error[0].value
    assert _button(at, "Save").disabled
    _button(at, "Discard the changes").click().run()
    assert not at.code
