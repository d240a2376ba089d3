"""The whole booklet: the cover, the weeks at a glance, a card per session, the glossary.

The cover has its page; the grid starts the next one, and the cards and the glossary
follow on from where the section before them ends, so only the last page of the booklet
is left part-empty by design (and a page whose next card cannot fit in the room left).
"""

from __future__ import annotations

import datetime as dt

from ...plan import Plan
from .cards import card_kind, session_cards
from .cover import cover
from .glossary import glossary
from .grid import weeks_at_a_glance
from .typeset import Document


class Booklet(Document):
    """Records the first and last page of each card (`card_pages`), so a test can see that no
    card is split, each page break between cards with the room left and the card's height
    (`breaks`), and links grid cells to their cards."""

    def __init__(self, plan: Plan, paper: str) -> None:
        super().__init__(plan, paper)
        self.card_pages: list[tuple[str, int, int]] = []
        self.card_links: dict[tuple[dt.date, str], int] = {}
        self.breaks: list[tuple[int, float, float]] = []  # page, room left (mm), card (mm)


def booklet(plan: Plan, paper: str = "a4") -> Booklet:
    """The whole document, laid out: cover, weeks at a glance, cards, glossary."""
    pdf = Booklet(plan, paper)
    for session in plan.sessions():
        pdf.card_links.setdefault((session.date, card_kind(session)), pdf.add_link(page=1))
    cover(pdf, plan)
    weeks_at_a_glance(pdf, plan, pdf.card_links)
    session_cards(pdf, plan)
    glossary(pdf, plan)
    return pdf


def plan_pdf(plan: Plan, paper: str = "a4") -> bytes:
    """The printable plan as PDF bytes, on A4 or US Letter. The plan carries the catalog's names, so
    equipment prints by its name ('Resistance band ...'), not its id ('band')."""
    return bytes(booklet(plan, paper).output())
