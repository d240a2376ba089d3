"""Text from a catalog, a file, a link or a person, shown as text on a page."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:-])")


def md(text: str) -> str:
    """Text shown as text: Markdown and HTML characters escaped."""
    return _MARKDOWN.sub(r"\\\1", text)
