"""What a runner pins up: one week on one page, the plan on one page, and a booklet whose
pages are used; and the printed words say what the app says, from the same sources."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from plans import plan_for
from pypdf import PdfReader

from strength import method
from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.exports import NoSuchWeek, render, summary_pdf, week_sheet_pdf
from strength.exports.pdf import booklet
from strength.exports.sessions import warm_up_line
from strength.exports.tables import CSV_COLUMNS
from strength.plan import Plan, Prescription, Session, SessionKind, Week
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


WARM_UP = (
    Prescription("glute-bridge", "Glute bridge", ("glute_max",), sets=1, reps=(10,), rest_s=15),
    Prescription("dead-bug", "Dead bug", ("core",), sets=1, reps=(6,), per_side=True, rest_s=15),
    Prescription("heel-walk", "Heel walk", ("shins",), sets=1, distance_m=15, rest_s=15),
)
WARM_UP_LINE = "Warm-up: Glute bridge 1 x 10; Dead bug 1 x 6 each side; Heel walk 1 x 15 m"


def _warmed_up(plan: Plan) -> Plan:
    """The plan with every strength session opening with WARM_UP (not the builder's own
    choice, which may change), and its first session after a hard run, the same day."""
    first = plan.strength_sessions()[0]

    def changed(session: Session) -> Session:
        if not session.strength():
            return session
        if session is first:
            return replace(session, warm_up=WARM_UP, kind=SessionKind.after_hard, run="hard")
        return replace(session, warm_up=WARM_UP)

    weeks = tuple(
        replace(week, sessions=tuple(changed(s) for s in week.sessions)) for week in plan.weeks
    )
    return replace(plan, weeks=weeks)


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


@pytest.mark.parametrize("runner", list(RUNNERS))
def test_the_week_sheet_gives_each_session_its_warm_up_and_still_fits_one_page(
    catalog: Catalog, runner: str
) -> None:
    plan = _warmed_up(_plan(catalog, runner))
    week = _longest(plan)
    for paper in ("a4", "letter"):
        [page] = _pages(week_sheet_pdf(plan, week.number, paper))
        strength = [s for s in week.sessions if s.strength()]
        assert page.count(WARM_UP_LINE) == len(strength), (paper, page)
        for session in week.sessions:
            for item in session.exercises:
                assert " ".join(item.name.split()) in page, (session.date, item.name)


def test_a_session_after_a_hard_run_is_said_in_words_on_the_week_sheet(catalog: Catalog) -> None:
    plan = _warmed_up(_plan(catalog, "marathon"))
    session = plan.strength_sessions()[0]
    week = next(w for w in plan.weeks if session in w.sessions)

    [page] = _pages(week_sheet_pdf(plan, week.number))

    assert (
        f"{session.date:%a} {session.date.day} {session.date:%b}: session after your hard run"
        in (page)
    )
    assert "after_hard" not in page
    assert page.count("after your hard run") == 1  # said once, not again as the day's run


# ----------------------------------------------------------------------------
# The text exports: Markdown and CSV


def test_the_markdown_gives_the_warm_up_between_the_reason_and_the_exercises(
    catalog: Catalog,
) -> None:
    plan = _warmed_up(_plan(catalog, "marathon"))
    text = render(plan, "md")
    assert isinstance(text, str)
    sessions = text.split("\n### ")[1:]
    assert len(sessions) == len(plan.sessions())
    for block, session in zip(sessions, plan.sessions(), strict=True):
        if not session.strength():
            assert "Warm-up" not in block
            continue
        reason, warm_up, table = block.split("\n\n")[1:4]
        assert reason == session.reason
        assert warm_up == WARM_UP_LINE
        assert table.startswith("| Exercise | Dose |")
    assert "session after your hard run, about" in text and "after_hard" not in text


def test_a_session_without_a_warm_up_prints_no_warm_up_line(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    bare = replace(
        plan,
        weeks=tuple(
            replace(week, sessions=tuple(replace(s, warm_up=()) for s in week.sessions))
            for week in plan.weeks
        ),
    )
    text = render(bare, "md")
    assert isinstance(text, str) and "Warm-up" not in text
    assert "\n\n\n" not in text  # no empty line left where the warm-up would go


def test_a_warm_up_dose_is_said_short_and_keeps_sides_and_lowering(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    hold = Prescription("heel-dig-bridge-hold", "Heel-dig bridge hold", ("hamstrings",), 1,
                        hold_s=15)  # fmt: skip
    drop = Prescription("pelvic-drop", "Pelvic drop", ("glute_med",), 1, reps=(8,),
                        eccentric_s=3, per_side=True)  # fmt: skip
    session = replace(plan.strength_sessions()[0], warm_up=(hold, drop))

    assert warm_up_line(plan, session) == (
        "Warm-up: Heel-dig bridge hold 1 x 15 s; Pelvic drop 1 x 8 each side, 3 s lowering"
    )
    assert warm_up_line(plan, replace(session, warm_up=())) == ""


OLD_CSV_COLUMNS = (
    "week", "phase", "deload", "taper", "date", "weekday", "session", "minutes",
    "exercise_id", "exercise", "areas", "sets", "reps", "hold_s", "eccentric_s", "tempo",
    "contacts", "distance_m", "load", "per_side", "extra_set_side", "dose",
)  # fmt: skip


def test_the_csv_gives_each_warm_up_movement_a_row_before_the_exercises(
    catalog: Catalog,
) -> None:
    plan = _warmed_up(_plan(catalog, "marathon"))
    text = render(plan, "csv")
    assert isinstance(text, str)
    header, *rows = list(csv.reader(io.StringIO(text)))

    assert tuple(header) == CSV_COLUMNS
    assert tuple(header[: len(OLD_CSV_COLUMNS)]) == OLD_CSV_COLUMNS  # a sheet keeps its columns
    warm_up = header.index("warm_up")
    assert warm_up == len(OLD_CSV_COLUMNS)  # the first column added after them
    expected = []
    for session in plan.sessions():
        expected += [(session.date.isoformat(), item.id, "True") for item in session.warm_up]
        expected += [(session.date.isoformat(), item.id, "False") for item in session.exercises]
    assert [(row[4], row[8], row[warm_up]) for row in rows] == expected
    bridge = next(row for row in rows if row[8] == "glute-bridge")
    cells = dict(zip(header, bridge, strict=True))
    assert (cells["exercise"], cells["sets"], cells["reps"], cells["dose"]) == (
        "Glute bridge",
        "1",
        "10",
        "1 x 10 reps",
    )


def test_the_csv_and_json_say_which_protocol_week_a_dose_is(catalog: Catalog) -> None:
    plan = _plan(catalog, "marathon")
    header, *rows = list(csv.reader(io.StringIO(str(render(plan, "csv")))))
    nordic = [dict(zip(header, row, strict=True)) for row in rows if row[8] == "nordic-curl"]
    by_week = {(int(r["week"]), r["protocol_week"]) for r in nordic}
    assert (1, "1") in by_week and (2, "2") in by_week
    deloads = {w.number for w in plan.weeks if w.deload}
    assert all(week not in deloads or number == "" for week, number in by_week)
    data = json.loads(str(render(plan, "json")))
    first = data["weeks"][0]["sessions"][0]["exercises"]
    assert any(e["id"] == "nordic-curl" and e["protocol_week"] == 1 for e in first)


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


def test_the_summary_names_the_warm_up_movements_its_table_leaves_out(catalog: Catalog) -> None:
    plan = _warmed_up(_plan(catalog, "marathon"))
    bare = replace(
        plan,
        weeks=tuple(
            replace(week, sessions=tuple(replace(s, warm_up=()) for s in week.sessions))
            for week in plan.weeks
        ),
    )

    [page] = _pages(summary_pdf(plan))
    [without] = _pages(summary_pdf(bare))

    assert "Sessions start with a warm-up from: Glute bridge, Dead bug, Heel walk" in page
    assert "warm-up" not in without.lower()


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
