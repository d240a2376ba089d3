"""Finding exercises: filters, word search, grouping by area and ladder, doses in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strength.browse import (
    BODYWEIGHT,
    Filters,
    chain,
    dose_in_words,
    escape_markdown,
    exercise_sources,
    find,
    group,
    home_area,
    how_often,
    matches,
    named,
    normalise,
    ordinal,
    percent,
    protocol_rows,
    protocol_sources,
    starting_doses,
    tempo_in_words,
)
from strength.catalog import load_catalog
from strength.model import LEVELS, Dose, Level, Mode, ProtocolStep

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "exercises")
AREAS = sorted(CATALOG.vocabulary.areas)
EQUIPMENT = sorted({BODYWEIGHT, *CATALOG.vocabulary.equipment})
WORDS = sorted({word for ex in CATALOG for word in normalise(ex.name).split()})


def _ids(filters: Filters) -> list[str]:
    return [exercise.id for exercise in find(CATALOG, filters)]


# ----------------------------------------------------------------------------
# Search


def test_no_filter_finds_the_whole_catalog_in_catalog_order() -> None:
    assert _ids(Filters()) == list(CATALOG.exercises)
    assert not Filters().active
    assert not Filters(text="  ,  ").active


def test_an_alias_finds_its_exercise() -> None:
    assert _ids(Filters(text="NHE")) == ["nordic-curl"]


def test_a_word_from_a_cue_finds_the_exercise() -> None:
    assert "nordic-curl" in _ids(Filters(text="sofa"))


def test_a_muscle_name_finds_the_exercises_that_work_it() -> None:
    found = find(CATALOG, Filters(text="soleus"))
    assert found
    assert all("soleus" in (*ex.muscles.primary, *ex.muscles.secondary) for ex in found)


def test_search_ignores_case_accents_and_punctuation() -> None:
    assert _ids(Filters(text="single-leg RDL")) == _ids(Filters(text="SINGLE leg rdl"))
    assert _ids(Filters(text="Nördic")) == _ids(Filters(text="nordic"))
    assert normalise("Single-leg RDL, 3/10!") == "single leg rdl 3 10"


def test_every_word_of_a_search_must_be_found() -> None:
    both = set(_ids(Filters(text="nordic band")))
    assert both
    assert both <= set(_ids(Filters(text="nordic"))) & set(_ids(Filters(text="band")))
    assert "nordic-curl" not in both


def test_named_keeps_what_is_named_after_every_word_of_the_search() -> None:
    found = find(CATALOG, Filters(text="heel drop straight"))
    assert len(found) > 1, "other exercises mention heels, drops and straight legs in cues"
    assert [ex.id for ex in named(found, "heel drop straight")] == ["heel-drop-straight-knee"]
    assert [ex.id for ex in named(CATALOG, "nhe")] == ["nordic-curl"]  # an alias counts
    assert named(find(CATALOG, Filters(text="sofa")), "sofa") == ()


def test_a_search_with_no_match_finds_nothing() -> None:
    assert _ids(Filters(text="zzzzqqq")) == []


# ----------------------------------------------------------------------------
# Filters


def test_an_area_finds_exercises_that_work_it_even_as_a_second_area() -> None:
    found = _ids(Filters(areas=frozenset({"glute_max"})))
    assert "long-lever-single-leg-bridge" in found  # main area: hamstrings
    assert all("glute_max" in CATALOG[i].areas for i in found)


def test_equipment_you_have_shows_what_needs_nothing_else() -> None:
    found = find(CATALOG, Filters(equipment=frozenset({"band"})))
    assert all(set(ex.equipment) <= {"band"} for ex in found)
    assert any(ex.equipment == ("band",) for ex in found)
    assert any(not ex.equipment for ex in found), "bodyweight exercises always show"


def test_bodyweight_alone_leaves_only_exercises_without_equipment() -> None:
    found = find(CATALOG, Filters(equipment=frozenset({BODYWEIGHT})))
    assert found
    assert all(not ex.equipment for ex in found)
    assert len(found) == sum(not ex.equipment for ex in CATALOG)


def test_levels_and_modes_keep_only_what_was_chosen() -> None:
    found = find(
        CATALOG,
        Filters(levels=frozenset({Level.beginner}), modes=frozenset({Mode.hold, Mode.eccentric})),
    )
    assert found
    assert {ex.level for ex in found} == {Level.beginner}
    assert {ex.mode for ex in found} <= {Mode.hold, Mode.eccentric}


filters_strategy = st.builds(
    Filters,
    text=st.sampled_from(["", *WORDS]) | st.text(max_size=8),
    areas=st.frozensets(st.sampled_from(AREAS), max_size=3),
    equipment=st.frozensets(st.sampled_from(EQUIPMENT), max_size=4),
    levels=st.frozensets(st.sampled_from(LEVELS), max_size=2),
    modes=st.frozensets(st.sampled_from(list(Mode)), max_size=3),
)


def _alone(filters: Filters) -> list[Filters]:
    """Each filter of `filters` on its own."""
    return [
        Filters(text=filters.text),
        Filters(areas=filters.areas),
        Filters(equipment=filters.equipment),
        Filters(levels=filters.levels),
        Filters(modes=filters.modes),
    ]


@settings(max_examples=300, deadline=None)
@given(filters_strategy)
def test_results_are_a_subset_and_each_satisfies_every_filter(filters: Filters) -> None:
    found = find(CATALOG, filters)
    assert {ex.id for ex in found} <= set(CATALOG.exercises)
    for one in _alone(filters):
        assert all(matches(ex, one, CATALOG.vocabulary) for ex in found)
    # and nothing that satisfies every filter is left out
    expected = [
        ex.id for ex in CATALOG if all(matches(ex, f, CATALOG.vocabulary) for f in _alone(filters))
    ]
    assert [ex.id for ex in found] == expected


@settings(max_examples=200, deadline=None)
@given(filters_strategy)
def test_grouping_shows_each_found_exercise_once_with_whole_ladders(filters: Filters) -> None:
    found = find(CATALOG, filters)
    groups = group(CATALOG, found, filters.areas)
    listed = [ex.id for g in groups for ladder in g.ladders for ex in ladder.found]
    assert sorted(listed) == sorted(ex.id for ex in found)
    assert sum(g.count for g in groups) == len(found)
    for area_group in groups:
        assert area_group.count > 0
        for ladder in area_group.ladders:
            assert ladder.rungs == CATALOG.ladder(ladder.rungs[0].id)
            positions = [ladder.rungs.index(ex) for ex in ladder.found]
            assert positions == sorted(positions)


# ----------------------------------------------------------------------------
# Grouping and ladders


def test_groups_follow_the_vocabulary_order_of_areas() -> None:
    names = [g.area for g in group(CATALOG, find(CATALOG, Filters()))]
    assert names == [area for area in CATALOG.vocabulary.areas if area in names]


def test_ladders_come_before_exercises_on_no_ladder() -> None:
    for area_group in group(CATALOG, find(CATALOG, Filters())):
        kinds = [ladder.is_ladder for ladder in area_group.ladders]
        assert kinds == sorted(kinds, reverse=True)


def test_an_exercise_is_listed_under_the_area_asked_for() -> None:
    bridge = CATALOG["long-lever-single-leg-bridge"]
    assert home_area(bridge) == "hamstrings"
    assert home_area(bridge, {"glute_max"}) == "glute_max"
    groups = group(CATALOG, [bridge], {"glute_max"})
    assert [g.area for g in groups] == ["glute_max"]


def test_a_ladder_chain_runs_easiest_first_and_marks_the_current_rung() -> None:
    ladder = CATALOG.ladder("nordic-curl")
    rungs = chain(ladder, {"nordic-curl"})
    assert [r.step for r in rungs] == list(range(1, len(ladder) + 1))
    assert [r.id for r in rungs] == [ex.id for ex in ladder]
    assert rungs[0].id == "heel-dig-bridge-hold"
    assert [r.id for r in rungs if r.current] == ["nordic-curl"]
    levels = [LEVELS.index(r.level) for r in rungs]
    assert levels == sorted(levels)


# ----------------------------------------------------------------------------
# Doses and protocols in words


@pytest.mark.parametrize(
    ("dose", "per_side", "words"),
    [
        (Dose(sets=3, reps=8), False, "3 sets of 8 reps; 60 s rest between sets"),
        (Dose(sets=1, reps=1), False, "1 set of 1 rep"),
        (
            Dose(sets=3, reps="6-8", rest_s=90),
            True,
            "3 sets of 6 to 8 reps on each side; 90 s rest between sets",
        ),
        (
            Dose(sets=3, reps=(12, 10, 8)),
            False,
            "3 sets of 12, 10 and 8 reps; 60 s rest between sets",
        ),
        (
            Dose(sets=2, reps=5, eccentric_s=4),
            False,
            "2 sets of 5 reps, lowering over 4 s; 60 s rest between sets",
        ),
        (
            Dose(sets=3, hold_s=20, rest_s=45),
            True,
            "3 holds of 20 s on each side; 45 s rest between sets",
        ),
        (Dose(sets=2, contacts=20), False, "2 sets of 20 foot contacts; 60 s rest between sets"),
        (
            Dose(sets=2, distance_m=30, load="a heavy bag"),
            False,
            "2 sets of 30 m, load: a heavy bag; 60 s rest between sets",
        ),
    ],
)
def test_a_dose_reads_as_a_runner_says_it(dose: Dose, per_side: bool, words: str) -> None:
    assert dose_in_words(dose, per_side) == words


def test_tempo_names_only_the_pauses_that_are_held() -> None:
    assert tempo_in_words("3-0-1-0") == "3 s down, 1 s up"
    assert (
        tempo_in_words("2-1-1-2")
        == "2 s down, 1 s pause at the bottom, 1 s up, 2 s pause at the top"
    )
    assert tempo_in_words("3-0-3") == "3 s down, 3 s up"


def test_starting_doses_list_the_levels_the_coach_gave_in_order() -> None:
    doses = starting_doses(CATALOG["nordic-curl"])
    assert [level for level, _ in doses] == list(LEVELS)
    assert doses[0][1] == "2 sets of 5 reps, lowering over 3 s; 90 s rest between sets"


def test_the_petersen_protocol_reads_week_by_week_then_maintenance() -> None:
    rows = protocol_rows(CATALOG["nordic-curl"], CATALOG)
    assert [row.weeks for row in rows] == [
        "week 1",
        "week 2",
        "week 3",
        "week 4",
        "weeks 5-10",
        "after week 10",
    ]
    assert rows[0].how_often == "once a week"
    assert rows[2].dose == "3 sets of 6 to 8 reps"
    assert rows[-1].dose == "3 sets of 12, 10 and 8 reps"
    assert protocol_rows(CATALOG["heel-dig-bridge-hold"]) == ()


def test_how_often_names_daily_doses_and_sessions() -> None:
    assert how_often(ProtocolStep(sets=3, reps=15, per_day=2)) == "twice a day, every day"
    assert how_often(ProtocolStep(sets=3, reps=15, per_day=3)) == "3 times a day, every day"
    assert how_often(ProtocolStep(sets=3, reps=15, sessions=3)) == "3 sessions a week"


def test_protocol_sources_group_the_exercises_that_share_one() -> None:
    sources = protocol_sources(CATALOG)
    carriers = [ex for ex in CATALOG if ex.protocol]
    assert sum(len(s.exercises) for s in sources) == len(carriers)
    assert len(sources) == len({ex.protocol.source for ex in carriers if ex.protocol})
    heel_drops = next(s for s in sources if s.source.startswith("Alfredson"))
    assert heel_drops.daily and heel_drops.weeks == 12
    assert len(heel_drops.exercises) == 2
    nordic = next(s for s in sources if s.source.startswith("Petersen"))
    assert not nordic.daily and nordic.exercises == ("Nordic curl",)


def test_exercise_sources_count_every_exercise_once_most_cited_first() -> None:
    sources = exercise_sources(CATALOG)
    assert sum(count for _, count in sources) == len(CATALOG)
    counts = [count for _, count in sources]
    assert counts == sorted(counts, reverse=True)


# ----------------------------------------------------------------------------
# Small words


def test_ordinals_and_percentages() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 103, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "103rd",
        "111th",
    ]
    assert percent(0.1) == "10%"
    assert percent(0.5) == "50%"


def test_catalog_text_cannot_turn_into_markdown() -> None:
    assert escape_markdown("*bold* [link](x) $x$ :red[y] <b>") == (
        "\\*bold\\* \\[link\\](x) \\$x\\$ \\:red\\[y\\] \\<b\\>"
    )
    assert escape_markdown("Rest 3:30, 2-3 sets (easy).") == "Rest 3:30, 2-3 sets (easy)."
