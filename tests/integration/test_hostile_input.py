"""Every value a person writes is checked, with a message naming it: no traceback, no hang,
nothing taken silently.

Each hostile input goes through each way in: `strength build` and `strength catalog check`
(exit 2 for a profile, 1 for a catalog, a message naming the value, no traceback), an
upload (`read_profile_text`) and the loader (`load_catalog`, `check_catalog`). Reads that
could block (a named pipe) run in a child process with a timeout, and nothing is written.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from strength.catalog import BUNDLED, MAX_FOLDER_DEPTH, catalog_files, check_catalog, load_catalog
from strength.cli import EXIT_CATALOG, EXIT_INPUT, main
from strength.editing import open_for_editing
from strength.errors import CatalogError, FieldIssue, ProfileError, StrengthError
from strength.planning import build_plan
from strength.profile import EARLIEST_DAY, LATEST_DAY, read_profile_text

ROOT = Path(__file__).resolve().parents[2]
WEEK = "{mon: rest, tue: easy, wed: hard, thu: easy, fri: rest, sat: easy, sun: long}"
PROFILE = f"""\
start: 2027-01-04
weeks: 12
weaknesses: [hamstrings, calves]
minutes_per_session: 30
week: {WEEK}
"""
EXERCISE = """\
exercises:
  - id: hostile-curl
    name: Hostile curl
    areas: [hamstrings]
    muscles: {primary: [hamstrings]}
    pattern: knee_flexion
    level: beginner
    mode: reps
    dose:
      beginner: {sets: 2, reps: 8}
    cues: [Move slowly.]
    why: It makes the muscle stronger.
    cautions: [Stop if it hurts.]
    step_down: Use a smaller range.
    source: Test catalog.
