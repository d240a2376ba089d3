"""A broken catalog is rejected with the file, line, exercise and field named.

Each test writes a small catalog that is valid but for one thing, and checks that
the one problem reported points at exactly that thing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_helpers import (
    DROP,
    VOCABULARY,
    assert_words,
    exercise,
    line_of,
    only_problem,
    problems_where,
    write_catalog,
)

from strength.catalog import BUNDLED, check_catalog, load_catalog
from strength.errors import CatalogError, Problem
from strength.model import Level, Mode

# ----------------------------------------------------------------------------
# The fixtures themselves are valid: every failure below is the one thing broken


def test_a_small_valid_catalog_loads_without_problems(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a"), exercise("curl-b", harder="curl-c")]})
    write_catalog(base, {"more.yaml": [exercise("curl-c")]}, vocabulary=False)

    assert check_catalog(base) == []
    catalog = load_catalog(base)
    assert sorted(ex.id for ex in catalog) == ["curl-a", "curl-b", "curl-c"]
    assert set(catalog.vocabulary.areas) == set(VOCABULARY["areas"])


def test_the_shipped_nordic_curl_is_an_eccentric_exercise_with_its_protocol() -> None:
    catalog = load_catalog(BUNDLED)
    nordic = catalog["nordic-curl"]

    assert nordic.mode is Mode.eccentric
    assert "hamstrings" in nordic.areas
    assert nordic.protocol is not None
    assert nordic.protocol.length >= 10
    assert catalog.origins["nordic-curl"]["protocol"].endswith("hamstrings.yaml")


# ----------------------------------------------------------------------------
# Links between exercises


def test_a_dangling_harder_link_names_the_file_line_and_field(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", harder="curl-bb"), exercise("curl-b")]})

    problem = only_problem(base)

    assert problem.file == "base/legs.yaml"
    assert problem.line == line_of(base / "legs.yaml", "harder: curl-bb")
    assert (problem.exercise, problem.field) == ("curl-a", "harder")
    assert_words(problem.message, "no exercise 'curl-bb'", "did you mean 'curl-b'")


def test_a_dangling_easier_link_in_another_file_names_that_file(base: Path) -> None:
    write_catalog(
        base, {"a.yaml": [exercise("curl-a")], "b.yaml": [exercise("bridge", easier="no-such")]}
    )

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/b.yaml", "bridge", "easier")
    assert problem.line == line_of(base / "b.yaml", "easier: no-such")
    assert "no exercise 'no-such'" in problem.message


def test_a_dangling_swap_points_at_the_line_of_that_swap(base: Path) -> None:
    write_catalog(
        base, {"legs.yaml": [exercise("curl-a", swaps=["curl-b", "ghost"]), exercise("curl-b")]}
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "swaps")
    assert problem.line == line_of(base / "legs.yaml", "- ghost")
    assert "no exercise 'ghost'" in problem.message


def test_a_protocol_rung_that_does_not_exist_is_named(base: Path) -> None:
    protocol = {
        "name": "Plan",
        "source": "A paper.",
        "weeks": [{"week": 1, "sessions": 2, "sets": 2, "reps": 5, "rung": "ghost-rung"}],
    }
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "protocol")
    assert problem.line == line_of(base / "legs.yaml", "rung: ghost-rung")
    assert "no exercise 'ghost-rung'" in problem.message


def test_an_exercise_linking_to_itself_is_refused(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", harder="curl-a")]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "harder")
    assert problem.line == line_of(base / "legs.yaml", "harder: curl-a")
    assert "itself" in problem.message


def test_a_ladder_that_loops_back_is_one_problem_naming_every_rung(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("rung-a", harder="rung-b"),
                exercise("rung-b", harder="rung-c"),
                exercise("rung-c", harder="rung-a"),
            ]
        },
    )

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/legs.yaml", "rung-a", "harder")
    assert problem.line == line_of(base / "legs.yaml", "harder: rung-b")
    assert_words(problem.message, "loops", "rung-a -> rung-b -> rung-c -> rung-a")


def test_a_loop_stated_with_easier_links_is_found_too(base: Path) -> None:
    write_catalog(
        base,
        {"legs.yaml": [exercise("rung-a", easier="rung-b"), exercise("rung-b", easier="rung-a")]},
    )

    problem = only_problem(base)

    assert problem.file == "base/legs.yaml"
    assert problem.exercise == "rung-a"
    assert_words(problem.message, "loops", "rung-a", "rung-b")


def test_links_that_disagree_name_the_exercise_that_says_so(base: Path) -> None:
    # A says B is harder; B says its easier rung is C, not A.
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("rung-a", harder="rung-b"),
                exercise("rung-b", easier="rung-c"),
                exercise("rung-c"),
            ]
        },
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("rung-a", "harder")
    assert problem.line == line_of(base / "legs.yaml", "harder: rung-b")
    assert_words(problem.message, "'rung-b'", "easier", "'rung-c'")


def test_a_ladder_with_two_rungs_above_one_rung_is_refused(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("bottom"),
                exercise("upper-a", easier="bottom"),
                exercise("upper-b", easier="bottom"),
            ]
        },
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("upper-b", "easier")
    assert problem.line == line_of(base / "legs.yaml", "easier: bottom", after="id: upper-b")
    assert_words(problem.message, "'upper-a'", "'bottom'", "single chain", "swaps")


def test_a_ladder_with_two_rungs_below_one_rung_is_refused(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("lower-a", harder="top"),
                exercise("lower-b", harder="top"),
                exercise("top"),
            ]
        },
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("lower-b", "harder")
    assert_words(problem.message, "'lower-a'", "'top'", "single chain")


def test_a_ladder_whose_level_goes_down_names_the_upper_rungs_level_line(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise(
                    "lower",
                    level="advanced",
                    harder="upper",
                    dose={"advanced": {"sets": 3, "reps": 8}},
                ),
                exercise("upper", level="beginner"),
            ]
        },
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("upper", "level")
    assert problem.line == line_of(base / "legs.yaml", "level: beginner", after="id: upper")
    assert_words(problem.message, "'beginner'", "'lower'", "advanced", "climbs")


def test_a_consistent_ladder_is_walked_easiest_first_from_any_rung(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("bridge", harder="slider-curl"),
                exercise(
                    "slider-curl",
                    level="intermediate",
                    dose={"intermediate": {"sets": 3, "reps": 8}},
                ),
                exercise(
                    "nordic",
                    level="advanced",
                    easier="slider-curl",
                    dose={"advanced": {"sets": 3, "reps": 5}},
                ),
                exercise("clam", areas=["glute_med"], pattern="hip_abduction"),
            ]
        },
    )

    catalog = load_catalog(base)

    rungs = ["bridge", "slider-curl", "nordic"]
    for rung in rungs:
        assert [ex.id for ex in catalog.ladder(rung)] == rungs
    assert [[ex.id for ex in ladder] for ladder in catalog.ladders()] == [rungs]
    assert catalog.harder("bridge") is catalog["slider-curl"]
    assert catalog.easier("bridge") is None
    assert catalog.easier("nordic") is catalog["slider-curl"]
    assert catalog.harder("nordic") is None
    assert [ex.id for ex in catalog.ladder("clam")] == ["clam"]
    assert [ex.id for ex in catalog.for_area("glute_med")] == ["clam"]
    assert catalog.area_name("glute_med") == "Gluteus medius"


def test_both_sides_of_a_rung_may_state_the_same_link(base: Path) -> None:
    write_catalog(
        base, {"legs.yaml": [exercise("low", harder="high"), exercise("high", easier="low")]}
    )

    catalog = load_catalog(base)

    assert [ex.id for ex in catalog.ladder("high")] == ["low", "high"]


# ----------------------------------------------------------------------------
# Vocabulary


def test_an_unknown_area_suggests_the_nearest_known_one(base: Path) -> None:
    write_catalog(base, {"hips.yaml": [exercise("clam", areas=["hamstrings", "glutemed"])]})

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/hips.yaml", "clam", "areas")
    assert problem.line == line_of(base / "hips.yaml", "- glutemed")
    assert_words(problem.message, "unknown area 'glutemed'", "did you mean 'glute_med'?")


@pytest.mark.parametrize(
    ("field", "value", "bad", "kind"),
    [
        ("muscles", {"primary": ["hamstrings"], "secondary": ["glutes"]}, "glutes", "muscle"),
        ("equipment", ["band", "barbell"], "barbell", "equipment"),
        ("pattern", "knee_flex", "knee_flex", "pattern"),
    ],
)
def test_an_unknown_word_from_each_vocabulary_list_is_named(
    base: Path, field: str, value: object, bad: str, kind: str
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", **{field: value})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", field)
    assert problem.line == line_of(base / "legs.yaml", bad)
    assert f"unknown {kind} '{bad}'" in problem.message


def test_an_unknown_word_with_no_near_miss_lists_the_known_words(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", equipment=["zzz"])]})

    problem = only_problem(base)

    assert_words(problem.message, "unknown equipment 'zzz'", "band", "step")


def test_a_vocabulary_entry_missing_a_field_names_its_file_and_line(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a")]})
    write_catalog(
        base,
        {"more-words.yaml": {"vocabulary": {"areas": {"shins": {"name": "Shins"}}}}},
        vocabulary=False,
    )

    problem = only_problem(base)

    assert problem.file == "base/more-words.yaml"
    assert problem.line == line_of(base / "more-words.yaml", "shins:")
    assert problem.field == "vocabulary.areas.shins.about"
    assert "missing" in problem.message


def test_a_misspelt_field_of_a_vocabulary_area_suggests_the_right_one(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a")]})
    write_catalog(
        base,
        {"more.yaml": {"vocabulary": {"areas": {"shins": {"name": "Shins", "abuot": "Front."}}}}},
        vocabulary=False,
    )

    problems = check_catalog(base)

    misspelt = problems_where(problems, file="base/more.yaml", message="unknown field 'abuot'")
    assert len(misspelt) == 1
    assert "did you mean 'about'" in misspelt[0].message


def test_a_vocabulary_id_that_is_not_a_slug_is_named(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a")]})
    write_catalog(
        base,
        {"more.yaml": {"vocabulary": {"equipment": {"Foam Roller": "Roller"}}}},
        vocabulary=False,
    )

    problem = only_problem(base)

    assert problem.file == "base/more.yaml"
    assert problem.line == line_of(base / "more.yaml", "Foam Roller")
    assert_words(problem.message, "'Foam Roller'", "not a valid id")


def test_an_unknown_vocabulary_list_suggests_the_right_one(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a")]})
    write_catalog(
        base, {"more.yaml": {"vocabulary": {"equipments": {"box": "Box"}}}}, vocabulary=False
    )

    problem = only_problem(base)

    assert (problem.file, problem.line) == ("base/more.yaml", 2)
    assert_words(problem.message, "'equipments'", "did you mean 'equipment'")


def test_a_catalog_without_any_area_says_so(base: Path) -> None:
    write_catalog(
        base, {"legs.yaml": {"vocabulary": {"muscles": {"soleus": "Soleus"}}}}, vocabulary=False
    )

    problems = check_catalog(base)

    assert any("defines no areas" in p.message for p in problems)


# ----------------------------------------------------------------------------
# Fields: unknown, missing, wrong type, out of range


def test_an_unknown_field_suggests_the_field_meant(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", cue=["Slowly."])]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "cue")
    assert problem.line == line_of(base / "legs.yaml", "cue:")
    assert_words(problem.message, "unknown field 'cue'", "did you mean 'cues'?")


def test_an_unknown_dose_field_suggests_a_dose_field(base: Path) -> None:
    dose = {"beginner": {"sets": 2, "reps": 8, "eccentric": 3}}
    write_catalog(base, {"legs.yaml": [exercise("curl-a", dose=dose)]})

    problem = only_problem(base)

    assert problem.field == "dose.beginner.eccentric"
    assert problem.line == line_of(base / "legs.yaml", "eccentric: 3")
    assert_words(problem.message, "unknown field 'eccentric'", "did you mean 'eccentric_s'")


def test_an_unknown_field_of_a_protocol_week_suggests_sessions(base: Path) -> None:
    protocol = {
        "name": "Plan",
        "source": "A paper.",
        "weeks": [{"week": 1, "sessions": 1, "sets": 2, "reps": 5}],
        "maintenance": {"sesions": 1, "sets": 2, "reps": 5},
    }
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problems = check_catalog(base)

    misspelt = problems_where(problems, field="protocol.maintenance.sesions")
    assert len(misspelt) == 1
    assert misspelt[0].line == line_of(base / "legs.yaml", "sesions: 1")
    assert "did you mean 'sessions'" in misspelt[0].message


def test_a_missing_required_field_is_named_at_the_exercise_line(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a"), exercise("curl-b", why=DROP)]})

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/legs.yaml", "curl-b", "why")
    assert problem.line == line_of(base / "legs.yaml", "id: curl-b")
    assert "missing required field" in problem.message


def test_a_missing_nested_field_names_its_full_path(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", muscles={"secondary": ["soleus"]})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "muscles.primary")
    assert problem.line == line_of(base / "legs.yaml", "muscles:")
    assert "missing" in problem.message


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"dose": {"beginner": {"sets": "three", "reps": 8}}},
            "dose.beginner.sets",
            ["integer", "'three'"],
        ),
        ({"areas": "hamstrings"}, "areas", ["tuple"]),
        ({"per_side": "maybe"}, "per_side", ["boolean", "'maybe'"]),
        ({"level": "expert"}, "level", ["'expert'", "beginner", "advanced"]),
        ({"mode": "isometric"}, "mode", ["'isometric'", "hold"]),
        ({"dose": {"expert": {"sets": 2, "reps": 8}}}, "dose.expert", ["'expert'", "beginner"]),
        ({"cues": "Move slowly."}, "cues", ["tuple"]),
        ({"tempo": "slow"}, "tempo", ["'slow'", "3-0-1-0"]),
        ({"name": ""}, "name", ["at least 1"]),
    ],
    ids=[
        "sets-text",
        "areas-text",
        "per_side",
        "level",
        "mode",
        "dose-level",
        "cues",
        "tempo",
        "name",
    ],
)
def test_a_value_of_the_wrong_type_names_the_field_and_what_was_found(
    base: Path, changes: dict[str, object], field: str, words: list[str]
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", **changes)]})

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/legs.yaml", "curl-a", field)
    top = field.split(".")[0]
    assert problem.line is not None
    assert problem.line >= line_of(base / "legs.yaml", f"{top}:")
    assert_words(problem.message, *words)


def test_an_id_that_is_not_a_slug_is_refused(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("Nordic Curl")]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("Nordic Curl", "id")
    assert problem.line == line_of(base / "legs.yaml", "id: Nordic Curl")
    assert "not a valid id" in problem.message


@pytest.mark.parametrize(
    ("dose", "field", "words"),
    [
        ({"sets": 11, "reps": 8}, "dose.beginner.sets", ["less than or equal to 10", "11"]),
        ({"sets": 0, "reps": 8}, "dose.beginner.sets", ["greater than or equal to 1"]),
        ({"sets": 2, "reps": 8, "rest_s": 400}, "dose.beginner.rest_s", ["300", "400"]),
        ({"sets": 2, "reps": 0}, "dose.beginner.reps", ["between 1 and 100"]),
        ({"sets": 2, "reps": 101}, "dose.beginner.reps", ["between 1 and 100"]),
        ({"sets": 2, "reps": "8-6"}, "dose.beginner.reps", ["'8-6'", "low to high"]),
        ({"sets": 2, "reps": "lots"}, "dose.beginner.reps", ["'lots'", "range"]),
        ({"sets": 2, "reps": True}, "dose.beginner.reps", ["reps must be a number"]),
    ],
    ids=[
        "sets-high",
        "sets-zero",
        "rest",
        "reps-zero",
        "reps-high",
        "range-down",
        "reps-word",
        "bool",
    ],
)
def test_a_dose_out_of_range_names_the_dose_field(
    base: Path, dose: dict[str, object], field: str, words: list[str]
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", dose={"beginner": dose})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", field)
    key = field.rsplit(".", 1)[1]
    assert problem.line == line_of(base / "legs.yaml", f"{key}:", after="beginner:")
    assert_words(problem.message, *words)


def test_a_reps_list_that_does_not_match_the_sets_is_refused(base: Path) -> None:
    dose = {"beginner": {"sets": 2, "reps": [12, 10, 8]}}
    write_catalog(base, {"legs.yaml": [exercise("curl-a", dose=dose)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "dose.beginner")
    assert problem.line == line_of(base / "legs.yaml", "beginner:", after="dose:")
    assert_words(problem.message, "3 sets", "sets is 2")


def test_a_reps_list_of_the_right_length_is_a_dose_per_set(base: Path) -> None:
    dose = {"beginner": {"sets": 3, "reps": [12, 10, 8]}}
    write_catalog(base, {"legs.yaml": [exercise("curl-a", dose=dose)]})

    curl = load_catalog(base)["curl-a"]

    assert curl.dose_for(Level.beginner).reps_per_set() == ((12, 12), (10, 10), (8, 8))


@pytest.mark.parametrize(
    ("mode", "dose", "missing"),
    [
        ("eccentric", {"sets": 2, "reps": 5}, "eccentric_s"),
        ("hold", {"sets": 2, "reps": 5}, "hold_s"),
        ("plyometric", {"sets": 2, "reps": 5}, "contacts"),
        ("distance", {"sets": 2, "hold_s": 30}, "distance_m"),
        ("reps", {"sets": 2, "hold_s": 30}, "reps"),
    ],
)
def test_a_mode_needs_its_dose_field(
    base: Path, mode: str, dose: dict[str, int], missing: str
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", mode=mode, dose={"beginner": dose})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "dose.beginner")
    assert problem.line == line_of(base / "legs.yaml", "beginner:", after="dose:")
    assert_words(problem.message, f"'{mode}'", missing)


def _protocol(*weeks: dict[str, object]) -> dict[str, object]:
    return {"name": "Plan", "source": "A paper.", "weeks": list(weeks)}


def test_protocol_weeks_with_a_gap_are_refused(base: Path) -> None:
    protocol = _protocol(
        {"week": 1, "sessions": 1, "sets": 2, "reps": 5},
        {"week": "2-3", "sessions": 2, "sets": 2, "reps": 6},
        {"week": 5, "sessions": 2, "sets": 3, "reps": 6},
    )
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "protocol")
    assert problem.line == line_of(base / "legs.yaml", "protocol:")
    assert_words(problem.message, "gaps", "expected week 4", "'5'")


def test_a_protocol_that_does_not_start_at_week_one_is_refused(base: Path) -> None:
    protocol = _protocol({"week": 2, "sessions": 1, "sets": 2, "reps": 5})
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert problem.field == "protocol"
    assert "expected week 1" in problem.message


def test_a_protocol_week_with_both_sessions_and_per_day_is_refused(base: Path) -> None:
    protocol = _protocol(
        {"week": 1, "sessions": 1, "sets": 2, "reps": 5},
        {"week": 2, "sessions": 2, "per_day": 1, "sets": 2, "reps": 6},
    )
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "protocol.weeks[1]")
    assert problem.line == line_of(base / "legs.yaml", "week: 2")
    assert_words(problem.message, "sessions", "per_day", "not both")


def test_a_protocol_week_with_neither_sessions_nor_per_day_is_refused(base: Path) -> None:
    protocol = _protocol({"week": 1, "sets": 2, "reps": 5})
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert problem.field == "protocol.weeks[0]"
    assert_words(problem.message, "sessions", "per_day")


def test_a_protocol_week_with_nothing_to_count_is_refused(base: Path) -> None:
    protocol = _protocol({"week": 1, "sessions": 1, "sets": 2, "rest_s": 60})
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "protocol.weeks[0]")
    assert problem.line == line_of(base / "legs.yaml", "week: 1")
    assert_words(problem.message, "'reps'", "needs reps", "any one count")


def test_a_protocol_week_may_count_in_another_form_than_its_exercise(base: Path) -> None:
    """Holds for some weeks, then reps: a protocol may change the dose's form."""
    protocol = _protocol(
        {"week": "1-2", "sessions": 2, "sets": 3, "hold_s": 20},
        {"week": "3-4", "sessions": 2, "sets": 3, "reps": 8},
    )
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    assert check_catalog(base) == []


