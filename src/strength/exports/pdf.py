"""The printable plan: a cover, the weeks at a glance, one card per session, a glossary.

Black on white with light grey fills, so it reads from a black-and-white printer.
DejaVu Sans is bundled (fonts/, with its licence) so every name prints, accents
and all. Pure: the same plan gives the same bytes, because the document's
creation date is the plan's first day, not the clock. Catalog text is printed
as text: no markdown, no HTML, and control characters are dropped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path

from fpdf import FPDF

from ..errors import StrengthError
from ..plan import ExerciseNotes, Plan, Prescription, Session, Week
from ..profile import DAY_NAMES, LONG_RUN_STRATEGIES, WEEKDAYS
from ..progression import PHASE_NAMES

PAPERS = {"a4": "A4", "letter": "Letter"}
FONTS = Path(__file__).resolve().parent / "fonts"
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


def _each_set(item: Prescription) -> str:
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
        return f"{item.distance_m} m"
    return ""  # pragma: no cover - validation gives every dose a count


def _sides(item: Prescription) -> str:
    """The per-side marks under the sets: 'each side', '+1 set left'."""
    marks = ["each side"] if item.per_side else []
    if item.extra_set_side:
        marks.append(f"+1 set {item.extra_set_side}")
    return "\n".join(marks)


def _week_marks(week: Week) -> str:
    """What makes a week different: 'deload', 'race week', 'daily rehab' (the phase aside)."""
    flags = (
        ("deload", week.deload),
        ("heavy legs", week.heavy_legs),
        ("taper", week.taper and week.phase != "taper"),
        ("race week", week.race_week),
        ("daily rehab", any(s.kind == "daily" for s in week.sessions)),
    )
    return ", ".join(name for name, on in flags if on)


# ----------------------------------------------------------------------------
# The document


class Booklet(FPDF):
    """Pages with the bundled font and numbered footers.

    Records the first and last page of each card (`card_pages`), so a test can
    see that no card is split, and links grid cells to their cards."""

    def __init__(self, plan: Plan, paper: str) -> None:
        if paper not in PAPERS:
            raise UnknownPaper(f"paper '{paper}' is not laid out; use one of: {', '.join(PAPERS)}")
        super().__init__(orientation="portrait", unit="mm", format=PAPERS[paper])
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 2)
        self.c_margin = 1.0
        self.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_line_width(0.2)
        self.footer_text = f"Strength plan: {_goal(plan)}"
        self.card_pages: list[tuple[str, int, int]] = []
        self.card_links: dict[tuple[dt.date, str], int] = {}
        self.wrapped: dict[tuple[str, float, float, bool, str], Text] = {}
        self.widths: dict[tuple[str, float, bool], float] = {}
        start = dt.datetime.combine(plan.profile.start, dt.time(), tzinfo=dt.UTC)
        self.set_creation_date(start)
        self.set_title("Strength plan")
        self.set_subject(self.footer_text)
        self.set_creator("runner-strength")
        self.set_lang("en")

    def width_of(self, text: str, size: float, bold: bool) -> float:
        """The printed width of `text` in mm, memoised per word and font."""
        key = (text, size, bold)
        if key not in self.widths:
            _font(self, size, bold)
            self.widths[key] = self.get_string_width(text)
        return self.widths[key]

    def footer(self) -> None:
        self.set_y(-MARGIN + 3)
        _font(self, 7)
        self.cell(0, 4, f"{self.footer_text}   ·   page {self.page_no()} of {{nb}}", align="C")


def plan_pdf(plan: Plan, paper: str = "a4") -> bytes:
    """The printable plan as PDF bytes, on A4 or US Letter."""
    return bytes(booklet(plan, paper).output())


def booklet(plan: Plan, paper: str = "a4") -> Booklet:
    """The whole document, laid out: cover, weeks at a glance, cards, glossary."""
    pdf = Booklet(plan, paper)
    for session in plan.sessions():
        pdf.card_links.setdefault((session.date, _card_kind(session)), pdf.add_link(page=1))
    _cover(pdf, plan)
    _weeks_at_a_glance(pdf, plan)
    _session_cards(pdf, plan)
    _glossary(pdf, plan)
    return pdf


def _goal(plan: Plan) -> str:
    profile = plan.profile
    if profile.race is not None:
        return f"race on {long_date(profile.race)}"
    return f"{profile.length_weeks} weeks from {long_date(profile.start)}"


def _card_kind(session: Session) -> str:
    return "daily" if session.kind == "daily" else "session"


# ----------------------------------------------------------------------------
# Measured text: wrap once, check the space, then draw


def _font(pdf: FPDF, size: float, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)


def _leading(size: float) -> float:
    """Line height in mm for a font size in points."""
    return size * 0.3528 * 1.22


@dataclass(frozen=True)
class Text:
    """Lines wrapped to a width in one font: measured once, drawn as measured."""

    lines: tuple[str, ...]
    size: float
    bold: bool = False
    align: str = "L"
    bullet: bool = False  # a bullet point: the lines hang to the right of the bullet

    @property
    def height(self) -> float:
        return len(self.lines) * _leading(self.size)


def _wrap(
    pdf: Booklet, text: str, width: float, size: float, bold: bool = False, align: str = "L"
) -> Text:
    """`text` broken into lines that fit `width` mm, at word boundaries (inside a word
    only when the word alone is too long). Memoised: a plan repeats its names and cues."""
    key = (text, width, size, bold, align)
    if key not in pdf.wrapped:
        room = width - 2 * pdf.c_margin
        lines = [
            line
            for paragraph in printable(text).strip().split("\n")
            for line in _fill(pdf, paragraph.split(), room, size, bold)
        ]
        pdf.wrapped[key] = Text(tuple(lines) if any(lines) else (), size, bold, align)
    return pdf.wrapped[key]


def _fill(pdf: Booklet, words: list[str], room: float, size: float, bold: bool) -> list[str]:
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


def _pieces(pdf: Booklet, word: str, room: float, size: float, bold: bool) -> list[str]:
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


def _draw(pdf: Booklet, text: Text, x: float, y: float, width: float) -> None:
    """Each line on its baseline where `cell` would put it, aligned left, right or centre."""
    _font(pdf, text.size, text.bold)
    lead = _leading(text.size)
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


def _stack(*texts: Text) -> tuple[Text, ...]:
    return tuple(text for text in texts if text.lines)


def _stack_height(texts: Sequence[Text]) -> float:
    return sum(text.height for text in texts)


def _draw_stack(pdf: Booklet, texts: Sequence[Text], x: float, y: float, width: float) -> None:
    for text in texts:
        _draw(pdf, text, x, y, width)
        y += text.height


def _keep_together(pdf: Booklet, height: float) -> None:
    """Start a new page when `height` does not fit below; what is taller than a page runs on."""
    if pdf.will_page_break(height) and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()


def _heading(pdf: Booklet, title: str, intro: str = "") -> None:
    _font(pdf, 15, bold=True)
    pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    if intro:
        text = _wrap(pdf, intro, pdf.epw, 8)
        _draw(pdf, text, pdf.l_margin, pdf.get_y(), pdf.epw)
        pdf.set_y(pdf.get_y() + text.height)
    pdf.ln(3)


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
        return max(row[0].height, _stack_height(row[1])) + self.gap


def _labelled(
    pdf: Booklet,
    rows: Iterable[tuple[str, str]],
    width: float,
    label_width: float,
    size: float,
    gap: float = 1.2,
) -> Labelled:
    text_width = width - label_width
    measured = tuple(
        (
            _wrap(pdf, label, label_width, size, bold=True),
            _stack(*(_paragraph(pdf, part, text_width, size) for part in text.split("\n"))),
        )
        for label, text in rows
        if text.strip()
    )
    return Labelled(measured, label_width, gap)


def _paragraph(pdf: Booklet, text: str, width: float, size: float) -> Text:
    """A line of a labelled row; one that starts with '• ' is a bullet point, hanging."""
    if text.startswith(BULLET):
        return replace(_wrap(pdf, text[len(BULLET) :], width - HANG, size), bullet=True)
    return _wrap(pdf, text, width, size)


def _draw_labelled(pdf: Booklet, table: Labelled, x: float, width: float) -> None:
    for row in table.rows:
        _keep_together(pdf, table.row_height(row))
        y = pdf.get_y()
        _draw(pdf, row[0], x, y, table.label_width)
        _draw_stack(pdf, row[1], x + table.label_width, y, width - table.label_width)
        pdf.set_y(y + table.row_height(row))


# ----------------------------------------------------------------------------
# The cover


def _cover(pdf: Booklet, plan: Plan) -> None:
    """Who the plan is for and what to remember, on one page."""
    pdf.add_page()
    _font(pdf, 26, bold=True)
    pdf.cell(0, 13, "Strength plan", new_x="LMARGIN", new_y="NEXT")
    _font(pdf, 12)
    pdf.cell(0, 7, _goal(plan)[0].upper() + _goal(plan)[1:], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    _draw_labelled(
        pdf, _labelled(pdf, _facts(plan), pdf.epw, 34, 9.5, gap=1.8), pdf.l_margin, pdf.epw
    )
    pdf.ln(4)
    _remember_box(pdf, plan)
    if plan.warnings:
        pdf.ln(4)
        rows = [("Note", warning) for warning in plan.warnings]
        _boxed(pdf, "What your week could not hold", rows)
    pdf.ln(4)
    _boxed(pdf, "How to read a card", _card_legend())


def _facts(plan: Plan) -> list[tuple[str, str]]:
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
    equipment = ", ".join(profile.equipment) if profile.equipment else "none"
    return [
        ("Dates", f"{long_date(profile.start)} to {long_date(end)}, {len(plan.weeks)} weeks"),
        ("Level", profile.level.value.capitalize()),
        ("Weak links", ranked + (f"\n{sides[0].upper()}{sides[1:]}." if sides else "")),
        (
            "Sessions",
            f"{len(sessions)} in all, up to {profile.minutes_per_session} minutes each with the "
            f"warm-up (you asked for {profile.sessions_per_week} a week"
            + (", in-season maintenance" if profile.maintenance else "")
            + ")",
        ),
        ("Running week", running),
        ("Long run", LONG_RUN_STRATEGIES[profile.long_run_strategy]),
        ("Equipment", f"{equipment} (and your bodyweight)"),
        ("Phases", _phases(plan)),
    ]


def _phases(plan: Plan) -> str:
    spans = []
    for phase, weeks in groupby(plan.weeks, key=lambda week: week.phase):
        numbers = [week.number for week in weeks]
        span = f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
        spans.append(
            f"{PHASE_NAMES.get(phase, phase)}: week{'s' if len(numbers) > 1 else ''} {span}"
        )
    return " · ".join(spans)


def _principles(plan: Plan) -> list[tuple[str, str]]:
    """The four things a runner should remember, in the plan's own numbers."""
    rules = plan.profile.rules
    deload = (
        f"every {_ordinal(rules.deload_every)} week is a deload with about "
        f"{round(rules.deload_cut * 100)}% less volume"
        if rules.deload_every
        else "rest when the legs are heavy"
    )
    before_hard = (
        "never on the day before a hard workout or a race"
        if rules.no_strength_before_hard
        else "keep it away from your hardest runs"
    )
    taper = (
        f"The last {rules.taper_weeks} weeks cut the volume by about "
        f"{round(rules.taper_cut * 100)}% and add nothing new; no strength in the last "
        f"{rules.race_week_free_hours} hours before the race."
        if plan.profile.race is not None
        else "Before any race: cut the volume by half for a week or two, add nothing new, "
        f"and nothing in the last {rules.race_week_free_hours} hours."
    )
    return [
        (
            "Build slowly",
            f"The dose rises a little each week (at most {round(rules.max_weekly_increase * 100)}%"
            f" for a muscle group); {deload}. Do what the card says, not more.",
        ),
        (
            "Form first",
            "Stop the set when the form breaks. On a bad day take the easier option in the "
            "glossary; take the harder one only when the last set feels easy.",
        ),
        (
            "Never before hard days",
            f"Strength goes after an easy run or on a rest day, {before_hard}, with at least "
            f"{rules.hours_between_leg_sessions} hours between leg sessions.",
        ),
        ("Taper", taper),
    ]


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _card_legend() -> list[tuple[str, str]]:
    return [
        (
            "Sets",
            "how many sets; 'each side': every set on both sides; '+1 set left': one "
            "more set on the weaker side (its box is marked L or R)",
        ),
        ("Lowering", "seconds to lower slowly: the eccentric part that does the work"),
        ("Tempo", "seconds down - pause at the bottom - up - pause at the top (5-0-1-0)"),
        ("Done", "tick a box after each set; write how it went on the notes line"),
    ]