"""
SECRET = "password: hunter2\napi_token: s3cr3t\nuser: root\n"


def _profile(old: str = "", new: str = "") -> str:
    assert old in PROFILE
    return PROFILE.replace(old, new, 1) if old else PROFILE


def _exercise(old: str, new: str) -> str:
    assert old in EXERCISE
    return EXERCISE.replace(old, new, 1)


def _line(text: str, part: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if part in line)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped catalog, to add a hostile file to."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "exercises"))


@pytest.fixture(autouse=True)
def _no_catalog_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRENGTH_CATALOG", raising=False)
    monkeypatch.delenv("STRENGTH_COACH_CATALOG", raising=False)


# ----------------------------------------------------------------------------
# Profiles: each hostile answer, its line and the words that name it

PROFILES: list[tuple[str, str, str, str, list[str]]] = [
    # (case, profile text, the answer at fault, the text on the faulty line, words)
    ("no such day", _profile("start: 2027-01-04", "start: 2027-02-30"), "start", "start:",
     ["First day of the plan: '2027-02-30' is not a date", "YYYY-MM-DD"]),
    ("year zero", _profile("start: 2027-01-04", "start: 0000-01-01"), "start", "start:",
     ["First day of the plan: '0000-01-01' is not a date"]),
    ("a number of 5,000 digits", _profile("minutes_per_session: 30",
                                          "minutes_per_session: " + "9" * 5000),
     "minutes_per_session", "minutes_per_session:",
     ["Minutes a session must be a whole number between 10 and 120",
      "a number with 5,000 digits was given"]),
    ("a week count of 5,000 digits", _profile("weeks: 12", "weeks: 1" + "0" * 4999), "weeks",
     "weeks:", ["Plan length in weeks", "a number with 5,000 digits"]),
    ("a start in year 9999", _profile("start: 2027-01-04", "start: 9999-12-27")
     .replace("weeks: 12", "weeks: 52"), "start", "start:",
     ["First day of the plan: Mon 27 Dec 9999 is outside the years this planner covers",
      f"between Sat 1 Jan {EARLIEST_DAY.year} and Fri 31 Dec {LATEST_DAY.year}"]),
    ("a start before 2000", _profile("start: 2027-01-04", "start: 1999-12-27"), "start",
     "start:", ["First day of the plan: Mon 27 Dec 1999 is outside the years"]),
    ("a race after 2100", _profile("weeks: 12", "race: 2101-01-09")
     .replace("start: 2027-01-04", "start: 2100-11-01"), "race", "race:",
     ["Race day: Sun 9 Jan 2101 is outside the years this planner covers"]),
    ("weeks: true", _profile("weeks: 12", "weeks: true"), "weeks", "weeks:",
     ["Plan length in weeks must be a whole number between 1 and 52; yes was given."]),
    ("minutes: yes", _profile("minutes_per_session: 30", "minutes_per_session: yes"),
     "minutes_per_session", "minutes_per_session:",
     ["Minutes a session must be a whole number between 10 and 120; yes was given."]),
    ("a rule: yes", _profile() + "rules: {deload_every: yes}\n", "rules.deload_every", "rules:",
     ["Deload every so many weeks must be a whole number between 0 and 12; yes was given."]),
    ("heavy legs: [true]", _profile() + "heavy_legs: [true]\n", "heavy_legs", "heavy_legs:",
     ["Heavy-legs weeks: yes (item 1) is not a week"]),
    ("minutes as 1:30", _profile("minutes_per_session: 30", "minutes_per_session: 1:30"),
     "minutes_per_session", "minutes_per_session:",
     ["Minutes a session must be a whole number between 10 and 120; '1:30' was given."]),
    ("a day called sunshine", _profile("sun: long", "sunshine: long"), "week", "week:",
     ["Running week: 'sunshine' is not a day of the week", "or in full (Monday ... Sunday)"]),
    ("a day called Mond", _profile("mon: rest", "Mond: rest"), "week", "week:",
     ["Running week: 'Mond' is not a day of the week"]),
    ("Mon and mon", _profile("mon: rest", "mon: rest, Mon: easy"), "week", "week:",
     ["Running week: Monday is given as 'mon' and 'Mon'; say what you run on Monday once."]),
    ("mon and Monday", _profile("mon: rest", "Monday: rest, mon: rest"), "week", "week:",
     ["Running week: Monday is given as 'Monday' and 'mon'"]),
    ("daily given twice", _profile() + "daily: [nordic-curl]\ndaily: [heel-drop-straight-knee]\n",
     "daily", "daily: [heel",
     ["Daily rehab protocol is given twice (lines 6 and 7); keep one of them."]),
    ("a day given twice", _profile("tue: easy", "tue: easy, tue: hard"), "week", "week:",
     ["Running week: Tuesday is given twice (lines 5 and 5)"]),
    ("a rule given twice", _profile() + "rules:\n  taper_weeks: 2\n  taper_weeks: 3\n",
     "rules.taper_weeks", "  taper_weeks: 3",
     ["Coaching rules: Taper length in weeks ('taper_weeks') is given twice (lines 7 and 8); "
      "keep one of them."]),
    ("an unknown answer twice", _profile() + "colour: red\ncolour: blue\n", "colour",
     "colour: blue", ["'colour' is given twice (lines 6 and 7)"]),
    ("weak links as a !!set", _profile("[hamstrings, calves]", "!!set {hamstrings, calves}"),
     "weaknesses", "weaknesses:",
     ["Weak links must be a list", "an unordered set (!!set) was given"]),
    ("a weaker side on no weak link", _profile() + "imbalance: {glute_med: left}\n",
     "imbalance", "imbalance:",
     ["Weaker side: 'glute_med' is not among your weak links (hamstrings and calves)",
      "add it to your weak links, or remove its weaker side."]),
    ("a word tagged as a number", _profile("weeks: 12", "weeks: !!int twelve"), "weeks",
     "weeks:", ["Plan length in weeks must be a whole number between 1 and 52; 'twelve'"]),
]  # fmt: skip
PROFILE_IDS = [case for case, *_ in PROFILES]


def _faults(issue: FieldIssue) -> list[str]:
    """The unit tests' judge of a runner's message (tests/unit/test_profile_messages.py)."""
    spec = importlib.util.spec_from_file_location(
        "_messages", ROOT / "tests" / "unit" / "test_profile_messages.py"
    )
    assert spec is not None and spec.loader is not None
    messages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(messages)
    found: list[str] = messages.faults(issue.message, issue.field)
    return found


@pytest.mark.parametrize(("case", "text", "field", "on", "words"), PROFILES, ids=PROFILE_IDS)
def test_an_upload_names_the_answer_its_line_and_the_value(
    case: str, text: str, field: str, on: str, words: list[str]
) -> None:
    with pytest.raises(ProfileError) as error:
        read_profile_text(text, "runner.yaml")

    issues = [issue for issue in error.value.issues if issue.field == field]
    assert issues, error.value.issues
    assert str(issues[0]).startswith(f"runner.yaml line {_line(text, on)}: "), issues[0]
    for word in words:
        assert word in str(issues[0]), (word, str(issues[0]))
    for issue in error.value.issues:
        assert not _faults(issue), (issue, _faults(issue))


@pytest.mark.parametrize(("case", "text", "field", "on", "words"), PROFILES, ids=PROFILE_IDS)
def test_strength_build_exits_2_with_the_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str, field: str,
    on: str, words: list[str],
) -> None:  # fmt: skip
    path = tmp_path / "runner.yaml"
    path.write_text(text, encoding="utf-8")
    output = tmp_path / "plan.json"

    status = main(["build", str(path), "--catalog", str(BUNDLED), "-o", str(output)])

    out, err = capsys.readouterr()
    assert status == EXIT_INPUT == 2
    assert f"{path} line {_line(text, on)}: " in err
    for word in words:
        assert word in err
    assert "Traceback" not in out + err
    assert out == ""
    assert not output.exists()


def test_full_and_short_day_names_in_any_case_are_one_running_week() -> None:
    week = (
        "{MONDAY: rest, Tue: easy, wednesday: hard, THU: easy, Fri: rest, sat: easy, Sunday: long}"
    )
    profile = read_profile_text(_profile(WEEK, week), "runner.yaml")

    assert [profile.week[day].value for day in ("mon", "wed", "sun")] == ["rest", "hard", "long"]


def test_a_number_written_with_a_leading_zero_is_the_number_a_runner_means() -> None:
    # YAML 1.1 reads 010 as 8 (octal); a runner means ten.
    profile = read_profile_text(_profile("weeks: 12", "weeks: 010"), "runner.yaml")

    assert profile.weeks == 10


def test_the_plan_of_the_last_day_allowed_stays_in_the_calendar() -> None:
    text = _profile("start: 2027-01-04", f"start: {LATEST_DAY.isoformat()}").replace(
        "weeks: 12", "weeks: 52"
    )

    plan = build_plan(read_profile_text(text, "runner.yaml"), load_catalog(BUNDLED))

    assert len(plan.weeks) == 52
    assert plan.weeks[-1].days[-1].date.year == LATEST_DAY.year + 1


def test_a_file_that_is_no_profile_is_refused_without_quoting_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.conf"
    secret.write_text(SECRET + "user: admin\n", encoding="utf-8")  # a duplicate key too

    for text in (SECRET, SECRET + "user: admin\n"):
        with pytest.raises(ProfileError) as error:
            read_profile_text(text, "upload.yaml")
        assert "not a profile" in str(error.value)
        assert not {"password", "hunter2", "api_token", "s3cr3t"} & set(str(error.value).split())
    assert main(["build", str(secret), "--catalog", str(BUNDLED)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "not a profile" in err and "hunter2" not in err and "password" not in err


# ----------------------------------------------------------------------------
# Reads that could block or never end: refused before reading, in a child with a timeout

_BUILD = """\
import sys
from strength.cli import main
sys.exit(main(["build", sys.argv[1], "--catalog", sys.argv[2]]))
"""
_CHECK = """\
import sys
from strength.cli import main
from strength.catalog import check_catalog, load_catalog, CatalogError
problems = check_catalog(sys.argv[1])
print("problems:", *problems, sep="\\n")
try:
    load_catalog(sys.argv[1])
