"""A coach edits the catalog in a real Chromium, and the next plan shows it.

The app runs here with coach mode on (a password) over a copy of the catalog in tmp_path,
so the shipped files are never touched.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from strength.coach import PROTOCOL_COLUMNS
from strength.exports import sessions

from .conftest import ROOT, _need_chromium, serve_app, settle_after, wait_for_app

pytestmark = pytest.mark.browser
PASSWORD = "slow-and-heavy"
EXCEPTION = "[data-testid='stException']"
NEW_CUE = "Coach's cue: breathe out as you lower."


@pytest.fixture(scope="module")
def coach_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`streamlit run app.py` in coach mode, over a copy of the catalog: (url, folder)."""
    _need_chromium()
    base = tmp_path_factory.mktemp("coach")
    folder = Path(shutil.copytree(ROOT / "exercises", base / "exercises"))
    env = {
        "STRENGTH_COACH_PASSWORD": PASSWORD,
        "STRENGTH_CATALOG": str(folder),
        "STRENGTH_COACH_CATALOG": None,
    }
    with serve_app(base / "streamlit.log", env) as url:
        yield url, folder


def _first_exercise(page) -> str:  # type: ignore[no-untyped-def]
    """The first exercise of the first session card: after its date and its warm-up."""
    card = page.locator("[class*='st-key-session-']").first
    card.locator("strong").first.wait_for()
    names = card.locator("strong").all_inner_texts()[1:]
    return next(name for name in names if name != sessions.WARM_UP)


def test_a_coach_edits_a_cue_and_the_next_plan_shows_it(page, coach_app) -> None:  # type: ignore[no-untyped-def]
    url, folder = coach_app
    page.goto(url + "/plan")
    wait_for_app(page)
    name = _first_exercise(page)
    assert name
    assert NEW_CUE not in page.locator("[class*='st-key-session-']").first.inner_text()

    page.get_by_role("link", name="Coach").click()
    page.wait_for_url("**/coach")
    wait_for_app(page)
    page.get_by_label("Coach password").fill("not it")
    page.get_by_role("button", name="Unlock").click()
    settle_after(page)
    page.get_by_text("That is not the coach password.").wait_for()
    page.wait_for_timeout(600)  # a wrong password: the next try is heard after 0.5 s
    page.get_by_label("Coach password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    settle_after(page)

    picker = page.locator(".st-key-coach_pick input")
    picker.click()
    page.keyboard.type(name)
    option = page.get_by_role("option", name=name).first
    exercise_id = re.search(r"\(([a-z0-9_-]+)\)$", option.inner_text().strip())[1]  # type: ignore[index]
    option.click()
    settle_after(page)
    cues = page.locator(f".st-key-coach-0-{exercise_id}-cues textarea")  # its form, not the last
    cues.fill(NEW_CUE + "\n" + cues.input_value())
    page.get_by_role("button", name="Apply to the draft").click()
    settle_after(page)
    diff = page.locator("[data-testid='stCode']").first.inner_text()
    assert NEW_CUE in diff
    page.get_by_role("button", name="Save").click()
    settle_after(page)
    page.get_by_text("New plans use it now").wait_for()
    assert any(NEW_CUE in path.read_text(encoding="utf-8") for path in folder.glob("*.yaml"))
    assert page.locator(EXCEPTION).count() == 0

    page.get_by_role("link", name="Your plan").click()
    page.wait_for_url("**/plan**")
    wait_for_app(page)
    assert _first_exercise(page) == name
    assert NEW_CUE in page.locator("[class*='st-key-session-']").first.inner_text()


def test_a_coach_edits_a_protocol_cell_in_the_grid_and_saves_it(page, coach_app) -> None:  # type: ignore[no-untyped-def]
    """Week 2 of the Nordic curl's Petersen table: reps 6 -> 7, typed into the canvas grid."""
    from playwright.sync_api import expect

    url, folder = coach_app
    path = folder / "hamstrings.yaml"
    before = path.read_text(encoding="utf-8")
    old_row = "- {week: 2, sessions: 2, sets: 2, reps: 6}"
    new_row = "- {week: 2, sessions: 2, sets: 2, reps: 7}"
    assert before.count(old_row) == 1
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments

    page.goto(url + "/coach")
    wait_for_app(page)
    page.get_by_label("Coach password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    settle_after(page)
    page.locator(".st-key-coach_pick input").click()
    page.keyboard.type("nordic-curl")
    page.get_by_role("option", name="Nordic curl (nordic-curl)", exact=True).click()
    settle_after(page)

    # The grid is drawn on a canvas under a scroller that takes the pointer: click the first
    # cell (week of week 1: past the row markers, below the 35 px header), then walk to the
    # cell with the keys, so the column widths do not matter.
    grid = page.locator(".st-key-coach-0-nordic-curl-protocol .dvn-scroller")
    grid.click(position={"x": 50, "y": 35 + 17})
    settle_after(page)
    for _ in range(PROTOCOL_COLUMNS.index("reps")):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")  # week 2
    page.keyboard.press("Enter")  # opens the overlay editor on the selected cell
    cell = page.locator("[id^='gdg-overlay-'] textarea")
    expect(cell).to_have_value("6")  # the right cell: week 2's reps
    cell.fill("7")
    page.keyboard.press("Enter")  # commits the cell and closes the overlay
    expect(cell).to_have_count(0)
    settle_after(page)

    page.get_by_role("button", name="Apply to the draft").click()
    settle_after(page)
    diff = page.locator("[data-testid='stCode']").first.inner_text()
    changed = [
        line[0] + line[1:].strip()
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-" + old_row, "+" + new_row]
    page.get_by_role("button", name="Save").click()
    settle_after(page)
    page.get_by_text("New plans use it now").wait_for()
    assert page.locator(EXCEPTION).count() == 0

    after = path.read_text(encoding="utf-8")
    assert new_row in after and old_row not in after
    assert after == before.replace(old_row, new_row)  # only that line is rewritten
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
