"""Coach mode: who may edit the catalog in the browser, and the edit form as plain data.

Coach mode is off unless a password is configured (STRENGTH_COACH_PASSWORD, or the app's
`coach_password` secret); without one the app has no control that writes a file. Guessing
the password is slowed down and then locked out (`Guesses`, with its numbers in
`GuessLimits`), for one session and for the whole server. The form
helpers turn what a coach types (reps as "6-8", cues one per line, a protocol table) into
the catalog's fields and back, and work out which fields an edit really changes, so a
save rewrites only those lines.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from .errors import StrengthError
from .model import RANGE, Exercise

PASSWORD_ENV = "STRENGTH_COACH_PASSWORD"
PASSWORD_SECRET = "coach_password"
LIMITS_ENV = "STRENGTH_COACH_"  # + a GuessLimits field in capitals, e.g. STRENGTH_COACH_LOCKOUT_S
LOG = logging.getLogger("strength.coach")  # unlocks, refusals and locks; never a password

# The columns of the protocol table, in the order a coach reads a week.
PROTOCOL_COLUMNS = (
    "week",
    "sessions",
    "per_day",
    "rung",
    "sets",
    "reps",
    "hold_s",
    "eccentric_s",
    "contacts",
    "distance_m",
    "tempo",
    "rest_s",
    "load",
)
MAINTENANCE = "maintenance"  # the week cell of the row holding the maintenance dose
_TEXT_COLUMNS = {"rung", "tempo", "load"}
_NUMBER_LIST = re.compile(r"^\s*\d+(\s*[,;\s]\s*\d+)+\s*$")
_NOT_IN_FORM = ("id", "media")  # media has no widget yet: an edit keeps it as it is


class FormError(StrengthError):
    """What a coach typed cannot be read as the field it is for; the message says how."""


# ----------------------------------------------------------------------------
# Who may edit


def configured_password(
    environ: Mapping[str, str], secrets: Mapping[str, Any] | None = None
) -> str | None:
    """The coach password, or None when coach mode is off: the environment variable first,
    then the `coach_password` secret. Blank values count as unset."""
    for value in (environ.get(PASSWORD_ENV), (secrets or {}).get(PASSWORD_SECRET)):
        if isinstance(value, str) and value.strip():
            return value
    return None


def coach_mode(environ: Mapping[str, str], secrets: Mapping[str, Any] | None = None) -> bool:
    """True when a coach password is configured, so the app offers the Coach page."""
    return configured_password(environ, secrets) is not None


def password_matches(given: str, expected: str | None) -> bool:
    """The typed password is the configured one (compared in constant time); never true
    while coach mode is off or for an empty answer."""
    if expected is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


# ----------------------------------------------------------------------------
# How many guesses


@dataclass(frozen=True)
class GuessLimits:
    """How wrong coach passwords are slowed down and locked out: the one home of these
    numbers (each can be overridden by STRENGTH_COACH_<FIELD>, e.g. STRENGTH_COACH_LOCKOUT_S).

    After the n-th wrong password of a session its next try waits first_delay_s * 2^(n-1)
    seconds, at most longest_delay_s; session_failures wrong passwords lock that session out,
    and server_failures wrong passwords on the server within server_window_s lock out every
    session (and again at each further wrong one while the window still holds as many), for
    lockout_s each. While locked out even the right password is refused."""

    first_delay_s: float = 0.5
    longest_delay_s: float = 30.0
    session_failures: int = 10
    server_failures: int = 50
    server_window_s: float = 3600.0
    lockout_s: float = 900.0

    def __post_init__(self) -> None:
        if min(self.first_delay_s, self.longest_delay_s, self.lockout_s) < 0:
            raise ValueError("a delay or a lockout cannot be negative")
        if self.session_failures < 1 or self.server_failures < 1 or self.server_window_s <= 0:
            raise ValueError("a lockout needs at least one failure within a window of time")

    def delay_after(self, failures: int) -> float:
        """Seconds before a session's next guess is heard, after `failures` wrong ones."""
        if failures <= 0:
            return 0.0
        return min(self.first_delay_s * 2.0 ** min(failures - 1, 64), self.longest_delay_s)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> GuessLimits:
        """The defaults, with any STRENGTH_COACH_<FIELD> of `environ` in their place; a value
        that is not a number (or breaks the limits) is logged and the default kept."""
        limits = cls()
        for each in fields(cls):
            text = environ.get(LIMITS_ENV + each.name.upper())
            if text is None or not text.strip():
                continue
            try:
                number: Any = int(text) if each.type == "int" else float(text)
                limits = replace(limits, **{each.name: number})
            except ValueError:
                LOG.warning(
                    "%s=%r is not a valid %s: keeping %s",
                    LIMITS_ENV + each.name.upper(),
                    text,
                    each.name,
                    getattr(limits, each.name),
                )
        return limits


