"""Building a plan: the 24-week plan on the shipped catalog, how time grows with
the plan's length, and the same plan on a synthetic 5,000-exercise catalog."""

from __future__ import annotations

import shutil
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from strength.catalog import Catalog, load_catalog
from strength.planning import build_plan
from strength.profile import TYPICAL_WEEK, Profile, profile_from_dict

from ._harness import ROOT, Check, Report, Table, measure

NAME = "plan"
SYNTHETIC_NAME = "synthetic"
GOAL_MS = 20.0  # median build of the 24-week plan on the shipped catalog
SYNTHETIC_GOAL_MS = 200.0  # the same build on 5,000 exercises
LENGTHS = (4, 8, 12, 24, 52)
FOLDER = ROOT / "exercises"


def profile(weeks: int = 24) -> Profile:
    """The benchmark runner: intermediate, four weak links, three sessions a week."""
    return profile_from_dict(
        {
            "start": "2027-01-04",
            "weeks": weeks,
            "level": "intermediate",
            "weaknesses": ["hamstrings", "glute_med", "core", "calves"],
            "equipment": ["band", "step", "slider", "dumbbell"],
            "sessions_per_week": 3,
            "minutes_per_session": 40,
            "week": TYPICAL_WEEK,
        }
    )


def _build(runner: Profile, catalog: Catalog) -> None:
    build_plan(runner, catalog)


def run(quick: bool = False) -> Report:
    catalog = load_catalog(FOLDER)
    runner = profile(24)
    report = Report(
        "plan: build_plan, 24 weeks, shipped catalog",
        f"build_plan(profile, catalog) on the {len(catalog)} shipped exercises; "
        "the catalog is loaded once, outside the timing.",
        timings=measure(
            {"build_plan 24 weeks": lambda: _build(runner, catalog)}, 20 if quick else 150
        ),
    )
    median = report.timing("build_plan 24 weeks").median
    report.checks.append(Check("build_plan 24 weeks (median)", median, GOAL_MS, "ms"))
    report.tables.append(_growth(catalog, runs=5 if quick else 40))
    return report


def _growth(catalog: Catalog, runs: int) -> Table:
    """Time by plan length, the lengths alternated."""
    builds = {f"{weeks} weeks": partial(_build, profile(weeks), catalog) for weeks in LENGTHS}
    timings = measure(builds, runs)
    shortest = timings[0].median
    rows = tuple(
        (
            timing.label,
            f"{timing.median:.2f}",
            f"{timing.p90:.2f}",
            f"{timing.median / weeks:.3f}",
            f"{timing.median / shortest:.2f}x",
            str(timing.runs),
        )
        for weeks, timing in zip(LENGTHS, timings, strict=True)
    )
    return Table(
        "growth with plan length (same runner, lengths alternated):",
        ("plan", "median ms", "p90 ms", "ms / week", f"vs {LENGTHS[0]} weeks", "runs"),
        rows,
    )


# ----------------------------------------------------------------------------
# The synthetic catalog

RUNG_LEVELS = ("beginner", "beginner", "intermediate", "intermediate", "advanced")
MODE_DOSES: dict[str, dict[str, int]] = {
    "reps": {"reps": 10},
    "hold": {"hold_s": 30},
    "eccentric": {"reps": 6, "eccentric_s": 4},
    "distance": {"distance_m": 40},
    "plyometric": {"contacts": 20},
}
PER_FILE = 250


