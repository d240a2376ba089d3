"""A coach's YAML file is read as data only, safely, and its problems are located.

Syntax errors, Python tags, alias bombs, deep nesting, invalid UTF-8 and oversized
files are each refused with the file and line named, never a crash or a hang.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

import pytest
from catalog_helpers import (
    assert_refused_for_nesting,
    assert_words,
    exercise,
    line_of,
    only_problem,
    write_catalog,
    yaml_text,
)

from strength import yamlfile
from strength.catalog import check_catalog, load_catalog
from strength.yamlfile import (
    MAX_DEPTH,
    MAX_EXPANDED_VALUES,
    MAX_FILE_BYTES,
    LineFinder,
    YamlProblem,
    parse,
    read_text,
)

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _legs_with(old: str, new: str) -> str:
    """A valid exercise file with one line changed."""
    valid = yaml_text({"exercises": [exercise("curl-a")]})
    assert old in valid
    return valid.replace(old, new, 1)


# ----------------------------------------------------------------------------
# Syntax


def test_a_syntax_error_names_the_file_and_line(base: Path) -> None:
    write_catalog(base, {"legs.yaml": _legs_with("why: It makes", "why: [It makes")})

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/legs.yaml", None, None)
    assert problem.line is not None
    assert problem.line >= line_of(base / "legs.yaml", "why: [It makes")
    assert "YAML syntax error" in problem.message


def test_a_tab_used_for_indentation_is_a_syntax_error_on_its_line(base: Path) -> None:
    write_catalog(base, {"legs.yaml": _legs_with("  why: It", "\twhy: It")})

    problem = only_problem(base)

    assert problem.file == "base/legs.yaml"
    assert problem.line == line_of(base / "legs.yaml", "\twhy: It")
    assert "syntax" in problem.message


def test_a_broken_file_does_not_hide_the_problems_of_the_others(base: Path) -> None:
    write_catalog(
        base,
        {"a.yaml": "exercises:\n  - id: [unclosed\n", "b.yaml": [exercise("b-curl", level="pro")]},
    )

    problems = check_catalog(base)

    assert [(p.file, p.field) for p in problems] == [
        ("base/a.yaml", None),
        ("base/b.yaml", "level"),
    ]


# ----------------------------------------------------------------------------
# Python tags: data, not code


def test_a_python_tag_is_refused_and_never_run(base: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write_catalog(
        base,
        {
            "legs.yaml": _legs_with(
                "why: It makes the muscle stronger.",
                f"why: !!python/object/apply:os.system ['touch {marker}']",
            )
        },
    )

    problem = only_problem(base)

    assert not marker.exists()
    assert problem.file == "base/legs.yaml"
    assert problem.line == line_of(base / "legs.yaml", "!!python/object/apply")
    assert_words(problem.message, "python/object/apply:os.system", "not allowed", "data")


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system ''", "!!python/object:builtins.dict {}", "!local thing"]
)
def test_any_tag_the_safe_loader_does_not_know_is_refused_with_its_line(
    base: Path, tag: str
) -> None:
    write_catalog(base, {"legs.yaml": _legs_with("source: Test catalog.", f"source: {tag}")})

    problem = only_problem(base)

    assert problem.line == line_of(base / "legs.yaml", "source: !")
    assert_words(problem.message, tag.split()[0].lstrip("!"), "not allowed")


# ----------------------------------------------------------------------------
# Anchors, aliases and nesting


def test_an_alias_bomb_is_refused_quickly(base: Path) -> None:
    write_catalog(base, {"bomb.yaml": BILLION_LAUGHS})

    started = time.perf_counter()
    problem = only_problem(base)

    assert time.perf_counter() - started < 5
    assert problem.file == "base/bomb.yaml"
    assert_words(problem.message, "alias bomb", f"{MAX_EXPANDED_VALUES:,}")


def test_an_alias_bomb_hidden_in_a_mapping_is_refused() -> None:
    text = "a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9, q: 10}\n"
    for level in "bcdefg":
        previous = chr(ord(level) - 1)
        text += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"

    with pytest.raises(YamlProblem, match="alias bomb"):
        parse(text)


def test_anchors_reused_a_few_times_are_ordinary_yaml(base: Path) -> None:
    text = """\
        exercises:
          - &base
            id: curl-a
            name: Curl a
            areas: [hamstrings]
            muscles: {primary: [hamstrings]}
            pattern: knee_flexion
            level: beginner
            mode: reps
            dose: {beginner: &dose {sets: 2, reps: 8}}
            cues: [Slowly.]
            why: Strong.
            cautions: [Stop if it hurts.]
            step_down: Smaller range.
            source: Test.
          - <<: *base
            id: curl-b
            dose: {beginner: *dose}
        """
    write_catalog(base, {"legs.yaml": text})

    catalog = load_catalog(base)

    assert catalog["curl-b"].dose == catalog["curl-a"].dose
    assert catalog["curl-b"].name == "Curl a"


def test_a_recursive_alias_neither_hangs_nor_crashes(base: Path) -> None:
    write_catalog(base, {"loop.yaml": "exercises: &loop\n  - *loop\n"})

    problem = only_problem(base)

    assert problem.file == "base/loop.yaml"
    assert "not a mapping" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "c: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "c: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "- " * 50_000 + "x\n",
        "a: &a 1\nb: *a\nc: " + "[" * 50_000 + "]" * 50_000 + "\n",
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "with-aliases"],
)
def test_nesting_deep_enough_to_overflow_the_stack_is_refused_not_a_crash(text: str) -> None:
    # Building such a document overflows the C stack inside libyaml's composer and kills
    # the process (a segfault): it must be refused from the parser's events first.
    with pytest.raises(YamlProblem) as raised:
        parse(text)

    # Refused on the line that nests, for that reason; whether our event scan or the
    # YAML reader's own limit (libyaml's, in newer PyYAML) stops it first, the words are ours.
    assert raised.value.line == text.count("\n")  # the last line holds the nesting
    assert_refused_for_nesting(raised.value.message)


def test_nesting_past_our_limit_is_refused_in_our_words_when_the_reader_allows_it() -> None:
    # Block nesting one line per level: the reader's own limit is far off, ours applies.
    text = "c:\n" + "".join("  " * level + "- \n" for level in range(1, MAX_DEPTH + 5))

    with pytest.raises(YamlProblem) as raised:
        parse(text)

    assert_words(raised.value.message, "nested", str(MAX_DEPTH))
    assert raised.value.line == MAX_DEPTH + 1  # line n opens level n: "c:" is level 1


def test_nesting_deeper_than_a_catalog_needs_but_within_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1  # the top-level mapping is one level too
    expected: list[object] = []
    for _ in range(depth - 1):
        expected = [expected]

    assert parse("c: " + "[" * depth + "]" * depth) == {"c": expected}


# ----------------------------------------------------------------------------
# Encoding and size


def test_invalid_utf8_names_the_file_line_and_byte(base: Path) -> None:
    text = _legs_with("why: It makes", "why: Caf\xe9 It makes")
    write_catalog(base, {"legs.yaml": text.encode("latin-1")})

    problem = only_problem(base)

    assert problem.file == "base/legs.yaml"
    assert (
        problem.line
        == text.splitlines().index(next(x for x in text.splitlines() if "Caf" in x)) + 1
    )
    assert_words(problem.message, "UTF-8", "0xe9")


def test_utf8_text_with_accents_and_a_byte_order_mark_is_read(base: Path) -> None:
    text = _legs_with("why: It makes", "why: Café au lait – It makes")
    write_catalog(base, {"legs.yaml": b"\xef\xbb\xbf" + text.encode("utf-8")})

    assert load_catalog(base)["curl-a"].why.startswith("Café au lait –")


def test_an_oversized_file_is_refused_without_being_parsed(base: Path) -> None:
    filler = "# " + "x" * 98 + "\n"
    write_catalog(base, {"huge.yaml": filler * (MAX_FILE_BYTES // len(filler) + 1)})

    problem = only_problem(base)

    assert problem.file == "base/huge.yaml"
    assert problem.line is None
    assert_words(problem.message, "bytes", f"{MAX_FILE_BYTES:,}", "Split")


def test_a_file_just_under_the_size_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 100)
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text("a: " + "x" * 96 + "\n")
    large.write_text("a: " + "x" * 97 + "\n")

    assert parse(read_text(small)) == {"a": "x" * 96}
    with pytest.raises(YamlProblem, match="101 bytes"):
        read_text(large)


# ----------------------------------------------------------------------------
# Finding the line a value came from


FINDER_TEXT = """\
# a comment
exercises:
  - id: curl-a
    dose:
      beginner: {sets: 2, reps: 8}
      advanced:
        sets: 3
    swaps:
      - curl-b
      - curl-c
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 2),
        (("exercises",), 2),
        (("exercises", 0), 3),
        (("exercises", 0, "id"), 3),
        (("exercises", 0, "dose", "beginner", "reps"), 5),
        (("exercises", 0, "dose", "advanced", "sets"), 7),
        (("exercises", 0, "swaps", 1), 10),
        (("exercises", 0, "swaps", 9), 8),  # past the end: the nearest line found
        (("exercises", 0, "nothing", "here"), 3),
    ],
)
def test_the_line_finder_follows_keys_and_list_indexes(
    path: tuple[str | int, ...], line: int
) -> None:
    assert LineFinder(FINDER_TEXT).line(path) == line


