"""A save, a merge or an undo that changes several files is all or nothing, whatever kills it.

A real process runs saves, merges and undos on a copy of the shipped catalog and dies
at a random point of them: either just before its Nth disk operation (a rename, an
unlink, an fsync, a mkdir; `os._exit`, so no `finally` or `except` runs), or from a
SIGKILL after a random delay. Then, after recovery, the catalog is valid, the files
are exactly those before or after the interrupted operation (never a mix), the history
agrees with them, Undo works and gives the state before byte for byte, and no staging,
journal or temporary file is left.

The test process starts one helper process (this file run as a script): it forks one
child per run, so each run costs a fork, not an interpreter start.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from strength.catalog import BUNDLED, check_catalog
from strength.editing import history_of, open_for_editing, undo_last
from strength.history import HISTORY, read_bytes, recover

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the runs fork")

DIED = 70  # the exit status of a child that died at its planned step
DISK_OPERATIONS = ("replace", "rename", "unlink", "rmdir", "mkdir", "fsync")
STEP_RUNS = 60
KILL_RUNS = 20

# An equipment word new to vocabulary.yaml and an exercise that uses it, in another
# file: the merge the attack run broke.
UPLOAD = """\
vocabulary:
  equipment:
    medicine_ball: Medicine ball
exercises:
  - id: med-ball-slam
    name: Medicine ball slam
    areas: [core]
    muscles: {primary: [rectus_abdominis]}
    pattern: anti_extension
    equipment: [medicine_ball]
    level: intermediate
    mode: reps
    dose:
      intermediate: {sets: 3, reps: 8}
    cues: [Slam the ball down in front of your feet.]
    why: Trains the trunk to transfer force quickly.
    cautions: [Mind the rebound.]
    step_down: Use a lighter ball.
    source: Coaching convention.
"""
NORDIC_DOSE = {
    "beginner": {"sets": 4, "reps": 5, "eccentric_s": 3, "rest_s": 90},
    "intermediate": {"sets": 3, "reps": 6, "eccentric_s": 4, "rest_s": 90},
    "advanced": {"sets": 3, "reps": 8, "eccentric_s": 5, "rest_s": 90},
}


# ----------------------------------------------------------------------------
# What the process does


def save_two_files(folder: Path) -> None:
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=NORDIC_DOSE)
    draft.update("calf-raise", cues=["Rise high, lower slowly."]).save()


def merge(folder: Path) -> None:
    open_for_editing(folder).import_yaml(UPLOAD, name="drills.yaml").apply()


def merge_into_a_new_file(folder: Path) -> None:
    open_for_editing(folder).import_yaml(UPLOAD, name="drills.yaml", into="drills.yaml").apply()


def undo(folder: Path) -> None:
    undo_last(folder)


OPERATIONS: tuple[Callable[[Path], None], ...] = (
    save_two_files,
    merge,
    undo,
    merge_into_a_new_file,  # creates drills.yaml; its undo removes it
    undo,
    undo,
)


# ----------------------------------------------------------------------------
# The helper process


class Steps:
    """Counts the process's disk operations (and logs their kinds); with `die_at`, ends the
    process just before that one, as a kill would."""

    def __init__(self, die_at: int | None = None) -> None:
        self.die_at = die_at
        self.log: list[str] = []
        self.real = {name: getattr(os, name) for name in DISK_OPERATIONS}

    def __enter__(self) -> Steps:
        for name, real in self.real.items():
            setattr(os, name, self._counted(name, real))
        return self

    def __exit__(self, *_exc: object) -> None:
        for name, real in self.real.items():
            setattr(os, name, real)

    def _counted(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def operation(*args: Any, **kwargs: Any) -> Any:
            self.log.append(name)
            if len(self.log) == self.die_at:
                os._exit(DIED)
            return real(*args, **kwargs)

        return operation


def _helper(mode: str, base: Path, runs: int, seed: int) -> None:
    """Runs the scenario once, keeping a copy of the folder before each operation and the
    disk operations each one makes; prints them, then one line per run: where it died.

    "step": a run starts from the copy before one operation and dies at one of its
    steps, the steps of all operations spread evenly over the runs. "kill": a run loops
    over the whole scenario from the start and is killed after a delay, spread evenly
    over the scenario's duration."""
    reference = Path(shutil.copytree(BUNDLED, base / "reference" / "exercises"))
    steps: list[list[str]] = []
    start = time.monotonic()
    for index, operation in enumerate(OPERATIONS):
        shutil.copytree(reference, base / f"before-{index}")
        with Steps() as counted:
            operation(reference)
        steps.append(counted.log)
    seconds = time.monotonic() - start
    print(json.dumps({"steps": steps, "seconds": seconds}), flush=True)
    flat = [(index, step) for index, log in enumerate(steps) for step in range(1, len(log) + 1)]
    rng = random.Random(seed)
    for run in range(runs):
        point = (run + rng.random()) / runs
        index, die_at = flat[int(point * len(flat))] if mode == "step" else (0, 0)
        folder = Path(shutil.copytree(base / f"before-{index}", base / f"run-{run:03}"))
        pid = os.fork()
        if pid == 0:  # the child
            try:
                if mode == "step":
                    with Steps(die_at):
                        OPERATIONS[index](folder)
                while mode == "kill":
                    for operation in OPERATIONS:
                        operation(folder)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        if mode == "kill":
            time.sleep(point * seconds)
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        died = (
            os.WIFEXITED(status) and os.WEXITSTATUS(status) == DIED
            if mode == "step"
            else os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        )
        line = {"folder": str(folder), "operation": index, "step": die_at, "died": died}
        print(json.dumps(line | {"delay": point * seconds}), flush=True)


