"""One week on one page, to pin up: the week's days, each session's exercises with their
doses and tick boxes, and the daily rehab dose as a box per day.

The sheet is laid out at the largest scale that fits the page, in one column or, for a
crowded week (five sessions and a daily dose), two; the scales are a fixed list, so the
same week always gives the same page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from ...errors import StrengthError
from ...plan import PHASE_NAMES, Day, Plan, Prescription, Session, SessionKind, Week
from ..sessions import kind_words, warm_up_line
from .grid import RUN_WORDS
from .typeset import (
    GREY,
    Boxes,
    Document,
    Text,
    draw,
    draw_boxes,
    draw_stack,
    goal,
    leading,
    set_boxes,
    short_date,
    stack,
    stack_height,
    wrap,
)
from .words import load, times_a_day, week_marks


class NoSuchWeek(StrengthError):
    """A week number outside the plan."""


ONE_COLUMN = tuple(round(1.4 - 0.05 * step, 2) for step in range(17))  # 1.4 ... 0.6
TWO_COLUMNS = tuple(round(0.8 - 0.05 * step, 2) for step in range(8))  # 0.8 ... 0.45
COLUMN_GAP = 5.0  # mm


@dataclass(frozen=True)
class Block:
    """A measured piece of the sheet, drawn at (x, y) in a column `width` wide."""

    height: float
    paint: Callable[[float, float], None]


def week_of(plan: Plan, week_number: int) -> Week:
    for week in plan.weeks:
        if week.number == week_number:
            return week
    raise NoSuchWeek(f"week {week_number} is not in the plan: it has weeks 1 to {len(plan.weeks)}")


def week_sheet(plan: Plan, week_number: int, paper: str = "a4") -> Document:
    """The week on one page, laid out."""
    week = week_of(plan, week_number)
    pdf = Document(plan, paper, title=f"Strength plan, week {week.number}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    room = pdf.h - 2 * pdf.t_margin - 2
    choice = None
    for columns, scales in ((1, ONE_COLUMN), (2, TWO_COLUMNS)):
        for scale in scales:
            head, blocks = _blocks(pdf, plan, week, scale, columns)
            if _fits(head, blocks, room, columns):
                choice = (scale, columns)
                break
        if choice:
            break
    scale, columns = choice or (TWO_COLUMNS[-1], 2)
    head, blocks = _blocks(pdf, plan, week, scale, columns)
    _paint(pdf, head, blocks, room, columns, scale)
    return pdf


def week_sheet_pdf(plan: Plan, week_number: int, paper: str = "a4") -> bytes:
    """One week's sessions on one page, as PDF bytes; NoSuchWeek for a week not in the plan."""
    return bytes(week_sheet(plan, week_number, paper).output())


def _column_width(pdf: Document, columns: int) -> float:
    return (pdf.epw - COLUMN_GAP * (columns - 1)) / columns


def _columns(blocks: Sequence[Block], room: float, columns: int) -> list[list[Block]] | None:
    """Blocks in order down the first column, then the next; None when they do not fit."""
    filled: list[list[Block]] = [[]]
    used = 0.0
    for block in blocks:
        if used + block.height > room and filled[-1]:
            if len(filled) == columns:
                return None
            filled.append([])
            used = 0.0
        if block.height > room:
            return None
        filled[-1].append(block)
        used += block.height
    return filled


def _fits(head: Block, blocks: Sequence[Block], room: float, columns: int) -> bool:
    return _columns(blocks, room - head.height, columns) is not None


def _paint(
    pdf: Document, head: Block, blocks: Sequence[Block], room: float, columns: int, scale: float
) -> None:
    x, top = pdf.l_margin, pdf.t_margin
    head.paint(x, top)
    body = top + head.height
    laid = _columns(blocks, room - head.height, columns) or [list(blocks)]
    width = _column_width(pdf, columns)
    bottom = body
    for number, column in enumerate(laid):
        y = body
        left = x + number * (width + COLUMN_GAP)
        for block in column:
            block.paint(left, y)
            y += block.height
        bottom = max(bottom, y)
    notes = pdf.t_margin + room - bottom - 2
    if notes > 14:  # room to spare: lines for notes
        _notes(pdf, x, bottom + 2, pdf.epw, notes, scale)
        bottom += 2 + notes
    pdf.mark(bottom)


