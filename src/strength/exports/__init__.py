"""The plan in the formats a runner takes away: JSON, CSV, Markdown, PDF and a calendar (ICS).

The PDF comes three ways: the whole booklet (`plan_pdf`, or `render(plan, "pdf")`), one
week on one page (`week_sheet_pdf`) and exercise by week on one page (`summary_pdf`).
Everything they print comes from the plan, which carries the catalog's names.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StrengthError
from ..plan import Plan
from .calendar import plan_ics
from .pdf import PAPERS, NoSuchWeek, UnknownPaper, plan_pdf, summary_pdf, week_sheet_pdf
from .tables import plan_csv, plan_json, plan_markdown

FORMATS: dict[str, Callable[[Plan], str | bytes]] = {
    "json": plan_json,
    "csv": plan_csv,
    "md": plan_markdown,
    "pdf": plan_pdf,
    "ics": plan_ics,
}
BINARY = frozenset({"pdf"})  # not for a terminal; ICS is bytes too, but it is text
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "md": "text/markdown",
    "pdf": "application/pdf",
    "ics": "text/calendar",
}


class UnsupportedFormat(StrengthError):
    """A format the product does not write."""


def render(plan: Plan, fmt: str, *, paper: str = "a4") -> str | bytes:
    """The plan in `fmt`: str for json, csv and md; bytes for pdf and ics.

    `paper` ('a4' or 'letter') sets the PDF's page size; other formats ignore it."""
    if fmt == "pdf":
        return plan_pdf(plan, paper)
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise UnsupportedFormat(
            f"format '{fmt}' is not supported; use one of: {', '.join(FORMATS)}"
        ) from None
    return writer(plan)


__all__ = [
    "BINARY",
    "FORMATS",
    "MEDIA_TYPES",
    "PAPERS",
    "NoSuchWeek",
    "UnknownPaper",
    "UnsupportedFormat",
    "plan_pdf",
    "render",
    "summary_pdf",
    "week_sheet_pdf",
]
