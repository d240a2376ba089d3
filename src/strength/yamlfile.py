"""Reading a coach's YAML file safely, and finding the line a value came from.

Data only: the C safe loader, no Python tags. Files are size-limited, must be
UTF-8, and anchors/aliases that would expand into a huge document are refused
before anything walks the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    Loader: type[yaml.SafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_VALUES = 100_000


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}. Split it into smaller files"
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line
        ) from None


def parse(text: str) -> Any:
    """The YAML document as plain Python data."""
    if "&" in text and "*" in text:
        _refuse_alias_bombs(text)
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a safe loader
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
        raise YamlProblem(f"YAML syntax error: {what}", line) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML error: {error}") from None


def _refuse_alias_bombs(text: str) -> None:
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return  # the full parse reports it with its line
    sizes: dict[int, int] = {}

    def expanded(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # a recursive alias counts once; the loader refuses recursion anyway
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(expanded(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(expanded(k) + expanded(v) for k, v in node.value)
        sizes[key] = total
        return total

    if root is not None and expanded(root) > MAX_EXPANDED_VALUES:
        raise YamlProblem(
            f"anchors and aliases expand to more than {MAX_EXPANDED_VALUES:,} values "
            "(an 'alias bomb'); write the values out instead"
        )


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
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            child = node.value[step]
            return child, child.start_mark.line + 1
    return None