def test_a_valid_protocol_gives_the_dose_for_each_week_then_maintenance(base: Path) -> None:
    protocol = _protocol(
        {"week": 1, "sessions": 1, "sets": 2, "reps": 5},
        {"week": "2-4", "per_day": 1, "sets": 3, "reps": 6},
    )
    protocol["maintenance"] = {"sessions": 1, "sets": 1, "reps": 5}
    write_catalog(base, {"legs.yaml": [exercise("curl-a", protocol=protocol)]})

    plan = load_catalog(base)["curl-a"].protocol

    assert plan is not None
    assert plan.length == 4
    assert [step.sets if step else None for step in map(plan.step_for, range(1, 6))] == [
        2,
        3,
        3,
        3,
        1,
    ]


# ----------------------------------------------------------------------------
# Warm-ups, dose ranges and load

HOP = {
    "mode": "plyometric",
    "impact": "plyometric",
    "dose": {"beginner": {"sets": 2, "contacts": 10}},
}
HOLD = {"mode": "hold", "dose": {"beginner": {"sets": 2, "hold_s": 20}}}
SLOW = {"mode": "eccentric", "dose": {"beginner": {"sets": 2, "reps": 6, "eccentric_s": 3}}}


def test_an_exercise_with_a_warm_up_a_range_and_a_load_setting_loads_them(base: Path) -> None:
    warm_up = {"sets": 1, "reps": 10, "rest_s": 15}
    write_catalog(
        base,
        {
            "legs.yaml": [
                exercise("raise", warm_up=warm_up, progress={"reps": [12, 20]}, loadable=False),
                exercise("plank", **HOLD, progress={"hold_s": [20, 60]}, loadable=True),
                exercise("curl-a"),
            ]
        },
    )

    catalog = load_catalog(base)

    raise_ = catalog["raise"]
    assert raise_.warm_up is not None
    assert (raise_.warm_up.sets, raise_.warm_up.reps, raise_.warm_up.rest_s) == (1, 10, 15)
    assert raise_.progress is not None and raise_.progress.reps == (12, 20)
    assert raise_.loadable is False
    assert catalog["plank"].loadable is True  # a weighted plank: load on a hold is fine
    plain = catalog["curl-a"]
    assert (plain.warm_up, plain.progress, plain.loadable) == (None, None, None)


