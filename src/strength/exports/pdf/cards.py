"""The session cards: one per session, never split across pages, with a box to tick per set.

Cards follow one another down the page; a card goes on a new page only when it does not
fit in the room left (each such break is recorded in `Booklet.breaks`, with the room and
the card's height, so a test can check that the room was truly too small).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from ...plan import PHASE_NAMES, Plan, Prescription, Session, Week
from ..sessions import has_warm_ups, kind_words, warm_up_line
from .typeset import (
    GREY,
    Boxes,
    Text,
    draw,
    draw_boxes,
    draw_stack,
    font,
    heading,
    long_date,
    printable,
    room_left,
    set_boxes,
    short_date,
    stack,
    stack_height,
    wrap,
)
from .words import each_set, load, sides, times_a_day, week_marks

if TYPE_CHECKING:
    from .booklet import Booklet


@dataclass(frozen=True)
class Columns:
    """The card's table: widths in mm, shares of the printable width."""

    exercise: float
    sets: float
    each_set: float
    lowering: float
    tempo: float
    rest: float
    done: float

    @classmethod
    def for_width(cls, width: float) -> Columns:
        shares = (0.31, 0.09, 0.14, 0.08, 0.09, 0.07, 0.22)
        return cls(*(width * share for share in shares))

    def text(self) -> tuple[float, ...]:
        """The widths of the columns that hold text, the tick boxes left out."""
        return (self.exercise, self.sets, self.each_set, self.lowering, self.tempo, self.rest)


HEADINGS = ("Exercise", "Sets", "Each set", "Lowering", "Tempo", "Rest", "Done")
PAD = 1.2  # mm above and below a row's text
GAP = 4.0  # mm between two cards
NOTES = 8.0  # mm: the notes line at the foot of a card
WARM_UP_SIZE = 7.0  # pt: the warm-up line under the card's title
BOX = 3.8  # mm: a tick box; four sets on each side fit one line of the Done column


@dataclass(frozen=True)
class Row:
    """One exercise (or one day of a daily card): its cells, a cue line, its tick boxes."""

    cells: tuple[tuple[Text, ...], ...]
    cue: Text
    boxes: Boxes
    done_width: float

    @property
    def top_height(self) -> float:
        """The cells and the boxes, above the cue line."""
        cells = max(stack_height(cell) for cell in self.cells)
        return max(cells, self.boxes.height(self.done_width - 1))

    @property
    def height(self) -> float:
        return self.top_height + self.cue.height + 2 * PAD


@dataclass(frozen=True)
class Card:
    """A card measured before it is drawn."""

    title: Text
    right: Text
    about: tuple[Text, ...]
    rows: tuple[Row, ...]
    headings: tuple[str, ...]
    session: Session

    @property
    def band(self) -> float:
        return max(self.title.height, self.right.height) + stack_height(self.about) + 2.5

    @property
    def height(self) -> float:
        return self.band + 5 + sum(row.height for row in self.rows) + NOTES


def session_cards(pdf: Booklet, plan: Plan) -> None:
    """One card per session, in date order; a week's daily rehab doses share one card, a line
    per day. The section follows the grid on its page when the heading and a card fit."""
    cards = [card for week in plan.weeks for card in _week_cards(pdf, plan, week)]
    if not cards:
        return
    pdf.ln(6)
    minutes = plan.profile.rules.warm_up_minutes
    warm_up = (
        f"Start with the warm-up under each card's title (about {minutes} minutes, in order)"
        if has_warm_ups(plan)
        else f"Warm up first (about {minutes} minutes of easy movement)"
    )
    heading(
        pdf,
        "Your sessions",
        f"One card per session, in date order. {warm_up}, tick a box per set, and note how "
        "it went. The glossary at the back says how to do each exercise.",
        keep=cards[0].height,
    )
    for card in cards:
        _draw_card(pdf, card)


def _week_cards(pdf: Booklet, plan: Plan, week: Week) -> list[Card]:
    cards = [_card(pdf, plan, week, s) for s in week.sessions if s.kind != "daily"]
    daily = sorted((s for s in week.sessions if s.kind == "daily"), key=lambda s: s.exercises[0].id)
    for _, group in groupby(daily, key=lambda s: s.exercises[0].id):
        cards.append(_daily_card(pdf, plan, week, tuple(group)))
    return cards


