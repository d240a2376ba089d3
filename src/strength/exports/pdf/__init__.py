"""The printable plan: the whole booklet, one week on a page, or the plan on one page.

Black on white with light grey fills, so it reads from a black-and-white printer.
DejaVu Sans is bundled (../fonts, with its licence) so every name prints, accents and
all. Pure: the same plan gives the same bytes, because a document's creation date is the
plan's first day, not the clock. Catalog text is printed as text: no markdown, no HTML,
and control characters are dropped. The plan carries the catalog's names, so equipment
prints by its name.

- `typeset`: pages, measured text, tick boxes; `words`: a dose in a cell's few words
- `booklet`: `cover`, `grid` (the weeks at a glance), `cards`, `glossary`
- `week_sheet`: one week on one page; `summary`: exercise by week on one page
"""

from __future__ import annotations

from .booklet import Booklet, booklet, plan_pdf
from .summary import summary, summary_pdf
from .typeset import PAPERS, Document, UnknownPaper, printable
from .week_sheet import NoSuchWeek, week_sheet, week_sheet_pdf

__all__ = [
    "PAPERS",
    "Booklet",
    "Document",
    "NoSuchWeek",
    "UnknownPaper",
    "booklet",
    "plan_pdf",
    "printable",
    "summary",
    "summary_pdf",
    "week_sheet",
    "week_sheet_pdf",
]
