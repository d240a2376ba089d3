"""The plan on one page: a row per week, a column per exercise, the dose in each cell.

Deload, heavy-legs and taper weeks are shaded and named, a thick line starts a new phase.
The page is laid out at the largest font that fits, trying portrait and landscape and a
cell's extras (lowering, the extra set) beside or below its dose; the choices are a fixed
list, so the same plan always gives the same page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...plan import PHASE_NAMES, Plan, Prescription, Week
from ...units import Units
from .typeset import GREY, Document, Text, draw, goal, leading, short_date, wrap
from .words import compact

SIZES = tuple(round(10.0 - 0.25 * step, 2) for step in range(25))  # 10 pt ... 4 pt
HEADER = 1.25  # the exercise names print this much larger than the cells
PAD = 1.2  # mm each side of a cell's text
LEGEND = (
    "3×8: sets × reps (a range 6-8; 13/12/12: reps of each set); 30s: seconds of hold; "
    "20c: foot contacts; 40m: metres. 4s↓: seconds of slow lowering. +L: one more set on "
    "the weaker side. 2/wk: sessions that week. Shaded weeks are lighter; a thick line starts "
    "a new phase."
)


@dataclass(frozen=True)
class Column:
    """An exercise and its cell in each week (empty where it is not done)."""

    id: str
    name: str
    note: str  # 'each side', 'daily'
    cells: tuple[tuple[str, str], ...]  # per week: the dose, and its extras


@dataclass(frozen=True)
class Layout:
    orientation: str
    size: float
    inline: bool  # extras beside the dose (one line a week) or below it
    widths: tuple[float, ...]  # week, starts, phase, then one per exercise
    header: tuple[Text, ...]  # the exercise headings, wrapped
    height: float  # the whole table


def summary(plan: Plan, paper: str = "a4") -> Document:
    """The one-page summary, laid out."""
    columns = _columns(plan)
    probe = Document(plan, paper)
    layout = _choose(probe, plan, columns)
    pdf = Document(plan, paper, orientation=layout.orientation, title="Strength plan summary")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    _paint(pdf, plan, columns, layout)
    return pdf


def summary_pdf(plan: Plan, paper: str = "a4") -> bytes:
    """Exercise by week on one page, as PDF bytes."""
    return bytes(summary(plan, paper).output())


def _columns(plan: Plan) -> list[Column]:
    order = [notes.id for notes in plan.glossary]
    seen: dict[str, list[Prescription]] = {}
    for session in plan.sessions():
        for item in session.exercises:
            seen.setdefault(item.id, []).append(item)
    order += [exercise_id for exercise_id in seen if exercise_id not in order]
    daily = {s.exercises[0].id for s in plan.sessions() if s.kind == "daily"}
    columns = []
    for exercise_id in order:
        if exercise_id not in seen:
            continue
        first = seen[exercise_id][0]
        note = "daily" if exercise_id in daily else ("each side" if first.per_side else "")
        cells = tuple(
            _cell(week, exercise_id, exercise_id in daily, plan.profile.units)
            for week in plan.weeks
        )
        columns.append(Column(exercise_id, first.name, note, cells))
    return columns


def _cell(week: Week, exercise_id: str, daily: bool, units: Units) -> tuple[str, str]:
    items = [i for s in week.sessions for i in s.exercises if i.id == exercise_id]
    if not items:
        return ("", "")
    dose, extras = compact(items[0], units)
    if any(compact(item, units) != (dose, extras) for item in items[1:]):
        dose += "…"  # the sessions of this week differ: the first is shown
    if len(items) > 1 and not daily:
        extras = f"{extras} {len(items)}/wk".strip()
    return dose, extras


def _week_cells(weeks: Sequence[Week]) -> list[tuple[str, str, str, str]]:
    """Each week's number, first day, phase (named where it starts) and what makes it lighter."""
    rows = []
    for number, week in enumerate(weeks):
        new = number == 0 or weeks[number - 1].phase != week.phase
        lighter = [
            word
            for word, on in (
                ("deload", week.deload),
                ("heavy legs", week.heavy_legs),
                ("taper", week.taper),
                ("race week", week.race_week),
            )
            if on
        ]
        phase = PHASE_NAMES.get(week.phase, week.phase) if new else ""
        rows.append((str(week.number), short_date(week.start)[4:], phase, ", ".join(lighter)))
    return rows


TITLES = ("Week", "Starts", "Phase", "Lighter")
FIXED = len(TITLES)


def _choose(pdf: Document, plan: Plan, columns: Sequence[Column]) -> Layout:
    """The largest font that fits, portrait first; beside before below at the same size."""
    for size in SIZES:
        for orientation in ("portrait", "landscape"):
            for inline in (True, False):
                layout = _measure(pdf, plan, columns, size, orientation, inline)
                if layout is not None:
                    return layout
    # nothing fits even at the smallest size: the smallest, landscape, extras beside
    fallback = _measure(pdf, plan, columns, SIZES[-1], "landscape", True, force=True)
    assert fallback is not None
    return fallback


def _page(pdf: Document, orientation: str) -> tuple[float, float]:
    """The printable width and height for an orientation of this paper."""
    short, long = sorted((pdf.w, pdf.h))
    width, height = (short, long) if orientation == "portrait" else (long, short)
    return width - pdf.l_margin - pdf.r_margin, height - 2 * pdf.t_margin - 2


def _legend(plan: Plan) -> str:
    """The legend, and the warm-up movements the sessions open with (the cards give their
    doses): the table has a column per exercise of the sessions proper."""
    names = dict.fromkeys(item.name for s in plan.sessions() for item in s.warm_up)
    if not names:
        return LEGEND
    return (
        f"{LEGEND} Sessions start with a warm-up from: {', '.join(names)} (each card gives "
        "its own, with the doses)."
    )


