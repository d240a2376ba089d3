"""The app loads the catalog once per change of its files, not on every rerun."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from strength.ui import data

ROOT = Path(__file__).resolve().parents[2]


def test_the_catalog_is_reloaded_only_when_a_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    monkeypatch.setenv("STRENGTH_CATALOG", str(folder))
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    first = data.catalog()
    assert data.catalog() is first  # a rerun: the same object, nothing re-read

    path = folder / "core.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Dead bug\n", "name: Dead bug (coach's way)\n", 1))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = data.catalog()
    assert second is not first
    assert "dead-bug" in second.exercises
    assert second["dead-bug"].name == "Dead bug (coach's way)"
