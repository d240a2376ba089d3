"""The cover: who the plan is for, its dates and phases, and what to remember."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ... import method
from ...plan import PHASE_NAMES, Plan
from ...profile import LONG_RUN_STRATEGIES, WEEKDAYS
from ..sessions import has_warm_ups
from .typeset import (
    Document,
    draw_labelled,
    font,
    goal,
    keep_together,
    labelled,
    long_date,
)


def cover(pdf: Document, plan: Plan) -> None:
    """Who the plan is for and what to remember, on one page."""
    pdf.add_page()
    font(pdf, 26, bold=True)
    pdf.cell(0, 13, "Strength plan", new_x="LMARGIN", new_y="NEXT")
    font(pdf, 12)
    pdf.cell(0, 7, goal(plan)[0].upper() + goal(plan)[1:], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    draw_labelled(
        pdf, labelled(pdf, facts(plan, pdf), pdf.epw, 34, 9.5, gap=1.8), pdf.l_margin, pdf.epw
    )
    pdf.ln(4)
    rules = plan.profile.rules
    principles = [
        (p.title, p.text) for p in method.principles(rules, plan.profile.race is not None)
    ]
    boxed(pdf, "Four things to remember", principles, line_width=0.6)
    if plan.warnings:
        pdf.ln(4)
        boxed(pdf, "What your week could not hold", [("Note", w) for w in plan.warnings])
    if plan.after_race is not None:
        pdf.ln(4)
        after = plan.after_race
        boxed(pdf, "After the race", [("Recover", after.recovery), ("Then", after.then)])
    pdf.ln(4)
    boxed(pdf, "How to read a card", card_legend(plan))


def facts(plan: Plan, pdf: Document) -> list[tuple[str, str]]:
    profile = plan.profile
    end = profile.race or plan.weeks[-1].days[-1].date
    sessions = [s for s in plan.sessions() if s.kind != "daily"]
    ranked = " · ".join(
        f"{rank}. {plan.area_name(area)}" for rank, area in enumerate(profile.weaknesses, 1)
    )
    sides = "; ".join(
        f"{side} side of the {plan.area_name(area).lower()} is weaker: one extra set there"
        for area, side in profile.imbalance.items()
    )
    running = " · ".join(
        f"{day.capitalize()} {profile.week[day].value}" for day in WEEKDAYS if day in profile.week
    )
    kit = [plan.equipment_name(item) for item in profile.equipment]
    equipment = "; ".join([*kit, "and your bodyweight"]) if kit else "Your bodyweight only"
    daily = [s for s in plan.sessions() if s.kind == "daily"]
    return [
        ("Dates", f"{long_date(profile.start)} to {long_date(end)}, {len(plan.weeks)} weeks"),
        ("Level", profile.level.value.capitalize()),
        ("Weak links", ranked + (f"\n{sides[0].upper()}{sides[1:]}." if sides else "")),
        (
            "Sessions",
            f"{len(sessions)} in all, up to {profile.minutes_per_session} minutes each with the "
            f"warm-up (you asked for {profile.sessions_per_week} a week"
            + (", in-season maintenance" if profile.maintenance else "")
            + ")"
            + (
                f"; and a daily rehab dose on {len(daily)} days, rest days included"
                if daily
                else ""
            ),
        ),
        ("Running week", running),
        ("Long run", LONG_RUN_STRATEGIES[profile.long_run_strategy]),
        ("Equipment", equipment),
        ("Phases", phases(plan)),
    ]


def phases(plan: Plan) -> str:
    spans = []
    for phase, weeks in groupby(plan.weeks, key=lambda week: week.phase):
        numbers = [week.number for week in weeks]
        span = f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
        spans.append(
            f"{PHASE_NAMES.get(phase, phase)}: week{'s' if len(numbers) > 1 else ''} {span}"
        )
    return " · ".join(spans)


def card_legend(plan: Plan) -> list[tuple[str, str]]:
    warm_up = "the easy movements under the card's title, done in order before the first exercise"
    return [
        *([("Warm-up", warm_up)] if has_warm_ups(plan) else []),
        (
            "Sets",
            "how many sets; 'each side': every set on both sides; '+1 set left': one "
            "more set on the weaker side",
        ),
        ("Lowering", "seconds to lower slowly: the eccentric part that does the work"),
        ("Tempo", "seconds down - pause at the bottom - up - pause at the top (5-0-1-0)"),
        (
            "Done",
            "tick a box after each set. Each side: a pair of boxes per set, L and R; the "
            "heavier box marked +L or +R is the weaker side's extra set. Write how it went on "
            "the notes line",
        ),
    ]


def boxed(
    pdf: Document, title: str, rows: Sequence[tuple[str, str]], line_width: float = 0.25
) -> None:
    """A framed block with a title: the cover's principles, warnings and legend."""
    inner = pdf.epw - 6
    table = labelled(pdf, rows, inner, 36, 8.5)
    height = 6 + table.height + 3
    keep_together(pdf, height)
    top = pdf.get_y()
    pdf.set_line_width(line_width)
    pdf.rect(pdf.l_margin, top, pdf.epw, height)
    pdf.set_line_width(0.2)
    font(pdf, 10.5, bold=True)
    pdf.set_xy(pdf.l_margin + 3, top + 1.5)
    pdf.cell(inner, 5, title)
    pdf.set_y(top + 7.5)
    draw_labelled(pdf, table, pdf.l_margin + 3, inner)
    pdf.set_y(top + height)
    pdf.mark()