def _remember_box(pdf: Booklet, plan: Plan) -> None:
    _boxed(pdf, "Four things to remember", _principles(plan), line_width=0.6)


def _boxed(
    pdf: Booklet, title: str, rows: Sequence[tuple[str, str]], line_width: float = 0.25
) -> None:
    """A framed block with a title: the cover's principles, warnings and legend."""
    inner = pdf.epw - 6
    table = _labelled(pdf, rows, inner, 36, 8.5)
    height = 6 + table.height + 3
    _keep_together(pdf, height)
    top = pdf.get_y()
    pdf.set_line_width(line_width)
    pdf.rect(pdf.l_margin, top, pdf.epw, height)
    pdf.set_line_width(0.2)
    _font(pdf, 10.5, bold=True)
    pdf.set_xy(pdf.l_margin + 3, top + 1.5)
    pdf.cell(inner, 5, title)
    pdf.set_y(top + 7.5)
    _draw_labelled(pdf, table, pdf.l_margin + 3, inner)
    pdf.set_y(top + height)


# ----------------------------------------------------------------------------
# The weeks at a glance


RUN_WORDS = {"rest": ("rest", False), "easy": ("easy", False), "hard": ("HARD", True),
             "long": ("LONG", True), "race": ("RACE", True)}  # fmt: skip