def _measure(
    pdf: Booklet,
    title: str,
    right: str,
    about: str,
    rows: Sequence[Row],
    headings: Sequence[str],
    session: Session,
    warm_up: str = "",
) -> Card:
    right_text = wrap(pdf, right, pdf.epw * 0.4, 8.5, align="R")
    right_width = max(pdf.width_of(line, 8.5, False) for line in right_text.lines)
    title_text = wrap(pdf, title, pdf.epw - right_width - 6, 10.5, bold=True)
    about_text = stack(
        *(wrap(pdf, part, pdf.epw - 2, 7) for part in about.split("\n")),
        wrap(pdf, warm_up, pdf.epw - 2, WARM_UP_SIZE),
    )
    return Card(title_text, right_text, about_text, tuple(rows), tuple(headings), session)


def _card(pdf: Booklet, plan: Plan, week: Week, session: Session) -> Card:
    columns = Columns.for_width(pdf.epw)
    phase = PHASE_NAMES.get(week.phase, week.phase)
    marks = week_marks(week)
    title = f"Week {week.number} · {long_date(session.date)}"
    kind = kind_words(session)
    right = f"{kind[:1].upper()}{kind[1:]}, about {session.minutes} min"
    about = f"{phase}{f' ({marks})' if marks else ''}. {session.reason}"
    rows = [_exercise_row(pdf, plan, item, columns) for item in session.exercises]
    warm_up = warm_up_line(plan, session)
    return _measure(pdf, title, right, about, rows, HEADINGS, session, warm_up)


def _daily_card(pdf: Booklet, plan: Plan, week: Week, sessions: tuple[Session, ...]) -> Card:
    columns = Columns.for_width(pdf.epw)
    item = sessions[0].exercises[0]
    title = f"Week {week.number} · Daily: {printable(item.name)}"
    right = f"Every day, about {sessions[0].minutes} min"
    notes = plan.notes(item.id)
    cue = plan.in_units(notes.cues[0]) if notes and notes.cues else ""
    about = f"{sessions[0].reason} {item.protocol or ''}\nCue: {cue}".strip()
    rows = [_day_row(pdf, s, columns) for s in sessions]
    headings = ("Day", *HEADINGS[1:-1], "Done, each time")
    return _measure(pdf, title, right, about, rows, headings, sessions[0])


def _exercise_row(pdf: Booklet, plan: Plan, item: Prescription, columns: Columns) -> Row:
    name = wrap(pdf, item.name, columns.exercise, 8.5, bold=True)
    extra = [load(item, pdf.plan), item.protocol or ""]
    details = [wrap(pdf, line, columns.exercise, 6.5) for line in extra]
    notes = plan.notes(item.id)
    cue = plan.in_units(notes.cues[0]) if notes and notes.cues else ""
    cue_text = wrap(pdf, f"Cue: {cue}" if cue else "", pdf.epw - columns.done, 6.8)
    return Row(
        (stack(name, *details), *_dose_cells(pdf, item, columns)),
        cue_text,
        Boxes(set_boxes(item), size=BOX, inner=0.5, outer=1.5),
        columns.done,
    )


def _day_row(pdf: Booklet, session: Session, columns: Columns) -> Row:
    """A day of a daily rehab dose: one box per time of day it is done (or one per set)."""
    item = session.exercises[0]
    day = wrap(pdf, short_date(session.date), columns.exercise, 8.5, bold=True)
    times = times_a_day(session)
    groups = tuple((str(n),) for n in range(1, times + 1)) if times else set_boxes(item)
    boxes = Boxes(groups, size=BOX, inner=0.5, outer=1.5)
    return Row((stack(day), *_dose_cells(pdf, item, columns)), Text((), 7), boxes, columns.done)


