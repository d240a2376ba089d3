"""Shared links: the runner's answers in the address bar, read the way a person means them.

A link is typed, pasted, shortened and edited by people, so it is read leniently: an
option by its id or by the word the page shows, in any case, with or without spaces,
lists repeated (`?weaknesses=Hamstrings&weaknesses=Core`) or comma-separated
(`?weaknesses=hamstrings,core`). What cannot be read is named in plain words, never
dropped in silence. Files stay strict: a profile file is read by `profile.py`.

The same table describes every answer the link can carry: its key in the address bar,
what it holds, the words it is written with, its bounds and its default; writing a link
(`link_params`) uses the words the page shows, so links read well and round-trip.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Holds(StrEnum):
    """What one answer in a link holds."""

    choice = "choice"  # one of a fixed set of options
    choices = "choices"  # any number of them, in order
    date = "date"
    number = "number"
    flag = "flag"  # yes or no
    token = "token"  # a word of the answer's own pattern, as written (an identity)


@dataclass(frozen=True)
class LinkAnswer:
    """One answer a link may carry. `words` maps each option to the word the page shows
    (choice kinds), `former` the words it showed before (still read, never written);
    `bounds` limits a number; `default` is left out of written links, unless `always`:
    an answer whose default may change is written anyway, so a shared link keeps it."""

    key: str
    label: str  # what a runner calls it, for messages
    holds: Holds
    words: Mapping[Any, str] = field(default_factory=dict)
    bounds: tuple[int, int] | None = None
    default: Any = None
    pattern: str | None = None  # what a token must look like, and `shape` says it in words
    shape: str = ""
    always: bool = False
    former: Mapping[str, Any] = field(default_factory=dict)  # an old shown word -> its option


@dataclass(frozen=True)
class ReadLink:
    """What a link says: each answer it carried and could read, and, in plain words,
    each part it carried and could not."""

    values: dict[str, Any]
    not_understood: tuple[str, ...]


_YES = {"true", "yes", "on", "1", "y"}
_NO = {"false", "no", "off", "0", "n"}
_SEPARATORS = re.compile(r"[,;]")


def _plain(text: str) -> str:
    """A word as compared: case, accents' absence, spaces and punctuation ignored."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _parts(raw: Sequence[str]) -> list[str]:
    """Every item of a list answer, whether repeated or comma-separated."""
    return [part.strip() for value in raw for part in _SEPARATORS.split(value) if part.strip()]


def _option(answer: LinkAnswer, text: str) -> tuple[bool, Any]:
    """The option a word names (by its id or its shown word), or (False, a hint)."""
    wanted = _plain(text)
    for option, word in answer.words.items():
        if wanted in (_plain(str(option)), _plain(word)):
            return True, option
    for word, option in answer.former.items():
        if wanted == _plain(word):
            return True, option
    shown = list(answer.words.values())
    close = difflib.get_close_matches(text.strip(), shown, n=1, cutoff=0.6) or (
        difflib.get_close_matches(text.strip().capitalize(), shown, n=1, cutoff=0.6)
    )
    if close:
        return False, f"did you mean {close[0]}?"
    if len(shown) <= 8:
        return False, "the choices are " + ", ".join(shown)
    return False, "it is not one of the choices"


def _number(answer: LinkAnswer, text: str) -> tuple[bool, Any]:
    try:
        number = float(text.strip())
    except ValueError:
        return False, "it is not a number"
    if not number.is_integer():
        return False, "it must be a whole number"
    value = int(number)
    if answer.bounds is not None:
        low, high = answer.bounds
        if not low <= value <= high:
            return False, f"it must be between {low} and {high}"
    return True, value


def _date(text: str) -> tuple[bool, Any]:
    try:
        return True, dt.date.fromisoformat(text.strip())
    except ValueError:
        return False, "it is not a date; write it as YYYY-MM-DD, for example 2027-01-04"


def _flag(text: str) -> tuple[bool, Any]:
    word = text.strip().casefold()
    if word in _YES:
        return True, True
    if word in _NO:
        return True, False
    return False, "write true or false"


def _token(answer: LinkAnswer, text: str) -> tuple[bool, Any]:
    word = text.strip()
    if answer.pattern is None or re.fullmatch(answer.pattern, word):
        return True, word
    return False, f"it must be {answer.shape}" if answer.shape else "it is not of the right shape"


def _one(answer: LinkAnswer, text: str) -> tuple[bool, Any]:
    if answer.holds is Holds.token:
        return _token(answer, text)
    if answer.holds is Holds.number:
        return _number(answer, text)
    if answer.holds is Holds.date:
        return _date(text)
    if answer.holds is Holds.flag:
        return _flag(text)
    return _option(answer, text)


def _not_understood(answer: LinkAnswer, text: str, why: str) -> str:
    return f"{answer.label}: “{text}” was left out, because {why}"


def read_link(params: Mapping[str, Sequence[str]], answers: Sequence[LinkAnswer]) -> ReadLink:
    """The answers a link carries (`params`: each key's values, as the address bar has
    them); keys that are not answers are not this function's business and are ignored."""
    by_key = {answer.key: answer for answer in answers}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, raw in params.items():
        answer = by_key.get(key)
        if answer is None:
            continue
        if answer.holds is Holds.choices:
            chosen: list[Any] = []
            for part in _parts(raw):
                ok, found = _option(answer, part)
                if not ok:
                    problems.append(_not_understood(answer, part, found))
                elif found not in chosen:
                    chosen.append(found)
            if chosen or not _parts(raw):
                values[key] = chosen
            continue
        texts = [text for text in raw if text.strip()]
        if not texts:
            continue  # an empty value says nothing: the answer keeps its default
        ok, found = _one(answer, texts[-1])
        if ok:
            values[key] = found
        else:
            problems.append(_not_understood(answer, texts[-1], found))
    return ReadLink(values, tuple(problems))


def _written(answer: LinkAnswer, value: Any) -> str:
    if answer.holds is Holds.date:
        return str(value.isoformat())
    if answer.holds is Holds.flag:
        return "true" if value else "false"
    if answer.holds in (Holds.number, Holds.token):
        return str(value)
    return answer.words.get(value, str(value))


def link_params(values: Mapping[str, Any], answers: Sequence[LinkAnswer]) -> dict[str, list[str]]:
    """The address bar's parameters for these answers, in the words the page shows, each
    default left out (but an `always` answer's): what `read_link` reads back to the same
    values."""
    params: dict[str, list[str]] = {}
    for answer in answers:
        if answer.key not in values:
            continue
        value = values[answer.key]
        if value is None or (value == answer.default and not answer.always):
            continue
        if answer.holds is Holds.choices:
            if list(value) == list(answer.default or []) and not answer.always:
                continue
            # An empty list is written as an empty value: `?weaknesses=` clears the answer.
            params[answer.key] = [_written(answer, item) for item in value] or [""]
        else:
            params[answer.key] = [_written(answer, value)]
    return params


__all__ = ["Holds", "LinkAnswer", "ReadLink", "link_params", "read_link"]