class Outcome(StrEnum):
    UNLOCKED = "unlocked"
    WRONG = "wrong"  # a wrong password, counted
    TOO_SOON = "too soon"  # not checked: the session's delay after a wrong one has not passed
    LOCKED_OUT = "locked out"  # not checked: too many wrong ones, in this session or on the server


@dataclass(frozen=True)
class Verdict:
    """What became of one guess. `retry_in_s`: seconds before the next guess is heard;
    `until`: the end of a lockout (UTC), when there is one."""

    outcome: Outcome
    failures: int  # wrong passwords of this session since its last unlock or lockout
    retry_in_s: float = 0.0
    until: datetime | None = None

    @property
    def unlocked(self) -> bool:
        return self.outcome is Outcome.UNLOCKED


@dataclass
class _Session:
    failures: int = 0
    next_try: float = 0.0
    locked_until: float = 0.0
    last_seen: float = 0.0


def session_tag(session: str) -> str:
    """A session as the log names it: a short hash, enough to follow one session's tries
    but not the id itself (which could resume the session)."""
    return hashlib.sha256(session.encode("utf-8")).hexdigest()[:12]


class Guesses:
    """Every password guess on this server, by session, thread-safe: decides whether a guess
    is heard at all (delays, lockouts), checks it, and logs the outcome without the password.
    `clock` gives seconds since the epoch (time.time; tests pass a fake one)."""

    def __init__(
        self, limits: GuessLimits | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self.limits = limits or GuessLimits()
        self._clock = clock
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}
        self._server: deque[float] = deque(maxlen=self.limits.server_failures)
        self._server_locked_until = 0.0

    def guess(self, session: str, given: str, expected: str | None) -> Verdict:
        """Hear one guess of `session`: refused unheard while the session waits or is locked
        out, else checked against `expected` and counted when wrong."""
        limits = self.limits
        with self._lock:
            now = self._clock()
            self._forget_idle(now)
            tag = session_tag(session)
            record = self._sessions.get(session) or _Session()
            if record.locked_until and now >= record.locked_until:
                record = _Session()  # a lockout served: a fresh start
            record.last_seen = now
            locked_until = max(record.locked_until, self._server_locked_until)
            if now < locked_until:
                if record.failures:  # a session new to the store stays out of it
                    self._sessions[session] = record
                LOG.warning(
                    "coach unlock refused unheard, locked out until %s (session %s, %d wrong "
                    "in this session, %d on the server within the window)",
                    _utc(locked_until).isoformat(timespec="seconds"),
                    tag,
                    record.failures,
                    self._recent(now),
                )
                return Verdict(
                    Outcome.LOCKED_OUT, record.failures, locked_until - now, _utc(locked_until)
                )
            if now < record.next_try:
                self._sessions[session] = record
                LOG.info("coach unlock refused unheard: too soon (session %s)", tag)
                return Verdict(Outcome.TOO_SOON, record.failures, record.next_try - now)
            if password_matches(given, expected):
                self._sessions.pop(session, None)
                LOG.info(
                    "coach unlocked (session %s, after %d wrong in this session)",
                    tag,
                    record.failures,
                )
                return Verdict(Outcome.UNLOCKED, 0)
            record.failures += 1
            self._server.append(now)
            recent = self._recent(now)
            verdict = Verdict(Outcome.WRONG, record.failures, limits.delay_after(record.failures))
            record.next_try = now + verdict.retry_in_s
            # The server: locked at the n-th wrong one within the window, and again at each
            # further one while the window still holds n.
            if recent >= limits.server_failures:
                self._server_locked_until = now + limits.lockout_s
            if record.failures >= limits.session_failures:
                record.locked_until = now + limits.lockout_s
            self._sessions[session] = record
            until = max(record.locked_until, self._server_locked_until)
            LOG.warning(
                "coach unlock refused: wrong password (session %s, %d wrong in this session, "
                "%d on the server within the window)%s",
                tag,
                record.failures,
                recent,
                f"; locked out until {_utc(until).isoformat(timespec='seconds')}"
                if until > now
                else "",
            )
            if until > now:
                return Verdict(Outcome.LOCKED_OUT, record.failures, until - now, _utc(until))
            return verdict

    def _recent(self, now: float) -> int:
        window = self.limits.server_window_s
        return sum(1 for moment in self._server if now - moment < window)

    def _forget_idle(self, now: float) -> None:
        """Drop the sessions neither locked out nor seen within the window: memory stays
        bounded however many sessions an attacker opens."""
        window = self.limits.server_window_s
        for session, record in list(self._sessions.items()):
            if record.locked_until <= now and now - record.last_seen >= window:
                del self._sessions[session]


