"""Run the benchmarks: `python -m benchmarks [--quick] [name ...]`.

They report against their goals and exit 0; only a benchmark that crashes
makes the exit status non-zero.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable

from . import app_rerun, browser_latency, catalog_load, exports, plan_build, sessions
from ._harness import Report, format_report

BENCHMARKS: dict[str, Callable[[bool], Report]] = {
    app_rerun.NAME: app_rerun.run,
    catalog_load.NAME: catalog_load.run,
    plan_build.NAME: plan_build.run,
    plan_build.SYNTHETIC_NAME: plan_build.run_synthetic,
    exports.NAME: exports.run,
    browser_latency.NAME: browser_latency.run,
    sessions.NAME: sessions.run,
}
ALIASES = {"app_rerun": app_rerun.NAME, "catalog_load": catalog_load.NAME, "plan_build": "plan"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time the app, the catalog loader, the plan builder and the exports "
        "against their goals.",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="name",
        help=f"benchmarks to run (default: all): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats: a smoke run")
    args = parser.parse_args(argv)
    names = [ALIASES.get(name, name) for name in args.names] or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    crashed: list[str] = []
    over: list[str] = []
    for name in dict.fromkeys(names):
        start = time.perf_counter()
        try:
            report = BENCHMARKS[name](args.quick)
        except Exception:
            traceback.print_exc()
            print(f"== {name}: CRASHED ==\n", flush=True)
            crashed.append(name)
            continue
        print(format_report(report), end="")
        print(f"  ({time.perf_counter() - start:.1f} s)\n", flush=True)
        over += [f"{name}: {check.label}" for check in report.checks if not check.passed]

    ran = len(dict.fromkeys(names)) - len(crashed)
    summary = f"{ran} benchmark(s) run ({'quick' if args.quick else 'full'})"
    if over:
        summary += f"; over goal: {'; '.join(over)}"
    elif ran:
        summary += "; all within their goals"
    print(summary)
    if crashed:
        print(f"crashed: {', '.join(crashed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
