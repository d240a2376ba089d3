"""Timing and reporting shared by the benchmarks: stdlib only."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Timing:
    """The wall-clock samples of one measured call, in milliseconds."""

    label: str
    samples_ms: tuple[float, ...]

    @property
    def runs(self) -> int:
        return len(self.samples_ms)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p90(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=10, method="inclusive")[-1]


@dataclass(frozen=True)
class Check:
    """A figure against its goal: at most `goal`, in `unit` ('x' for a ratio, 'ms')."""

    label: str
    value: float
    goal: float
    unit: str

    @property
    def passed(self) -> bool:
        return self.value <= self.goal


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass
class Report:
    title: str
    what: str
    timings: list[Timing] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def timing(self, label: str) -> Timing:
        return next(t for t in self.timings if t.label == label)


def time_once(call: Callable[[], object]) -> float:
    """One call's wall-clock time in milliseconds."""
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000.0


def measure(calls: Mapping[str, Callable[[], object]], runs: int, warmup: int = 1) -> list[Timing]:
    """Time each call `runs` times, alternating between them so drift hits all alike.

    Each call runs `warmup` untimed times first. The garbage collector stays on
    (the app runs with it) but starts each benchmark from a clean heap."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    gc.collect()
    samples: dict[str, list[float]] = {label: [] for label in calls}
    for _ in range(runs):
        for label, call in calls.items():
            samples[label].append(time_once(call))
    return [Timing(label, tuple(samples[label])) for label in calls]


def ratio(report: Report, top: str, bottom: str, goal: float) -> Check:
    """The check 'median of `top` / median of `bottom` is at most `goal`'."""
    value = report.timing(top).median / report.timing(bottom).median
    return Check(f"{top} / {bottom} (medians)", value, goal, "x")


# ----------------------------------------------------------------------------
# Printing


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        parts = [first.ljust(widths[0])]
        parts += [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
        return "  " + "  ".join(parts).rstrip()

    return [line(headers), "  " + "  ".join("-" * width for width in widths), *map(line, rows)]


def _figure(value: float, unit: str) -> str:
    return f"{value:.2f}x" if unit == "x" else f"{value:.2f} {unit}"


def format_report(report: Report) -> str:
    lines = [f"== {report.title} ==", f"  {report.what}", ""]
    if report.timings:
        rows = [(t.label, f"{t.median:.2f}", f"{t.p90:.2f}", str(t.runs)) for t in report.timings]
        lines += _table(("measured", "median ms", "p90 ms", "runs"), rows)
        lines.append("")
    if report.checks:
        rows = [
            (
                c.label,
                _figure(c.value, c.unit),
                f"<= {_figure(c.goal, c.unit)}",
                "PASS" if c.passed else "OVER GOAL",
            )
            for c in report.checks
        ]
        lines += _table(("check", "value", "goal", "result"), rows)
        lines.append("")
    for table in report.tables:
        lines.append(f"  {table.title}")
        lines += _table(table.headers, table.rows)
        lines.append("")
    lines += [f"  {note}" for note in report.notes]
    return "\n".join(lines).rstrip() + "\n"