@pytest.mark.parametrize(
    ("changes", "missing"),
    [({}, "reps"), (HOLD, "hold_s"), (SLOW, "reps")],
    ids=["reps", "hold", "eccentric"],
)
def test_a_warm_up_lacking_what_the_mode_counts_is_refused(
    base: Path, changes: dict[str, object], missing: str
) -> None:
    warm_up = {"sets": 1, "distance_m": 20}
    write_catalog(base, {"legs.yaml": [exercise("curl-a", **changes, warm_up=warm_up)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "warm_up")
    assert problem.line == line_of(base / "legs.yaml", "warm_up:")
    assert_words(problem.message, "warm-up", f"'{changes.get('mode', 'reps')}'", missing)


def test_an_eccentric_warm_up_may_leave_out_the_lowering_seconds(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("drop", **SLOW, warm_up={"sets": 1, "reps": 6})]})

    assert check_catalog(base) == []


@pytest.mark.parametrize("impact", ["eccentric", "plyometric"])
def test_a_warm_up_that_leaves_the_legs_sore_is_refused(base: Path, impact: str) -> None:
    write_catalog(
        base,
        {"legs.yaml": [exercise("curl-a", impact=impact, warm_up={"sets": 1, "reps": 8})]},
    )

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "warm_up")
    assert problem.line == line_of(base / "legs.yaml", "warm_up:")
    assert_words(problem.message, "warm-up", "impact 'none'", f"'{impact}'", "take out 'warm_up'")


