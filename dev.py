#!/usr/bin/env python3
"""Set-up and everyday commands, with nothing to install by hand but Python 3.11+.

    python3 dev.py app             # install into .venv, then serve the app on http://localhost:8501
    python3 dev.py test            # install into .venv, then lint, type-check and test
    python3 dev.py test --latest   # the same in .venv-latest, on the newest versions allowed
    python3 dev.py lock            # refresh requirements.lock to the newest versions allowed
    python3 dev.py bench           # run the benchmarks (not part of the tests)

`app`, `test` and `bench` install the exact versions in requirements.lock (every
runtime, test and build dependency, hash-checked), then the project itself without
dependencies. The environment is made anew whenever the lock, pyproject.toml or
setup.py changes, so it never keeps a package the lock no longer names.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "requirements.lock"
LOCKED_ON = "3.11"  # the lowest Python the project supports; the lock holds for every newer one
LOCK_COMMAND = "python3 dev.py lock"
INSTALL_INPUTS = (LOCK, ROOT / "pyproject.toml", ROOT / "setup.py")


class Environment:
    """A virtual environment in a folder of the project."""

    def __init__(self, name: str) -> None:
        self.folder = ROOT / name
        self.bin = self.folder / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / ("python.exe" if os.name == "nt" else "python")

    def create(self, *, fresh: bool) -> None:
        if fresh and self.folder.exists():
            print(f"making {self.folder.name}/ anew", flush=True)
            shutil.rmtree(self.folder)
        if not self.python.exists():
            print(f"creating {self.folder.name}/", flush=True)
            venv.create(self.folder, with_pip=True)

    def pip(self, *arguments: str) -> None:
        _run(self.python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *arguments)  # fmt: skip


LOCKED = Environment(".venv")
LATEST = Environment(".venv-latest")


def _run(*command: str | Path, stdin: str | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run(
        [str(part) for part in command], cwd=ROOT, check=False, input=stdin, text=True
    )
    if result.returncode != 0:
        sys.exit(result.returncode)


def _need_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - the one check that must run on old Pythons
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")


def _locked() -> Environment:
    """.venv with exactly the locked versions and the project (editable), up to date."""
    _need_python()
    if not LOCK.exists():
        sys.exit(f"{LOCK.name} is missing: run `{LOCK_COMMAND}` to make it")
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in INSTALL_INPUTS)).hexdigest()
    stamp = LOCKED.folder / f".installed-{digest[:16]}"
    if stamp.exists():
        return LOCKED
    LOCKED.create(fresh=True)
    # Hash-checked installs refuse an editable project: the locked dependencies first,
    # then the project alone, built with the locked setuptools (no isolated build env).
    LOCKED.pip("--require-hashes", "--requirement", str(LOCK))
    LOCKED.pip("--no-deps", "--no-build-isolation", "--editable", ".")
    stamp.touch()
    return LOCKED


def _latest() -> Environment:
    """.venv-latest with the newest versions pyproject.toml allows, resolved afresh."""
    _need_python()
    LATEST.create(fresh=False)
    LATEST.pip("--upgrade", "--upgrade-strategy", "eager", "pip")
    LATEST.pip("--upgrade", "--upgrade-strategy", "eager", "--editable", ".[test]")
    _run(LATEST.python, "-m", "pip", "list", "--disable-pip-version-check")
    return LATEST


def app(args: list[str]) -> None:
    _run(_locked().bin / "streamlit", "run", "app.py", *args)


def test(args: list[str]) -> None:
    latest = "--latest" in args
    env = _latest() if latest else _locked()
    args = [arg for arg in args if arg != "--latest"]
    for step in (("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy",)):
        started = time.perf_counter()
        _run(env.bin / step[0], *step[1:])
        print(f"  {' '.join(step)}: {time.perf_counter() - started:.1f} s", flush=True)
    # Both cores by default (pytest-xdist): the suite's budget is for CI's 2 cores.
    parallel = any(arg in ("-n", "--numprocesses") or arg.startswith(("-n", "--numprocesses="))
                   for arg in args)  # fmt: skip
    _run(env.python, "-m", "pytest", *([] if parallel else ["-n", "auto"]), *args)


def bench(args: list[str]) -> None:
    _run(_locked().python, "-m", "benchmarks", *args)


def lock(args: list[str]) -> None:
    """requirements.lock anew: the newest versions that pyproject.toml's ranges allow, for
    every Python from 3.11 and every platform, with the hashes of every file."""
    _need_python()
    tools = _locked() if LOCK.exists() else LOCKED
    if not LOCK.exists():  # the very first lock: uv itself is not locked yet
        LOCKED.create(fresh=False)
        LOCKED.pip("uv")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = "\n".join(project["build-system"]["requires"]) + "\n"
    _run(
        tools.bin / "uv", "pip", "compile", "pyproject.toml", "-",
        "--extra", "test", "--extra", "dev", "--universal", "--python-version", LOCKED_ON,
        "--generate-hashes", "--upgrade", "--quiet", "--no-progress",
        "--custom-compile-command", LOCK_COMMAND, "--output-file", LOCK.name, *args,
        stdin=build,
    )  # fmt: skip
    print(f"wrote {LOCK.name}; commit it with the change that needed it", flush=True)


COMMANDS = {"app": app, "test": test, "bench": bench, "lock": lock}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
