"""The typesetter: pages in the bundled font, text measured before it is drawn, tick boxes.

Every part of the printed plan (booklet, week sheet, summary) draws through these helpers:
text is wrapped once to a width, its height is known before it goes on the page, and a
block that does not fit below starts a new page. Each page records how far down it is
used (`Document.used`), so a test can measure blank space instead of guessing it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from fpdf import FPDF

from ...errors import StrengthError
from ...plan import Plan, Prescription
from ...profile import DAY_NAMES, WEEKDAYS

PAPERS = {"a4": "A4", "letter": "Letter"}
FONTS = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
MARGIN = 14.0  # mm, all round; the footer sits in the bottom margin
HANG = 3.2  # mm: where a bullet point's text starts
BULLET = "• "
GREY = 228  # light fill: a black-and-white printer turns it into a pale tint
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class UnknownPaper(StrengthError):
    """A paper size the printable plan is not laid out for."""


# ----------------------------------------------------------------------------
# Words


def printable(text: str) -> str:
    """Catalog text as plain text: tabs become spaces, control and format characters go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")


def long_date(day: dt.date) -> str:
    """'Thursday 7 January 2027': the date at the top of a card."""
    return f"{DAY_NAMES[WEEKDAYS[day.weekday()]]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """'Thu 7 Jan': a date where space is short."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1][:3]}"


def goal(plan: Plan) -> str:
    profile = plan.profile
    if profile.race is not None:
        return f"race on {long_date(profile.race)}"
    return f"{profile.length_weeks} weeks from {long_date(profile.start)}"


# ----------------------------------------------------------------------------
# The document


class Document(FPDF):
    """Pages in the bundled font, numbered footers, memoised measures, used height per page."""

    def __init__(
        self,
        plan: Plan,
        paper: str,
        orientation: str = "portrait",
        title: str = "Strength plan",
    ) -> None:
        if paper not in PAPERS:
            raise UnknownPaper(f"paper '{paper}' is not laid out; use one of: {', '.join(PAPERS)}")
        super().__init__(orientation=orientation, unit="mm", format=PAPERS[paper])
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 2)
        self.c_margin = 1.0
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_line_width(0.2)
        self.plan = plan
        self.footer_text = f"Strength plan: {goal(plan)}"
        self.wrapped: dict[tuple[str, float, float, bool, str], Text] = {}
        self.widths: dict[tuple[str, float, bool], float] = {}
        self.used: dict[int, float] = {}  # page -> the lowest point drawn on it, mm from the top
        start = dt.datetime.combine(plan.profile.start, dt.time(), tzinfo=dt.UTC)
        self.set_creation_date(start)
        self.set_title(title)
        self.set_subject(self.footer_text)
        self.set_creator("runner-strength")
        self.set_lang("en")

    def width_of(self, text: str, size: float, bold: bool) -> float:
        """The printed width of `text` in mm, memoised per word and font."""
        key = (text, size, bold)
        if key not in self.widths:
            font(self, size, bold)
            self.widths[key] = self.get_string_width(text)
        return self.widths[key]

    def mark(self, y: float | None = None) -> None:
        """Record that this page is used down to `y` (the cursor by default)."""
        bottom = self.get_y() if y is None else y
        self.used[self.page_no()] = max(self.used.get(self.page_no(), 0.0), bottom)

    def fill(self) -> list[float]:
        """Each page's used share of its printable height, page 1 first."""
        room = self.page_break_trigger - self.t_margin
        return [
            round(max(self.used.get(page, self.t_margin) - self.t_margin, 0.0) / room, 3)
            for page in range(1, self.page_no() + 1)
        ]

    def footer(self) -> None:
        self.set_y(-MARGIN + 3)
        font(self, 7)
        self.cell(0, 4, f"{self.footer_text}   ·   page {self.page_no()} of {{nb}}", align="C")


def font(pdf: FPDF, size: float, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)


def leading(size: float) -> float:
    """Line height in mm for a font size in points."""
    return size * 0.3528 * 1.22


# ----------------------------------------------------------------------------
# Measured text: wrap once, check the space, then draw