def _utc(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, UTC)


GUESSES = Guesses(GuessLimits.from_environ(os.environ))  # the server's one store of guesses


# ----------------------------------------------------------------------------
# Fields <-> form


def lines_of(values: Iterable[str] | None) -> str:
    """A list field (cues, cautions, aliases) as a text area's text, one item a line."""
    return "\n".join(values or ())


def lines(text: str | None) -> list[str]:
    """A text area's text as a list field: one item a line, blank lines skipped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def reps_text(value: Any) -> str:
    """Reps as the form shows them: '8', '6-8' or '12, 10, 8'."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(n) for n in value)
    return str(value)


def parse_reps(text: str | None) -> int | str | list[int] | None:
    """'8' -> 8, '6-8' -> '6-8', '12,10,8' -> [12, 10, 8], '' -> None."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    if cleaned.isdigit():
        return int(cleaned)
    match = RANGE.match(cleaned)
    if match:
        return f"{int(match[1])}-{int(match[2])}"
    if _NUMBER_LIST.match(cleaned):
        return [int(n) for n in re.split(r"[,;\s]+", cleaned)]
    raise FormError(
        f"reps '{cleaned}' is not a number (8), a range (6-8) or one number per set (12, 10, 8)"
    )


def _whole(value: Any, name: str) -> int | None:
    """A table or number cell as a whole number (None when empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell of a number column
            return None
        if value.is_integer():
            return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    raise FormError(f"{name} '{text}' is not a whole number")


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def dose_from_form(values: Mapping[str, Any], original: Mapping[str, Any] | None = None) -> Any:
    """One level's dose from the form (None when it has no sets: no dose at this level).
    Empty fields are left out; rest_s at its default stays out unless the coach wrote it."""
    sets = _whole(values.get("sets"), "sets")
    if sets is None:
        return None
    dose: dict[str, Any] = {"sets": sets}
    reps = parse_reps(reps_text(values.get("reps")))
    if reps is not None:
        dose["reps"] = reps
    for key in ("hold_s", "eccentric_s", "contacts", "distance_m", "rest_s"):
        number = _whole(values.get(key), key)
        if number is not None:
            dose[key] = number
    for key in ("tempo", "load"):
        text = _text(values.get(key))
        if text is not None:
            dose[key] = text
    if dose.get("rest_s") == 60 and "rest_s" not in (original or {}):
        del dose["rest_s"]
    return dose


def protocol_rows(protocol: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """A protocol's weeks (then its maintenance dose, week 'maintenance') as table rows of
    text cells, one column per PROTOCOL_COLUMNS."""
    if not protocol:
        return []
    steps = list(protocol.get("weeks") or [])
    maintenance = protocol.get("maintenance")
    if isinstance(maintenance, Mapping):
        steps.append({**maintenance, "week": MAINTENANCE})
    rows = []
    for step in steps:
        if not isinstance(step, Mapping):
            continue
        row = {}
        for column in PROTOCOL_COLUMNS:
            value = step.get(column)
            row[column] = reps_text(value) if column == "reps" else _text(value) or ""
        rows.append(row)
    return rows


def protocol_from_rows(
    name: str | None, source: str | None, rows: Sequence[Mapping[str, Any]]
) -> dict[str, Any] | None:
    """The protocol of the table's rows (None when the table and the name are empty). A row
    whose week is 'maintenance' is the dose after the last week; empty rows are skipped."""
    weeks: list[dict[str, Any]] = []
    maintenance: dict[str, Any] | None = None
    for number, row in enumerate(rows, start=1):
        step: dict[str, Any] = {}
        week = _text(row.get("week"))
        for column in PROTOCOL_COLUMNS[1:]:
            cell = row.get(column)
            if column == "reps":
                value: Any = parse_reps(_text(cell))
            elif column in _TEXT_COLUMNS:
                value = _text(cell)
            else:
                value = _whole(cell, f"row {number}, {column}")
            if value is not None:
                step[column] = value
        if week is None and not step:
            continue
        if week is not None and week.lower() == MAINTENANCE:
            maintenance = step
            continue
        if week is None:
            raise FormError(f"protocol row {number}: say which week (3) or weeks (5-10)")
        weeks.append({"week": int(week) if week.isdigit() else week, **step})
    name, source = _text(name), _text(source)
    if not weeks and maintenance is None and name is None and source is None:
        return None
    protocol: dict[str, Any] = {}
    if name is not None:
        protocol["name"] = name
    if source is not None:
        protocol["source"] = source
    protocol["weeks"] = weeks
    if maintenance is not None:
        protocol["maintenance"] = maintenance
    return protocol


# ----------------------------------------------------------------------------
# What an edit changes


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value == ()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _default(key: str) -> Any:
    found = Exercise.model_fields.get(key)
    if found is None or found.is_required():
        return None
    default = found.default
    return _plain(getattr(default, "value", default))


def form_changes(original: Mapping[str, Any], edited: Mapping[str, Any]) -> dict[str, Any]:
    """The fields an edit form changes, for Draft.update: a field set to what it was, or
    left empty where it was absent, or set to its default where it was absent, is not a
    change; a field emptied is None (removed). Fields the form does not hold stay."""
    changes: dict[str, Any] = {}
    for key in dict.fromkeys([*edited, *original]):
        if key in _NOT_IN_FORM or key not in edited:
            continue
        new, old = _plain(edited[key]), original.get(key)
        if _empty(new):
            if key not in original or _empty(old):
                continue
            changes[key] = None
        elif key not in original and new == _default(key):
            continue
        elif new != _plain(old):
            changes[key] = new
    return changes


__all__ = [
    "GUESSES",
    "LIMITS_ENV",
    "LOG",
    "MAINTENANCE",
    "PASSWORD_ENV",
    "PASSWORD_SECRET",
    "PROTOCOL_COLUMNS",
    "FormError",
    "GuessLimits",
    "Guesses",
    "Outcome",
    "Verdict",
    "coach_mode",
    "configured_password",
    "dose_from_form",
    "form_changes",
    "lines",
    "lines_of",
    "parse_reps",
    "password_matches",
    "protocol_from_rows",
    "protocol_rows",
    "reps_text",
    "session_tag",
]