def _notes(pdf: Document, x: float, y: float, width: float, height: float, scale: float) -> None:
    draw(pdf, Text(("Notes: how the week went",), 8 * scale, bold=True), x, y, width)
    gap = 7.0
    line = y + leading(8 * scale) + gap
    pdf.set_draw_color(170)
    while line <= y + height:
        pdf.line(x, line, x + width, line)
        line += gap
    pdf.set_draw_color(0)


# ----------------------------------------------------------------------------
# The pieces


def _blocks(
    pdf: Document, plan: Plan, week: Week, scale: float, columns: int
) -> tuple[Block, list[Block]]:
    width = _column_width(pdf, columns)
    head = _head(pdf, plan, week, scale)
    blocks = [
        _session_block(pdf, session, width, scale)
        for session in week.sessions
        if session.kind != "daily"
    ]
    daily = sorted((s for s in week.sessions if s.kind == "daily"), key=lambda s: s.exercises[0].id)
    for _, group in groupby(daily, key=lambda s: s.exercises[0].id):
        blocks.append(_daily_block(pdf, week, tuple(group), width, scale))
    if not blocks:
        blocks.append(_nothing(pdf, width, scale))
    return head, blocks


def _head(pdf: Document, plan: Plan, week: Week, scale: float) -> Block:
    """The week's title, its phase, and its seven days with runs and strength."""
    last = week.days[-1].date
    title = Text(
        (f"Week {week.number} · {short_date(week.start)} to {short_date(last)} {last.year}",),
        15 * scale,
        bold=True,
    )
    marks = week_marks(week)
    phase = PHASE_NAMES.get(week.phase, week.phase) + (f" ({marks})" if marks else "")
    note = week.note if week.note.startswith(PHASE_NAMES.get(week.phase, "?")) else ""
    about = wrap(pdf, note or f"{phase}. {week.note}".strip(), pdf.epw, 8 * scale)
    goal_text = Text((f"Strength plan: {goal(plan)}",), 7 * scale, grey=90)
    strip = [_day_lines(pdf, week, day, scale) for day in week.days]
    strip_height = max(stack_height(lines) for lines in strip) + 2.5
    height = title.height + about.height + goal_text.height + 2 + strip_height + 3

    def paint(x: float, y: float) -> None:
        draw(pdf, title, x, y, pdf.epw)
        y += title.height
        draw(pdf, goal_text, x, y, pdf.epw)
        y += goal_text.height
        draw(pdf, about, x, y, pdf.epw)
        y += about.height + 2
        _day_strip(pdf, week, strip, x, y, strip_height)

    return Block(height, paint)


def _day_lines(pdf: Document, week: Week, day: Day, scale: float) -> tuple[Text, ...]:
    """A day of the strip: its date, its run, and its strength minutes or rehab."""
    width = pdf.epw / 7
    sessions = [s for s in week.sessions if s.date == day.date]
    strength = [s for s in sessions if s.kind != "daily"]
    word, loud = RUN_WORDS.get(day.run, (day.run, False))
    below = [f"strength {s.minutes}\u00a0min" for s in strength]
    if any(s.kind == "daily" for s in sessions):
        below.append("rehab")
    return stack(
        Text((short_date(day.date),), 7 * scale, bold=True, align="C"),
        wrap(pdf, f"run: {word}", width, 7 * scale, bold=loud, align="C"),
        wrap(pdf, " + ".join(below) or "-", width, 6.5 * scale, bold=bool(strength), align="C"),
    )


def _day_strip(
    pdf: Document,
    week: Week,
    strip: Sequence[tuple[Text, ...]],
    x: float,
    y: float,
    height: float,
) -> None:
    width = pdf.epw / 7
    strength_days = {s.date for s in week.sessions if s.kind != "daily"}
    for day, lines in zip(week.days, strip, strict=True):
        left = x + (day.date - week.start).days * width
        strength = day.date in strength_days
        pdf.set_fill_color(255 if strength else GREY)
        pdf.set_line_width(0.6 if strength else 0.2)
        pdf.rect(left, y, width, height, style="DF")
        pdf.set_line_width(0.2)
        draw_stack(pdf, lines, left, y + 1, width)


