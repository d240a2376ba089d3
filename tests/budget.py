"""The suite's time budget, one figure per level, and the hypothesis examples sized to it.

CI has 90 minutes on 2 cores for everything (installing Chromium and PostgreSQL, the
lint and type checks, every level of tests); `python3 dev.py test` is kept within
about 20 of them. Each level has a budget in seconds of test time, and the test
output reports each level's time against it (tests/conftest.py). A property test
asks `examples()` for its count: the full sweep under CI=true, a quicker but still
wide one on a developer's machine, so both stay inside the budget.
"""

from __future__ import annotations

import os

CI = os.environ.get("CI", "").strip().lower() == "true"

# Seconds of test time per level on CI's 2 cores: 1,140 s (19 min) in all, which
# leaves the rest of the 20 minutes to ruff and mypy.
LEVEL_BUDGET_S = {
    "unit": 300,  # the pure core: thousands of random runners, catalogs, profiles
    "integration": 180,  # files, folders, the CLI as a process, PDF rendering, packaging
    "app": 180,  # every page in Streamlit's AppTest
    "e2e": 480,  # the app served for real, driven in Chromium
}


def examples(on_ci: int, locally: int) -> int:
    """How many examples a property test runs: `on_ci` under CI=true, else `locally`."""
    return on_ci if CI else locally
