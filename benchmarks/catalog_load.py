"""Loading the shipped catalog against a bare YAML parse of the same files.

`load_catalog` is called directly, so Streamlit's cache is not involved: this
is the full read, parse, merge and validation a cold app (or `strength catalog
check`) pays. The bare parse reads each *.yaml file and runs the C safe loader
on it, nothing more: the floor any loader has to pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from strength.catalog import load_catalog

from ._harness import ROOT, Report, measure, ratio

NAME = "catalog"
GOAL_RATIO = 1.5  # full load and validation, at most 1.5x the bare parse
FOLDER = ROOT / "exercises"


def yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def bare_parse(files: list[Path]) -> list[Any]:
    return [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for path in files]


def run(quick: bool = False) -> Report:
    runs = 10 if quick else 100
    files = yaml_files(FOLDER)
    catalog = load_catalog(FOLDER)
    report = Report(
        "catalog: load_catalog(exercises/)",
        "Full load and validation (no Streamlit cache) against a bare CSafeLoader parse "
        "of the same files, alternated.",
        timings=measure(
            {"load_catalog": lambda: load_catalog(FOLDER), "bare parse": lambda: bare_parse(files)},
            runs,
        ),
    )
    report.checks.append(ratio(report, "load_catalog", "bare parse", GOAL_RATIO))
    report.notes.append(f"{len(files)} files, {len(catalog)} exercises")
    return report