def test_a_warm_up_made_hard_by_an_overlay_names_where_the_impact_is_set(
    base: Path, tmp_path: Path
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", warm_up={"sets": 1, "reps": 8})]})
    coach = write_catalog(
        tmp_path / "coach",
        {"tweaks.yaml": {"overrides": [{"id": "curl-a", "impact": "eccentric"}]}},
        vocabulary=False,
    )

    problem = only_problem(base, coach)

    assert (problem.file, problem.field) == ("base/legs.yaml", "warm_up")
    assert_words(problem.message, "impact 'none'", "impact is set in coach/tweaks.yaml")


@pytest.mark.parametrize(
    ("span", "words"),
    [
        ([20, 12], ["[20, 12]", "low to high", "[12, 20]"]),
        ([12], ["two whole numbers", "low then high"]),
        ("12-20", ["two whole numbers", "'12-20'"]),
        ([0, 12], ["[0, 12]", "within 1-100"]),
        ([6, 101], ["[6, 101]", "within 1-100"]),
    ],
    ids=["high-low", "one-number", "text", "zero", "too-many"],
)
def test_a_progress_span_must_be_two_numbers_from_low_to_high(
    base: Path, span: object, words: list[str]
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", progress={"reps": span})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "progress.reps")
    assert problem.line == line_of(base / "legs.yaml", "reps:", after="progress:")
    assert_words(problem.message, *words)
    assert "Tuple" not in problem.message and "Input should" not in problem.message


def test_a_hold_span_is_bounded_by_the_longest_hold_a_dose_may_give(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("plank", **HOLD, progress={"hold_s": [20, 900]})]})

    assert_words(only_problem(base).message, "[20, 900]", "within 1-600")


