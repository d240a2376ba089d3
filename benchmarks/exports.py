"""Exports: the printable plan (PDF) and the calendar (ICS) of the 24-week plan on the
shipped catalog, each against its goal; the text exports alongside for scale."""

from __future__ import annotations

from strength.catalog import load_catalog
from strength.exports import render
from strength.exports.pdf import booklet
from strength.planning import build_plan

from ._harness import Check, Report, measure
from .plan_build import FOLDER, profile

NAME = "exports"
PDF_GOAL_MS = 300.0  # render(plan, "pdf"): A4, the whole booklet
ICS_GOAL_MS = 50.0  # render(plan, "ics")


def run(quick: bool = False) -> Report:
    plan = build_plan(profile(24), load_catalog(FOLDER))
    calls = {
        "pdf A4": lambda: render(plan, "pdf"),
        "pdf Letter": lambda: render(plan, "pdf", paper="letter"),
        "ics": lambda: render(plan, "ics"),
        "json": lambda: render(plan, "json"),
        "csv": lambda: render(plan, "csv"),
        "md": lambda: render(plan, "md"),
    }
    document, letter = booklet(plan), booklet(plan, "letter")
    size, pages = len(bytes(document.output())), document.page_no()
    report = Report(
        "exports: the 24-week plan in every format",
        f"render(plan, fmt) for the benchmark runner's plan ({len(plan.sessions())} sessions, "
        f"{len(plan.glossary)} glossary entries), built once outside the timing; "
        "the formats alternate.",
        timings=measure(calls, 3 if quick else 25),
    )
    report.checks.append(
        Check("pdf A4 (median)", report.timing("pdf A4").median, PDF_GOAL_MS, "ms")
    )
    report.checks.append(Check("ics (median)", report.timing("ics").median, ICS_GOAL_MS, "ms"))
    report.notes.append(
        f"the A4 PDF: {pages} pages, {size:,} bytes; on Letter: {letter.page_no()} pages"
    )
    return report
