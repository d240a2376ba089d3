"""The printable plan: every date and exercise on paper, whole cards, A4 and Letter, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import math
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from plans import plan_for
from pypdf import PdfReader

from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.exports import UnknownPaper, render
from strength.exports.pdf import booklet, printable
from strength.plan import Plan, Prescription, Session, SessionKind

ROOT = Path(__file__).resolve().parents[2]
A4_PT, LETTER_PT = (595.28, 841.89), (612.0, 792.0)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "exercises")


def _plan(catalog: Catalog, **changes: object) -> Plan:
    runner = {"level": "intermediate", "imbalance": {"glute_med": "left"},
              "equipment": ["band", "step"]}  # fmt: skip
    return plan_for(catalog, **{**runner, **changes})


def _pages(pdf: bytes) -> list[str]:
    """Each page's text, whitespace folded (a name may wrap over two lines)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _pdf(plan: Plan, paper: str = "a4") -> bytes:
    content = render(plan, "pdf", paper=paper)
    assert isinstance(content, bytes)
    return content


def _card_title(week: int, day: dt.date) -> str:
    return f"Week {week} · {day:%A} {day.day} {day:%B} {day.year}"


def test_every_session_date_and_every_exercise_name_is_printed(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=None, race="2027-04-25")
    text = " ".join(_pages(_pdf(plan)))
    for week in plan.weeks:
        for session in week.sessions:
            assert _card_title(week.number, session.date) in text
            for item in session.exercises:
                assert " ".join(item.name.split()) in text, (session.date, item.name)


def test_each_card_is_whole_on_one_page(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=16, sessions_per_week=3, minutes_per_session=60)
    pages = _pages(_pdf(plan))
    for week in plan.weeks:
        for session in week.sessions:
            title = _card_title(week.number, session.date)
            [page] = [text for text in pages if title in text]
            card = page[page.index(title) :]
            for item in session.exercises:
                assert " ".join(item.name.split()) in card, (title, item.name)


def test_no_card_is_split_even_in_a_year_of_five_sessions_and_daily_rehab(
    catalog: Catalog,
) -> None:
    plan = _plan(
        catalog,
        weeks=52,
        level="advanced",
        weaknesses=["hamstrings", "glute_med", "core", "calves", "quads", "feet"],
        equipment=["band", "step", "slider", "dumbbell", "kettlebell"],
        sessions_per_week=5,
        minutes_per_session=90,
        week=dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat"), "easy") | {"sun": "long"},
        daily=["heel-drop-straight-knee"],
    )
    for paper in ("a4", "letter"):
        document = booklet(plan, paper)
        assert document.card_pages, "no cards recorded"
        split = [(card, first, last) for card, first, last in document.card_pages if first != last]
        assert split == [], paper


def test_a_24_week_plan_stays_within_a_page_budget(catalog: Catalog) -> None:
    """Budget: the cover, the grid, at least three cards a page (a card of up to four
    exercises is under a third of a page), and at most two glossary entries a page."""
    plan = _plan(
        catalog,
        weeks=24,
        weaknesses=["hamstrings", "glute_med", "core", "calves"],
        equipment=["band", "step", "slider", "dumbbell"],
        sessions_per_week=3,
        minutes_per_session=40,
    )
    cards = len(plan.sessions())
    assert max(len(session.exercises) for session in plan.sessions()) <= 4
    budget = 2 + math.ceil(cards / 3) + math.ceil(len(plan.glossary) / 2)
    for paper in ("a4", "letter"):
        pages = len(PdfReader(io.BytesIO(_pdf(plan, paper))).pages)
        assert pages <= budget, (paper, pages, budget)


