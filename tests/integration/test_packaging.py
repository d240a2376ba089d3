"""An installed `strength` carries its catalog: built as a wheel, installed outside the
checkout (not editable), and run from another folder, it checks the bundled catalog
and builds the README's example profile.

The wheel is built with the locked setuptools and no build isolation, so the test needs
no network; it is installed with `pip --target` beside the test environment's own
dependencies, and every command runs with the temporary folder as its working folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "README.md", "src", "exercises")
SHIPPED = sorted(path.name for path in (ROOT / "exercises").iterdir() if path.suffix == ".yaml")


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(the wheel, the folder it is installed into), built from a copy of the sources."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.egg-info", ".history"))  # fmt: skip
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(work / "dist"), str(source)],
        work, env,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (work / "dist").glob("*.whl")
    target = work / "site"
    done = _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        work, env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    yield wheel, target


def _environment(target: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRENGTH_")}
    # The installed copy first on the path: the checkout's editable install is never used.
    return {**env, "PYTHONPATH": str(target), **extra}


def test_the_wheel_carries_every_catalog_file(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())

    for name in [*SHIPPED, "schema.json", "README.md"]:
        assert f"strength/exercises/{name}" in names, name
    assert "strength/exports/fonts/DejaVuSans.ttf" in names


def test_the_installed_package_reads_its_own_catalog_from_any_folder(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    found = _run(
        [sys.executable, "-c", "import strength.catalog as c; print(c.bundled_folder())"],
        tmp_path, _environment(target),
    )  # fmt: skip

    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == target / "strength" / "exercises"


def test_the_installed_command_checks_the_catalog_and_builds_a_plan(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    strength = target / "bin" / "strength"
    env = _environment(target)
    shutil.copy2(ROOT / "examples" / "marathon.yaml", tmp_path / "marathon.yaml")

    checked = _run([str(strength), "catalog", "check"], tmp_path, env)
    built = _run([str(strength), "build", "marathon.yaml", "-o", "plan.json"], tmp_path, env)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert built.returncode == 0, built.stdout + built.stderr
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert plan["weeks"] and any(week["sessions"] for week in plan["weeks"])


def test_strength_catalog_still_points_an_installed_package_elsewhere(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    elsewhere = tmp_path / "my-catalog"
    shutil.copytree(target / "strength" / "exercises", elsewhere)
    (elsewhere / "core.yaml").write_text("exercises: [\n", encoding="utf-8")

    checked = _run(
        [str(target / "bin" / "strength"), "catalog", "check"],
        tmp_path, _environment(target, STRENGTH_CATALOG=str(elsewhere)),
    )  # fmt: skip

    assert checked.returncode == 1
    assert "my-catalog/core.yaml" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