@pytest.mark.parametrize(
    ("changes", "wrong", "right"),
    [
        ({}, "hold_s", "reps"),
        (HOLD, "reps", "hold_s"),
        (SLOW, "hold_s", "reps"),
        (HOP, "reps", "contacts"),
    ],
    ids=["reps", "hold", "eccentric", "plyometric"],
)
def test_a_progress_span_for_what_the_mode_does_not_count_says_which_fits(
    base: Path, changes: dict[str, object], wrong: str, right: str
) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", **changes, progress={wrong: [6, 12]})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", f"progress.{wrong}")
    assert problem.line == line_of(base / "legs.yaml", f"{wrong}:", after="progress:")
    assert_words(problem.message, f"not {wrong}", f"'{right}: [low, high]'")


def test_an_empty_progress_says_what_to_write(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("curl-a", progress={})]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("curl-a", "progress")
    assert_words(problem.message, "no span", "'reps: [low, high]'", "leave 'progress' out")


def test_loaded_hops_are_refused(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("hop", **HOP, loadable=True)]})

    problem = only_problem(base)

    assert (problem.exercise, problem.field) == ("hop", "loadable")
    assert problem.line == line_of(base / "legs.yaml", "loadable: true")
    assert_words(problem.message, "hops are never loaded", "take out 'loadable: true'")


