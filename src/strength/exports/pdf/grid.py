"""The weeks at a glance: a row per week, runs and strength by day, lighter weeks shaded."""

from __future__ import annotations

import datetime as dt
import math

from ...plan import PHASE_NAMES, Plan, Session, Week
from .typeset import GREY, Document, Text, draw, draw_stack, heading, short_date, stack, wrap
from .words import week_marks

RUN_WORDS = {"rest": ("rest", False), "easy": ("easy", False), "hard": ("HARD", True),
             "long": ("LONG", True), "race": ("RACE", True)}  # fmt: skip
ROW_MIN, ROW_MAX = 9.0, 13.0  # mm: three lines of 6.2 pt at the least; 24 weeks fit one page
GRID_HEAD = 5.5
GRID_WEEK, GRID_PHASE = 14.0, 27.0


def weeks_at_a_glance(pdf: Document, plan: Plan, links: dict[tuple[dt.date, str], int]) -> None:
    """Every week on one grid: runs and strength by day, phases, deloads and taper."""
    pdf.add_page()
    heading(
        pdf,
        "Your weeks at a glance",
        "Each row is a week. A framed day holds a strength session (its card follows). HARD: a "
        "hard workout; LONG: the long run. Shaded weeks are lighter: deload, heavy legs, taper. "
        "A thick line starts a new phase.",
    )
    room = pdf.page_break_trigger - pdf.get_y() - GRID_HEAD
    row = min(max(math.floor(room / len(plan.weeks) * 10) / 10, ROW_MIN), ROW_MAX)
    day_width = (pdf.epw - GRID_WEEK - GRID_PHASE) / 7
    _grid_header(pdf, plan.weeks[0], day_width)
    previous = ""
    for week in plan.weeks:
        if pdf.will_page_break(row):
            pdf.add_page()
            _grid_header(pdf, week, day_width)
        _grid_row(pdf, week, day_width, row, week.phase != previous, links)
        previous = week.phase


def _grid_header(pdf: Document, week: Week, day_width: float) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(GREY)
    pdf.rect(x, y, pdf.epw, GRID_HEAD, style="DF")
    names = [short_date(week.start + dt.timedelta(days=offset))[:3] for offset in range(7)]
    for width, name in zip(
        (GRID_WEEK, GRID_PHASE, *[day_width] * 7), ("Week", "Phase", *names), strict=True
    ):
        draw(pdf, Text((name,), 7.5, bold=True, align="C"), x, y + 1.2, width)
        pdf.line(x, y, x, y + GRID_HEAD)
        x += width
    pdf.set_y(y + GRID_HEAD)


def _grid_row(
    pdf: Document,
    week: Week,
    day_width: float,
    height: float,
    new_phase: bool,
    links: dict[tuple[dt.date, str], int],
) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    light = week.deload or week.taper or week.heavy_legs
    pdf.set_fill_color(GREY)
    pdf.rect(x, y, pdf.epw, height, style="DF" if light else "D")
    draw(pdf, Text((str(week.number),), 9.5, bold=True, align="C"), x, y + 0.8, GRID_WEEK)
    draw(pdf, Text((short_date(week.start)[4:],), 6.5, align="C"), x, y + 5.0, GRID_WEEK)
    x += GRID_WEEK
    phase = Text((PHASE_NAMES.get(week.phase, week.phase),), 7, bold=True)
    marks = wrap(pdf, week_marks(week), GRID_PHASE, 6.5)
    draw_stack(pdf, stack(phase, marks), x, y + 0.7, GRID_PHASE)
    pdf.line(x, y, x, y + height)
    x += GRID_PHASE
    strength = {s.date: s for s in week.sessions if s.kind != "daily"}
    for day in week.days:  # a race week may end before its seventh day
        left = x + (day.date - week.start).days * day_width
        session = strength.get(day.date)
        link = links.get((day.date, "session")) if session else None
        _grid_day(pdf, (left, y, day_width, height), day.date, day.run, session, link)
    pdf.line(x + len(week.days) * day_width, y, x + len(week.days) * day_width, y + height)
    if new_phase:
        pdf.set_line_width(0.7)
        pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
        pdf.set_line_width(0.2)
    pdf.set_y(y + height)
    pdf.mark()


def _grid_day(
    pdf: Document,
    box: tuple[float, float, float, float],
    date: dt.date,
    run: str,
    session: Session | None,
    link: int | None,
) -> None:
    """One day: its date and run; a strength day is framed, white, and links to its card."""
    x, y, width, height = box
    if session is not None:
        pdf.set_fill_color(255)
        pdf.set_line_width(0.6)
        pdf.rect(x + 0.5, y + 0.5, width - 1, height - 1, style="DF")
        pdf.set_line_width(0.2)
        if link is not None:
            pdf.link(x, y, width, height, link)
    else:
        pdf.line(x, y, x, y + height)
    word, loud = RUN_WORDS.get(run, (run, False))
    draw(pdf, Text((f"{date.day}",), 6.2), x + 0.4, y + 0.7, 5)
    draw(pdf, Text((word,), 6.8, bold=loud), x + 4.0, y + 0.5, width - 4.2)
    if session is not None:
        strength = Text(("Strength", f"{session.minutes} min"), 6.2, bold=True)
        draw(pdf, strength, x + 0.4, y + 3.3, width - 0.8)
