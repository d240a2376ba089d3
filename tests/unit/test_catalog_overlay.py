"""A coach's overlay folder layered over the shipped catalog, and how folders are read.

A later folder adds exercises, replaces one whole (same id under `exercises:`) or
changes a few fields (`overrides:`); problems it brings name the overlay's file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from catalog_helpers import (
    VOCABULARY,
    assert_words,
    exercise,
    line_of,
    only_problem,
    write_catalog,
)

from strength.catalog import (
    BUNDLED,
    catalog_fingerprint,
    check_catalog,
    default_folders,
    load_catalog,
)


@pytest.fixture
def shipped(base: Path) -> Path:
    """A two-rung hamstring ladder and a clam: the 'shipped' folder under each overlay."""
    return write_catalog(
        base,
        {
            "hamstrings.yaml": [
                exercise("bridge", aliases=["Glute bridge"], harder="nordic"),
                exercise(
                    "nordic", level="intermediate", dose={"intermediate": {"sets": 3, "reps": 5}}
                ),
            ],
            "hips.yaml": [exercise("clam", areas=["glute_med"], pattern="hip_abduction")],
        },
    )


# ----------------------------------------------------------------------------
# Adding, replacing, overriding


def test_an_overlay_adds_an_exercise_that_may_link_into_the_shipped_ladder(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"mine.yaml": [exercise("band-curl", harder="bridge", equipment=["band"])]},
        vocabulary=False,
    )

    catalog = load_catalog(shipped, coach)

    assert [ex.id for ex in catalog.ladder("nordic")] == ["band-curl", "bridge", "nordic"]
    assert catalog.origins["band-curl"]["harder"] == "coach/mine.yaml"
    assert catalog.folders == (shipped, coach)


def test_an_overlay_replaces_a_whole_exercise_by_giving_its_id(shipped: Path, coach: Path) -> None:
    replacement = exercise("bridge", name="Coach's bridge", harder="nordic")  # no aliases
    write_catalog(coach, {"mine.yaml": [replacement]}, vocabulary=False)

    catalog = load_catalog(shipped, coach)

    bridge = catalog["bridge"]
    assert bridge.name == "Coach's bridge"
    assert bridge.aliases == ()  # the shipped aliases went with the shipped exercise
    assert set(catalog.origins["bridge"].values()) == {"coach/mine.yaml"}
    assert catalog.origins["nordic"]["name"] == "base/hamstrings.yaml"
    assert len(catalog) == 3


def test_an_override_changes_only_the_fields_it_gives(shipped: Path, coach: Path) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "nordic", "cues": ["Partner holds the ankles."]}]}},
        vocabulary=False,
    )

    catalog = load_catalog(shipped, coach)

    nordic = catalog["nordic"]
    assert nordic.cues == ("Partner holds the ankles.",)
    assert nordic.name == "Nordic"
    assert catalog.origins["nordic"]["cues"] == "coach/tweaks.yaml"
    assert catalog.origins["nordic"]["name"] == "base/hamstrings.yaml"
    assert catalog.origins["nordic"]["id"] == "base/hamstrings.yaml"


def test_origins_say_which_file_each_field_of_each_exercise_came_from(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {
            "a.yaml": {"overrides": [{"id": "clam", "why": "Coach says so."}]},
            "b.yaml": {"overrides": [{"id": "clam", "cautions": ["Knees apart."]}]},
        },
        vocabulary=False,
    )

    origins = load_catalog(shipped, coach).origins

    assert set(origins) == {"bridge", "nordic", "clam"}
    assert origins["clam"]["why"] == "coach/a.yaml"
    assert origins["clam"]["cautions"] == "coach/b.yaml"
    assert origins["clam"]["areas"] == "base/hips.yaml"
    assert origins["bridge"]["harder"] == "base/hamstrings.yaml"


def test_an_override_of_an_unknown_id_names_the_overlay_file_and_the_nearest_id(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "nordc", "cues": ["Slowly."]}]}},
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise, problem.field) == ("coach/tweaks.yaml", "nordc", "id")
    assert problem.line == line_of(coach / "tweaks.yaml", "id: nordc")
    assert_words(problem.message, "no folder defines", "did you mean 'nordic'")


def test_an_override_that_breaks_a_field_names_the_overlay_file_and_line(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {
            "tweaks.yaml": {
                "overrides": [{"id": "nordic", "dose": {"intermediate": {"sets": 0, "reps": 5}}}]
            }
        },
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise) == ("coach/tweaks.yaml", "nordic")
    assert problem.field == "dose.intermediate.sets"
    assert problem.line == line_of(coach / "tweaks.yaml", "sets: 0")
    assert "greater than or equal to 1" in problem.message


def test_an_override_that_breaks_the_merged_exercise_names_the_overlay_file(
    shipped: Path, coach: Path
) -> None:
    # Valid as a patch, wrong once merged: the shipped 'reps' dose has no hold_s.
    write_catalog(
        coach, {"tweaks.yaml": {"overrides": [{"id": "clam", "mode": "hold"}]}}, vocabulary=False
    )

    problem = only_problem(shipped, coach)

    assert (problem.exercise, problem.field) == ("clam", "dose.beginner")
    assert problem.file == "base/hips.yaml"  # the dose that lacks hold_s is the shipped one
    assert_words(problem.message, "'hold'", "hold_s", "mode is set in coach/tweaks.yaml")


def test_an_override_with_an_unknown_area_names_the_overlay_file(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "clam", "areas": ["glute_med", "glutemax"]}]}},
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise, problem.field) == ("coach/tweaks.yaml", "clam", "areas")
    assert problem.line == line_of(coach / "tweaks.yaml", "- glutemax")
    assert "unknown area 'glutemax'" in problem.message


def test_an_override_with_an_unknown_field_suggests_the_field_meant(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "clam", "caution": ["Knees apart."]}]}},
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise, problem.field) == (
        "coach/tweaks.yaml",
        "clam",
        "caution",
    )
    assert problem.line == line_of(coach / "tweaks.yaml", "caution:")
    assert "did you mean 'cautions'" in problem.message


def test_an_override_that_links_to_a_missing_rung_names_the_overlay_file(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach, {"tweaks.yaml": {"overrides": [{"id": "clam", "harder": "ghost"}]}}, vocabulary=False
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.field) == ("coach/tweaks.yaml", "harder")
    assert problem.line == line_of(coach / "tweaks.yaml", "harder: ghost")


def test_an_overlay_adds_an_area_and_an_exercise_that_uses_it(shipped: Path, coach: Path) -> None:
    write_catalog(
        coach,
        {
            "words.yaml": {
                "vocabulary": {
                    "areas": {"shins": {"name": "Shins", "about": "Front of the lower leg."}},
                    "patterns": {"dorsiflexion": "Toe raise"},
                }
            },
            "shins.yaml": [exercise("toe-raise", areas=["shins"], pattern="dorsiflexion")],
        },
        vocabulary=False,
    )

    catalog = load_catalog(shipped, coach)

    assert set(catalog.vocabulary.areas) == {*VOCABULARY["areas"], "shins"}
    assert [ex.id for ex in catalog.for_area("shins")] == ["toe-raise"]
    assert catalog.area_name("shins") == "Shins"


def test_the_overlay_area_is_unknown_without_the_overlay_vocabulary(
    shipped: Path, coach: Path
) -> None:
    write_catalog(coach, {"shins.yaml": [exercise("toe-raise", areas=["shins"])]}, vocabulary=False)

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise, problem.field) == (
        "coach/shins.yaml",
        "toe-raise",
        "areas",
    )
    assert "unknown area 'shins'" in problem.message


def test_a_shipped_exercise_may_be_overridden_to_use_an_overlay_area(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {
            "words.yaml": {
                "vocabulary": {"areas": {"shins": {"name": "Shins", "about": "Front."}}}
            },
            "tweaks.yaml": {"overrides": [{"id": "clam", "areas": ["glute_med", "shins"]}]},
        },
        vocabulary=False,
    )

    catalog = load_catalog(shipped, coach)

    assert [ex.id for ex in catalog.for_area("shins")] == ["clam"]


def test_a_bad_word_in_the_overlay_vocabulary_names_the_overlay_file(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"words.yaml": {"vocabulary": {"areas": {"shins": {"name": "", "about": "Front."}}}}},
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.field) == ("coach/words.yaml", "vocabulary.areas.shins.name")
    assert problem.line == line_of(coach / "words.yaml", "name:")


def test_the_same_id_in_two_layers_is_a_replacement_not_a_duplicate(
    shipped: Path, coach: Path
) -> None:
    write_catalog(coach, {"mine.yaml": [exercise("clam", areas=["glute_med"])]}, vocabulary=False)

    assert check_catalog(shipped, coach) == []


def test_a_duplicate_id_inside_the_overlay_names_the_overlay_files(
    shipped: Path, coach: Path
) -> None:
    write_catalog(
        coach,
        {"a.yaml": [exercise("band-curl")], "b.yaml": [exercise("band-curl")]},
        vocabulary=False,
    )

    problem = only_problem(shipped, coach)

    assert (problem.file, problem.exercise, problem.field) == ("coach/b.yaml", "band-curl", "id")
    assert_words(problem.message, "duplicate id 'band-curl'", "coach/a.yaml")


def test_an_overlay_over_the_real_shipped_catalog_can_override_the_nordic_curl(
    coach: Path,
) -> None:
    write_catalog(
        coach,
        {"tweaks.yaml": {"overrides": [{"id": "nordic-curl", "cues": ["Coach's cue."]}]}},
        vocabulary=False,
    )

    catalog = load_catalog(BUNDLED, coach)

    assert catalog["nordic-curl"].cues == ("Coach's cue.",)
    assert catalog.origins["nordic-curl"]["cues"] == "coach/tweaks.yaml"
    assert catalog.origins["nordic-curl"]["id"] == "exercises/hamstrings.yaml"


# ----------------------------------------------------------------------------
# Which files are read


def test_a_missing_folder_is_named(shipped: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    problem = only_problem(shipped, missing)

    assert problem.file == str(missing)
    assert "folder not found" in problem.message


def test_an_empty_folder_is_named(shipped: Path, coach: Path) -> None:
    coach.mkdir()

    problem = only_problem(shipped, coach)

    assert problem.file == str(coach)
    assert "no .yaml files" in problem.message


def test_files_in_sub_folders_and_yml_files_are_read(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs/hamstrings.yaml": [exercise("curl-a")],
            "legs/deep/calves.yml": [exercise("calf-raise", harder="curl-a")],
        },
    )

    catalog = load_catalog(base)

    assert set(catalog.exercises) == {"curl-a", "calf-raise"}
    assert catalog.origins["calf-raise"]["id"] == "base/legs/deep/calves.yml"


def test_a_problem_in_a_sub_folder_names_the_path_within_the_catalog(base: Path) -> None:
    write_catalog(base, {"legs/deep/calves.yml": [exercise("calf-raise", level="pro")]})

    problem = only_problem(base)

    assert (problem.file, problem.exercise) == ("base/legs/deep/calves.yml", "calf-raise")
    assert problem.line == line_of(base / "legs/deep/calves.yml", "level: pro")


def test_hidden_folders_and_files_are_ignored(base: Path) -> None:
    write_catalog(
        base,
        {
            "legs.yaml": [exercise("curl-a")],
            ".drafts/broken.yaml": "exercises: [\n",
            ".backup.yaml": "exercises: [\n",
            "notes.txt": "exercises: [\n",
        },
    )

    assert check_catalog(base) == []
    assert [Path(mark[0]).name for mark in catalog_fingerprint(base)] == [
        "legs.yaml",
        "vocabulary.yaml",
    ]


# ----------------------------------------------------------------------------
# The fingerprint: a cache key that changes with the files


def test_the_fingerprint_is_stable_while_nothing_changes(shipped: Path) -> None:
    assert catalog_fingerprint(shipped) == catalog_fingerprint(shipped)


def test_the_fingerprint_changes_when_a_file_is_touched(shipped: Path) -> None:
    before = catalog_fingerprint(shipped)
    path = shipped / "hips.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert catalog_fingerprint(shipped) != before


def test_the_fingerprint_changes_when_a_file_is_edited_to_the_same_size(shipped: Path) -> None:
    path = shipped / "hips.yaml"
    before = catalog_fingerprint(shipped)
    stat = path.stat()
    path.write_text(path.read_text().replace("Clam", "Clap"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert path.stat().st_size == stat.st_size
    assert catalog_fingerprint(shipped) != before


def test_the_fingerprint_changes_when_a_file_is_added_or_removed(shipped: Path) -> None:
    before = catalog_fingerprint(shipped)
    added = write_catalog(shipped, {"sub/new.yaml": [exercise("curl-z")]}, vocabulary=False)
    with_file = catalog_fingerprint(shipped)
    (added / "sub" / "new.yaml").unlink()

    assert with_file != before
    assert len(with_file) == len(before) + 1
    assert catalog_fingerprint(shipped) == before


def test_the_fingerprint_covers_every_folder_given(shipped: Path, coach: Path) -> None:
    write_catalog(coach, {"mine.yaml": [exercise("curl-z")]}, vocabulary=False)

    assert len(catalog_fingerprint(shipped, coach)) == len(catalog_fingerprint(shipped)) + 1


# ----------------------------------------------------------------------------
# Default folders from the environment


def test_default_folders_are_the_shipped_catalog_then_the_coachs_overlay(
    shipped: Path, coach: Path, monkeypatch: pytest.MonkeyPatch, no_catalog_env: None
) -> None:
    assert default_folders() == (BUNDLED,)

    write_catalog(coach, {"mine.yaml": [exercise("band-curl")]}, vocabulary=False)
    monkeypatch.setenv("STRENGTH_CATALOG", str(shipped))
    monkeypatch.setenv("STRENGTH_COACH_CATALOG", str(coach))

    assert default_folders() == (shipped, coach)
    assert "band-curl" in load_catalog().exercises