def write_synthetic_catalog(folder: Path, exercises: int = 5000, rungs: int = 5) -> int:
    """A valid catalog of `exercises` exercises in `folder`, over the shipped vocabulary.

    Exercises come in ladders of `rungs` rungs (levels climbing), linked both
    ways, spread over every area, pattern, muscle and piece of equipment.
    Returns the number of files written, the vocabulary included."""
    shutil.copy(FOLDER / "vocabulary.yaml", folder / "vocabulary.yaml")
    vocabulary = yaml.load(
        (FOLDER / "vocabulary.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )["vocabulary"]
    areas, muscles = list(vocabulary["areas"]), list(vocabulary["muscles"])
    patterns, equipment = list(vocabulary["patterns"]), list(vocabulary["equipment"])
    plain_modes = [mode for mode in MODE_DOSES if mode != "plyometric"]
    levels = [RUNG_LEVELS[min(rung * len(RUNG_LEVELS) // rungs, 4)] for rung in range(rungs)]

    entries: list[dict[str, Any]] = []
    for ladder in range(-(-exercises // rungs)):
        area = areas[ladder % len(areas)]
        mode = "plyometric" if area == "plyometrics" else plain_modes[ladder % len(plain_modes)]
        gear = [] if ladder % 3 == 0 else [equipment[ladder % len(equipment)]]
        ids = [f"syn-{area.replace('_', '-')}-{ladder:04d}-{rung + 1}" for rung in range(rungs)]
        for rung, exercise_id in enumerate(ids):
            if len(entries) == exercises:
                break
            dose = {"sets": 2 + rung % 2, **MODE_DOSES[mode]}
            entry: dict[str, Any] = {
                "id": exercise_id,
                "name": f"Synthetic {area} {ladder} rung {rung + 1}",
                "areas": [area],
                "muscles": {
                    "primary": [muscles[ladder % len(muscles)]],
                    "secondary": [muscles[(ladder + 7) % len(muscles)]],
                },
                "pattern": patterns[ladder % len(patterns)],
                "equipment": gear,
                "level": levels[rung],
                "mode": mode,
                "per_side": ladder % 2 == 1,
                "impact": {"eccentric": "eccentric", "plyometric": "plyometric"}.get(mode, "none"),
                "dose": {level: dict(dose) for level in ("beginner", "intermediate", "advanced")},
                "cues": ["Move slowly and with control.", "Stop short of pain."],
                "why": "A synthetic exercise for the benchmarks.",
                "cautions": ["None: it is not a real exercise."],
                "step_down": "Go back a rung if the form breaks.",
                "source": "benchmarks/plan_build.py",
            }
            if rung > 0:
                entry["easier"] = ids[rung - 1]
            if rung < rungs - 1:
                entry["harder"] = ids[rung + 1]
            entries.append(entry)

    files = 1
    for start in range(0, len(entries), PER_FILE):
        text = yaml.dump(
            {"exercises": entries[start : start + PER_FILE]},
            Dumper=yaml.CSafeDumper,
            sort_keys=False,
        )
        (folder / f"synthetic-{start // PER_FILE:03d}.yaml").write_text(text, encoding="utf-8")
        files += 1
    return files


CATALOG_SIZES = (500, 1000, 2000, 5000)


def _synthetic(exercises: int) -> tuple[Catalog, int, float]:
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as name:
        folder = Path(name)
        files = write_synthetic_catalog(folder, exercises)
        start = time.perf_counter()
        catalog = load_catalog(folder)
        return catalog, files, (time.perf_counter() - start) * 1000.0


def run_synthetic(quick: bool = False, exercises: int = 5000) -> Report:
    """The 24-week build on a synthetic catalog of `exercises` exercises, and how the
    build time grows with the catalog's size."""
    catalog, files, load_ms = _synthetic(exercises)
    runner = profile(24)
    report = Report(
        f"synthetic: build_plan, 24 weeks, {len(catalog):,} exercises",
        f"build_plan on a generated catalog ({files} files, ladders of 5 rungs, "
        "shipped vocabulary); loaded once, outside the timing.",
        timings=measure(
            {"build_plan 24 weeks": lambda: _build(runner, catalog)}, 3 if quick else 40
        ),
    )
    median = report.timing("build_plan 24 weeks").median
    report.checks.append(Check("build_plan 24 weeks (median)", median, SYNTHETIC_GOAL_MS, "ms"))
    report.notes.append(f"load_catalog on it took {load_ms:,.0f} ms (one cold run, not a goal)")
    if not quick:
        report.tables.append(_growth_with_catalog(runner, median, exercises))
    return report


def _growth_with_catalog(runner: Profile, largest_ms: float, largest: int) -> Table:
    """Build time by catalog size: the builder looks exercises up by area and ladder,
    so time should grow far slower than the catalog."""
    rows = []
    base = None
    for size in CATALOG_SIZES:
        if size == largest:
            median = largest_ms
        else:
            catalog, _, _ = _synthetic(size)
            median = measure({"build": partial(_build, runner, catalog)}, 20)[0].median
        base = base or median
        rows.append((f"{size:,}", f"{median:.2f}", f"{median / base:.2f}x"))
    return Table(
        "growth with catalog size (24-week plan):",
        ("exercises", "median ms", f"vs {CATALOG_SIZES[0]:,}"),
        tuple(rows),
    )
