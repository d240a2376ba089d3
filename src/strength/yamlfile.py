"""Reading a coach's YAML file safely, and finding the line a value came from.

Data only: the C safe loader, no Python tags. Files are size-limited, must be
UTF-8, and anchors/aliases that would expand into a huge document, or nesting
deep enough to overflow the C stack, are refused before anything builds the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_VALUES = 100_000
MAX_DEPTH = 200


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_text(path: Path) -> str:
    _within_limit(path.stat().st_size)
    return decode(path.read_bytes())


def decode(raw: bytes) -> str:
    """A file's bytes as text, with the limits of a file on disk: an upload or an edit in
    memory meets the same size limit and UTF-8 rule as `read_text`."""
    _within_limit(len(raw))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line
        ) from None


def _within_limit(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it into smaller files"
        )


def parse(text: str) -> Any:
    """The YAML document as plain Python data."""
    _refuse_bombs(text)
    try:
        return yaml.load(text, Loader=Loader)  # a safe loader: no Python tags
    except yaml.constructor.ConstructorError as error:
        tag = getattr(error.problem_mark, "line", None)
        line = tag + 1 if tag is not None else None
        problem = error.problem or "a value could not be read"
        if "constructor for the tag" in problem:
            problem = (
                f"{problem.replace('could not determine a constructor for the tag', 'tag')}"
                " is not allowed: the catalog holds data, not code"
            )
        raise YamlProblem(problem, line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        if "nesting depth" in what:  # libyaml's own limit, met before our event scan's
            raise YamlProblem(_too_deep("deeper than the YAML reader allows"), line) from None
        raise YamlProblem(f"YAML syntax error: {what}", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML error: {error}") from None


def _too_deep(how_deep: str) -> str:
    return f"values are nested {how_deep}; a catalog needs only a few levels"


_LINE_PREFIX = re.compile(r"^[ ?-]*", re.MULTILINE)


def _may_nest_deeply(text: str) -> bool:
    """A cheap upper bound on nesting, so ordinary files skip the event scan: flow
    levels need a '[' or '{' each, and each block level starts further right than
    its parent, within a line's run of indentation and '- ' or '? ' markers."""
    openers = text.count("[") + text.count("{")
    if openers >= MAX_DEPTH:
        return True
    prefix = max(map(len, _LINE_PREFIX.findall(text)), default=0)
    return openers + prefix + 2 > MAX_DEPTH


def _refuse_bombs(text: str) -> None:
    """Refuse, from the parser's events alone, documents that would expand into a huge
    number of values through anchors and aliases (an 'alias bomb') or that nest so deep
    that building them overflows the C stack and kills the process."""
    counting = "&" in text and "*" in text
    if not counting and not _may_nest_deeply(text):
        return  # the fast path: nothing to count, and too few levels to matter
    sizes: dict[str, int] = {}  # anchor -> values it expands to
    open_: list[tuple[str | None, int]] = []  # (anchor, values so far) per open collection
    total = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_) >= MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise YamlProblem(_too_deep(f"more than {MAX_DEPTH} levels deep"), line)
                open_.append((event.anchor, 1))
                continue
            if not counting:
                if isinstance(event, yaml.CollectionEndEvent):
                    open_.pop()
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                # a collection still open (a recursive alias) counts once
                anchor, size = None, sizes.get(event.anchor or "", 1)
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if open_:
                parent, so_far = open_[-1]
                open_[-1] = (parent, so_far + size)
            else:
                total += size
            if size > MAX_EXPANDED_VALUES or total > MAX_EXPANDED_VALUES:
                raise YamlProblem(
                    f"anchors and aliases expand to more than {MAX_EXPANDED_VALUES:,} values "
                    "(an 'alias bomb'); write the values out instead"
                )
    except yaml.YAMLError:
        return  # the full parse reports it with its line


@dataclass
class LineFinder:
    """Maps a path inside the document (keys and list indexes) to its line, lazily:
    the fast path never composes the node tree; only files with problems pay for it."""

    text: str
    _root: yaml.Node | None = field(default=None, init=False)
    _composed: bool = field(default=False, init=False)

    def line(self, path: tuple[str | int, ...]) -> int | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=Loader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        if node is None:
            return None
        found = node.start_mark.line + 1
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node, found = child
        return found


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node, int] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                return value, key.start_mark.line + 1
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        child = node.value[step]
        return child, child.start_mark.line + 1
    return None