@dataclass(frozen=True)
class Text:
    """Lines wrapped to a width in one font: measured once, drawn as measured."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False
    align: str = "L"
    bullet: bool = False  # a bullet point: the lines hang to the right of the bullet
    grey: int = 0  # 0 black, up to 255 white

    @property
    def height(self) -> float:
        return len(self.lines) * leading(self.size)


def wrap(
    pdf: Document, text: str, width: float, size: float, bold: bool = False, align: str = "L"
) -> Text:
    """`text` broken into lines that fit `width` mm, at spaces (inside a word only when the
    word alone is too long; a no-break space keeps '60 s' together). Memoised: a plan
    repeats its names and cues."""
    key = (text, width, size, bold, align)
    if key not in pdf.wrapped:
        room = width - 2 * pdf.c_margin
        lines = [
            line
            for paragraph in printable(text).strip().split("\n")
            for line in _fill(pdf, [w for w in paragraph.split(" ") if w], room, size, bold)
        ]
        pdf.wrapped[key] = Text(tuple(lines) if any(lines) else (), size, bold, align)
    return pdf.wrapped[key]


def _fill(pdf: Document, words: list[str], room: float, size: float, bold: bool) -> list[str]:
    space = pdf.width_of(" ", size, bold)
    lines: list[str] = []
    line, used = "", 0.0
    for word in words:
        for piece in _pieces(pdf, word, room, size, bold):
            width = pdf.width_of(piece, size, bold)
            if line and used + space + width <= room:
                line, used = f"{line} {piece}", used + space + width
            else:
                if line:
                    lines.append(line)
                line, used = piece, width
    return [*lines, line]


def _pieces(pdf: Document, word: str, room: float, size: float, bold: bool) -> list[str]:
    """A word too long for a line (a long web address) cut into pieces that fit."""
    if pdf.width_of(word, size, bold) <= room:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and pdf.width_of(piece + char, size, bold) > room:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def draw(pdf: Document, text: Text, x: float, y: float, width: float) -> None:
    """Each line on its baseline where `cell` would put it, aligned left, right or centre."""
    font(pdf, text.size, text.bold)
    if text.grey:
        pdf.set_text_color(text.grey)
    lead = leading(text.size)
    baseline = lead / 2 + 0.3 * pdf.font_size
    if text.bullet and text.lines:
        pdf.text(x + pdf.c_margin, y + baseline, "•")
        x += HANG
    for number, line in enumerate(text.lines):
        if text.align == "L":
            left = x + pdf.c_margin
        else:
            spare = width - pdf.width_of(line, text.size, text.bold)
            left = x + (spare - pdf.c_margin if text.align == "R" else spare / 2)
        pdf.text(left, y + number * lead + baseline, line)
    if text.grey:
        pdf.set_text_color(0)


def stack(*texts: Text) -> tuple[Text, ...]:
    return tuple(text for text in texts if text.lines)


def stack_height(texts: Sequence[Text]) -> float:
    return sum(text.height for text in texts)


def draw_stack(pdf: Document, texts: Sequence[Text], x: float, y: float, width: float) -> None:
    for text in texts:
        draw(pdf, text, x, y, width)
        y += text.height


def room_left(pdf: Document) -> float:
    return pdf.page_break_trigger - pdf.get_y()


def keep_together(pdf: Document, height: float) -> None:
    """Start a new page when `height` does not fit below; what is taller than a page runs on."""
    if height > room_left(pdf) and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()


def heading_height(pdf: Document, intro: str = "") -> float:
    return 8 + (wrap(pdf, intro, pdf.epw, 8).height if intro else 0.0) + 3


def heading(pdf: Document, title: str, intro: str = "", keep: float = 0.0) -> None:
    """A section's title and intro, kept on one page with the first `keep` mm after it."""
    keep_together(pdf, heading_height(pdf, intro) + keep)
    font(pdf, 15, bold=True)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    if intro:
        text = wrap(pdf, intro, pdf.epw, 8)
        draw(pdf, text, pdf.l_margin, pdf.get_y(), pdf.epw)
        pdf.set_y(pdf.get_y() + text.height)
    pdf.ln(3)
    pdf.mark()


