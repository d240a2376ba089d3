"""From a changed answer to the new plan, in a real Chromium.

Serves the app with `streamlit run`, opens the Plan page, and types a new plan
length each time (13, 14, ... weeks), so every sample builds a plan the cache
has never seen. Each sample runs in the page's own clock: from the Enter key
going down to the moment Streamlit reports the rerun finished (the plan,
calendar and cards redrawn).
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from strength.profile import ANSWER_NAMES

from ._harness import Check, Report, Timing

NAME = "browser"
GOAL_MS = 1000.0
SHARED = "start=2027-01-04&goal=A+number+of+weeks&weeks=12"

_OBSERVE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__marks = {down: null, done: null, ran: false};
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter") window.__marks = {down: performance.now(), done: null, ran: false};
  }, true);
  // Each record says what the state was before it changed, so a run that starts and
  // ends between two callbacks (a busy page batches them) is still seen to have run.
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.oldValue === "running") window.__marks.ran = true;
    }
    const state = app.getAttribute("data-test-script-state");
    if (state === "running") window.__marks.ran = true;
    if (state === "notRunning" && window.__marks.ran && window.__marks.done === null)
      window.__marks.done = performance.now();
  }).observe(app, {attributes: true, attributeOldValue: true,
                   attributeFilter: ["data-test-script-state"]});
}"""


def run(quick: bool = False) -> Report:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, serve_app, wait_for_app

    if not CHROMIUM.exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    runs = 6 if quick else 30
    samples: list[float] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-browser-") as folder,
        serve_app(Path(folder) / "streamlit.log") as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/plan?{SHARED}")
        wait_for_app(page)
        page.evaluate(_OBSERVE)
        weeks = page.get_by_label(ANSWER_NAMES["weeks"], exact=True)
        for index in range(runs + 1):
            weeks.fill(str(13 + index))
            weeks.press("Enter")
            page.wait_for_function("window.__marks.done !== null", timeout=30_000)
            marks = page.evaluate("window.__marks")
            if index:  # the first change warms the server's imports
                samples.append(marks["done"] - marks["down"])
        browser.close()
    timing = Timing("changed answer -> new plan", tuple(samples))
    report = Report(
        "browser: a changed answer to the new plan (Chromium)",
        "Plan page, 1280 px; a new plan length typed each time (never cached); page clock "
        "from the Enter key to the rerun's end.",
        timings=[timing],
    )
    report.checks.append(Check("median time to the new plan", timing.median, GOAL_MS, "ms"))
    report.notes.append(
        f"slowest sample {max(samples):.0f} ms, mean {statistics.mean(samples):.0f} ms"
    )
    return report


__all__ = ["NAME", "run"]