def test_hops_may_say_they_take_no_load(base: Path) -> None:
    write_catalog(base, {"legs.yaml": [exercise("hop", **HOP, loadable=False)]})

    assert check_catalog(base) == []


# ----------------------------------------------------------------------------
# Ids and the shape of a file


def test_a_duplicate_id_in_one_folder_names_both_files(base: Path) -> None:
    write_catalog(base, {"a.yaml": [exercise("curl-a")], "b.yaml": [exercise("curl-a")]})

    problem = only_problem(base)

    assert (problem.file, problem.exercise, problem.field) == ("base/b.yaml", "curl-a", "id")
    assert problem.line == line_of(base / "b.yaml", "id: curl-a")
    assert_words(problem.message, "duplicate id 'curl-a'", "base/a.yaml")


def test_a_duplicate_id_in_one_file_points_at_the_second_one(base: Path) -> None:
    write_catalog(base, {"a.yaml": [exercise("curl-a"), exercise("curl-b"), exercise("curl-a")]})

    problem = only_problem(base)

    assert problem.line == line_of(base / "a.yaml", "id: curl-a", after="id: curl-b")
    assert "duplicate id 'curl-a'" in problem.message


def test_an_exercise_without_an_id_is_named_by_its_position(base: Path) -> None:
    write_catalog(base, {"a.yaml": [exercise("curl-a"), exercise("curl-b", id=DROP)]})

    problem = only_problem(base)

    assert (problem.file, problem.field) == ("base/a.yaml", "id")
    assert problem.line == line_of(base / "a.yaml", "name: Curl b")
    assert_words(problem.message, "entry 2", "no 'id'")