@dataclass(frozen=True)
class Labelled:
    """Rows of 'label | text': the cover's facts, the glossary's entries."""

    rows: tuple[tuple[Text, tuple[Text, ...]], ...]
    label_width: float
    gap: float

    @property
    def height(self) -> float:
        return sum(self.row_height(row) for row in self.rows)

    def row_height(self, row: tuple[Text, tuple[Text, ...]]) -> float:
        return max(row[0].height, stack_height(row[1])) + self.gap


def labelled(
    pdf: Document,
    rows: Iterable[tuple[str, str]],
    width: float,
    label_width: float,
    size: float,
    gap: float = 1.2,
) -> Labelled:
    text_width = width - label_width
    measured = tuple(
        (
            wrap(pdf, label, label_width, size, bold=True),
            stack(*(_paragraph(pdf, part, text_width, size) for part in text.split("\n"))),
        )
        for label, text in rows
        if text.strip()
    )
    return Labelled(measured, label_width, gap)


def _paragraph(pdf: Document, text: str, width: float, size: float) -> Text:
    """A line of a labelled row; one that starts with '• ' is a bullet point, hanging."""
    if text.startswith(BULLET):
        return replace(wrap(pdf, text[len(BULLET) :], width - HANG, size), bullet=True)
    return wrap(pdf, text, width, size)


def draw_labelled(pdf: Document, table: Labelled, x: float, width: float) -> None:
    for row in table.rows:
        keep_together(pdf, table.row_height(row))
        y = pdf.get_y()
        draw(pdf, row[0], x, y, table.label_width)
        draw_stack(pdf, row[1], x + table.label_width, y, width - table.label_width)
        pdf.set_y(y + table.row_height(row))
        pdf.mark()


# ----------------------------------------------------------------------------
# Tick boxes: one group per set; an each-side set is a pair marked L and R


EXTRA = "+"  # the mark of the weaker side's extra set starts with it: '+L'


def set_boxes(item: Prescription) -> tuple[tuple[str, ...], ...]:
    """A group of boxes per set: one box, or an L and an R box when every set is done on
    each side; the weaker side's extra set is its own box, marked '+L' or '+R'."""
    group = ("L", "R") if item.per_side else ("",)
    extra = ((EXTRA + item.extra_set_side[:1].upper(),),) if item.extra_set_side else ()
    return (group,) * item.sets + extra


@dataclass(frozen=True)
class Boxes:
    """Groups of tick boxes laid out in lines across a width."""

    groups: tuple[tuple[str, ...], ...]
    size: float = 4.0  # mm, a box's side
    inner: float = 0.6  # mm between the boxes of a group
    outer: float = 1.8  # mm between groups

    def group_width(self, group: Sequence[str]) -> float:
        return len(group) * self.size + (len(group) - 1) * self.inner

    def lines(self, width: float) -> tuple[tuple[tuple[float, tuple[str, ...]], ...], ...]:
        """Each line's groups with their x offsets; a group never breaks across lines."""
        lines: list[list[tuple[float, tuple[str, ...]]]] = [[]]
        x = 0.0
        for group in self.groups:
            wide = self.group_width(group)
            if lines[-1] and x + wide > width:
                lines.append([])
                x = 0.0
            lines[-1].append((x, group))
            x += wide + self.outer
        return tuple(tuple(line) for line in lines if line)

    def height(self, width: float) -> float:
        count = len(self.lines(width))
        return count * self.size + max(count - 1, 0) * self.outer


def draw_boxes(pdf: Document, boxes: Boxes, x: float, y: float, width: float) -> None:
    """The boxes to tick; a side's box carries its initial in grey, the extra set's box is
    drawn heavier with its '+L' in black, so it reads as the one more set."""
    label = max(boxes.size * 1.45, 4.2)  # pt: the letter inside a box
    for number, line in enumerate(boxes.lines(width)):
        top = y + number * (boxes.size + boxes.outer)
        for offset, group in line:
            left = x + offset
            for mark in group:
                extra = mark.startswith(EXTRA)
                if extra:
                    pdf.set_line_width(0.5)
                pdf.rect(left, top, boxes.size, boxes.size)
                pdf.set_line_width(0.2)
                if mark:
                    text = Text((mark,), label, bold=extra, align="C", grey=0 if extra else 140)
                    draw(
                        pdf, text, left - 0.5, top + (boxes.size - text.height) / 2, boxes.size + 1
                    )
                left += boxes.size + boxes.inner
