"""Text exports: JSON (the CLI contract), CSV (one row per exercise), Markdown.

A session's warm-up comes first: in the CSV one row per warm-up movement (its `warm_up`
column says so), in the Markdown one line above the session's table."""

from __future__ import annotations

import csv
import io
import json

from ..plan import Plan, Prescription, Session, Week, plan_to_dict
from ..words import date_words
from .sessions import kind_words, warm_up_line

CSV_COLUMNS = (
    "week",
    "phase",
    "deload",
    "taper",
    "date",
    "weekday",
    "session",
    "minutes",
    "exercise_id",
    "exercise",
    "areas",
    "sets",
    "reps",
    "hold_s",
    "eccentric_s",
    "tempo",
    "contacts",
    "distance_m",
    "load",
    "per_side",
    "extra_set_side",
    "dose",
    "warm_up",  # columns added later go at the end: a runner's sheet keeps its columns
    "protocol_week",
)


def plan_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def plan_csv(plan: Plan) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for week in plan.weeks:
        for session in week.sessions:
            for item in session.warm_up:
                writer.writerow(_csv_row(plan, week, session, item, warm_up=True))
            for item in session.exercises:
                writer.writerow(_csv_row(plan, week, session, item, warm_up=False))
    return out.getvalue()


def _csv_row(
    plan: Plan, week: Week, session: Session, item: Prescription, *, warm_up: bool
) -> tuple[object, ...]:
    return (
        week.number,
        week.phase,
        week.deload,
        week.taper,
        session.date.isoformat(),
        session.weekday,
        session.kind,
        session.minutes,
        item.id,
        item.name,
        " ".join(item.areas),
        item.sets,
        "/".join(str(n) for n in item.reps) if item.reps else "",
        item.hold_s or "",
        item.eccentric_s or "",
        item.tempo or "",
        item.contacts or "",
        item.distance_m or "",
        item.load,
        item.per_side,
        item.extra_set_side or "",
        plan.dose(item),
        warm_up,
        item.protocol_week or "",
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def plan_markdown(plan: Plan) -> str:
    profile = plan.profile
    goal = (
        f"race on {date_words(profile.race)}" if profile.race else f"{profile.length_weeks} weeks"
    )
    lines = [
        "# Strength plan",
        "",
        f"- Goal: {goal}, starting {date_words(profile.start)}",
        f"- Level: {profile.level.value}",
        f"- Weak links: {', '.join(plan.area_name(a) for a in profile.weaknesses)}",
        "",
    ]
    if plan.warnings:
        lines += ["## Warnings", "", *[f"- {_cell(w)}" for w in plan.warnings], ""]
    for week in plan.weeks:
        # The week's note names its phase and what makes it lighter: the heading need not.
        lines += [f"## Week {week.number}, from {date_words(week.start)}", "", week.note, ""]
        for session in week.sessions:
            lines += [
                f"### {date_words(session.date)}: {kind_words(session)}, "
                f"about {session.minutes} min",
                "",
                _cell(session.reason),
                "",
            ]
            if session.warm_up:
                lines += [warm_up_line(plan, session, _cell), ""]
            lines += [
                "| Exercise | Dose | Tempo | Load |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| {_cell(i.name)} | {_cell(plan.dose(i))} | {i.tempo or ''} "
                f"| {_cell(plan.load_words(i))} |"
                for i in session.exercises
            ]
            lines.append("")
    if plan.after_race is not None:
        lines += ["## After the race", "", plan.after_race.note, ""]
    return "\n".join(lines)
