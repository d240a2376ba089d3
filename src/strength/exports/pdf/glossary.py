"""The glossary: each exercise once, how to do it, what to watch, the easier and harder option."""

from __future__ import annotations

from ...plan import ExerciseNotes, Plan
from ...words import tempo_in_words
from .typeset import (
    BULLET,
    Document,
    Labelled,
    Text,
    draw,
    draw_labelled,
    heading,
    keep_together,
    labelled,
    wrap,
)

INTRO = (
    "Every exercise in your plan, in the order you meet it. On a bad day take the easier "
    "option; when the last set feels easy, the harder one is next. The options are the "
    "rungs next to it on its ladder in the catalog."
)


def glossary(pdf: Document, plan: Plan) -> None:
    """The section follows the last card on its page when the heading and an entry fit."""
    if not plan.glossary:
        return
    entries = [_measure(pdf, notes) for notes in plan.glossary]
    pdf.ln(4)
    heading(pdf, "Exercise glossary", INTRO, keep=_height(*entries[0]))
    for name, table in entries:
        _draw_entry(pdf, name, table)


def _measure(pdf: Document, notes: ExerciseNotes) -> tuple[Text, Labelled]:
    name = wrap(pdf, notes.name, pdf.epw, 10.5, bold=True)
    shown = [(label, pdf.plan.in_units(text)) for label, text in rows(notes)]
    return name, labelled(pdf, shown, pdf.epw, 30, 8, gap=1.0)


def _height(name: Text, table: Labelled) -> float:
    return name.height + 1.5 + table.height + 4


def _draw_entry(pdf: Document, name: Text, table: Labelled) -> None:
    keep_together(pdf, _height(name, table))
    top = pdf.get_y()
    draw(pdf, name, pdf.l_margin, top, pdf.epw)
    pdf.set_y(top + name.height + 1.5)
    draw_labelled(pdf, table, pdf.l_margin, pdf.epw)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.l_margin + pdf.epw, pdf.get_y() + 1.5)
    pdf.set_draw_color(0)
    pdf.mark()
    pdf.set_y(min(pdf.get_y() + 4, pdf.page_break_trigger))


def rows(notes: ExerciseNotes) -> list[tuple[str, str]]:
    """An entry's rows; the easier and harder option are the plan's notes, which the builder
    takes from the catalog's ladder (the same neighbours the Exercises page shows)."""
    return [
        ("Why it helps", notes.why),
        ("How to do it", "\n".join(BULLET + cue for cue in notes.cues)),
        ("Tempo", f"{notes.tempo}: {tempo_in_words(notes.tempo)}" if notes.tempo else ""),
        ("Careful", "\n".join(BULLET + caution for caution in notes.cautions)),
        ("Step down", notes.step_down),
        ("Easier option", notes.easier or "none: this is the first rung of its ladder"),
        ("Harder option", notes.harder or "none: this is the top rung of its ladder"),
        ("Source", notes.source),
    ]