def test_a4_and_letter_have_their_page_sizes(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=4)
    for paper, size in (("a4", A4_PT), ("letter", LETTER_PT)):
        reader = PdfReader(io.BytesIO(_pdf(plan, paper)))
        for page in reader.pages:
            box = page.mediabox
            assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_a_race_midweek_ends_the_grid_on_race_day(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=None, race="2027-02-10")
    assert len(plan.weeks[-1].days) < 7
    grid = _pages(_pdf(plan))[1].split("Your sessions")[0]  # the cards follow on its page
    assert "10 RACE" in grid and "11 " not in grid.split("10 RACE")[1]


def test_an_unknown_paper_is_refused_by_name(catalog: Catalog) -> None:
    with pytest.raises(UnknownPaper, match="letter"):
        render(_plan(catalog, weeks=4), "pdf", paper="legal")


def test_the_same_plan_gives_the_same_pdf_bytes(catalog: Catalog) -> None:
    first, second = render(_plan(catalog), "pdf"), render(_plan(catalog), "pdf")
    assert isinstance(first, bytes) and first.startswith(b"%PDF")
    assert first == second
    metadata = PdfReader(io.BytesIO(first)).metadata
    assert metadata is not None and metadata["/CreationDate"].startswith("D:20270104")


WARM_UP = (
    Prescription("glute-bridge", "Glute bridge", ("glute_max",), sets=1, reps=(10,), rest_s=15),
    Prescription("dead-bug", "Dead bug", ("core",), sets=1, reps=(6,), per_side=True, rest_s=15),
    Prescription("heel-walk", "Heel walk", ("shins",), sets=1, distance_m=15, rest_s=15),
)
WARM_UP_LINE = "Warm-up: Glute bridge 1 x 10; Dead bug 1 x 6 each side; Heel walk 1 x 15 m"


def _with_warm_up(plan: Plan, warm_up: tuple[Prescription, ...] = WARM_UP) -> Plan:
    """Every strength session opens with `warm_up`; the first comes after a hard run."""
    first = plan.strength_sessions()[0]

    def changed(session: Session) -> Session:
        if not session.strength():
            return session
        if session is first:
            return replace(session, warm_up=warm_up, kind=SessionKind.after_hard, run="hard")
        return replace(session, warm_up=warm_up)

    weeks = tuple(
        replace(week, sessions=tuple(changed(s) for s in week.sessions)) for week in plan.weeks
    )
    return replace(plan, weeks=weeks)


def test_every_card_gives_its_warm_up_between_its_title_and_its_exercises(
    catalog: Catalog,
) -> None:
    plan = _with_warm_up(_plan(catalog, weeks=8, sessions_per_week=3, minutes_per_session=60))
    pages = _pages(_pdf(plan))
    for week in plan.weeks:
        for session in week.strength_sessions():
            title = _card_title(week.number, session.date)
            [page] = [text for text in pages if title in text]
            card = page[page.index(title) :]
            warm_up = card.index(WARM_UP_LINE)
            assert warm_up < card.index("Exercise Sets Each set"), title
            after = warm_up + len(WARM_UP_LINE)
            for item in session.exercises:
                assert " ".join(item.name.split()) in card[after:], (title, item.name)


def test_no_card_with_a_warm_up_is_split_over_two_pages(catalog: Catalog) -> None:
    plan = _with_warm_up(
        _plan(
            catalog,
            weeks=16,
            level="advanced",
            weaknesses=["hamstrings", "glute_med", "core", "calves", "quads", "feet"],
            equipment=["band", "step", "slider", "dumbbell", "kettlebell"],
            sessions_per_week=5,
            minutes_per_session=90,
            week=dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat"), "easy")
            | {"sun": "long"},
        ),
        WARM_UP * 2,  # a long warm-up: two lines on a card
    )
    for paper in ("a4", "letter"):
        document = booklet(plan, paper)
        assert document.card_pages
        assert [c for c in document.card_pages if c[1] != c[2]] == [], paper
        assert all(room < card for _, room, card in document.breaks), paper