def _dose_cells(pdf: Booklet, item: Prescription, columns: Columns) -> tuple[tuple[Text, ...], ...]:
    """Sets (and sides), each set, lowering, tempo, rest: the dose split into its levers."""

    def cell(text: str, width: float, size: float = 8.5, bold: bool = False) -> Text:
        return wrap(pdf, text, width, size, bold)

    return (
        stack(cell(str(item.sets), columns.sets, 9, True), cell(sides(item), columns.sets, 6.5)),
        stack(cell(each_set(item, pdf.plan.profile.units), columns.each_set)),
        stack(cell(f"{item.eccentric_s} s" if item.eccentric_s else "-", columns.lowering)),
        stack(cell(item.tempo or "-", columns.tempo)),
        stack(cell(f"{item.rest_s} s", columns.rest)),
    )


def _draw_card(pdf: Booklet, card: Card) -> None:
    """Header band, table, notes line: kept on one page, framed, recorded."""
    columns = Columns.for_width(pdf.epw)
    if card.height > room_left(pdf) and pdf.get_y() > pdf.t_margin + 1:
        pdf.breaks.append((pdf.page_no(), room_left(pdf), card.height))
        pdf.add_page()
    first_page, top = pdf.page_no(), pdf.get_y()
    link = pdf.card_links.get((card.session.date, card_kind(card.session)))
    if link is not None:
        pdf.set_link(link, y=top)
    pdf.set_fill_color(GREY)
    pdf.rect(pdf.l_margin, top, pdf.epw, card.band, style="F")
    draw(pdf, card.title, pdf.l_margin + 1, top + 1, pdf.epw)
    draw(pdf, card.right, pdf.l_margin + pdf.epw * 0.6 - 1, top + 1.4, pdf.epw * 0.4)
    draw_stack(pdf, card.about, pdf.l_margin + 1, top + 1.5 + card.title.height, pdf.epw - 2)
    pdf.set_y(top + card.band)
    _table_head(pdf, columns, card.headings)
    for row in card.rows:
        _table_row(pdf, row, columns)
    _notes_line(pdf, NOTES)
    _frame(pdf, first_page, top)
    pdf.mark()
    kind = card.session.kind
    pdf.card_pages.append((f"{card.session.date.isoformat()} {kind}", first_page, pdf.page_no()))
    pdf.set_y(min(pdf.get_y() + GAP, pdf.page_break_trigger))


def card_kind(session: Session) -> str:
    return "daily" if session.kind == "daily" else "session"


def _table_head(pdf: Booklet, columns: Columns, headings: Sequence[str]) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    for width, name in zip([*columns.text(), columns.done], headings, strict=True):
        draw(pdf, Text((name,), 6.8, bold=True), x, y + 0.9, width)
        x += width
    pdf.set_y(y + 5)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())


def _table_row(pdf: Booklet, row: Row, columns: Columns) -> None:
    if row.height > room_left(pdf) and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()  # a card taller than a page (a rare ten-exercise day) runs on
    x, y = pdf.l_margin, pdf.get_y()
    for width, cell in zip(columns.text(), row.cells, strict=True):
        draw_stack(pdf, cell, x, y + PAD, width)
        x += width
    draw_boxes(pdf, row.boxes, x + 1, y + PAD, columns.done - 1)
    draw(pdf, row.cue, pdf.l_margin, y + PAD + row.top_height, pdf.epw - columns.done)
    pdf.set_y(y + row.height)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.set_draw_color(0)


def _notes_line(pdf: Booklet, height: float) -> None:
    y = pdf.get_y()
    font(pdf, 7)
    pdf.set_xy(pdf.l_margin, y + height - 5)
    pdf.cell(28, 4, "Notes, how it went:")
    pdf.set_dash_pattern(dash=0.6, gap=0.8)
    pdf.line(pdf.l_margin + 28, y + height - 1.6, pdf.l_margin + pdf.epw - 2, y + height - 1.6)
    pdf.set_dash_pattern()
    pdf.set_y(y + height)


def _frame(pdf: Booklet, first_page: int, top: float) -> None:
    """The card's outline; a card longer than a page (a rare ten-exercise day) is not framed."""
    if pdf.page_no() == first_page:
        pdf.set_line_width(0.4)
        pdf.rect(pdf.l_margin, top, pdf.epw, pdf.get_y() - top)
        pdf.set_line_width(0.2)
