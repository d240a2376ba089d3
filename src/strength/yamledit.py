"""Changing one entry of a coach's YAML file without disturbing the rest of it.

A catalog file is a few sections holding lists of entries (`exercises:`,
`overrides:`). Only the entry being changed is re-rendered, through a
ruamel.yaml round trip that keeps its comments, key order, flow style and
quotes; every other line of the file is kept byte for byte, so the diff a coach
reviews shows exactly the lines that change. Line positions come from PyYAML's
fast composer; ruamel.yaml only ever sees one entry (or, for the vocabulary, one
small document) at a time.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from .yamlfile import Loader

FLOW_LIST_CHARS = 60  # a list of short words stays on one line: [hamstrings, glute_max]
FLOW_MAP_CHARS = 100  # a small mapping of plain values too: {sets: 3, reps: 8, rest_s: 60}

Order = Callable[[tuple[str | int, ...]], Sequence[str]]
"""The canonical key order of the mapping at a path inside an entry (empty: append)."""


class NotEditable(ValueError):
    """The file's YAML cannot be read, or a section is not the list an entry lives in."""


@dataclass(frozen=True)
class Style:
    """Indentation, as ruamel.yaml counts it: mapping keys, sequence items, and the dash."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


CATALOG_STYLE = Style()  # the shipped files: `exercises:` then `  - id: ...`
STYLES = (CATALOG_STYLE, Style(2, 2, 0), Style(4, 4, 2), Style(4, 6, 4), Style(2, 4, 0))


@dataclass(frozen=True)
class Entry:
    """Where one list entry sits in a file: its lines [start, end) and its dash's column.

    `end` stops at its last line of content: blank lines and comments at the dash's
    column after it separate it from the next entry and are left alone."""

    start: int
    end: int
    dash: int


# ----------------------------------------------------------------------------
# Reading


def entries(text: str, section: str) -> tuple[Entry, ...] | None:
    """The entries of a top-level section, or None when the file has no such block list."""
    root = _compose(text)
    value, next_line = _section(root, section, text)
    if not _is_block_list(value):
        return None
    assert isinstance(value, yaml.SequenceNode)
    lines = text.splitlines(keepends=True)
    starts = [_dash(lines, node) for node in value.value]
    found = []
    for index, (line, column) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else next_line
        found.append(Entry(line, _content_end(lines, line, stop, column), column))
    return tuple(found)


def read_entry(text: str, entry: Entry) -> Any:
    """The entry as a round-trip node (a CommentedMap for a mapping)."""
    lines = text.splitlines(keepends=True)
    try:
        document = _yaml(CATALOG_STYLE).load(_lf("".join(lines[entry.start : entry.end])))
    except YAMLError as error:
        raise NotEditable(f"an entry cannot be read: {error}") from None
    if not isinstance(document, CommentedSeq) or len(document) != 1:
        raise NotEditable("an entry is not a single list item")
    return document[0]


@lru_cache(maxsize=64)
def style_of(text: str) -> Style:
    """The indentation this file is written with: the first candidate that renders its
    first entry back exactly as written (the shipped style for a file without entries)."""
    for section in ("exercises", "overrides"):
        try:
            found = entries(text, section)
        except NotEditable:
            return CATALOG_STYLE
        if not found:
            continue
        lines = text.splitlines(keepends=True)
        first = found[0]
        written = _lf("".join(lines[first.start : first.end]))
        node = read_entry(text, first)
        for style in STYLES:
            if render_entry(node, style, first.dash) == written:
                return style
    return CATALOG_STYLE


# ----------------------------------------------------------------------------
# Writing entries


def render_entry(node: Any, style: Style, dash: int) -> str:
    """One list entry as text, its dash at column `dash` ("\\n" line ends)."""
    out = io.StringIO()
    _yaml(style).dump(CommentedSeq([node]), out)
    lines = out.getvalue().splitlines(keepends=True)
    shift = dash - (len(lines[0]) - len(lines[0].lstrip(" ")))
    if shift >= 0:
        return "".join(" " * shift + line if line.strip() else line for line in lines)
    return "".join(line[-shift:] if line[:-shift].strip() == "" else line for line in lines)


def replace_entry(text: str, section: str, index: int, node: Any) -> str:
    """The text with entry `index` of `section` rendered anew from `node`."""
    entry = _entry(text, section, index)
    lines = text.splitlines(keepends=True)
    rendered = _newlines(render_entry(node, style_of(text), entry.dash), text)
    return "".join([*lines[: entry.start], rendered, *lines[entry.end :]])


def change_entry(text: str, section: str, index: int, change: Callable[[Any], None]) -> str:
    """The text with entry `index` of `section` read, changed in place by `change`, and
    rendered back where it was."""
    node = read_entry(text, _entry(text, section, index))
    change(node)
    return replace_entry(text, section, index, node)


def delete_entry(text: str, section: str, index: int) -> str:
    """The text without entry `index` of `section`; the blank lines that separated it go too."""
    found = entries(text, section) or ()
    entry = _entry(text, section, index)
    lines = text.splitlines(keepends=True)
    start, end = entry.start, entry.end
    if len(found) == 1:
        root = _compose(text)
        key_line = next(
            key.start_mark.line
            for key, _value in root.value
            if isinstance(key, yaml.ScalarNode) and key.value == section
        )
        head = lines[key_line].rstrip("\r\n")
        ending = lines[key_line][len(head) :]
        name, colon, rest = head.partition(":")
        lines[key_line] = f"{name}{colon} []{rest}{ending}"
    elif index == len(found) - 1:
        while start > 0 and not lines[start - 1].strip():
            start -= 1
    else:
        while end < len(lines) and not lines[end].strip():
            end += 1
    return "".join([*lines[:start], *lines[end:]])


def insert_entry(text: str, section: str, node: Any, after: int | None = None) -> str:
    """The text with `node` as a new entry of `section`: after entry `after`, or at the end
    (the section is added at the end of the file when it has none)."""
    style = style_of(text)
    found = entries(text, section)
    lines = text.splitlines(keepends=True)
    if found:
        where = found[after if after is not None else -1]
        spaced = len(found) < 2 or _blank_between(lines, found[0], found[1])
        rendered = render_entry(node, style, found[0].dash)
        block = ("\n" if spaced else "") + rendered
        return "".join([*lines[: where.end], _newlines(block, text), *lines[where.end :]])
    root = _compose(text)
    value, _next = _section(root, section, text)
    if value is not None:
        return _edit_whole(text, lambda document: _append(document, section, node))
    head = text if not text or text.endswith(("\n", "\r")) else text + "\n"
    gap = "\n" if head.strip() and lines and lines[-1].strip() else ""
    block = f"{gap}{section}:\n{render_entry(node, style, style.offset)}"
    return head + _newlines(block, text)


def dump_document(data: Mapping[str, Any], style: Style = CATALOG_STYLE) -> str:
    """Plain data as a new YAML document in the catalog's style."""
    out = io.StringIO()
    _yaml(style).dump(to_entry(data), out)
    return out.getvalue()


