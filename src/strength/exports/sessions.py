"""How the exports and the app say a session: its kind in words and its warm-up in one line."""

from __future__ import annotations

from collections.abc import Callable

from ..plan import Plan, Prescription, Session, SessionKind

WARM_UP = "Warm-up"
KIND_WORDS: dict[str, str] = {
    SessionKind.long: "longer session",
    SessionKind.short: "short session",
    SessionKind.after_hard: "session after your hard run",
    SessionKind.maintenance: "maintenance session",
    SessionKind.daily: "daily rehab dose",
}


def kind_words(session: Session) -> str:
    """'longer session', 'session after your hard run', ...: what the session is for."""
    return KIND_WORDS.get(session.kind, f"{session.kind.replace('_', ' ')} session")


def warm_up_line(plan: Plan, session: Session, text: Callable[[str], str] = str) -> str:
    """'Warm-up: Glute bridge 1 x 10; Dead bug 1 x 6 each side': the movements in
    the order they are done; '' for a session without one. `text` makes a catalog name
    safe for the format (control characters dropped for print, table bars escaped)."""
    movements = warm_up_movements(plan, session, text)
    return f"{WARM_UP}: {movements}" if movements else ""


def warm_up_movements(plan: Plan, session: Session, text: Callable[[str], str] = str) -> str:
    """'Glute bridge 1 x 10; Dead bug 1 x 6 each side; Heel-dig bridge hold 1 x 15 s': the
    doses in their short form, as a warm-up is one line (semicolons: a dose may hold a
    comma, '1 x 8 each side, 3 s lowering')."""
    return "; ".join(f"{text(item.name)} {warm_up_dose(plan, item)}" for item in session.warm_up)


def warm_up_dose(plan: Plan, item: Prescription) -> str:
    """A warm-up movement's dose without the words its count makes plain: '1 x 10',
    '1 x 15 s' (the exercises' own doses say '1 x 10 reps', '1 x 15 s hold')."""
    return plan.dose(item).replace(" reps", "").replace(" s hold", " s")


def has_warm_ups(plan: Plan) -> bool:
    """Whether any session of the plan opens with warm-up movements."""
    return any(session.warm_up for session in plan.sessions())


__all__ = [
    "KIND_WORDS",
    "WARM_UP",
    "has_warm_ups",
    "kind_words",
    "warm_up_dose",
    "warm_up_line",
    "warm_up_movements",
]
