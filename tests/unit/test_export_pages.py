"""What a runner pins up: one week on one page, the plan on one page, and a booklet whose
pages are used; and the printed words say what the app says, from the same sources."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from plans import plan_for
from pypdf import PdfReader

from strength import method
from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.exports import NoSuchWeek, render, summary_pdf, week_sheet_pdf
from strength.exports.pdf import booklet
from strength.plan import Plan, Week
from strength.profile import Rules

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "marathon.yaml"
EVERY_DAY_EASY = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat"), "easy")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "exercises")


def _runners() -> dict[str, dict[str, object]]:
    return {
        "marathon": {"level": "intermediate", "weeks": None, "race": "2027-05-23",
                     "equipment": ["band", "step", "slider"], "imbalance": {"glute_med": "left"}},
        "three a week": {"weeks": 24, "weaknesses": ["hamstrings", "glute_med", "core", "calves"],
                         "equipment": ["band", "step", "slider", "dumbbell"],
                         "sessions_per_week": 3, "minutes_per_session": 40},
        "five a week and daily rehab": {
            "weeks": 52, "level": "advanced",
            "weaknesses": ["hamstrings", "glute_med", "core", "calves", "quads", "feet"],
            "equipment": ["band", "step", "slider", "dumbbell", "kettlebell"],
            "sessions_per_week": 5, "minutes_per_session": 90,
            "week": EVERY_DAY_EASY | {"sun": "long"}, "daily": ["heel-drop-straight-knee"]},
        "two hours, every weak link": {
            "weeks": 16, "level": "advanced", "sessions_per_week": 5, "minutes_per_session": 120,
            "weaknesses": ["hamstrings", "glute_med", "core", "calves", "quads", "feet",
                           "adductors"],
            "equipment": ["band", "step", "slider", "dumbbell", "kettlebell", "bench", "box"],
            "week": EVERY_DAY_EASY | {"sun": "long"}, "long_run_strategy": "same_day",
            "daily": ["heel-drop-straight-knee"]},
    }  # fmt: skip


RUNNERS = _runners()


def _plan(catalog: Catalog, runner: str) -> Plan:
    return plan_for(catalog, **RUNNERS[runner])


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _longest(plan: Plan) -> Week:
    return max(plan.weeks, key=lambda w: (sum(len(s.exercises) for s in w.sessions), -w.number))


# ----------------------------------------------------------------------------
# The same words as the app


def test_the_cover_never_puts_strength_on_a_rest_day(catalog: Catalog) -> None:
    for runner in RUNNERS:
        cover = _pages(render(_plan(catalog, runner), "pdf"))[0]
        assert "Rest days stay rest" in cover
        assert not re.search(r"(on|or) a rest day", cover), runner


def test_the_cover_names_the_equipment_in_the_vocabularys_words(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    cover = _pages(render(plan, "pdf"))[0]
    for item in plan.profile.equipment:
        assert " ".join(catalog.vocabulary.equipment[item].split()) in cover
    assert "band, step, slider" not in cover


def test_the_glossary_gives_the_easier_and_harder_rung_of_the_catalogs_ladder(
    catalog: Catalog,
) -> None:
    for runner in RUNNERS:
        plan = _plan(catalog, runner)
        for notes in plan.glossary:
            easier, harder = catalog.easier(notes.id), catalog.harder(notes.id)
            assert notes.easier == (easier.name if easier else None), notes.id
            assert notes.harder == (harder.name if harder else None), notes.id


def test_the_printed_glossary_shows_a_ladders_neighbours(catalog: Catalog) -> None:
    plan = _plan(catalog, "five a week and daily rehab")
    text = " ".join(_pages(render(plan, "pdf")))
    worked = [n for n in plan.glossary if n.easier and n.harder]
    assert worked
    for notes in worked:
        assert " ".join(notes.easier.split()) in text and " ".join(notes.harder.split()) in text


def test_the_method_sentences_read_their_numbers_from_the_rules() -> None:
    default = method.principles(Rules())
    changed = method.principles(
        Rules(hours_between_leg_sessions=72, deload_every=5, deload_cut=0.4, taper_weeks=3,
              taper_cut=0.6, max_weekly_increase=0.05, race_week_free_hours=72)
    )  # fmt: skip
    words = " ".join(p.text for p in changed)
    for said in ("72 h", "5th week", "40% less", "last 3 weeks", "60% less", "at most 5%"):
        assert said in words
    assert "48" not in words and "50%" not in words and "10%" not in words
    assert default != changed
    assert "72 h" in " ".join(method.where_sessions_go(Rules(hours_between_leg_sessions=72)))
    off = method.where_sessions_go(Rules(no_strength_before_hard=False))[0]
    assert "day before" not in off


# ----------------------------------------------------------------------------
# One week on one page


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_the_longest_week_fits_one_page_with_every_date_and_exercise(
    catalog: Catalog, runner: str
) -> None:
    plan = _plan(catalog, runner)
    week = _longest(plan)
    for paper in ("a4", "letter"):
        [page] = _pages(week_sheet_pdf(plan, week.number, paper))
        assert f"Week {week.number}" in page
        for session in week.sessions:
            assert f"{session.date:%a} {session.date.day} {session.date:%b}" in page
            for item in session.exercises:
                assert " ".join(item.name.split()) in page, (session.date, item.name)


def test_a_week_outside_the_plan_is_refused_by_number(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    with pytest.raises(NoSuchWeek, match=f"weeks 1 to {len(plan.weeks)}"):
        week_sheet_pdf(plan, len(plan.weeks) + 1)


# ----------------------------------------------------------------------------
# The plan on one page


def test_a_year_of_many_exercises_fits_one_summary_page(catalog: Catalog) -> None:
    plan = plan_for(catalog, **{**RUNNERS["two hours, every weak link"], "weeks": 52})
    exercises = {item.id for session in plan.sessions() for item in session.exercises}
    assert len(plan.weeks) == 52 and len(exercises) >= 12
    for paper in ("a4", "letter"):
        [page] = _pages(summary_pdf(plan, paper))
        for number in (1, 26, 52):
            assert f" {number} " in page


def test_the_summary_marks_deloads_and_the_taper(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    [page] = _pages(summary_pdf(plan))
    assert page.count("deload") >= sum(w.deload for w in plan.weeks)
    assert "taper" in page and "race week" in page


def test_the_week_sheet_and_the_summary_are_the_same_bytes_each_time(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    assert week_sheet_pdf(plan, 3) == week_sheet_pdf(_plan(catalog, "marathon"), 3)
    assert summary_pdf(plan) == summary_pdf(_plan(catalog, "marathon"))


# ----------------------------------------------------------------------------
# The booklet's pages are used


@pytest.mark.parametrize("runner", list(RUNNERS)[:3])
def test_no_page_but_the_cover_and_the_last_is_less_than_60_percent_used(
    catalog: Catalog, runner: str
) -> None:
    """Sections follow on from each other (the cards after the grid, the glossary after the
    cards), so no section leaves its last page part-empty."""
    fill = booklet(_plan(catalog, runner), "a4").fill()
    thin = [(page, used) for page, used in enumerate(fill[1:-1], 2) if used < 0.6]
    assert thin == []


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_a_card_goes_over_the_page_only_when_it_cannot_fit_the_room_left(
    catalog: Catalog, runner: str
) -> None:
    """Also for two-hour sessions, whose cards are over half a page: one to a page."""
    document = booklet(_plan(catalog, runner), "a4")
    assert document.breaks
    assert all(room < card for _, room, card in document.breaks)


def test_each_side_sets_have_an_l_and_an_r_box_and_the_extra_set_is_marked(
    catalog: Catalog,
) -> None:
    plan = _plan(catalog, "marathon")
    item = next(i for s in plan.sessions() for i in s.exercises if i.per_side and i.extra_set_side)
    session = next(s for s in plan.sessions() if item in s.exercises)
    week = next(w for w in plan.weeks if session in w.sessions)
    [page] = _pages(week_sheet_pdf(plan, week.number))
    assert re.search(rf"(L R ){{{item.sets}}}\+L", page), page


# ----------------------------------------------------------------------------
# From the command line


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["build", str(PROFILE), *args])
    return code, capsys.readouterr().err


def test_the_cli_prints_one_week_or_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["--week", "3"], ["--summary"]):
        out = tmp_path / "page.pdf"
        code, err = _run(capsys, "--format", "pdf", *args, "-o", str(out))
        assert code == 0 and "wrote" in err
        assert len(PdfReader(out).pages) == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--format", "pdf", "--week", "21"], "week 21 is not in the plan: it has weeks 1 to 20"),
        (["--format", "pdf", "--week", "0"], "week 0 is not in the plan"),
        (
            ["--format", "md", "--week", "3"],
            "--week makes a printed page, so it needs --format pdf",
        ),
        (["--summary"], "--summary makes a printed page, so it needs --format pdf"),
        (["--format", "pdf", "--week", "3", "--summary"], "choose one: --week N"),
    ],
)
def test_the_cli_refuses_a_sheet_it_cannot_print_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, err = _run(capsys, *args, "-o", str(tmp_path / "x"))
    assert code == 2
    assert said in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_a_week_sheet_is_refused_on_a_terminal_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, err = _run(capsys, "--format", "pdf", "--week", "3")
    assert code == 2 and "-o" in err
