"""Suite-wide: hypothesis profiles, and each level's test time against its budget.

The levels are the folders under tests/ (unit, integration, app, e2e); their budgets
live in tests/budget.py. The summary at the end of every run shows, per level, how
many tests ran and how many seconds they took (setup, call and teardown added up, so
the figure is the same with or without pytest-xdist), and flags a level over budget.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from _pytest.terminal import TerminalReporter
from budget import CI, LEVEL_BUDGET_S
from hypothesis import settings

TESTS = Path(__file__).resolve().parent

# No deadline anywhere: a slow CI core must not turn a correct example into a failure.
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if CI else "dev")


def pytest_configure(config: pytest.Config) -> None:
    """The app's data folder (where a coach's edits go by default) is this run's own, never
    the developer's: set before any test or served app reads the catalog's folders."""
    os.environ["STRENGTH_DATA_DIR"] = tempfile.mkdtemp(prefix="strength-data-")


_seconds: dict[str, float] = defaultdict(float)
_tests: dict[str, set[str]] = defaultdict(set)


def _level(nodeid: str) -> str:
    parts = Path(nodeid.split("::", 1)[0]).parts
    return parts[1] if len(parts) > 2 and parts[0] == TESTS.name else "other"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    level = _level(report.nodeid)
    _seconds[level] += report.duration
    _tests[level].add(report.nodeid)


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if not _seconds:
        return
    write = terminalreporter.write_line
    terminalreporter.section("time per level")
    for level in [*LEVEL_BUDGET_S, *sorted(set(_seconds) - set(LEVEL_BUDGET_S))]:
        if level not in _seconds:
            continue
        spent, budget = _seconds[level], LEVEL_BUDGET_S.get(level)
        line = f"{level:<12} {len(_tests[level]):>5} tests {spent:>8.1f} s"
        if budget is not None:
            line += f"  of {budget} s ({spent / budget:.0%})"
            if spent > budget:
                line += "  OVER BUDGET: trim examples or move work to benchmarks/"
        write(line)
    total = sum(_seconds.values())
    write(
        f"{'all':<12} {sum(map(len, _tests.values())):>5} tests {total:>8.1f} s"
        f"  of {sum(LEVEL_BUDGET_S.values())} s"
    )
