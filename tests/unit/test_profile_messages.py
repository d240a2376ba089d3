"""Every profile problem says, in a runner's words, what is wrong and what would do.

A corpus of bad profiles goes through each way in (plain data, YAML text, a file on
the `strength build` command line); every message is judged by `faults`, and a test
shows that `faults` catches a validator's own wording.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from strength.catalog import Catalog, load_catalog
from strength.cli import main
from strength.errors import FieldIssue, ProfileError
from strength.planning import build_plan
from strength.profile import (
    ANSWER_NAMES,
    Profile,
    Rules,
    bounds,
    profile_from_dict,
    read_profile,
    read_profile_text,
)

ROOT = Path(__file__).resolve().parents[2]
WEEK = {"mon": "rest", "tue": "easy", "wed": "hard", "thu": "easy", "fri": "rest",
        "sat": "easy", "sun": "long"}  # fmt: skip
BASE: dict[str, Any] = {
    "start": "2027-01-04",
    "race": "2027-05-23",
    "weaknesses": ["hamstrings"],
    "week": WEEK,
}

# A validator's wording, never a runner's (matched as whole words, in any case).
FORBIDDEN = (
    "input should", "should be a valid", "validation", "tuple", "field required",
    "missing", "unknown field", "greater than or equal", "less than or equal",
    "value error", "type=", "literal", "extra inputs", "not permitted", "unable to parse",
    "unable to interpret", "dictionary", "instance of", "pydantic", "after validation",
    "at least 1 item", "keys should be strings", "fractional part", "datetime",
    "[key]", "extra_forbidden", "model_type", "traceback", "str", "int", "float",
    "bool", "dict", "enum", "NoneType",
)  # fmt: skip
_FORBIDDEN = [re.compile(rf"(?<!\w){re.escape(p)}(?!\w)", re.IGNORECASE) for p in FORBIDDEN]

# What would do: a bound, a list of words to choose from, an example, or a verb to act on.
_WOULD_DO = re.compile(
    r"\b(must be|for example|did you mean|pick|give|write|say|make|keep|name|remove|"
    r"check|save|open|leave)\b",
    re.IGNORECASE,
)


def faults(message: str, field: str) -> list[str]:
    """What keeps a message from being a runner's: the validator's words, an answer named
    only by its code name, or nothing said about what would do."""
    found = [f"says {p.pattern!r}" for p in _FORBIDDEN if p.search(message)]
    lower = message.lower()
    if field in ANSWER_NAMES:
        plain = ANSWER_NAMES[field].lower()
        if plain not in lower and plain.removesuffix("s") not in lower:
            found.append(f"does not name {ANSWER_NAMES[field]!r}")
    elif field == "profile":
        if "profile" not in lower:
            found.append("does not say it is the profile")
    elif field.startswith("rules."):
        key = field.removeprefix("rules.")
        if f"'{key}'" not in message or ANSWER_NAMES["rules"].lower() not in lower:
            found.append(f"does not quote the rule {key!r} among the coaching rules")
    elif f"'{field}'" not in message:
        found.append(f"does not quote the unknown answer {field!r}")
    if (
        lower.startswith(f"{field.lower()}:")
        and field.lower() != ANSWER_NAMES.get(field, field).lower()
    ):
        found.append("starts with the code name")
    if not _WOULD_DO.search(message):
        found.append("does not say what would do")
    if not message[:1].isupper() and not message.startswith("'"):
        found.append("is not a sentence")
    return found


def _assert_plain(issues: tuple[FieldIssue, ...]) -> None:
    assert issues
    for issue in issues:
        assert not faults(issue.message, issue.field), (issue, faults(issue.message, issue.field))


def _without(*keys: str) -> dict[str, Any]:
    return {key: value for key, value in BASE.items() if key not in keys}


# Each bad profile, and the answer at fault.
CORPUS: list[tuple[str, dict[str, Any], str]] = [
    ("no start", _without("start"), "start"),
    ("no weak links", _without("weaknesses"), "weaknesses"),
    ("no running week", _without("week"), "week"),
    ("start left empty", BASE | {"start": None}, "start"),
    ("start is no date", BASE | {"start": "2027-13-01"}, "start"),
    ("start is words", BASE | {"start": "next monday"}, "start"),
    ("start is a number", BASE | {"start": 20270104}, "start"),
    ("start has a time", BASE | {"start": "2027-01-04T10:00"}, "start"),
    ("race before start", BASE | {"race": "2026-12-20"}, "race"),
    ("race too far", BASE | {"race": "2028-02-20"}, "race"),
    ("race is words", BASE | {"race": "in the spring"}, "race"),
    ("neither race nor weeks", BASE | {"race": None}, "race"),
    ("too many weeks", _without("race") | {"weeks": 60}, "weeks"),
    ("weeks in words", _without("race") | {"weeks": "twelve"}, "weeks"),
    ("weeks not whole", _without("race") | {"weeks": 10.5}, "weeks"),
    ("unknown level", BASE | {"level": "elite"}, "level"),
    ("level capitalised", BASE | {"level": "Beginner"}, "level"),
    ("empty weak links", BASE | {"weaknesses": []}, "weaknesses"),
    ("one weak link, not a list", BASE | {"weaknesses": "hamstrings"}, "weaknesses"),
    ("a weak link that is a number", BASE | {"weaknesses": [3]}, "weaknesses"),
    ("too many weak links", BASE | {"weaknesses": [f"area{n}" for n in range(12)]},
     "weaknesses"),
    ("a weak link twice", BASE | {"weaknesses": ["calves", "core", "calves"]}, "weaknesses"),
    ("weaker side not a pairing", BASE | {"imbalance": "left"}, "imbalance"),
    ("weaker side in the middle", BASE | {"imbalance": {"hamstrings": "middle"}}, "imbalance"),
    ("weaker side a number", BASE | {"imbalance": {"hamstrings": 1}}, "imbalance"),
    ("equipment not a list", BASE | {"equipment": "band"}, "equipment"),
    ("too many sessions", BASE | {"sessions_per_week": 9}, "sessions_per_week"),
    ("no sessions", BASE | {"sessions_per_week": 0}, "sessions_per_week"),
    ("too few minutes", BASE | {"minutes_per_session": 5}, "minutes_per_session"),
    ("minutes in words", BASE | {"minutes_per_session": "lots"}, "minutes_per_session"),
    ("week not days", BASE | {"week": ["mon", "tue"]}, "week"),
    ("week without tuesday and friday",
     BASE | {"week": {k: v for k, v in WEEK.items() if k not in ("tue", "fri")}}, "week"),
    ("week with an unknown day", BASE | {"week": WEEK | {"someday": "easy"}}, "week"),
    ("week with an unknown run", BASE | {"week": WEEK | {"mon": "jog"}}, "week"),
    ("two long runs", BASE | {"week": WEEK | {"sat": "long"}}, "week"),
    ("unknown long-run strategy", BASE | {"long_run_strategy": "whenever"}, "long_run_strategy"),
    ("maintenance maybe", BASE | {"maintenance": "maybe"}, "maintenance"),
    ("units unknown", BASE | {"units": "stones"}, "units"),
    ("plan identity with spaces", BASE | {"plan_id": "my plan"}, "plan_id"),
    ("heavy legs past the end", BASE | {"heavy_legs": [3, 25]}, "heavy_legs"),
    ("heavy legs in words", BASE | {"heavy_legs": ["three"]}, "heavy_legs"),
    ("heavy legs not a list", BASE | {"heavy_legs": 3}, "heavy_legs"),
    ("daily not an id", BASE | {"daily": [7]}, "daily"),
    ("unknown answer", BASE | {"colour": "red"}, "colour"),
    ("answer capitalised", _without("start") | {"Start": "2027-01-04"}, "Start"),
    ("rules not settings", BASE | {"rules": "strict"}, "rules"),
    ("unknown rule", BASE | {"rules": {"deload": 3}}, "rules.deload"),
    ("rule out of bounds", BASE | {"rules": {"deload_cut": 0.9}}, "rules.deload_cut"),
    ("rule in words", BASE | {"rules": {"taper_weeks": "two"}}, "rules.taper_weeks"),
    ("rule unknown level", BASE | {"rules": {"plyometrics_from": "pro"}}, "rules.plyometrics_from"),
    ("rule maybe", BASE | {"rules": {"no_strength_before_hard": "maybe"}},
     "rules.no_strength_before_hard"),
    ("rule too few hours", BASE | {"rules": {"hours_between_leg_sessions": 12}},
     "rules.hours_between_leg_sessions"),
    # Issue 13: what Python or YAML 1.1 would take silently, refused in a runner's words.
    ("start before 2000", BASE | {"start": "1999-12-27"}, "start"),
    ("race after 2100", _without("race") | {"start": "2100-11-01", "race": "2101-01-09"},
     "race"),
    ("start near year 9999", _without("race") | {"start": "9999-12-27", "weeks": 52}, "start"),
    ("weeks yes", _without("race") | {"weeks": True}, "weeks"),
    ("minutes yes", BASE | {"minutes_per_session": True}, "minutes_per_session"),
    ("sessions no", BASE | {"sessions_per_week": False}, "sessions_per_week"),
    ("heavy legs yes", BASE | {"heavy_legs": [True]}, "heavy_legs"),
    ("rule yes", BASE | {"rules": {"deload_every": True}}, "rules.deload_every"),
    ("rule share yes", BASE | {"rules": {"taper_cut": True}}, "rules.taper_cut"),
    ("minutes as 1:30", BASE | {"minutes_per_session": "1:30"}, "minutes_per_session"),
    ("a day cut short", BASE | {"week": WEEK | {"sunshine": "long"}}, "week"),
    ("a day abbreviated oddly", BASE | {"week": {"Mond" if k == "mon" else k: v
                                                 for k, v in WEEK.items()}}, "week"),
    ("a day twice in two cases", BASE | {"week": WEEK | {"Mon": "easy"}}, "week"),
    ("a day twice short and long", BASE | {"week": WEEK | {"monday": "rest"}}, "week"),
    ("weaker side of no weak link", BASE | {"imbalance": {"calves": "left"}}, "imbalance"),
    # Runs on given dates, a long race on low mileage, and the rules' ranges.
    ("long race on low mileage maybe", BASE | {"long_race_low_mileage": "maybe"},
     "long_race_low_mileage"),
    ("a race in the running week", BASE | {"week": WEEK | {"sun": "race"}}, "week"),
    ("runs not dates", BASE | {"runs": "saturdays"}, "runs"),
    ("runs as a list", BASE | {"runs": ["2027-02-20"]}, "runs"),
    ("a run on no date", BASE | {"runs": {"someday": "rest"}}, "runs"),
    ("a run on a day not in the calendar", BASE | {"runs": {"2027-02-30": "rest"}}, "runs"),
    ("a run on a number", BASE | {"runs": {20270220: "rest"}}, "runs"),
    ("a run on a date and time", BASE | {"runs": {"2027-02-20T10:00": "rest"}}, "runs"),
    ("a run of no kind", BASE | {"runs": {"2027-02-20": "jog"}}, "runs"),
    ("a run before the plan", BASE | {"runs": {"2026-12-19": "rest"}}, "runs"),
    ("runs after the race", BASE | {"runs": {"2027-05-30": "easy", "2027-06-01": "rest"}},
     "runs"),
    ("a run past a plan's last week", _without("race") | {"weeks": 4,
                                                          "runs": {"2027-02-01": "rest"}},
     "runs"),
    ("the race day made an easy run", BASE | {"runs": {"2027-05-23": "easy"}}, "runs"),
    ("a date twice, in quotes and not",
     BASE | {"runs": {"2027-02-20": "rest", dt.date(2027, 2, 20): "easy"}}, "runs"),
    ("reps high to low", BASE | {"rules": {"rep_range": [12, 6]}}, "rules.rep_range"),
    ("reps past 30", BASE | {"rules": {"rep_range": [6, 40]}}, "rules.rep_range"),
    ("no reps", BASE | {"rules": {"rep_range": [0, 12]}}, "rules.rep_range"),
    ("reps yes", BASE | {"rules": {"rep_range": [True, 12]}}, "rules.rep_range"),
    ("reps as one number", BASE | {"rules": {"rep_range": 10}}, "rules.rep_range"),
    ("reps as three numbers", BASE | {"rules": {"rep_range": [6, 8, 10]}}, "rules.rep_range"),
    ("hold too short", BASE | {"rules": {"hold_range_s": [2, 30]}}, "rules.hold_range_s"),
    ("hold past two minutes", BASE | {"rules": {"hold_range_s": [20, 200]}},
     "rules.hold_range_s"),
    ("hold in words", BASE | {"rules": {"hold_range_s": ["twenty", 45]}}, "rules.hold_range_s"),
    ("loaded reps one end", BASE | {"rules": {"loaded_rep_range": [8]}},
     "rules.loaded_rep_range"),
    ("loaded reps high to low", BASE | {"rules": {"loaded_rep_range": [10, 6]}},
     "rules.loaded_rep_range"),
    ("after hard runs maybe", BASE | {"rules": {"strength_after_hard_runs": "maybe"}},
     "rules.strength_after_hard_runs"),
    ("nothing new too many days", BASE | {"rules": {"no_new_exercise_days": 40}},
     "rules.no_new_exercise_days"),
]  # fmt: skip
IDS = [name for name, _, _ in CORPUS]


def _problems(data: Any) -> tuple[FieldIssue, ...]:
    with pytest.raises(ProfileError) as error:
        profile_from_dict(data)
    return error.value.issues


# ----------------------------------------------------------------------------
# The checker can fail


def test_the_checker_catches_what_pydantic_says_for_every_bad_profile() -> None:
    caught = 0
    for _, data, _ in CORPUS:
        try:
            Profile.model_validate(data)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                if not detail["loc"]:
                    continue  # the profile's own check, in the runner's words already
                loc = ".".join(str(step) for step in detail["loc"])
                field = loc if loc.startswith("rules.") else loc.split(".")[0]
                assert faults(f"{loc}: {detail['msg']}", field), detail["msg"]
                caught += 1
    assert caught >= 25


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("weaknesses: tuple should have at least 1 item after validation, not 0", "weaknesses"),
        ("start: input should be a valid date or datetime, invalid character in year", "start"),
        ("minutes_per_session: input should be greater than or equal to 10",
         "minutes_per_session"),
        ("race: race 2026-12-20 is before the start 2027-01-04", "race"),
        ("start: missing", "start"),
        ("colour: unknown field", "colour"),
        ("Must be between 10 and 120; 5 was given.", "minutes_per_session"),
        ("Minutes a session is wrong.", "minutes_per_session"),
        ("minutes_per_session must be between 10 and 120.", "minutes_per_session"),
    ],
)  # fmt: skip
def test_the_checker_refuses_a_validators_or_a_vague_message(message: str, field: str) -> None:
    assert faults(message, field)


def test_the_checker_accepts_a_runners_message() -> None:
    assert not faults("Minutes a session must be between 10 and 120; 5 was given.",
                      "minutes_per_session")  # fmt: skip
    assert not faults("Pick at least one weak link to work on.", "weaknesses")


# ----------------------------------------------------------------------------
# Every way in


def test_the_corpus_covers_every_answer_and_is_large() -> None:
    assert len(CORPUS) >= 25
    faulted = {field.split(".")[0] for _, _, field in CORPUS}
    assert faulted >= set(Profile.model_fields)


@pytest.mark.parametrize(("name", "data", "field"), CORPUS, ids=IDS)
def test_every_problem_from_plain_data_is_in_a_runners_words(
    name: str, data: dict[str, Any], field: str
) -> None:
    issues = _problems(data)
    assert field in {issue.field for issue in issues}, issues
    _assert_plain(issues)
    for issue in issues:
        assert str(issue) == issue.message  # no code name in front


@pytest.mark.parametrize(("name", "data", "field"), CORPUS, ids=IDS)
def test_every_problem_in_yaml_text_names_the_file_first(
    name: str, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(ProfileError) as error:
        read_profile_text(yaml.safe_dump(data, sort_keys=False), "runner.yaml")
    issues = error.value.issues
    assert field in {issue.field for issue in issues}
    _assert_plain(issues)
    for issue in issues:
        assert str(issue).startswith("runner.yaml"), issue
        assert str(issue) in str(error.value)


@pytest.mark.parametrize(("name", "data", "field"), CORPUS, ids=IDS)
def test_every_problem_in_a_file_on_the_command_line_exits_2_in_a_runners_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: dict[str, Any],
    field: str,
) -> None:  # fmt: skip
    path = tmp_path / "runner.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["build", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    with pytest.raises(ProfileError) as error:
        read_profile(path)
    _assert_plain(error.value.issues)
    for issue in error.value.issues:
        assert f"{path}" in str(issue) and str(issue) in err


@pytest.mark.parametrize(
    ("text", "field", "line", "words"),
    [
        ("start: 2027-13-01\nrace: 2027-05-23\n", "start", 1,
         ["First day of the plan: '2027-13-01' is not a date", "YYYY-MM-DD"]),
        ("start: 2027-01-04\nweeks: 12\nweaknesses: [hamstrings]\nweek: {mon: rest}\n"
         "minutes_per_session: 5\n", "minutes_per_session", 5,
         ["Minutes a session must be between 10 and 120; 5 was given."]),
        ("start: 2027-01-04\nrace: 2026-12-20\nweaknesses: [hamstrings]\nweek: {mon: rest}\n",
         "race", 2, ["(Sun 20 Dec 2026)", "(Mon 4 Jan 2027)"]),
        ("start: 2027-01-04\nweeks: 12\nweaknesses: [hamstrings]\nweek: {mon: rest}\n"
         "rules:\n  deload_every: 4\n  taper_cut: 2\n", "rules.taper_cut", 7,
         ["Volume cut in the taper"]),
        ("start: 2027-01-04\nweeks: [12\n", "profile", 3, ["check the brackets"]),
        ("start: !!python/object/apply:os.system [ls]\n", "profile", 1, ["plain answers"]),
    ],
)  # fmt: skip
def test_a_problem_in_yaml_names_the_file_and_line_first(
    text: str, field: str, line: int, words: list[str]
) -> None:
    with pytest.raises(ProfileError) as error:
        read_profile_text(text, "marathon.yaml")
    issues = [issue for issue in error.value.issues if issue.field == field]
    assert issues, error.value.issues
    _assert_plain(tuple(issues))
    assert str(issues[0]).startswith(f"marathon.yaml line {line}: "), issues[0]
    for word in words:
        assert word in str(issues[0])


def test_a_profile_that_is_not_answers_says_so() -> None:
    for data in ([1, 2], "start: 2027-01-04", None):
        _assert_plain(_problems(data))
    for text in ("", "- start\n- race\n"):
        with pytest.raises(ProfileError) as error:
            read_profile_text(text, "runner.yaml")
        _assert_plain(error.value.issues)


def test_a_file_too_large_for_a_profile_says_so() -> None:
    with pytest.raises(ProfileError) as error:
        read_profile_text("# x\n" * 20_000, "big.yaml")
    _assert_plain(error.value.issues)
    assert str(error.value).startswith("big.yaml: ")


def test_a_number_too_long_to_write_out_is_said_by_its_length() -> None:
    # Python refuses to write out an int of over 4,300 digits: the message must not try.
    (issue,) = _problems(BASE | {"minutes_per_session": 10**4999})

    assert issue.message == (
        "Minutes a session must be between 10 and 120; a number with 5,000 digits was given."
    )
    _assert_plain((issue,))


# ----------------------------------------------------------------------------
# The words the brief asked for


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (BASE | {"weaknesses": []}, "Pick at least one weak link to work on."),
        (BASE | {"race": "2026-12-20"},
         "The race (Sun 20 Dec 2026) is before the first day of the plan (Mon 4 Jan 2027)"),
        (BASE | {"minutes_per_session": 5},
         "Minutes a session must be between 10 and 120; 5 was given."),
        (BASE | {"start": "2027-13-01"},
         "First day of the plan: '2027-13-01' is not a date; write it as YYYY-MM-DD"),
        (BASE | {"week": {k: v for k, v in WEEK.items() if k not in ("tue", "fri")}},
         "Say what you run on Tuesday and Friday"),
        (BASE | {"colour": "red"},
         "'colour' is not one of the answers a profile holds (start, race, weeks, level,"),
        (_without("start") | {"Start": "2027-01-04"}, "did you mean 'start'?"),
        (BASE | {"rules": {"deload_evry": 3}}, "did you mean 'deload_every'?"),
        (BASE | {"level": "elite"}, "beginner, intermediate or advanced"),
        (BASE | {"long_run_strategy": "whenever"}, "day_before, same_day or apart"),
        (BASE | {"week": WEEK | {"mon": "jog"}}, "rest, easy, hard or long"),
        (BASE | {"imbalance": {"calves": "middle"}}, "left or right"),
        (BASE | {"heavy_legs": [25]}, "between 1 and 20"),
        (BASE | {"week": WEEK | {"sun": "race"}},
         "Running week: Sunday is a race, but a race goes on a date: put it in runs on given "
         "dates or give it as the race day"),
        (BASE | {"runs": {"2026-12-19": "rest"}},
         "Runs on given dates: Sat 19 Dec 2026 is outside the plan, which runs from "
         "Mon 4 Jan 2027 to Sun 23 May 2027"),
        (BASE | {"runs": {"2027-02-20": "jog"}},
         "the run on Sat 20 Feb 2027 must be rest, easy, hard, long or race; 'jog' was given"),
        (BASE | {"runs": {"2027-02-20": "rase"}}, "did you mean 'race'?"),
        (BASE | {"runs": {"2027-02-30": "rest"}}, "'2027-02-30' is not a date"),
        (BASE | {"runs": {"2027-05-23": "easy"}}, "Sun 23 May 2027 is your race day"),
        (BASE | {"runs": {"2027-02-20": "rest", dt.date(2027, 2, 20): "easy"}},
         "Sat 20 Feb 2027 is given twice"),
        (BASE | {"rules": {"rep_range": [12, 6]}},
         "Reps a set climbs through must run low to high; [12, 6] was given: write the lower "
         "number first, for example [6, 12]."),
        (BASE | {"rules": {"rep_range": [6, 40]}}, "between 1 and 30, the lower first"),
        (BASE | {"rules": {"hold_range_s": [20, 200]}},
         "Seconds a hold climbs through must be two whole numbers between 5 and 120"),
        (BASE | {"rules": {"hold_range_s": [20, 200]}}, "200 was given as the second"),
        (BASE | {"rules": {"loaded_rep_range": [8]}}, "only one was given"),
    ],
)  # fmt: skip
def test_a_message_says_what_would_do(data: dict[str, Any], words: str) -> None:
    assert words in " ".join(str(issue) for issue in _problems(data))


def test_several_problems_show_at_once_one_a_line() -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_dict(BASE | {"race": "2026-12-20", "minutes_per_session": 5})
    text = str(error.value)
    assert text.splitlines()[0] == "the profile has 2 problems:"
    assert {issue.field for issue in error.value.issues} == {"race", "minutes_per_session"}


def test_the_engine_names_the_answer_in_words_too() -> None:
    catalog: Catalog = load_catalog(ROOT / "exercises")
    hard_week = dict.fromkeys(WEEK, "hard")
    changes: list[tuple[dict[str, Any], str]] = [
        ({"weaknesses": ["hamstring"]}, "weaknesses"),
        ({"equipment": ["barbel"]}, "equipment"),
        ({"imbalance": {"nowhere": "left"}}, "imbalance"),
        ({"daily": ["no-such-exercise"]}, "daily"),
        ({"daily": ["nordic-curl"]}, "daily"),
        ({"week": hard_week}, "week"),
    ]
    for change, field in changes:
        with pytest.raises(ProfileError) as error:
            build_plan(profile_from_dict(BASE | change), catalog)
        assert field in {issue.field for issue in error.value.issues}
        _assert_plain(error.value.issues)


# ----------------------------------------------------------------------------
# The names and the bounds, from one home


def test_every_answer_and_every_rule_has_a_plain_name() -> None:
    expected = set(Profile.model_fields) | {f"rules.{rule}" for rule in Rules.model_fields}
    assert set(ANSWER_NAMES) == expected
    for field, name in ANSWER_NAMES.items():
        assert name[0].isupper() and "_" not in name and name != field, (field, name)


def test_bounds_come_from_the_model() -> None:
    assert bounds("minutes_per_session") == (10, 120)
    assert bounds("rules.deload_cut") == (0.3, 0.7)
    assert bounds("weeks")[0] == 1
    for field in ("sessions_per_week", "minutes_per_session", "weeks"):
        low, high = bounds(field)
        model = Profile.model_json_schema()["properties"][field]
        if "anyOf" in model:
            model = next(option for option in model["anyOf"] if option.get("type") == "integer")
        assert (low, high) == (model["minimum"], model["maximum"])
    with pytest.raises(KeyError):
        bounds("level")


def test_a_bound_in_a_message_is_the_models() -> None:
    low, high = bounds("rules.warm_up_minutes")
    (issue,) = _problems(BASE | {"rules": {"warm_up_minutes": high + 1}})
    assert f"between {low} and {high}" in issue.message
