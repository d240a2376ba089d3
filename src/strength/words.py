"""Small words a runner reads everywhere: dates, a tempo and a rest, in plain words."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_words(day: dt.date) -> str:
    """'Sun 20 Dec 2026', the way a runner reads a date."""
    return f"{day_words(day)} {day.year}"


def day_words(day: dt.date, *, full: bool = False) -> str:
    """'Tue 8 Dec', or 'Tuesday 8 Dec' in full: a day within a plan, no year, no zero."""
    weekday = DAYS[day.weekday()]
    return f"{weekday if full else weekday[:3]} {day.day} {MONTHS[day.month - 1][:3]}"


_TEMPO_PARTS = ("down", "pause at the bottom", "up", "pause at the top")


def tempo_in_words(tempo: str) -> str:
    """'3-1-1-0' -> '3 s down, 1 s pause at the bottom, 1 s up': each non-zero phase of a
    rep, in the order the catalog writes them (lowering first)."""
    try:
        seconds = [int(part) for part in tempo.split("-")]
    except ValueError:
        return tempo
    if len(seconds) != len(_TEMPO_PARTS):
        return tempo
    said = [f"{s} s {part}" for s, part in zip(seconds, _TEMPO_PARTS, strict=True) if s]
    return ", ".join(said) if said else tempo


def rest_in_words(seconds: int) -> str:
    """90 -> '1 min 30 s rest'; 45 -> '45 s rest'."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s rest"
    return f"{minutes} min{f' {rest} s' if rest else ''} rest"
