"""A coach's edits go to the coach's own folder, never into the installed package, and the
app and the CLI read the same folders, so both give the same plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strength.catalog import (
    BUNDLED,
    coach_folder,
    data_folder,
    default_folders,
    editing_folders,
    load_catalog,
)
from strength.cli import main
from strength.editing import open_for_editing

ROOT = Path(__file__).resolve().parents[2]
NEW_CUE = "Lower for a slow count of five, every rep."


def _shipped_bytes() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(BUNDLED.glob("*.yaml"))}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRENGTH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("STRENGTH_CATALOG", raising=False)
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
    return tmp_path / "data"


def test_without_a_named_folder_edits_go_to_the_data_folder_not_the_package(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shipped = _shipped_bytes()
    assert default_folders() == (BUNDLED,)  # no coach folder yet: the package alone
    editor = open_for_editing()
    assert editor.target == data / "catalog" == coach_folder()

    editor.draft().update("nordic-curl", cues=[NEW_CUE]).save()

    assert _shipped_bytes() == shipped  # the package is read, never written
    assert default_folders() == (BUNDLED, data / "catalog")
    assert load_catalog()["nordic-curl"].cues == (NEW_CUE,)
    profile = tmp_path / "runner.yaml"
    profile.write_text((ROOT / "examples" / "marathon.yaml").read_text(encoding="utf-8"))
    assert main(["build", str(profile), "-o", str(tmp_path / "plan.json")]) == 0
    glossary = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["glossary"]
    nordic = next(entry for entry in glossary if entry["id"] == "nordic-curl")
    assert nordic["cues"] == [NEW_CUE]  # the CLI reads what the app's coach saved


def test_a_named_coach_folder_wins_and_a_named_base_is_edited_in_place(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRENGTH_COACH_CATALOG", str(tmp_path / "mine"))
    assert editing_folders() == (BUNDLED, tmp_path / "mine")
    assert default_folders() == (BUNDLED, tmp_path / "mine")

    monkeypatch.delenv("STRENGTH_COACH_CATALOG")
    monkeypatch.setenv("STRENGTH_CATALOG", str(tmp_path / "base"))
    assert editing_folders() == (tmp_path / "base",)  # an operator's own copy


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, ".local/share/runner-strength"),
        ("linux", {"XDG_DATA_HOME": "/srv/share"}, "/srv/share/runner-strength"),
        ("darwin", {}, "Library/Application Support/runner-strength"),
        ("win32", {"APPDATA": "C:/Users/r/AppData/Roaming"},
         "C:/Users/r/AppData/Roaming/runner-strength"),
    ],
)  # fmt: skip
def test_the_data_folder_has_a_default_per_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], expected: str
) -> None:
    monkeypatch.delenv("STRENGTH_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("sys.platform", platform)

    assert data_folder().as_posix().endswith(expected)
