"""The plan as a calendar (ICS): one all-day event per session, shown as free time.

Importing an updated plan replaces its events instead of adding copies: each
event's UID is made of facts that survive a change of exercises or doses (the
plan's identity, or the race date or start when it has none; the session's date;
whether it is a daily rehab dose). Nothing comes from the clock, so the same plan gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from icalendar import Calendar, Event

from ..plan import PHASE_NAMES, Plan, Prescription, Session, Week
from .pdf import printable
from .sessions import kind_words, warm_up_line

PRODID = "-//runner-strength//Strength plan//EN"
UID_DOMAIN = "runner-strength"


def plan_ics(plan: Plan) -> bytes:
    """The plan's sessions as an iCalendar file (UTF-8, CRLF line ends)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Strength plan")
    stamp = _stamp(plan)
    seen: set[str] = set()
    for week in plan.weeks:
        for session in week.sessions:
            uid = session_uid(plan, session, seen)
            seen.add(uid)
            calendar.add_component(_event(plan, week, session, uid, stamp))
    content: bytes = calendar.to_ical()
    return content


def session_uid(plan: Plan, session: Session, taken: Collection[str] = ()) -> str:
    """A UID that stays the same when the plan is rebuilt with other exercises or doses.

    Made of the plan's identity (`plan_id`, which the app writes into the answers), the
    session's date and its slot, so a runner who re-imports an updated plan gets each
    session's event replaced, not doubled, and two runners (a coach's athletes in one
    calendar) never share one. A profile without an identity falls back to the race (or
    the start) as the anchor. A session and a daily rehab dose on one day differ."""
    anchor = plan.profile.plan_id or f"{plan.profile.race or plan.profile.start:%Y%m%d}"
    slot = "daily" if session.kind == "daily" else "strength"
    base = f"{anchor}-{session.date:%Y%m%d}-{slot}"
    uid, number = f"{base}@{UID_DOMAIN}", 1
    while uid in taken:  # two sessions of a kind on one day: numbered in plan order
        number += 1
        uid = f"{base}-{number}@{UID_DOMAIN}"
    return uid


def _stamp(plan: Plan) -> dt.datetime:
    """DTSTAMP is required; it is the plan's first day at midnight UTC, never the clock."""
    return dt.datetime.combine(plan.profile.start, dt.time(), tzinfo=dt.UTC)


def _event(plan: Plan, week: Week, session: Session, uid: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", session.date)
    event.add("dtend", session.date + dt.timedelta(days=1))
    event.add("summary", _summary(session))
    event.add("description", _description(plan, week, session))
    event.add("transp", "TRANSPARENT")
    event.add("x-microsoft-cdo-busystatus", "FREE")
    event.add("categories", ["Strength"])
    return event


def _summary(session: Session) -> str:
    if session.kind == "daily":
        return f"Daily rehab: {printable(session.exercises[0].name)} (about {session.minutes} min)"
    return f"Strength: {kind_words(session)} (about {session.minutes} min)"


def _description(plan: Plan, week: Week, session: Session) -> str:
    flags = [name for name, on in (("deload", week.deload), ("taper", week.taper)) if on]
    phase = PHASE_NAMES.get(week.phase, week.phase) + (f" ({', '.join(flags)})" if flags else "")
    lines = [f"Week {week.number}, {phase}.", printable(session.reason), ""]
    if session.warm_up:  # done first: said first
        lines += [warm_up_line(plan, session, printable), ""]
    lines += [f"- {_exercise_line(plan, item)}" for item in session.exercises]
    return "\n".join(lines)


def _exercise_line(plan: Plan, item: Prescription) -> str:
    """'Nordic curl: 2 x 5 reps, 4 s lowering; tempo 5-0-1-0; rest 90 s'."""
    parts = [f"{printable(item.name)}: {plan.dose(item)}"]
    if item.tempo:
        parts.append(f"tempo {item.tempo}")
    parts.append(f"rest {item.rest_s} s")
    if item.load != "bodyweight":
        parts.append(f"load: {printable(plan.load_words(item))}")
    return "; ".join(parts)


__all__ = ["plan_ics", "session_uid"]
