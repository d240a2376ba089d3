"""Reading a coach's YAML file safely, and finding the line a value came from.

Data only: the C safe loader, no Python tags. Files are size-limited, must be
UTF-8, and anchors/aliases that would expand into a huge document, or nesting
deep enough to overflow the C stack, are refused before anything builds the data.

Only plain files are read (never a pipe, a device or a socket, which could block
forever), and never more than the size limit, whatever the file system says.
Values are read as a person means them (YAML 1.2's numbers: `1:30` and `010` are
text, not 90 and 8), and what YAML 1.1 would take silently is refused with its
line: a key given twice in one mapping, a date that is no day of the calendar, a
number too long to be a count, an unordered `!!set` or other typed collections.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_VALUES = 100_000
MAX_DEPTH = 200
MAX_NUMBER_DIGITS = 30  # more than any count, dose or week number needs; Python stops at 4,300

_TAG = "tag:yaml.org,2002:"
_REFUSED_TAGS = {  # typed values YAML 1.1 builds that are no plain list, mapping or text
    f"{_TAG}set": "an unordered set",
    f"{_TAG}omap": "an ordered mapping",
    f"{_TAG}pairs": "a list of pairs",
    f"{_TAG}binary": "binary data",
}


class YamlProblem(Exception):
    """What keeps a file from being read, with its line. `values` holds, when the
    document reads but some of its values do not, every such value (its place in the
    document, for a message in the reader's own words)."""

    def __init__(
        self, message: str, line: int | None = None, values: tuple[ValueProblem, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.values = values


class FileTooLarge(YamlProblem):
    """The file holds more bytes than the limit (known from reading, not from `stat`)."""


@dataclass(frozen=True)
class ValueProblem:
    """One value that cannot be read as written.

    `kind` is "date" (no day of the calendar), "number" (too many digits), "word" (a
    value tagged as a type it is not, `!!int ten`), "form" (a refused typed value such
    as `!!set`) or "duplicate" (a key given twice). `shown` quotes the value as a
    message may (`'2027-02-30'`, `a number with 5,000 digits`, `an unordered set
    (!!set)`; for a duplicate, the key), and `message` says it to a coach."""

    path: tuple[str | int, ...]
    line: int
    kind: str
    shown: str
    message: str
    first_line: int | None = None  # a duplicate key: the line that gave it first


# ----------------------------------------------------------------------------
# Reading a file: plain files only, and never more than the limit


def read_text(path: Path, limit: int | None = None) -> str:
    """The text of a plain file (a symlink is followed), read with at most `limit`
    (default MAX_FILE_BYTES) bytes: a pipe, a device, a socket or a folder is refused
    without waiting on it, and a file that grows past what `stat` said is cut short."""
    return decode(read_bytes(path, limit), limit)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a plain file, bounded as `read_text` says; OSError when it cannot
    be opened, YamlProblem when it is no plain file or is too large."""
    limit = MAX_FILE_BYTES if limit is None else limit
    _plain_file(Path(path).stat().st_mode)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        status = os.fstat(descriptor)  # what was opened, should the path have changed
        _plain_file(status.st_mode)
        _within_limit(status.st_size, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(limit + 1 - size, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > limit:
        raise FileTooLarge(
            f"file is more than {limit:,} bytes; the limit is {limit:,}. "
            "Split it into smaller files"
        )
    return b"".join(chunks)


_NOT_PLAIN = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _plain_file(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    what = next((words for test, words in _NOT_PLAIN if test(mode)), "not a plain file")
    raise YamlProblem(f"this is {what}, not a file; save the text as a plain .yaml file")


def decode(raw: bytes, limit: int | None = None) -> str:
    """A file's bytes as text, with the limits of a file on disk: an upload or an edit in
    memory meets the same size limit and UTF-8 rule as `read_text`."""
    _within_limit(len(raw), MAX_FILE_BYTES if limit is None else limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line
        ) from None


def _within_limit(size: int, limit: int = MAX_FILE_BYTES) -> None:
    if size > limit:
        raise FileTooLarge(
            f"file is {size:,} bytes; the limit is {limit:,}. Split it into smaller files"
        )


# ----------------------------------------------------------------------------
# The loader: YAML 1.2's numbers, and every value checked as it is built

# YAML 1.1 reads `1:30` as 90 (base 60) and `010` as 8 (octal): never what a person
# writing minutes or weeks means. Without those forms both stay text, and a number
# answer reads '010' as 10 or refuses '1:30' in its own words.
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


class _Resolver(Resolver):
    """YAML 1.1's implicit types, with YAML 1.2's numbers."""


_Resolver.yaml_implicit_resolvers = {
    first: [
        (tag, {f"{_TAG}int": _INT, f"{_TAG}float": _FLOAT}.get(tag, pattern))
        for tag, pattern in resolvers
    ]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


def _key_text(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "a key"


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


_STR, _MERGE = f"{_TAG}str", f"{_TAG}merge"
# The tags whose text may not read as they say, with the words for what they should be.
_CHECKED: dict[str, tuple[str, Callable[[SafeConstructor, yaml.ScalarNode], object]]] = {
    f"{_TAG}int": ("a whole number", SafeConstructor.construct_yaml_int),
    f"{_TAG}float": ("a number", SafeConstructor.construct_yaml_float),
    f"{_TAG}bool": ("yes or no", SafeConstructor.construct_yaml_bool),
    f"{_TAG}timestamp": ("a date", SafeConstructor.construct_yaml_timestamp),
}

_WATCHED = frozenset(_CHECKED) | frozenset(_REFUSED_TAGS)  # every other tag builds as it is


class _Constructor(SafeConstructor):
    """The safe constructor, refusing what it would otherwise take silently or fail on
    with a bare Python error."""

    def scalar_problem(self, node: yaml.ScalarNode) -> tuple[str, str, str] | None:
        """(kind, shown, message) when the scalar cannot be read as its tag says."""
        tag = node.tag
        if tag == _STR:
            return None  # text is always text (the common case: answered at once)
        text = str(node.value)
        if tag in _REFUSED_TAGS:
            return self.form_problem(node)
        if tag == f"{_TAG}int":
            digits = re.sub(r"^[-+]?(?:0[xXbBoO])?|_", "", text)
            if len(digits) > MAX_NUMBER_DIGITS:
                shown = f"a number with {len(digits):,} digits"
                return (
                    "number",
                    shown,
                    f"{shown} is longer than any number here needs (at most "
                    f"{MAX_NUMBER_DIGITS} digits); write the number it should be",
                )
        if tag not in _CHECKED:
            return None
        what, construct = _CHECKED[tag]
        try:
            construct(self, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            if tag == f"{_TAG}timestamp" and re.match(r"^\d{4}-\d\d?-\d\d?", text):
                return (
                    "date",
                    _quoted(text),
                    f"{_quoted(text)} is not a date: there is no such day; write a day of "
                    "the calendar as YYYY-MM-DD, or put the text in quotes",
                )
            return ("word", _quoted(text), f"{_quoted(text)} is not {what}")
        return None

    def form_problem(self, node: yaml.Node) -> tuple[str, str, str]:
        shown = f"{_REFUSED_TAGS[node.tag]} (!!{node.tag.removeprefix(_TAG)})"
        return (
            "form",
            shown,
            f"{shown} is not allowed: write a plain list [a, b], mapping {{a: 1}} or text",
        )

    def duplicates(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        """Each key given again in the same mapping, with its first giving (a merge
        `<<:` may be overridden: that is what it is for)."""
        seen: dict[Any, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
                continue
            if key.tag == _STR:  # a text key is its own text
                if key.value in seen:
                    yield seen[key.value], key
                else:
                    seen[key.value] = key
                continue
            if self.scalar_problem(key) is not None:
                continue  # reported as a value
            try:
                value = self.construct_object(key)  # as the mapping will hold it:
                hash(value)  # `yes:` and `1:` are one key to Python
            except Exception:  # a key that cannot be compared is no duplicate
                continue
            if value in seen:
                yield seen[value], key
            else:
                seen[value] = key

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag in _WATCHED and (
            not isinstance(node, yaml.ScalarNode) or self.scalar_problem(node) is not None
        ):
            raise _Refused(node.start_mark.line + 1)
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            for mapping in _with_merged(node):
                for _, again in self.duplicates(mapping):
                    raise _Refused(again.start_mark.line + 1)
        return super().construct_mapping(node, deep)  # type: ignore[arg-type]


def _with_merged(node: yaml.MappingNode) -> Iterator[yaml.MappingNode]:
    """The mapping, and the mappings written inline in its merge key (`<<: {a: 1}`),
    which are merged without ever being built on their own."""
    yield node
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag == _MERGE:
            merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
            yield from (item for item in merged if isinstance(item, yaml.MappingNode))


class _Refused(Exception):  # internal: `value_problems` says what and where
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _DataLoader(CParser, _Constructor, _Resolver):
        """The C parser (libyaml) with the checking constructor and YAML 1.2's numbers."""

        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _DataLoader(Reader, Scanner, Parser, Composer, _Constructor, _Resolver):  # type: ignore[no-redef]
        """The Python parser with the checking constructor and YAML 1.2's numbers."""

        def __init__(self, stream: Any) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


Loader: Any = _DataLoader


def top_level_keys(text: str) -> list[str] | None:
    """The keys of the document's top-level mapping, as written; None when the document
    is no mapping (or does not compose)."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    return [_key_text(key) for key, _ in root.value]


def value_problems(text: str) -> list[ValueProblem]:
    """Every value of the document that cannot be read as written, in document order
    (each node once, however many aliases lead to it)."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return []
    if root is None:
        return []
    checker = _Constructor()
    found: list[ValueProblem] = []
    seen: set[int] = set()
    todo: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    while todo:
        node, path = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[tuple[yaml.Node, tuple[str | int, ...]]] = []
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            problem = checker.scalar_problem(node)
            if problem is not None:
                found.append(ValueProblem(path, line, *problem))
        elif node.tag in _REFUSED_TAGS:
            found.append(ValueProblem(path, line, *checker.form_problem(node)))
        elif isinstance(node, yaml.MappingNode):
            for first, again in checker.duplicates(node):
                key = _key_text(again)
                where = f"lines {first.start_mark.line + 1} and {again.start_mark.line + 1}"
                found.append(
                    ValueProblem(
                        (*path, key),
                        again.start_mark.line + 1,
                        "duplicate",
                        key,
                        f"{_quoted(key)} is given twice in the same place ({where}); "
                        "keep one of them",
                        first.start_mark.line + 1,
                    )
                )
            for key, value in node.value:
                children.append((key, (*path, _key_text(key))))
                children.append((value, (*path, _key_text(key))))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, (*path, index)) for index, item in enumerate(node.value)]
        todo.extend(reversed(children))
    return sorted(found, key=lambda problem: problem.line)


def parse(text: str) -> Any:
    """The YAML document as plain Python data."""
    _refuse_bombs(text)
    try:
        return yaml.load(text, Loader=Loader)  # a safe loader: no Python tags
    except (_Refused, ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        values = tuple(value_problems(text))
        if values:
            raise YamlProblem(values[0].message, values[0].line, values) from None
        line = error.line if isinstance(error, _Refused) else None
        raise YamlProblem("a value could not be read; write it plainly", line) from None
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