# ----------------------------------------------------------------------------
# The checks


State = tuple[tuple[tuple[str, bytes], ...], tuple[str, ...]]


def catalog_files(folder: Path) -> tuple[tuple[str, bytes], ...]:
    """Every file outside the history, by path."""
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and HISTORY not in path.relative_to(folder).parts
    )


def state(folder: Path) -> State:
    """The files, and the history the Undo button would go back through."""
    return catalog_files(folder), tuple(change.summary for change in history_of(folder))


def leftovers(folder: Path) -> list[str]:
    """Temporary, staging and journal files: none may outlive a recovery."""
    store = folder / HISTORY
    left = [str(path) for path in folder.rglob("*.tmp")]
    if store.is_dir():
        left += [str(p) for p in store.iterdir() if p.name != ".lock" and not p.name[0].isdigit()]
    return left


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> list[State]:
    """Each state the scenario goes through, when nothing kills it."""
    folder = Path(shutil.copytree(BUNDLED, tmp_path_factory.mktemp("reference") / "exercises"))
    found = [state(folder)]
    for operation in OPERATIONS:
        operation(folder)
        found.append(state(folder))
    return found


def run_helper(mode: str, base: Path, runs: int) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """(the disk operations of each operation of the scenario, one line per run)."""
    command = [sys.executable, __file__, mode, str(base), str(runs), "13"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=150, check=False)
    assert done.returncode == 0, done.stderr
    head, *lines = (json.loads(line) for line in done.stdout.splitlines())
    return head["steps"], lines


def check_after_a_crash(folder: Path, expected: Sequence[State], states: Sequence[State]) -> None:
    """Recovered, the folder is in one of the `expected` states (those before and after
    the interrupted operation), valid and clean, and its Undo works."""
    recover(folder)
    now = state(folder)
    assert now in expected, "a save was half applied, or its history disagrees with it"
    assert check_catalog(folder) == []
    assert leftovers(folder) == []
    saves = history_of(folder)
    if not saves:
        assert now == states[0]
        return
    last = saves[-1]
    befores = {version.path: last.before(version.path) for version in last.files}
    undo_last(folder)
    assert {path: read_bytes(folder / path) for path in befores} == befores
    assert state(folder) in states
    assert state(folder)[1] == now[1][:-1]
    assert check_catalog(folder) == []
    assert leftovers(folder) == []


def test_a_process_dying_at_any_step_of_saves_merges_and_undos_leaves_a_whole_catalog(
    tmp_path: Path, states: list[State]
) -> None:
    steps, runs = run_helper("step", tmp_path, STEP_RUNS)

    for run in runs:
        assert run["died"], run
        before = run["operation"]
        check_after_a_crash(Path(run["folder"]), states[before : before + 2], states)
    # Every operation was interrupted, and at every kind of disk operation.
    assert {run["operation"] for run in runs} == set(range(len(OPERATIONS)))
    hit = {steps[run["operation"]][run["step"] - 1] for run in runs}
    assert hit == {kind for log in steps for kind in log}


def test_a_process_killed_at_random_moments_leaves_a_whole_catalog(
    tmp_path: Path, states: list[State]
) -> None:
    _steps, runs = run_helper("kill", tmp_path, KILL_RUNS)

    for run in runs:
        assert run["died"], run
        # The child loops over the scenario: any state of it may be where it died.
        check_after_a_crash(Path(run["folder"]), states, states)


if __name__ == "__main__":
    _helper(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