except CatalogError:
    print("load_catalog refused it")
sys.exit(main(["catalog", "check", sys.argv[1]]))
"""


def _child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRENGTH_")}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
        env=env,
    )


def test_a_named_pipe_given_as_a_profile_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "runner.yaml"
    os.mkfifo(pipe)

    done = _child(_BUILD, str(pipe), str(BUNDLED))

    assert done.returncode == EXIT_INPUT, done.stderr
    assert f"{pipe}: This profile cannot be read: this is a named pipe (FIFO)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_given_as_a_profile_is_refused_without_reading(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")

    done = _child(_BUILD, device, str(BUNDLED))

    assert done.returncode == EXIT_INPUT, done.stderr
    assert f"{device}: This profile cannot be read: this is a device, not a file" in done.stderr


def test_a_folder_given_as_a_profile_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path), "--catalog", str(BUNDLED)]) == EXIT_INPUT

    assert "this is a folder, not a file" in capsys.readouterr().err


def test_a_named_pipe_or_a_device_in_a_catalog_folder_is_refused_without_waiting(
    shipped: Path,
) -> None:
    os.mkfifo(shipped / "pipe.yaml")
    if Path("/dev/zero").exists():
        (shipped / "zero.yaml").symlink_to("/dev/zero")

    done = _child(_CHECK, str(shipped))

    assert done.returncode == EXIT_CATALOG, done.stderr
    assert "exercises/pipe.yaml: this is a named pipe (FIFO), not a file" in done.stdout
    if Path("/dev/zero").exists():
        assert "exercises/zero.yaml: this is a device, not a file" in done.stdout
    assert "load_catalog refused it" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    # The editor reads `catalog_files`: plain files only, so it never waits on the pipe.
    assert {path.name for path in catalog_files(shipped)}.isdisjoint({"pipe.yaml", "zero.yaml"})


# ----------------------------------------------------------------------------
# Catalog files: each hostile value, with the file, its line and the value

CATALOGS: list[tuple[str, str, str, str]] = [
    # (case, the hostile file's text, the text on its faulty line, words)
    ("no such day", _exercise("source: Test catalog.", "source: 2027-02-30"), "source:",
     "'2027-02-30' is not a date: there is no such day"),
    ("year zero", _exercise("source: Test catalog.", "source: 0000-01-01"), "source:",
     "'0000-01-01' is not a date"),
    ("a number of 5,000 digits", _exercise("reps: 8", "reps: " + "9" * 5000), "sets: 2",
     "a number with 5,000 digits is longer than any number here needs"),
    ("a key given twice", _exercise("    source: Test catalog.\n",
                                    "    source: Test catalog.\n    source: Other.\n"),
     "source: Other.", "'source' is given twice in the same place"),
    ("a !!set", _exercise("areas: [hamstrings]", "areas: !!set {hamstrings}"), "areas:",
     "an unordered set (!!set) is not allowed"),
    ("a value tagged as what it is not", _exercise("sets: 2", "sets: !!int two"), "sets:",
     "'two' is not a whole number"),
]  # fmt: skip
CATALOG_IDS = [case for case, *_ in CATALOGS]


@pytest.mark.parametrize(("case", "text", "on", "words"), CATALOGS, ids=CATALOG_IDS)
def test_a_catalog_value_is_named_with_its_file_and_line_everywhere(
    shipped: Path, capsys: pytest.CaptureFixture[str], case: str, text: str, on: str,
    words: str,
) -> None:  # fmt: skip
    (shipped / "extra.yaml").write_text(text, encoding="utf-8")
    before = _snapshot(shipped)
    expected = f"exercises/extra.yaml line {_line(text, on)}: {words}"

    problems = check_catalog(shipped)
    with pytest.raises(CatalogError) as error:
        load_catalog(shipped)
    status = main(["catalog", "check", str(shipped)])
    build = main(["build", str(ROOT / "examples" / "marathon.yaml"), "--catalog", str(shipped)])

    out, err = capsys.readouterr()
    assert len(problems) == 1, problems
    assert str(problems[0]).startswith(expected)
    assert expected in str(error.value)
    assert (status, build) == (EXIT_CATALOG, EXIT_CATALOG) == (1, 1)
    assert expected in out and expected in err
    assert "Traceback" not in out + err
    assert _snapshot(shipped) == before


@pytest.mark.parametrize(("case", "text", "on", "words"), CATALOGS, ids=CATALOG_IDS)
def test_a_coach_import_of_a_hostile_file_names_the_value_and_writes_nothing(
    shipped: Path, case: str, text: str, on: str, words: str
) -> None:
    before = _snapshot(shipped)

    preview = open_for_editing(shipped).import_yaml(text, name="drills.yaml")

    assert not preview.ok
    said = " ".join(str(problem) for problem in preview.problems)
    assert words in said and f"line {_line(text, on)}" in said, said
    with pytest.raises(StrengthError):  # refused, with the same problems
        preview.apply()
    assert _snapshot(shipped) == before


@pytest.fixture
def deep_folders(shipped: Path) -> Iterator[Path]:
    """1,500 folders, one inside the other, in the catalog folder, with a file at the bottom;
    removed bottom up after the test (pytest's own clean-up recurses, and would overflow)."""
    chain = [shipped]
    for _ in range(1500):
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()  # one level at a time: os.makedirs recurses too
    (chain[-1] / "x.yaml").write_text(EXERCISE, encoding="utf-8")
    yield shipped
    (chain[-1] / "x.yaml").unlink()
    for folder in reversed(chain[1:]):
        folder.rmdir()


def test_folders_nested_1500_deep_are_refused_quickly_naming_the_folder(
    deep_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = check_catalog(deep_folders)
    status = main(["catalog", "check", str(deep_folders)])

    too_deep = "exercises/" + "/".join(["d"] * (MAX_FOLDER_DEPTH + 1))
    assert [str(problem) for problem in problems] == [
        f"{too_deep}: folders nest more than {MAX_FOLDER_DEPTH} levels deep here; "
        "a catalog needs a level or two: move its files up"
    ]
    assert status == EXIT_CATALOG
    assert "Traceback" not in capsys.readouterr().err


def test_a_catalog_file_linked_to_a_system_file_is_refused_without_quoting_it(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    system = tmp_path / "etc"
    system.mkdir()
    (system / "app.conf").write_text(SECRET, encoding="utf-8")
    (system / "twice.conf").write_text(SECRET + "user: admin\n", encoding="utf-8")
    (shipped / "app.yaml").symlink_to(system / "app.conf")
    (shipped / "twice.yaml").symlink_to(system / "twice.conf")

    problems = check_catalog(shipped)
    status = main(["catalog", "check", str(shipped)])

    out, err = capsys.readouterr()
    assert [(problem.file, problem.line) for problem in problems] == [
        ("exercises/app.yaml", None),
        ("exercises/twice.yaml", None),
    ]
    for problem in problems:
        assert problem.message.startswith("this is not a catalog file")
    assert status == EXIT_CATALOG
    for secret in ("password", "hunter2", "api_token", "s3cr3t", "admin"):
        assert secret not in out + err


def test_a_file_over_the_limit_is_refused_whatever_stat_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /proc files say they hold 0 bytes; the read itself is bounded.
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("no /proc here")
    from strength import yamlfile

    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 100)
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "status.yaml").symlink_to(status)

    problems = [str(problem) for problem in check_catalog(folder)]

    assert (
        "catalog/status.yaml: file is more than 100 bytes; the limit is 100. "
        "Split it into smaller files"
    ) in problems
