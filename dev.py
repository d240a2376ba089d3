#!/usr/bin/env python3
"""Set-up and everyday commands, with nothing to install by hand but Python 3.11+.

    python3 dev.py app     # install into .venv, then serve the app on http://localhost:8501
    python3 dev.py test    # install test tools into .venv, then lint, type-check and test
    python3 dev.py bench   # run the benchmarks (not part of the tests)

The first run creates `.venv` and installs the project into it; later runs
reinstall only when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def _ensure(extra: str) -> None:
    """A virtual environment with the project (and `extra`) installed, up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - the one check that must run on old Pythons
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV.name}/", flush=True)
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extra or 'app'}-{digest}"
    if stamp.exists():
        return
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extra}]" if extra else "."
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
    for old in VENV.glob(f".installed-{extra or 'app'}-*"):
        old.unlink()
    stamp.touch()


def app(args: list[str]) -> None:
    _ensure("")
    _run(BIN / "streamlit", "run", "app.py", *args)


def test(args: list[str]) -> None:
    _ensure("test")
    _run(BIN / "ruff", "check", ".")
    _run(BIN / "ruff", "format", "--check", ".")
    _run(BIN / "mypy")
    _run(PYTHON, "-m", "pytest", *args)


def bench(args: list[str]) -> None:
    _ensure("test")
    _run(PYTHON, "-m", "benchmarks", *args)


COMMANDS = {"app": app, "test": test, "bench": bench}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