def test_the_line_finder_gives_no_line_for_text_that_does_not_parse() -> None:
    assert LineFinder("a: [\n").line(("a",)) is None


# ----------------------------------------------------------------------------
# Values read as a person means them, or refused with their line (issue 13)


def test_minutes_like_1_30_and_a_leading_zero_stay_as_written() -> None:
    # YAML 1.1 reads 1:30 as 90 (base 60) and 010 as 8 (octal).
    assert parse("a: 1:30\nb: 010\nc: 0x1f\nd: 1_000\ne: 1.5\nf: 2027-01-04\n") == {
        "a": "1:30",
        "b": "010",
        "c": 31,
        "d": 1000,
        "e": 1.5,
        "f": dt.date(2027, 1, 4),
    }


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: 2027-02-30\n", 2, "'2027-02-30' is not a date: there is no such day"),
        ("a: 0000-01-01\n", 1, "'0000-01-01' is not a date"),
        ("a: 2027-02-30 10:00:00\n", 1, "'2027-02-30 10:00:00' is not a date"),
        ("a:\n  - " + "9" * 5000 + "\n", 2, "a number with 5,000 digits is longer than"),
        ("a: 1\nb: 2\na: 3\n", 3, "'a' is given twice in the same place (lines 1 and 3)"),
        ("a: {x: 1, x: 2}\n", 1, "'x' is given twice"),
        ("<<: {x: 1, x: 2}\n", 1, "'x' is given twice"),
        ("a: !!set {x, y}\n", 1, "an unordered set (!!set) is not allowed"),
        ("a: !!omap [x: 1]\n", 1, "an ordered mapping (!!omap) is not allowed"),
        ("a: !!binary aGk=\n", 1, "binary data (!!binary) is not allowed"),
        ("a: !!int ten\n", 1, "'ten' is not a whole number"),
        ("a: !!float much\n", 1, "'much' is not a number"),
        ("a: !!bool maybe\n", 1, "'maybe' is not yes or no"),
        ("a: !!timestamp soon\n", 1, "'soon' is not a date"),
    ],
)
def test_a_value_that_cannot_be_read_as_written_is_refused_with_its_line(
    text: str, line: int, words: str
) -> None:
    with pytest.raises(YamlProblem) as raised:
        parse(text)

    assert raised.value.line == line
    assert words in raised.value.message
    assert raised.value.values and raised.value.values[0].message == raised.value.message