def edit_document(text: str, change: Callable[[CommentedMap], None]) -> str:
    """The whole document loaded, changed and written back (for small files such as the
    vocabulary, where a word is added to a mapping rather than an entry to a list)."""
    return _edit_whole(text, change)


# ----------------------------------------------------------------------------
# Values


def to_node(value: Any) -> Any:
    """Plain data as a round-trip node, in the catalog's style: short lists of words and
    small mappings of plain values in flow style (`[a, b]`, `{sets: 3, reps: 8}`); lists
    of sentences, and the rest, in blocks; text with line breaks as a literal block."""
    if isinstance(value, Mapping):
        mapping = CommentedMap((key, to_node(item)) for key, item in value.items())
        if _plain_values(value.values()) and _width(value) <= FLOW_MAP_CHARS:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq(to_node(item) for item in value)
        prose = any(
            isinstance(item, str) and item.rstrip().endswith((".", "!", "?")) for item in value
        )
        if _plain_values(value) and not prose and _width(value) <= FLOW_LIST_CHARS:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def to_entry(data: Mapping[str, Any]) -> CommentedMap:
    """A list entry (or a document) from plain data: a block mapping, whatever its size."""
    return CommentedMap((key, to_node(value)) for key, value in data.items())


def merge(old: Any, new: Any, order: Order, path: tuple[str | int, ...] = ()) -> Any:
    """`new` (plain data) written over `old` (a round-trip node): what did not change
    keeps its node, so its comments, quotes and flow style survive; new keys go where
    `order` puts them."""
    if isinstance(new, Mapping) and isinstance(old, CommentedMap):
        for key in [key for key in old if key not in new]:
            del old[key]
        for key, value in new.items():
            set_key(old, key, value, order, path)
        return old
    if isinstance(new, list | tuple) and isinstance(old, CommentedSeq):
        for index, value in enumerate(new[: len(old)]):
            merged = merge(old[index], value, order, (*path, index))
            if merged is not old[index]:
                old[index] = merged
        for value in new[len(old) :]:
            old.append(to_node(value))
        while len(old) > len(new):
            del old[len(old) - 1]
        return old
    if same(old, new):
        return old
    if isinstance(new, str) and "\n" not in new and isinstance(old, ScalarString):
        return type(old)(new)  # keep the coach's quoting
    return to_node(new)


