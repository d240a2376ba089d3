"""The Plan and Build pages' warm reruns against a one-line Streamlit app.

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

from ._harness import Report, measure, ratio

NAME = "app"
GOAL_RATIO = 8.0  # the Plan page's warm rerun, at most 8x the one-liner's
ONE_LINER = 'import streamlit as st\nst.write("hello")\n'
PAGE = (
    "import streamlit as st\nfrom strength.ui import {name}\n"
    'st.set_page_config(layout="wide")\n{name}.render()\n'
)
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
        pages = {}
        for name in ("plan_page", "build_page"):
            script = Path(folder) / f"{name}.py"
            script.write_text(PAGE.format(name=name), encoding="utf-8")
            pages[name] = _warm_app(script)
        baseline = _warm_app(baseline_script)
        report = Report(
            "app: warm rerun (Plan and Build pages)",
            "AppTest.run() on each page after one warm-up run (the default answers: a "
            "16-week race plan), against a one-line app, alternated.",
            timings=measure(
                {
                    "plan page": pages["plan_page"].run,
                    "build page": pages["build_page"].run,
                    "one-liner": baseline.run,
                },
                runs,
                warmup=1,
            ),
        )
        for name, app in pages.items():
            if app.exception:
                raise RuntimeError(f"{name} raised on a rerun: {app.exception[0].message}")
    report.checks.append(ratio(report, "plan page", "one-liner", GOAL_RATIO))
    report.checks.append(ratio(report, "build page", "one-liner", GOAL_RATIO))
    return report