ROW_MIN, ROW_MAX = 9.0, 13.0  # mm: three lines of 6.2 pt at the least; 24 weeks fit one page
GRID_HEAD = 5.5
GRID_WEEK, GRID_PHASE = 14.0, 27.0


def _weeks_at_a_glance(pdf: Booklet, plan: Plan) -> None:
    """Every week on one grid: runs and strength by day, phases, deloads and taper."""
    pdf.add_page()
    _heading(
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
        _grid_row(pdf, week, day_width, row, new_phase=week.phase != previous)
        previous = week.phase


def _grid_header(pdf: Booklet, week: Week, day_width: float) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    pdf.set_fill_color(GREY)
    pdf.rect(x, y, pdf.epw, GRID_HEAD, style="DF")
    names = [short_date(week.start + dt.timedelta(days=offset))[:3] for offset in range(7)]
    for width, name in zip(
        (GRID_WEEK, GRID_PHASE, *[day_width] * 7), ("Week", "Phase", *names), strict=True
    ):
        _draw(pdf, Text((name,), 7.5, bold=True, align="C"), x, y + 1.2, width)
        pdf.line(x, y, x, y + GRID_HEAD)
        x += width
    pdf.set_y(y + GRID_HEAD)


def _grid_row(pdf: Booklet, week: Week, day_width: float, height: float, new_phase: bool) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    light = week.deload or week.taper or week.heavy_legs
    pdf.set_fill_color(GREY)
    pdf.rect(x, y, pdf.epw, height, style="DF" if light else "D")
    _draw(pdf, Text((str(week.number),), 9.5, bold=True, align="C"), x, y + 0.8, GRID_WEEK)
    _draw(pdf, Text((short_date(week.start)[4:],), 6.5, align="C"), x, y + 5.0, GRID_WEEK)
    x += GRID_WEEK
    phase = Text((PHASE_NAMES.get(week.phase, week.phase),), 7, bold=True)
    marks = _wrap(pdf, _week_marks(week), GRID_PHASE, 6.5)
    _draw_stack(pdf, _stack(phase, marks), x, y + 0.7, GRID_PHASE)
    pdf.line(x, y, x, y + height)
    x += GRID_PHASE
    strength = {s.date: s for s in week.sessions if s.kind != "daily"}
    for day in week.days:  # a race week may end before its seventh day
        left = x + (day.date - week.start).days * day_width
        _grid_day(pdf, (left, y, day_width, height), day.date, day.run, strength.get(day.date))
    pdf.line(x + len(week.days) * day_width, y, x + len(week.days) * day_width, y + height)
    if new_phase:
        pdf.set_line_width(0.7)
        pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
        pdf.set_line_width(0.2)
    pdf.set_y(y + height)


def _grid_day(
    pdf: Booklet,
    box: tuple[float, float, float, float],
    date: dt.date,
    run: str,
    session: Session | None,
) -> None:
    """One day: its date and run; a strength day is framed, white, and links to its card."""
    x, y, width, height = box
    if session is not None:
        pdf.set_fill_color(255)
        pdf.set_line_width(0.6)
        pdf.rect(x + 0.5, y + 0.5, width - 1, height - 1, style="DF")
        pdf.set_line_width(0.2)
        pdf.link(x, y, width, height, pdf.card_links[(session.date, "session")])
    else:
        pdf.line(x, y, x, y + height)
    word, loud = RUN_WORDS.get(run, (run, False))
    lines = [Text((f"{date.day}",), 6.2), Text((word,), 6.8, bold=loud)]
    _draw(pdf, lines[0], x + 0.4, y + 0.7, 5)
    _draw(pdf, lines[1], x + 4.0, y + 0.5, width - 4.2)
    if session is not None:
        strength = Text(("Strength", f"{session.minutes} min"), 6.2, bold=True)
        _draw(pdf, strength, x + 0.4, y + 3.3, width - 0.8)


# ----------------------------------------------------------------------------
# The session cards


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
        shares = (0.35, 0.1, 0.14, 0.085, 0.095, 0.07, 0.16)
        return cls(*(width * share for share in shares))

    def boxes_per_line(self) -> int:
        return max(int((self.done - 1 + BOX_GAP) // (BOX + BOX_GAP)), 1)

    def text(self) -> tuple[float, ...]:
        """The widths of the columns that hold text, the tick boxes left out."""
        return (self.exercise, self.sets, self.each_set, self.lowering, self.tempo, self.rest)


HEADINGS = ("Exercise", "Sets", "Each set", "Lowering", "Tempo", "Rest", "Done")
BOX, BOX_GAP = 4.2, 1.4  # tick boxes, mm
PAD = 1.2  # mm above and below a row's text


@dataclass(frozen=True)
class Row:
    """One exercise (or one day of a daily card): its cells, a cue line, its tick boxes."""

    cells: tuple[tuple[Text, ...], ...]
    cue: Text
    boxes: tuple[str, ...]  # one per box, with its mark: "" or a side's initial or a dose number
    per_line: int  # boxes that fit across the Done column

    @property
    def top_height(self) -> float:
        """The cells and the boxes, above the cue line."""
        lines = -(-len(self.boxes) // self.per_line)
        boxes = lines * BOX + max(lines - 1, 0) * BOX_GAP
        return max(max(_stack_height(cell) for cell in self.cells), boxes)

    @property
    def height(self) -> float:
        return self.top_height + self.cue.height + 2 * PAD


def _session_cards(pdf: Booklet, plan: Plan) -> None:
    """One card per session; a week's daily rehab doses share one card, a line per day."""
    pdf.add_page()
    _heading(
        pdf,
        "Your sessions",
        "One card per session, in date order. Warm up first (about "
        f"{plan.profile.rules.warm_up_minutes} minutes of easy movement), tick a box per set, "
        "and note how it went. The glossary at the back says how to do each exercise.",
    )
    for week in plan.weeks:
        for session in week.sessions:
            if session.kind != "daily":
                _card(pdf, plan, week, session)
        daily = sorted(
            (s for s in week.sessions if s.kind == "daily"), key=lambda s: s.exercises[0].id
        )
        for _, group in groupby(daily, key=lambda s: s.exercises[0].id):
            _daily_card(pdf, plan, week, tuple(group))


def _card(pdf: Booklet, plan: Plan, week: Week, session: Session) -> None:
    columns = Columns.for_width(pdf.epw)
    phase = PHASE_NAMES.get(week.phase, week.phase)
    marks = _week_marks(week)
    title = f"Week {week.number} · {long_date(session.date)}"
    right = f"{session.kind.capitalize()} session, about {session.minutes} min"
    about = f"{phase}{f' ({marks})' if marks else ''}. {session.reason}"
    rows = [_exercise_row(pdf, plan, item, columns) for item in session.exercises]
    _draw_card(pdf, title, right, about, rows, columns, ("Exercise", *HEADINGS[1:]), session)


def _daily_card(pdf: Booklet, plan: Plan, week: Week, sessions: tuple[Session, ...]) -> None:
    columns = Columns.for_width(pdf.epw)
    item = sessions[0].exercises[0]
    title = f"Week {week.number} · Daily: {printable(item.name)}"
    right = f"Every day, about {sessions[0].minutes} min"
    notes = plan.notes(item.id)
    cue = notes.cues[0] if notes and notes.cues else ""
    about = f"{sessions[0].reason} {item.protocol or ''}\nCue: {cue}".strip()
    rows = [_day_row(pdf, s, columns) for s in sessions]
    _draw_card(
        pdf,
        title,
        right,
        about,
        rows,
        columns,
        ("Day", *HEADINGS[1:-1], "Done, each time"),
        sessions[0],
    )


def _exercise_row(pdf: Booklet, plan: Plan, item: Prescription, columns: Columns) -> Row:
    name = _wrap(pdf, item.name, columns.exercise, 8.5, bold=True)
    extra = [item.protocol or ""]
    if item.load != "bodyweight":
        extra.insert(0, f"Load: {item.load}")
    details = [_wrap(pdf, line, columns.exercise, 6.5) for line in extra]
    notes = plan.notes(item.id)
    cue = notes.cues[0] if notes and notes.cues else ""
    cue_width = pdf.epw - columns.done
    cue_text = _wrap(pdf, f"Cue: {cue}" if cue else "", cue_width, 6.8)
    return Row(
        (_stack(name, *details), *_dose_cells(pdf, item, columns)),
        cue_text,
        _set_boxes(item),
        columns.boxes_per_line(),
    )


def _day_row(pdf: Booklet, session: Session, columns: Columns) -> Row:
    """A day of a daily rehab dose: one box per time of day it is done (or one per set)."""
    item = session.exercises[0]
    day = _wrap(pdf, short_date(session.date), columns.exercise, 8.5, bold=True)
    times = _times_a_day(session)
    boxes = tuple(str(n) for n in range(1, times + 1)) if times else _set_boxes(item)
    return Row(
        (_stack(day), *_dose_cells(pdf, item, columns)),
        Text((), 7),
        boxes,
        columns.boxes_per_line(),
    )


def _times_a_day(session: Session) -> int | None:
    """Times a day a daily dose is done, from the builder's reason ('... 2 times a day')."""
    found = re.search(r"(\d+) times a day", session.reason)
    return int(found.group(1)) if found else None


def _set_boxes(item: Prescription) -> tuple[str, ...]:
    """One box per set, and the weaker side's extra set marked with its initial."""
    extra = (item.extra_set_side[:1].upper(),) if item.extra_set_side else ()
    return ("",) * item.sets + extra


def _dose_cells(pdf: Booklet, item: Prescription, columns: Columns) -> tuple[tuple[Text, ...], ...]:
    """Sets (and sides), each set, lowering, tempo, rest: the dose split into its levers."""

    def cell(text: str, width: float, size: float = 8.5, bold: bool = False) -> Text:
        return _wrap(pdf, text, width, size, bold)

    return (
        _stack(cell(str(item.sets), columns.sets, 9, True), cell(_sides(item), columns.sets, 6.5)),
        _stack(cell(_each_set(item), columns.each_set)),
        _stack(cell(f"{item.eccentric_s} s" if item.eccentric_s else "-", columns.lowering)),
        _stack(cell(item.tempo or "-", columns.tempo)),
        _stack(cell(f"{item.rest_s} s", columns.rest)),
    )


def _draw_card(
    pdf: Booklet,
    title: str,
    right: str,
    about: str,
    rows: Sequence[Row],
    columns: Columns,
    headings: Sequence[str],
    session: Session,
) -> None:
    """Header band, table, notes line: kept on one page, framed, recorded."""
    right_text = _wrap(pdf, right, pdf.epw * 0.4, 8.5, align="R")
    right_width = max(pdf.width_of(line, 8.5, False) for line in right_text.lines)
    title_text = _wrap(pdf, title, pdf.epw - right_width - 6, 10.5, bold=True)
    about_text = _stack(*(_wrap(pdf, part, pdf.epw - 2, 7) for part in about.split("\n")))
    band = max(title_text.height, right_text.height) + _stack_height(about_text) + 2.5
    notes = 9.0
    height = band + 5 + sum(row.height for row in rows) + notes
    _keep_together(pdf, height + 4)
    first_page, top = pdf.page_no(), pdf.get_y()
    pdf.set_link(pdf.card_links[(session.date, _card_kind(session))], y=top)
    pdf.set_fill_color(GREY)
    pdf.rect(pdf.l_margin, top, pdf.epw, band, style="F")
    _draw(pdf, title_text, pdf.l_margin + 1, top + 1, pdf.epw)
    _draw(pdf, right_text, pdf.l_margin + pdf.epw * 0.6 - 1, top + 1.4, pdf.epw * 0.4)
    _draw_stack(pdf, about_text, pdf.l_margin + 1, top + 1.5 + title_text.height, pdf.epw - 2)
    pdf.set_y(top + band)
    _table_head(pdf, columns, headings)
    for row in rows:
        _table_row(pdf, row, columns)
    _notes_line(pdf, notes)
    _frame(pdf, first_page, top)
    pdf.card_pages.append((f"{session.date.isoformat()} {session.kind}", first_page, pdf.page_no()))
    pdf.set_y(pdf.get_y() + 4)


def _table_head(pdf: Booklet, columns: Columns, headings: Sequence[str]) -> None:
    _font(pdf, 6.8, bold=True)
    widths = [*columns.text(), columns.done]
    for width, heading in zip(widths, headings, strict=True):
        pdf.cell(width, 5, heading)
    pdf.ln(5)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())


def _table_row(pdf: Booklet, row: Row, columns: Columns) -> None:
    _keep_together(pdf, row.height)
    x, y = pdf.l_margin, pdf.get_y()
    for width, cell in zip(columns.text(), row.cells, strict=True):
        _draw_stack(pdf, cell, x, y + PAD, width)
        x += width
    _tick_boxes(pdf, x + 1, y + PAD, row)
    _draw(pdf, row.cue, pdf.l_margin, y + PAD + row.top_height, pdf.epw - columns.done)
    pdf.set_y(y + row.height)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.set_draw_color(0)


def _tick_boxes(pdf: Booklet, x: float, y: float, row: Row) -> None:
    """The boxes to tick, as many to a line as the Done column holds."""
    for number, mark in enumerate(row.boxes):
        line, place = divmod(number, row.per_line)
        left, top = x + place * (BOX + BOX_GAP), y + line * (BOX + BOX_GAP)
        pdf.rect(left, top, BOX, BOX)
        if mark:
            _draw(pdf, Text((mark,), 6, align="C"), left, top + 1.0, BOX)


def _notes_line(pdf: Booklet, height: float) -> None:
    y = pdf.get_y()
    _font(pdf, 7)
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


# ----------------------------------------------------------------------------
# The glossary


def _glossary(pdf: Booklet, plan: Plan) -> None:
    """Each exercise once: how to do it, what to watch, the easier and harder option."""
    if not plan.glossary:
        return
    pdf.add_page()
    _heading(
        pdf,
        "Exercise glossary",
        "Every exercise in your plan, in the order you meet it. On a bad day take the easier "
        "option; when the last set feels easy, the harder one is next.",
    )
    for notes in plan.glossary:
        _glossary_entry(pdf, notes)


def _glossary_entry(pdf: Booklet, notes: ExerciseNotes) -> None:
    name = _wrap(pdf, notes.name, pdf.epw, 10.5, bold=True)
    table = _labelled(pdf, _glossary_rows(notes), pdf.epw, 30, 8, gap=1.0)
    _keep_together(pdf, name.height + 1.5 + table.height + 4)
    top = pdf.get_y()
    _draw(pdf, name, pdf.l_margin, top, pdf.epw)
    pdf.set_y(top + name.height + 1.5)
    _draw_labelled(pdf, table, pdf.l_margin, pdf.epw)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.set_draw_color(0)
    pdf.set_y(pdf.get_y() + 4)


def _glossary_rows(notes: ExerciseNotes) -> list[tuple[str, str]]:
    return [
        ("Why it helps", notes.why),
        ("How to do it", "\n".join(BULLET + cue for cue in notes.cues)),
        ("Tempo", f"{notes.tempo}: seconds down, pause, up, pause" if notes.tempo else ""),
        ("Careful", "\n".join(BULLET + caution for caution in notes.cautions)),
        ("Step down", notes.step_down),
        ("Easier option", notes.easier or "none listed: this is the first rung"),
        ("Harder option", notes.harder or "none listed: this is the top rung"),
        ("Source", notes.source),
    ]


__all__ = ["PAPERS", "Booklet", "UnknownPaper", "booklet", "plan_pdf", "printable"]
