"""Coach mode: who may edit the catalog in the browser, and the edit form as plain data.

Coach mode is off unless a password is configured (STRENGTH_COACH_PASSWORD, or the app's
`coach_password` secret); without one the app has no control that writes a file. The form
helpers turn what a coach types (reps as "6-8", cues one per line, a protocol table) into
the catalog's fields and back, and work out which fields an edit really changes, so a
save rewrites only those lines.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import StrengthError
from .model import RANGE, Exercise

PASSWORD_ENV = "STRENGTH_COACH_PASSWORD"
PASSWORD_SECRET = "coach_password"

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
    "MAINTENANCE",
    "PASSWORD_ENV",
    "PASSWORD_SECRET",
    "PROTOCOL_COLUMNS",
    "FormError",
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
]