def _session_block(pdf: Document, session: Session, width: float, scale: float) -> Block:
    if session.kind == SessionKind.after_hard:  # its words already name the run
        run = ""
    elif session.run != "rest":
        run = f", after your {session.run} run"
    else:
        run = ", no run that day"
    band = wrap(
        pdf,
        f"{short_date(session.date)}: {kind_words(session)}, about {session.minutes} min{run}",
        width - 2,
        9 * scale,
        bold=True,
    )
    warm_up = wrap(pdf, warm_up_line(pdf.plan, session), width - 2, 7.5 * scale)
    name_w, dose_w = width * 0.34, width * 0.42
    box_w = width - name_w - dose_w
    rows = [_exercise_row(pdf, item, name_w, dose_w, box_w, scale) for item in session.exercises]
    pad = 1.0 * scale
    band_h = band.height + warm_up.height + 2 * pad
    height = band_h + sum(row[0] for row in rows) + 3

    def paint(x: float, y: float) -> None:
        top = y
        pdf.set_fill_color(GREY)
        pdf.rect(x, y, width, band_h, style="F")
        draw_stack(pdf, stack(band, warm_up), x + 1, y + pad, width - 2)
        y += band_h
        for row_height, cells, boxes in rows:
            draw_stack(pdf, cells[0], x, y + pad, name_w)
            draw_stack(pdf, cells[1], x + name_w, y + pad, dose_w)
            draw_boxes(pdf, boxes, x + name_w + dose_w + 1, y + pad, box_w - 2)
            y += row_height
            pdf.set_draw_color(160)
            pdf.line(x, y, x + width, y)
            pdf.set_draw_color(0)
        pdf.set_line_width(0.4)
        pdf.rect(x, top, width, y - top)
        pdf.set_line_width(0.2)

    return Block(height, paint)


def _exercise_row(
    pdf: Document, item: Prescription, name_w: float, dose_w: float, box_w: float, scale: float
) -> tuple[float, tuple[tuple[Text, ...], tuple[Text, ...]], Boxes]:
    name = stack(
        wrap(pdf, item.name, name_w, 8 * scale, bold=True),
        wrap(pdf, load(item, pdf.plan), name_w, 6.5 * scale),
    )
    levers = [pdf.plan.dose(item)]
    if item.tempo:
        levers.append(f"tempo\u00a0{item.tempo}")
    levers.append(f"rest\u00a0{item.rest_s}\u00a0s")
    dose = stack(wrap(pdf, ", ".join(levers), dose_w, 7.5 * scale))
    boxes = _boxes(item, scale)
    pad = 1.0 * scale
    height = max(stack_height(name), stack_height(dose), boxes.height(box_w - 2)) + 2 * pad
    return height, (name, dose), boxes


def _boxes(item: Prescription, scale: float) -> Boxes:
    return Boxes(set_boxes(item), size=max(4.0 * scale, 2.6), inner=0.5, outer=1.6 * scale)


def _daily_block(
    pdf: Document, week: Week, sessions: tuple[Session, ...], width: float, scale: float
) -> Block:
    """A daily rehab dose: its dose once, then a box per time a day under each date."""
    item = sessions[0].exercises[0]
    times = times_a_day(sessions[0]) or 1
    how = f"{times} times a day" if times > 1 else "once a day"
    title = wrap(
        pdf,
        f"Every day: {item.name}, {pdf.plan.dose(item)}, {how}",
        width - 2,
        9 * scale,
        bold=True,
    )
    pad = 1.0 * scale
    size = max(4.0 * scale, 2.6)
    boxes = Boxes(tuple((str(n),) for n in range(1, times + 1)), size=size, inner=0.5, outer=1.0)
    cell_w = width / 7
    cell_h = leading(7 * scale) + boxes.height(cell_w - 2) + 2 * pad
    by_date = {s.date: s for s in sessions}
    band_h = title.height + 2 * pad
    height = band_h + cell_h + 3

    def paint(x: float, y: float) -> None:
        pdf.set_fill_color(GREY)
        pdf.rect(x, y, width, band_h, style="F")
        draw(pdf, title, x + 1, y + pad, width - 2)
        y += band_h
        for day in week.days:
            left = x + (day.date - week.start).days * cell_w
            pdf.rect(left, y, cell_w, cell_h)
            if day.date not in by_date:
                continue
            draw(pdf, Text((short_date(day.date),), 7 * scale, align="C"), left, y + pad, cell_w)
            draw_boxes(pdf, boxes, left + 1, y + pad + leading(7 * scale), cell_w - 2)
        pdf.set_line_width(0.4)
        pdf.rect(x, y - band_h, width, band_h + cell_h)
        pdf.set_line_width(0.2)

    return Block(height, paint)


def _nothing(pdf: Document, width: float, scale: float) -> Block:
    text = wrap(pdf, "No strength this week: rest, run, and come back fresh.", width, 10 * scale)

    def paint(x: float, y: float) -> None:
        draw(pdf, text, x, y + 2, width)

    return Block(text.height + 6, paint)