def set_key(
    mapping: CommentedMap, key: str, value: Any, order: Order, path: tuple[str | int, ...] = ()
) -> None:
    """mapping[key] = value, merged into the old value, or inserted at its canonical place."""
    if key in mapping:
        merged = merge(mapping[key], value, order, (*path, key))
        if merged is not mapping[key]:
            mapping[key] = merged
        return
    rank = {name: i for i, name in enumerate(order(path))}
    if key not in rank:
        mapping[key] = to_node(value)
        return
    position = 0
    for index, existing in enumerate(mapping):
        if existing in rank and rank[existing] < rank[key]:
            position = index + 1
    mapping.insert(position, key, to_node(value))


def same(old: Any, new: Any) -> bool:
    """Equal as data, and of the same kind (YAML's `true` is not `1`)."""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old == new
    kinds = (str, int | float, type(None))
    return any(isinstance(old, kind) and isinstance(new, kind) for kind in kinds) and old == new


def plain(node: Any) -> Any:
    """A round-trip node as plain dicts, lists and scalars."""
    if isinstance(node, Mapping):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


# ----------------------------------------------------------------------------
# Helpers


def _yaml(style: Style) -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a coach's long line
    handler.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    handler.representer.add_representer(type(None), _represent_null)
    return handler


def _represent_null(representer: Any, _data: None) -> Any:
    """`null`, not an empty value: an override that removes a field says so."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _compose(text: str) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as error:
        raise NotEditable(f"the YAML cannot be read: {error}") from None
    if root is None:
        return yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        raise NotEditable("the file must be a mapping of sections")
    return root


def _section(root: yaml.Node, section: str, text: str) -> tuple[yaml.Node | None, int]:
    """The section's value node, and the line where the next section starts."""
    pairs = root.value
    for position, (key, value) in enumerate(pairs):
        if isinstance(key, yaml.ScalarNode) and key.value == section:
            if position + 1 < len(pairs):
                return value, pairs[position + 1][0].start_mark.line
            return value, len(text.splitlines())
    return None, len(text.splitlines())


def _is_block_list(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.SequenceNode) and not node.flow_style and bool(node.value)


def _dash(lines: list[str], node: yaml.Node) -> tuple[int, int]:
    """The line and column of the '-' that starts a block sequence entry."""
    line, column = node.start_mark.line, node.start_mark.column
    while line >= 0:
        before = lines[line][:column] if column >= 0 else lines[line]
        position = before.rfind("-")
        if position >= 0 and not before[position + 1 :].strip():
            return line, position
        line, column = line - 1, -1
    raise NotEditable("a list entry without its '-'")


def _content_end(lines: list[str], start: int, stop: int, dash: int) -> int:
    end = stop
    while end > start + 1:
        line = lines[end - 1]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped or (stripped.startswith("#") and indent <= dash):
            end -= 1
            continue
        break
    return end


def _entry(text: str, section: str, index: int) -> Entry:
    found = entries(text, section)
    if not found or not 0 <= index < len(found):
        raise NotEditable(f"no entry {index + 1} in '{section}'")
    return found[index]


def _blank_between(lines: list[str], first: Entry, second: Entry) -> bool:
    return any(not line.strip() for line in lines[first.end : second.start])


def _append(document: CommentedMap, section: str, node: Any) -> None:
    existing = document.get(section)
    if isinstance(existing, CommentedSeq) and existing:
        existing.append(node)
    else:
        document[section] = CommentedSeq([node])


def _edit_whole(text: str, change: Callable[[CommentedMap], None]) -> str:
    handler = _yaml(style_of(text))
    try:
        document = handler.load(_lf(text))
    except YAMLError as error:
        raise NotEditable(f"the YAML cannot be read: {error}") from None
    out = io.StringIO()
    if document is None:  # empty, or only comments: they stay, the new data goes after them
        document = CommentedMap()
        change(document)
        handler.dump(document, out)
        head = text if not text or text.endswith(("\n", "\r")) else text + "\n"
        return head + _newlines(out.getvalue(), text)
    if not isinstance(document, CommentedMap):
        raise NotEditable("the file must be a mapping of sections")
    change(document)
    handler.dump(document, out)
    return _newlines(out.getvalue(), text)


def _plain_values(values: Collection[Any]) -> bool:
    return all(not isinstance(v, Mapping | list | tuple) for v in values) and not any(
        isinstance(v, str) and "\n" in v for v in values
    )


def _width(value: Mapping[Any, Any] | Sequence[Any]) -> int:
    if isinstance(value, Mapping):
        return sum(len(str(key)) + len(str(item)) + 4 for key, item in value.items())
    return sum(len(str(item)) + 2 for item in value)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _newlines(rendered: str, text: str) -> str:
    """The rendered block with the file's own line ends."""
    return rendered.replace("\n", "\r\n") if "\r\n" in text else rendered
