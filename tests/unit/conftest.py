"""Fixtures for the catalog tests: folders in tmp_path, written by catalog_helpers."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """Where a test writes its shipped-like catalog (not created until written)."""
    return tmp_path / "base"


@pytest.fixture
def coach(tmp_path: Path) -> Path:
    """Where a test writes a coach's overlay folder (not created until written)."""
    return tmp_path / "coach"


@pytest.fixture
def no_catalog_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither STRENGTH_CATALOG nor STRENGTH_COACH_CATALOG leaks in from the shell."""
    monkeypatch.delenv("STRENGTH_CATALOG", raising=False)
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)
