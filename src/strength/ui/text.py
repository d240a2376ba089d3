"""Text from a catalog, a file, a link or a person, shown as text on a page.

Streamlit reads Markdown almost everywhere it draws words: `st.markdown`, captions,
titles and subheaders, alerts, expander and widget labels, help tooltips, the options
of radios, pills and segmented controls, and the cells of `st.table`. Widget labels
draw links and images too. `md` is the one way outside text goes into any of them.
(Selectbox and multiselect options are plain text: they take words as they are.)

No streamlit here, so the core's `browse.escape_markdown` can be this same function.
"""

from __future__ import annotations

import re

# Characters that start emphasis, code, links and images, tables, maths, HTML and
# entities, and a colon before a letter (Streamlit's `:red[...]`, `:material/icon:`
# and emoji shortcodes). Parentheses, dashes and colons in "2-3 sets (3:30)" stay.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#&])|:(?=[A-Za-z])")
# What makes a line a list item or a heading's underline: "- ", "+ ", "===", "1. ", "2) ".
_LINE_MARK = re.compile(r"^([ \t]*)([-+=])", re.MULTILINE)
_NUMBER_MARK = re.compile(r"^([ \t]*\d+)([.)])", re.MULTILINE)
# GitHub-flavoured Markdown links a bare `https://...`, `www.` and `name@host.tld` even
# where each character is escaped (it finds them in the text after parsing), so an
# invisible word joiner goes inside each: after the scheme's colon, after `www` and
# after `@`. The words read the same; no link forms.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=@)")
JOINER = "\u2060"


def md(text: str) -> str:
    """Text shown as itself in Streamlit Markdown: no bold, links, images, autolinks,
    maths, colour directives, icons or HTML from a coach's or a runner's punctuation."""
    escaped = _SPECIAL.sub(lambda m: "\\" + (m.group(1) or ":"), text)
    escaped = _LINE_MARK.sub(r"\1\\\2", escaped)
    escaped = _NUMBER_MARK.sub(r"\1\\\2", escaped)
    return _AUTOLINK.sub(JOINER, escaped)