def test_the_cover_explains_the_warm_up_only_when_sessions_have_one(catalog: Catalog) -> None:
    plan = _plan(catalog, weeks=4)
    legend = "Warm-up the easy movements under the card's title"

    warmed = _pages(_pdf(_with_warm_up(plan)))
    bare = _pages(_pdf(_with_warm_up(plan, ())))

    assert legend in warmed[0] and legend not in bare[0]
    assert "Start with the warm-up under each card's title" in " ".join(warmed)
    assert "Warm up first" in " ".join(bare) and "Warm-up:" not in " ".join(bare)


def test_a_card_after_a_hard_run_says_so_in_words(catalog: Catalog) -> None:
    plan = _with_warm_up(_plan(catalog, weeks=4))
    session = plan.strength_sessions()[0]
    text = " ".join(_pages(_pdf(plan)))
    assert f"Session after your hard run, about {session.minutes} min" in text
    assert "after_hard" not in text.lower()


def test_the_pages_are_numbered(catalog: Catalog) -> None:
    pages = _pages(_pdf(_plan(catalog, weeks=4)))
    for number, text in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in text


def test_the_cover_names_the_goal_and_the_four_principles(catalog: Catalog) -> None:
    cover = _pages(_pdf(_plan(catalog, weeks=None, race="2027-04-25")))[0]
    assert "Sunday 25 April 2027" in cover and "Intermediate" in cover
    assert "1. Hamstrings" in cover
    for principle in ("Build slowly", "Form first", "Never before hard days", "Taper"):
        assert principle in cover


def test_the_cover_says_where_strength_goes_as_the_runner_chose(catalog: Catalog) -> None:
    plain = _pages(_pdf(_plan(catalog)))[0]
    assert "never on a hard-workout day" in plain
    after_hard = _pages(_pdf(_plan(catalog, rules={"strength_after_hard_runs": True})))[0]
    assert "never on a hard-workout day" not in after_hard
    assert "after a hard workout on the same day" in after_hard


def test_the_glossary_gives_cues_cautions_and_the_easier_and_harder_option(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog)
    text = " ".join(_pages(_pdf(plan))[-3:])
    for notes in plan.glossary:
        assert " ".join(notes.cues[0].split()) in text
        if notes.easier:
            assert notes.easier in text
        if notes.harder:
            assert notes.harder in text


def _renamed(plan: Plan, exercise_id: str, name: str, cue: str) -> Plan:
    weeks = tuple(
        replace(
            week,
            sessions=tuple(
                replace(
                    session,
                    exercises=tuple(
                        replace(item, name=name) if item.id == exercise_id else item
                        for item in session.exercises
                    ),
                )
                for session in week.sessions
            ),
        )
        for week in plan.weeks
    )
    glossary = tuple(
        replace(notes, name=name, cues=(cue, *notes.cues)) if notes.id == exercise_id else notes
        for notes in plan.glossary
    )
    return replace(plan, weeks=weeks, glossary=glossary)


NASTY_NAME = "<b>Nordic</b> **curl** \x07\x1b[31m é"
NASTY_CUE = "Lean __slowly__ --and-- ~~never~~ <i>fast</i>\x00\x0b."


def test_catalog_markup_and_control_characters_print_as_plain_text(catalog: Catalog) -> None:
    plan = _plan(catalog)
    first = plan.sessions()[0].exercises[0].id
    plan = _renamed(plan, first, NASTY_NAME, NASTY_CUE)
    text = " ".join(_pages(_pdf(plan)))
    assert "<b>Nordic</b> **curl** [31m é" in text
    assert "Lean __slowly__ --and-- ~~never~~ <i>fast</i>." in text
    assert not any(ord(char) < 32 for char in text)


def test_printable_keeps_newlines_and_drops_control_characters() -> None:
    assert printable("a\tb\x07c\r\nd\u200be") == "a bc\nde"


def test_the_cli_refuses_to_write_a_pdf_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["build", str(ROOT / "examples" / "marathon.yaml"), "--format", "pdf"]) == 2
    captured = capsys.readouterr()
    assert "-o" in captured.err and captured.out == ""
