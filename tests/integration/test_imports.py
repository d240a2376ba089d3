"""Every module of the package imports on its own, first, in a fresh interpreter.

The test run imports modules in one order; Streamlit imports them in another, page by
page. A circular import hides in the first and breaks the app in the second, so each
module is imported here as the very first one, with nothing of the package loaded."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import strength

MODULES = sorted(info.name for info in pkgutil.walk_packages(strength.__path__, prefix="strength."))

# One interpreter for all: before each module, every module of the package is dropped.
PROBE = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "strength" or m.startswith("strength.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ":\\n" + traceback.format_exc(limit=-3))
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_first_with_nothing_else_loaded() -> None:
    assert len(MODULES) > 20  # the walk found the package, not an empty folder
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *MODULES], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