def test_every_unreadable_value_is_listed_with_its_place() -> None:
    text = "a: 2027-02-30\nb:\n  c: !!set {x}\n  d: 1\n  d: 2\n"

    with pytest.raises(YamlProblem) as raised:
        parse(text)

    assert [(v.path, v.line, v.kind) for v in raised.value.values] == [
        (("a",), 1, "date"),
        (("b", "c"), 3, "form"),
        (("b", "d"), 5, "duplicate"),
    ]
    assert raised.value.values[2].first_line == 4


def test_a_merge_overridden_by_the_mapping_is_no_duplicate() -> None:
    assert parse("base: &b {x: 1, y: 2}\nown:\n  <<: *b\n  x: 3\n")["own"] == {"x": 3, "y": 2}


def test_a_duplicate_in_a_catalog_file_names_the_file_and_both_lines(base: Path) -> None:
    text = _legs_with("  source: Test catalog.", "  source: Test catalog.\n  source: Other.")
    write_catalog(base, {"legs.yaml": text})

    problem = only_problem(base)

    first = line_of(base / "legs.yaml", "source: Test catalog.")
    assert (problem.file, problem.line) == ("base/legs.yaml", first + 1)
    assert_words(problem.message, "'source' is given twice", f"lines {first} and {first + 1}")


def test_a_named_pipe_is_refused_without_being_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    outcome: list[BaseException | str] = []

    def read() -> None:
        try:
            outcome.append(read_text(pipe))
        except BaseException as error:  # the test reads what was raised
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=5)

    assert not reader.is_alive(), "read_text waited on a named pipe"
    (problem,) = outcome
    assert isinstance(problem, YamlProblem)
    assert_words(problem.message, "named pipe (FIFO)", "not a file")


def test_a_read_stops_at_the_limit_whatever_the_size_on_disk_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status = Path("/proc/self/status")  # a plain file that says it holds 0 bytes
    if not status.is_file() or status.stat().st_size:
        pytest.skip("no /proc here")
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 100)

    with pytest.raises(yamlfile.FileTooLarge, match="more than 100 bytes"):
        read_text(status)
