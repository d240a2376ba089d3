"""A dose in the few words a printed cell holds: each set, the sides, a week's marks."""

from __future__ import annotations

from ...plan import Plan, Prescription, Session, Week
from ...units import Units, distance


def each_set(item: Prescription, units: Units = Units.metric) -> str:
    """What one set holds: '8 reps', '6-8 reps', '13/12/12 reps', '30 s hold', '20 contacts'."""
    if item.reps is not None:
        if item.reps_max and item.reps_max != item.reps:
            return f"{item.reps[0]}-{item.reps_max[0]} reps"
        if len(set(item.reps)) == 1:
            return f"{item.reps[0]} reps"
        return "/".join(str(n) for n in item.reps) + " reps"
    if item.hold_s is not None:
        return f"{item.hold_s} s hold"
    if item.contacts is not None:
        return f"{item.contacts} contacts"
    if item.distance_m is not None:
        return distance(item.distance_m, units)
    return ""  # pragma: no cover - validation gives every dose a count


def sides(item: Prescription) -> str:
    """The per-side marks under the sets: 'each side', '+1 set left'."""
    marks = ["each side"] if item.per_side else []
    if item.extra_set_side:
        marks.append(f"+1 set {item.extra_set_side}")
    return "\n".join(marks)


def compact(item: Prescription, units: Units = Units.metric) -> tuple[str, str]:
    """The dose in a table cell: '3×8' or '2×30s' on top, then lowering and the extra set
    ('4s↓ +L'); each side is said once, in the exercise's heading."""
    if item.reps is not None:
        if item.reps_max and item.reps_max != item.reps:
            count = f"{item.reps[0]}-{item.reps_max[0]}"
        elif len(set(item.reps)) == 1:
            count = str(item.reps[0])
        else:
            count = "/".join(str(n) for n in item.reps)
    elif item.hold_s is not None:
        count = f"{item.hold_s}s"
    elif item.contacts is not None:
        count = f"{item.contacts}c"
    elif item.distance_m is not None:
        count = distance(item.distance_m, units).replace(" ", "")
    else:  # pragma: no cover - validation gives every dose a count
        count = "?"
    below = []
    if item.eccentric_s:
        below.append(f"{item.eccentric_s}s↓")
    if item.extra_set_side:
        below.append(f"+{item.extra_set_side[:1].upper()}")
    return f"{item.sets}×{count}", " ".join(below)


def load(item: Prescription, plan: Plan) -> str:
    """'Load: Resistance band ...' in the catalog's words, or '' for bodyweight."""
    if item.load == "bodyweight":
        return ""
    return f"Load: {plan.load_words(item)}"


def week_marks(week: Week) -> str:
    """What makes a week different: 'deload', 'race week', 'daily rehab' (the phase aside)."""
    flags = (
        ("deload", week.deload),
        ("heavy legs", week.heavy_legs),
        ("taper", week.taper and week.phase != "taper"),
        ("race week", week.race_week),
        ("daily rehab", any(s.kind == "daily" for s in week.sessions)),
    )
    return ", ".join(name for name, on in flags if on)


def times_a_day(session: Session) -> int | None:
    """Times a day a daily dose is done; None for a strength session."""
    return session.per_day