def _title_height(pdf: Document, plan: Plan, width: float) -> float:
    return leading(13) + leading(7.5) + wrap(pdf, _legend(plan), width, 6.5).height + 3


def _measure(
    pdf: Document,
    plan: Plan,
    columns: Sequence[Column],
    size: float,
    orientation: str,
    inline: bool,
    force: bool = False,
) -> Layout | None:
    width, height = _page(pdf, orientation)
    weeks = _week_cells(plan.weeks)
    fixed = tuple(
        max(pdf.width_of(text, size, True) for text in (TITLES[part], *(r[part] for r in weeks)))
        + 2 * PAD
        for part in range(FIXED)
    )
    cells = []
    for column in columns:
        widest = 0.0
        for dose, extras in column.cells:
            if inline:
                widest = max(widest, pdf.width_of(f"{dose} {extras}".strip(), size, False))
            else:
                widest = max(widest, pdf.width_of(dose, size, False), _small(pdf, extras, size))
        # Room for the name's longest word at the cells' size: a word is never broken.
        longest_word = max(pdf.width_of(w, size, True) for w in column.name.split())
        cells.append(max(widest, longest_word, size * 1.2) + 2 * PAD)
    spare = width - sum(fixed) - sum(cells)
    if spare < 0 and not force:
        return None
    if spare > 0 and cells:  # share the spare width out, so names wrap less
        cells = [cell + spare / len(cells) for cell in cells]
    header = tuple(
        _heading(pdf, column, cell, size) for column, cell in zip(columns, cells, strict=True)
    )
    head = max((text.height for text in header), default=leading(size)) + 1.5
    rows = sum(_row_height(plan.weeks, columns, n, size, inline) for n in range(len(plan.weeks)))
    total = _title_height(pdf, plan, width) + head + rows
    if total > height and not force:
        return None
    return Layout(orientation, size, inline, (*fixed, *cells), header, total)


def _heading(pdf: Document, column: Column, cell: float, size: float) -> Text:
    """An exercise's name over its column, smaller where its longest word would not fit
    (a word is never broken), but never smaller than the cells' text."""
    big = size * HEADER
    longest = max(pdf.width_of(word, big, True) for word in column.name.split())
    room = cell - 2 * PAD
    fitted = big if longest <= room else max(size, big * room / longest)
    name = column.name + (f"\n({column.note})" if column.note else "")
    return wrap(pdf, name, cell, fitted, True)


def _small(pdf: Document, text: str, size: float) -> float:
    return pdf.width_of(text, size * 0.85, False) if text else 0.0


def _row_height(
    weeks: Sequence[Week], columns: Sequence[Column], number: int, size: float, inline: bool
) -> float:
    two = not inline and any(column.cells[number][1] for column in columns)
    return leading(size) + (leading(size * 0.85) if two else 0.0) + 0.5


def _paint(pdf: Document, plan: Plan, columns: Sequence[Column], layout: Layout) -> None:
    x, y = pdf.l_margin, pdf.t_margin
    width = pdf.epw
    draw(pdf, Text(("Strength plan at a glance",), 13, bold=True), x, y, width)
    y += leading(13)
    draw(pdf, Text((f"{goal(plan)[0].upper()}{goal(plan)[1:]}",), 7.5), x, y, width)
    y += leading(7.5)
    legend = wrap(pdf, _legend(plan), width, 6.5)
    draw(pdf, legend, x, y, width)
    y += legend.height + 3
    size = layout.size
    head = max((text.height for text in layout.header), default=leading(size)) + 1.5
    pdf.set_fill_color(GREY)
    pdf.rect(x, y, width, head, style="DF")
    left = x
    for number, column_width in enumerate(layout.widths):
        heading = layout.header[number - FIXED] if number >= FIXED else None
        text = heading or Text((TITLES[number],), size, bold=True)
        draw(pdf, text, left + PAD - pdf.c_margin, y + 0.7, column_width)
        if number:
            pdf.line(left, y, left, y + head)
        left += column_width
    y += head
    previous = ""
    cells = _week_cells(plan.weeks)
    for number, week in enumerate(plan.weeks):
        row = _row_height(plan.weeks, columns, number, size, layout.inline)
        light = week.deload or week.taper or week.heavy_legs
        pdf.set_fill_color(GREY)
        pdf.rect(x, y, width, row, style="DF" if light else "D")
        if week.phase != previous:
            pdf.set_line_width(0.6)
            pdf.line(x, y, x + width, y)
            pdf.set_line_width(0.2)
        previous = week.phase
        texts = [
            Text((part,), size, bold=index in (0, 2)) for index, part in enumerate(cells[number])
        ]
        left = x
        for index, column_width in enumerate(layout.widths):
            if index < FIXED:
                draw(pdf, texts[index], left + PAD - pdf.c_margin, y + 0.25, column_width)
            else:
                dose, extras = columns[index - FIXED].cells[number]
                _draw_cell(pdf, dose, extras, left, y, column_width, size, layout.inline)
            if index:
                pdf.line(left, y, left, y + row)
            left += column_width
        y += row
    pdf.mark(y)


def _draw_cell(
    pdf: Document,
    dose: str,
    extras: str,
    x: float,
    y: float,
    width: float,
    size: float,
    inline: bool,
) -> None:
    if not dose:
        return
    if inline:
        draw(
            pdf, Text((f"{dose} {extras}".strip(),), size), x + PAD - pdf.c_margin, y + 0.25, width
        )
        return
    draw(pdf, Text((dose,), size), x + PAD - pdf.c_margin, y + 0.25, width)
    if extras:
        small = Text((extras,), size * 0.85, grey=60)
        draw(pdf, small, x + PAD - pdf.c_margin, y + 0.25 + leading(size), width)
