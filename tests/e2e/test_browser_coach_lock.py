"""A locked Coach page cannot write, even to a hand-made websocket message, in a real Chromium.

The attack of issue 13: a coach unlocks and saves (so Undo is live), then locks; the same
session then sends, over its own websocket, a widget trigger for the Undo button's id it
saw while unlocked. Streamlit still holds that button's callback and fires it; the guard
must refuse. Playwright sits on the page's websocket: it reads the ids the server sent and
sends the forged BackMsg, exactly what a script in the browser's console could.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from .conftest import ROOT, _need_chromium, serve_app, settle_after, wait_for_app

pytestmark = pytest.mark.browser
PASSWORD = "heavy-slow-resistance-for-tendons"
NEW_CUE = "Coach's cue: ribs down."
EXCEPTION = "[data-testid='stException']"


@pytest.fixture(scope="module")
def lock_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The app in coach mode over a catalog of its own: (url, folder, server log)."""
    _need_chromium()
    base = tmp_path_factory.mktemp("coach-lock")
    folder = Path(shutil.copytree(ROOT / "exercises", base / "exercises"))
    env = {
        "STRENGTH_COACH_PASSWORD": PASSWORD,
        "STRENGTH_CATALOG": str(folder),
        "STRENGTH_COACH_CATALOG": None,
    }
    log = base / "streamlit.log"
    with serve_app(log, env) as url:
        yield url, folder, log


class Wire:
    """The page's websocket, passed through: what the server drew (button ids by label)
    and the last rerun request the page sent, and a way to send one of our own."""

    def __init__(self, route: Any) -> None:
        self.buttons: dict[str, list[tuple[str, bool]]] = {}
        self.last_rerun: BackMsg | None = None
        self.server = route.connect_to_server()
        route.on_message(self._from_page)
        self.server.on_message(lambda message: self._from_server(route, message))

    def _from_page(self, message: str | bytes) -> None:
        if isinstance(message, bytes):
            sent = BackMsg.FromString(message)
            if sent.WhichOneof("type") == "rerun_script":
                self.last_rerun = sent
        self.server.send(message)

    def _from_server(self, route: Any, message: str | bytes) -> None:
        if isinstance(message, bytes):
            drawn = ForwardMsg.FromString(message)
            element = drawn.delta.new_element
            if drawn.HasField("delta") and element.WhichOneof("type") == "button":
                button = element.button
                self.buttons.setdefault(button.label, []).append((button.id, button.disabled))
        route.send(message)

    def forge_trigger(self, widget_id: str) -> None:
        """A rerun request of this session whose only widget state fires `widget_id`."""
        assert self.last_rerun is not None
        forged = BackMsg()
        forged.rerun_script.CopyFrom(self.last_rerun.rerun_script)
        del forged.rerun_script.widget_states.widgets[:]
        trigger = forged.rerun_script.widget_states.widgets.add()
        trigger.id = widget_id
        trigger.trigger_value = True
        self.server.send(forged.SerializeToString())


def _files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_locked_session_cannot_fire_the_undo_it_saw_while_unlocked(page, lock_app) -> None:  # type: ignore[no-untyped-def]
    url, folder, log = lock_app
    wires: list[Wire] = []
    page.route_web_socket("**/_stcore/stream", lambda route: wires.append(Wire(route)))
    page.goto(url + "/coach")
    wait_for_app(page)
    page.get_by_label("Coach password").fill("not the password")
    page.get_by_role("button", name="Unlock").click()
    settle_after(page)
    page.get_by_text("That is not the coach password.").wait_for()
    page.wait_for_timeout(600)  # the next try is heard after 0.5 s
    page.get_by_label("Coach password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    settle_after(page)

    page.locator(".st-key-coach_pick input").click()
    page.keyboard.type("dead-bug")
    page.get_by_role("option", name="Dead bug (dead-bug)", exact=True).click()
    settle_after(page)
    cues = page.locator(".st-key-coach-0-dead-bug-cues textarea")
    cues.fill(NEW_CUE + "\n" + cues.input_value())
    page.get_by_role("button", name="Apply to the draft").click()
    settle_after(page)
    page.get_by_role("button", name="Save").click()
    settle_after(page)
    page.get_by_text("New plans use it now").wait_for()
    assert page.locator(EXCEPTION).count() == 0

    (wire,) = wires
    undo_id, undo_disabled = wire.buttons["Undo last save"][-1]
    assert not undo_disabled  # live: the save above is in the history

    page.get_by_role("button", name="Lock coach mode").click()
    settle_after(page)
    page.get_by_label("Coach password").wait_for()
    before = _files(folder)
    assert any(NEW_CUE in data.decode("utf-8", "replace") for data in before.values())

    wire.forge_trigger(undo_id)
    refused = page.get_by_text("nothing was written. Refused: Undo last save.")
    for _ in range(300):  # until the page says it refused, or a file changed
        if refused.count() or _files(folder) != before:
            break
        page.wait_for_timeout(100)
    settle_after(page)
    assert _files(folder) == before  # not one byte, the history included
    assert refused.count() == 1
    assert page.get_by_role("button", name="Unlock").count() == 1
    assert page.get_by_role("button", name="Undo last save").count() == 0
    assert page.locator(EXCEPTION).count() == 0

    server_log = log.read_text(errors="replace")
    assert "refused 'Undo last save': coach mode is locked" in server_log
    assert "coach unlock refused: wrong password" in server_log and "coach unlocked" in server_log
    assert PASSWORD not in server_log and "not the password" not in server_log