def test_an_id_that_is_a_number_says_it_must_be_a_slug(base: Path) -> None:
    write_catalog(base, {"a.yaml": [exercise("curl-a"), exercise("curl-b", id=42)]})

    problem = only_problem(base)

    assert (problem.file, problem.field) == ("base/a.yaml", "id")
    assert problem.line == line_of(base / "a.yaml", "id: 42")
    assert_words(problem.message, "slug", "42")


def test_exercises_that_are_not_a_list_are_refused(base: Path) -> None:
    write_catalog(base, {"a.yaml": {"exercises": {"id": "curl-a"}}})

    problem = only_problem(base)

    assert (problem.file, problem.line) == ("base/a.yaml", 1)
    assert_words(problem.message, "'exercises'", "list")


def test_an_entry_that_is_not_a_mapping_is_refused(base: Path) -> None:
    write_catalog(base, {"a.yaml": "exercises:\n  - just-a-word\n"})

    problem = only_problem(base)

    assert (problem.file, problem.line) == ("base/a.yaml", 2)
    assert_words(problem.message, "entry 1", "not a mapping")


@pytest.mark.parametrize("text", ["- id: curl-a\n", "just a sentence\n", "42\n"])
def test_a_file_whose_top_level_is_not_a_mapping_is_refused(base: Path, text: str) -> None:
    write_catalog(base, {"a.yaml": text})

    problem = only_problem(base)

    assert (problem.file, problem.line) == ("base/a.yaml", 1)
    assert_words(problem.message, "mapping", "vocabulary", "exercises", "overrides")


