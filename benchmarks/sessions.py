"""Many runners at once: 5, 10 and 20 sessions of the Plan page in one served app, all
changing an answer at the same moment.

One `streamlit run` serves every session; each is a Chromium page of its own (a new
browser context: its own cookies and websocket). Each session starts from a different
number of minutes, so no two share a cached plan, and each round every session types a
new plan length at once: every sample is a real build, under the load of the others.
A sample runs in its page's own clock, from its Enter key to the new length shown in the plan. The
server's memory (resident set, from /proc) is read before the sessions open and after
they have all rebuilt, and shared out per session.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from strength.profile import ANSWER_NAMES

from ._harness import Check, Report, Table, Timing

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# In the page's own clock: from the Enter key to the moment the plan's "Weeks" figure shows
# the length just typed, seen by an observer of the page itself (not by the test's loop,
# which visits the sessions one after another).
_OBSERVE = """() => {
  window.__marks = {down: null, done: null, expect: null};
  const weeks = () => {
    const metric = [...document.querySelectorAll("[data-testid='stMetric']")]
      .find((element) => element.innerText.trim().startsWith("Weeks"));
    const value = metric && metric.querySelector("[data-testid='stMetricValue']");
    return value ? value.innerText.trim() : null;
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    window.__marks = {down: performance.now(), done: null, expect: event.target.value};
  }, true);
  new MutationObserver(() => {
    const marks = window.__marks;
    if (marks.down !== null && marks.done === null && weeks() === marks.expect)
      marks.done = performance.now();
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""

NAME = "sessions"
COUNTS = (5, 10, 20)
GOAL_P95_MS = 5000.0  # the slowest of 20 runners who changed an answer at the same moment
SHARED = "start=2027-01-04&goal=A+number+of+weeks&weeks=12"


def _server_rss_kib(port: int) -> int:
    """The resident memory of the `streamlit run` serving `port`, from /proc."""
    for process in Path("/proc").iterdir():
        if not process.name.isdigit():
            continue
        try:
            command = (process / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" not in b" ".join(command) or str(port).encode() not in command:
                continue
            for line in (process / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            continue
    raise RuntimeError(f"no streamlit process found serving port {port}")


def _round(pages: list, first_weeks: int) -> list[float]:
    """Every page types a new plan length, all at once; each one's time to its new plan."""
    label = ANSWER_NAMES["weeks"]
    for page in pages:  # every session idle first: a key pressed mid-run would be merged
        page.wait_for_selector(IDLE, timeout=120_000)
    for index, page in enumerate(pages):
        weeks = page.get_by_label(label, exact=True)
        weeks.fill(str(first_weeks + index % 30))
        weeks.press("Enter")
    samples = []
    for page in pages:
        page.wait_for_function("window.__marks.done !== null", timeout=120_000)
        marks = page.evaluate("window.__marks")
        samples.append(marks["done"] - marks["down"])
    return samples


def run(quick: bool = False) -> Report:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, serve_app, wait_for_app

    if not CHROMIUM.exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    rounds = 1 if quick else 3
    counts = (2, 5) if quick else COUNTS
    timings: list[Timing] = []
    rows: list[tuple[str, ...]] = []
    worst = 0.0
    with (
        tempfile.TemporaryDirectory(prefix="bench-sessions-") as folder,
        serve_app(Path(folder) / "streamlit.log") as base,
        sync_playwright() as playwright,
    ):
        port = int(base.rsplit(":", 1)[1])
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        warm = browser.new_context().new_page()  # the server's imports, before any count
        warm.goto(f"{base}/plan?{SHARED}")
        wait_for_app(warm)
        warm.context.close()
        for count in counts:
            before = _server_rss_kib(port)
            contexts = [browser.new_context(viewport={"width": 1280, "height": 900})
                        for _ in range(count)]  # fmt: skip
            pages = [context.new_page() for context in contexts]
            for index, page in enumerate(pages):
                page.goto(f"{base}/plan?{SHARED}&minutes={10 + 5 * (index % 22)}")
            for page in pages:
                wait_for_app(page, timeout_ms=120_000)
                page.evaluate(_OBSERVE)
            samples: list[float] = []
            for number in range(rounds):
                samples += _round(pages, 13 + number)
            after = _server_rss_kib(port)
            timing = Timing(f"{count} sessions at once", tuple(samples))
            timings.append(timing)
            p95 = _p95(samples)
            worst = max(worst, p95) if count == counts[-1] else worst
            rows.append(
                (str(count), f"{timing.median:.0f}", f"{p95:.0f}",
                 f"{(after - before) / 1024 / count:.1f}", f"{after / 1024:.0f}")
            )  # fmt: skip
            for context in contexts:
                context.close()
        browser.close()
    report = Report(
        "sessions: 5, 10 and 20 runners changing an answer at once",
        "Plan page in one served app; every session types a new plan length at the same "
        f"moment, {rounds} rounds; page clock from Enter to the new length shown in the plan.",
        timings=timings,
    )
    report.tables.append(
        Table(
            "time to the new plan and server memory, by number of sessions",
            ("sessions", "p50 ms", "p95 ms", "MiB per session", "server MiB"),
            tuple(rows),
        )
    )
    report.checks.append(Check(f"p95 with {counts[-1]} sessions at once", worst, GOAL_P95_MS, "ms"))
    return report


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


__all__ = ["NAME", "run"]
