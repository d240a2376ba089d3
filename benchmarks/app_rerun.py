"""The app's warm rerun (the Plan page, the default) against a one-line Streamlit app.

Both run under Streamlit's AppTest in this process: each is run once to warm
its caches and imports, then their reruns are timed in alternation. The ratio
is what matters; the one-liner absorbs the cost of Streamlit itself and of
the machine.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from streamlit import config
from streamlit.logger import set_log_level
from streamlit.testing.v1 import AppTest

from ._harness import ROOT, Report, measure, ratio

NAME = "app"
GOAL_RATIO = 8.0  # the Plan page's warm rerun, at most 8x the one-liner's
ONE_LINER = 'import streamlit as st\nst.write("hello")\n'
FIRST_RUN_TIMEOUT_S = 120.0  # the cold run imports pandas, plotly and the catalog
RERUN_TIMEOUT_S = 30.0


def _warm_app(script: Path) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=RERUN_TIMEOUT_S)
    at.run(timeout=FIRST_RUN_TIMEOUT_S)
    if at.exception:
        messages = "; ".join(str(error.message) for error in at.exception)
        raise RuntimeError(f"{script.name} raised on its first run: {messages}")
    return at


def run(quick: bool = False) -> Report:
    runs = 15 if quick else 200
    # Streamlit's own warnings (deprecations, bare mode) would flood the report. Setting
    # the option parses the config first, so its logger update cannot undo ours later.
    config.set_option("logger.level", "error")
    set_log_level("error")
    with tempfile.TemporaryDirectory(prefix="bench-one-liner-") as folder:
        baseline_script = Path(folder) / "one_liner.py"
        baseline_script.write_text(ONE_LINER, encoding="utf-8")
        app = _warm_app(ROOT / "app.py")
        baseline = _warm_app(baseline_script)
        report = Report(
            "app: warm rerun (Plan page)",
            "AppTest.run() on app.py after one warm-up run, against a one-line app, alternated.",
            timings=measure({"app.py": app.run, "one-liner": baseline.run}, runs, warmup=1),
        )
        if app.exception:
            raise RuntimeError(f"app.py raised on a rerun: {app.exception[0].message}")
    report.checks.append(ratio(report, "app.py", "one-liner", GOAL_RATIO))
    report.notes.append(f"goal for later: the Plan page's warm rerun at most {GOAL_RATIO:g}x")
    return report