def test_an_unknown_top_level_section_suggests_the_section_meant(base: Path) -> None:
    write_catalog(base, {"a.yaml": "# a comment\nexercise:\n  - id: curl-a\n"})

    problem = only_problem(base)

    assert (problem.file, problem.line) == ("base/a.yaml", 2)
    assert_words(problem.message, "unknown section 'exercise'", "did you mean 'exercises'")


def test_an_empty_or_comment_only_file_is_no_problem(base: Path) -> None:
    write_catalog(
        base,
        {"a.yaml": [exercise("curl-a")], "empty.yaml": "", "notes.yaml": "# nothing yet\n"},
    )

    assert check_catalog(base) == []


# ----------------------------------------------------------------------------
# One pass: every problem, in every file, at once


def test_every_problem_in_every_file_is_reported_at_once_in_file_and_line_order(
    base: Path,
) -> None:
    write_catalog(
        base,
        {
            "a.yaml": [exercise("curl-a", harder="ghost"), exercise("curl-b", sets=3)],
            "b.yaml": [exercise("clam", areas=["glutemed"])],
            "c.yaml": "exercises: [\n",
        },
    )

    problems = check_catalog(base)

    assert [(p.file, p.exercise, p.field) for p in problems] == [
        ("base/a.yaml", "curl-a", "harder"),
        ("base/a.yaml", "curl-b", "sets"),
        ("base/b.yaml", "clam", "areas"),
        ("base/c.yaml", None, None),
    ]
    assert problems == sorted(problems, key=lambda p: (p.file or "", p.line or 0))


def test_load_catalog_raises_one_error_listing_every_problem(base: Path) -> None:
    write_catalog(
        base, {"a.yaml": [exercise("curl-a", harder="ghost"), exercise("curl-b", level="pro")]}
    )

    with pytest.raises(CatalogError) as raised:
        load_catalog(base)

    assert raised.value.problems == tuple(check_catalog(base))
    text = str(raised.value)
    assert text.startswith("the catalog has 2 problems:")
    assert_words(text, "base/a.yaml line", "exercise 'curl-a'", "field 'harder'", "'pro'")


def test_a_problem_reads_as_file_line_exercise_field_then_message() -> None:
    problem = Problem("base/a.yaml", 7, "curl-a", "harder", "no exercise 'x'")

    assert str(problem) == "base/a.yaml line 7, exercise 'curl-a', field 'harder': no exercise 'x'"
    assert str(Problem(None, None, None, None, "no areas")) == "no areas"
