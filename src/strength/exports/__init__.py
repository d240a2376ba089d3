"""The plan in the formats a runner takes away: JSON, CSV, Markdown (PDF and ICS to come)."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StrengthError
from ..plan import Plan
from .tables import plan_csv, plan_json, plan_markdown

FORMATS: dict[str, Callable[[Plan], str | bytes]] = {
    "json": plan_json,
    "csv": plan_csv,
    "md": plan_markdown,
}
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "md": "text/markdown",
    "pdf": "application/pdf",
    "ics": "text/calendar",
}


class UnsupportedFormat(StrengthError):
    """A format the product does not write yet."""


def render(plan: Plan, fmt: str) -> str | bytes:
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise UnsupportedFormat(
            f"format '{fmt}' is not available yet (PDF and calendar exports are coming); "
            f"use one of: {', '.join(FORMATS)}"
        ) from None
    return writer(plan)
