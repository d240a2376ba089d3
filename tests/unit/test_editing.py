"""Coaches edit the catalog safely: edits keep the file as the coach wrote it, saves are
validated, atomic, undoable and never overwrite someone else's change; an overlay folder
takes every change and the shipped files stay as they are.

Every test works on a copy of the shipped catalog in tmp_path.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from catalog_helpers import exercise, write_catalog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strength.catalog import BUNDLED, catalog_files, check_candidate, check_catalog, load_catalog
from strength.editing import (
    Draft,
    DuplicateId,
    EditError,
    LadderError,
    LinkedExercise,
    NothingToUndo,
    SaveConflict,
    ShippedExercise,
    history_of,
    open_for_editing,
    undo_last,
)
from strength.errors import CatalogError
from strength.history import HISTORY, locked, recover, settled
from strength.model import Level
from strength.yamlfile import MAX_FILE_BYTES

MODELINE = "# yaml-language-server: $schema=schema.json"
HAMSTRING_LADDER = [
    "heel-dig-bridge-hold",
    "long-lever-single-leg-bridge",
    "eccentric-slider-curl",
    "slider-curl",
    "single-leg-eccentric-slider-curl",
    "assisted-nordic-curl",
    "nordic-curl",
    "nordic-curl-progressed",
]
NORDIC_DOSE = {
    "beginner": {"sets": 2, "reps": 5, "eccentric_s": 3, "rest_s": 90},
    "intermediate": {"sets": 3, "reps": 6, "eccentric_s": 4, "rest_s": 90},
    "advanced": {"sets": 3, "reps": 8, "eccentric_s": 5, "rest_s": 90},
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped catalog, free to edit."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "exercises"))


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    """A coach's overlay folder, not created yet: the first save creates it."""
    return tmp_path / "my-drills"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (hidden ones too), by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def nordic_dose(beginner_sets: int) -> dict[str, Any]:
    return {**NORDIC_DOSE, "beginner": {**NORDIC_DOSE["beginner"], "sets": beginner_sets}}


def leftovers(folder: Path) -> list[Path]:
    """Temporary files a save could have left behind."""
    return list(folder.rglob("*.tmp"))


# ----------------------------------------------------------------------------
# Editing keeps the file as the coach wrote it


def test_a_dose_edit_is_saved_and_loads_back(folder: Path) -> None:
    editor = open_for_editing(folder)

    saved = editor.draft().update("nordic-curl", dose=nordic_dose(4)).save()

    catalog = load_catalog(folder)
    assert catalog["nordic-curl"].dose[Level.beginner].sets == 4
    assert saved.editor.catalog is not None
    assert saved.editor.catalog["nordic-curl"].dose[Level.beginner].sets == 4
    assert [f.path for f in saved.change.files] == ["hamstrings.yaml"]


def test_an_edit_keeps_the_comments_and_key_order_and_touches_only_the_edited_line(
    folder: Path,
) -> None:
    hamstrings = folder / "hamstrings.yaml"
    before = hamstrings.read_text(encoding="utf-8")

    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    [change] = draft.changes()
    draft.save()

    after = hamstrings.read_text(encoding="utf-8")
    assert changed_lines(change.diff) == [
        "-      beginner: {sets: 2, reps: 5, eccentric_s: 3, rest_s: 90}",
        "+      beginner: {sets: 4, reps: 5, eccentric_s: 3, rest_s: 90}",
    ]
    assert after.splitlines()[0] == MODELINE
    assert "  # Knee-flexion ladder: heel-dig-bridge-hold -> long-lever-single-leg-bridge ->" in (
        after.splitlines()
    )
    assert len(after.splitlines()) == len(before.splitlines())
    assert after.replace(
        "{sets: 4, reps: 5, eccentric_s: 3", "{sets: 2, reps: 5, eccentric_s: 3"
    ) == (before)


def test_writing_back_every_exercise_as_it_is_changes_no_byte(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    for exercise_id in draft.exercise_ids():
        draft = draft.replace(exercise_id, draft.fields(exercise_id))

    assert draft.changes() == ()


def test_a_new_field_goes_where_a_coach_writes_it_and_a_removed_one_leaves(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    added = draft.update("heel-dig-bridge-hold", tempo="2-0-1-0")
    removed = draft.update("nordic-curl", tempo=None)

    assert changed_lines(added.preview().diff) == ["+    tempo: 2-0-1-0"]
    lines = added.texts[folder / "hamstrings.yaml"].splitlines()
    where = lines.index("    tempo: 2-0-1-0")
    assert lines[where - 1 : where + 2] == [
        "    mode: hold",
        "    tempo: 2-0-1-0",
        "    impact: none",
    ]
    assert changed_lines(removed.preview().diff) == ["-    tempo: 5-0-1-0"]
    assert removed.catalog()["nordic-curl"].tempo is None


def test_a_protocol_row_edit_changes_that_row_only(folder: Path) -> None:
    draft = open_for_editing(folder).draft()
    protocol = draft.fields("nordic-curl")["protocol"]
    protocol["weeks"][1]["reps"] = 7

    edited = draft.update("nordic-curl", protocol=protocol)

    assert changed_lines(edited.preview().diff) == [
        "-        - {week: 2, sessions: 2, sets: 2, reps: 6}",
        "+        - {week: 2, sessions: 2, sets: 2, reps: 7}",
    ]


def test_a_page_may_pass_the_models_it_validated(folder: Path) -> None:
    draft = open_for_editing(folder).draft()
    nordic = draft.catalog()["nordic-curl"]
    harder = nordic.dose[Level.advanced].model_copy(update={"sets": 4})

    edited = draft.update("nordic-curl", dose={**nordic.dose, Level.advanced: harder})
    unchanged = draft.replace("nordic-curl", nordic)

    assert len(changed_lines(edited.preview().diff)) == 2
    assert edited.catalog()["nordic-curl"].dose[Level.advanced].sets == 4
    assert unchanged.changes() == ()


def test_a_file_with_windows_line_ends_keeps_them(folder: Path) -> None:
    hamstrings = folder / "hamstrings.yaml"
    hamstrings.write_bytes(hamstrings.read_bytes().replace(b"\n", b"\r\n"))

    open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4)).save()

    data = hamstrings.read_bytes()
    assert b"{sets: 4, reps: 5" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_a_file_written_in_another_indentation_keeps_it(tmp_path: Path) -> None:
    base = write_catalog(tmp_path / "base", {"legs.yaml": [exercise("curl"), exercise("bridge")]})

    draft = open_for_editing(base).draft().update("bridge", cues=["Move slowly.", "Breathe out."])

    assert changed_lines(draft.preview().diff) == ["+  - Breathe out."]
    assert draft.catalog()["bridge"].cues == ("Move slowly.", "Breathe out.")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    level=st.sampled_from(["beginner", "intermediate", "advanced"]),
    sets=st.integers(1, 10),
    reps=st.integers(1, 100),
    rest_s=st.integers(0, 300),
)
def test_any_valid_dose_changes_one_line_and_reads_back(
    level: str, sets: int, reps: int, rest_s: int
) -> None:
    draft = open_for_editing(BUNDLED).draft()  # never saved: the shipped files stay as they are
    dose = {**NORDIC_DOSE, level: {"sets": sets, "reps": reps, "eccentric_s": 4, "rest_s": rest_s}}

    edited = draft.update("nordic-curl", dose=dose)

    lines = changed_lines(edited.preview().diff)
    assert len(lines) in (0, 2)
    assert all(line[1:].strip().startswith(f"{level}:") for line in lines)
    got = edited.catalog()["nordic-curl"].dose[Level(level)]
    assert (got.sets, got.reps, got.rest_s) == (sets, reps, rest_s)


# ----------------------------------------------------------------------------
# Adding, duplicating, deleting


def new_exercise(exercise_id: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": exercise_id,
        "name": "Calf hold against the wall",
        "areas": ["calves"],
        "muscles": {"primary": ["soleus", "gastrocnemius"]},
        "pattern": "plantar_flexion",
        "level": "beginner",
        "mode": "hold",
        "per_side": True,
        "dose": {"beginner": {"sets": 3, "hold_s": 20, "rest_s": 45}},
        "cues": ["Hands on the wall, rise onto the ball of one foot and stay high."],
        "why": "Loads the calf without bouncing.",
        "cautions": ["Pain up to 3/10 that settles by the next morning is fine."],
        "step_down": "Hold for 10 s with both feet.",
        "source": "Coaching convention.",
    }
    return {**data, **fields}


def test_a_new_exercise_goes_to_the_end_of_its_areas_file(folder: Path) -> None:
    draft = open_for_editing(folder).draft().add(new_exercise("calf-hold-wall"))

    [change] = draft.changes()
    assert change.file == "exercises/calves.yaml"
    assert change.after.startswith(change.before or "")
    assert "\n\n  - id: calf-hold-wall\n    name: Calf hold against the wall\n" in change.after
    assert "    cues:\n      - Hands on the wall" in change.after  # sentences: one a line
    draft.save()
    assert load_catalog(folder)["calf-hold-wall"].dose[Level.beginner].hold_s == 20


def test_a_new_exercise_in_a_new_file_gets_the_schema_line(folder: Path) -> None:
    draft = open_for_editing(folder).draft().add(new_exercise("calf-hold-wall"), file="mine.yaml")

    [change] = draft.changes()
    assert change.before is None
    assert change.after.splitlines()[0] == MODELINE
    assert draft.problems == ()


def test_adding_an_id_already_in_use_is_refused(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    with pytest.raises(DuplicateId, match="'nordic-curl' already exists"):
        draft.add(new_exercise("nordic-curl"))


def test_a_duplicate_gets_a_new_id_a_copy_name_and_no_place_on_the_ladder(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    once = draft.duplicate("slider-curl")
    twice = once.duplicate("slider-curl")

    catalog = twice.catalog()
    copy = catalog["slider-curl-copy"]
    assert copy.name == "Slider hamstring curl (copy)"
    assert (copy.easier, copy.harder, copy.aliases) == (None, None, ())
    assert copy.dose == catalog["slider-curl"].dose
    assert "slider-curl-copy-2" in catalog.exercises
    assert [rung.id for rung in catalog.ladder("slider-curl")] == HAMSTRING_LADDER
    text = twice.texts[folder / "hamstrings.yaml"]
    assert text.index("- id: slider-curl\n") < text.index("- id: slider-curl-copy\n")


def test_deleting_an_exercise_others_link_to_is_refused_with_the_links(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    with pytest.raises(LinkedExercise) as refused:
        draft.delete("glute-bridge")

    links = {(link.exercise, link.field) for link in refused.value.links}
    assert links == {("marching-bridge", "easier"), ("banded-glute-bridge", "swaps")}
    assert "exercises/glute_max.yaml, exercise 'marching-bridge', field 'easier'" in str(
        refused.value
    )


def test_a_deleted_exercise_is_gone_and_its_ladder_is_shorter(folder: Path) -> None:
    draft = open_for_editing(folder).draft().delete("nordic-curl-progressed")

    assert "- id: nordic-curl-progressed" not in draft.texts[folder / "hamstrings.yaml"]
    draft.save()
    catalog = load_catalog(folder)
    assert "nordic-curl-progressed" not in catalog.exercises
    assert [rung.id for rung in catalog.ladder("nordic-curl")] == HAMSTRING_LADDER[:-1]


def test_an_exercise_taken_off_its_ladder_can_then_be_deleted(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    draft = draft.take_off_ladder("slider-curl").delete("slider-curl")

    catalog = draft.catalog()
    assert [rung.id for rung in catalog.ladder("nordic-curl")] == [
        rung for rung in HAMSTRING_LADDER if rung != "slider-curl"
    ]


# ----------------------------------------------------------------------------
# Ladders


def test_moving_a_rung_up_rewrites_its_neighbours_links_and_still_validates(folder: Path) -> None:
    draft = open_for_editing(folder).draft().move_up("slider-curl")
    draft.save()

    catalog = load_catalog(folder)
    expected = list(HAMSTRING_LADDER)
    expected[3], expected[4] = expected[4], expected[3]
    assert [rung.id for rung in catalog.ladder("nordic-curl")] == expected
    assert check_catalog(folder) == []


def test_moving_down_then_up_gives_back_the_same_files(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    assert draft.move_down("nordic-curl").move_up("nordic-curl").changes() == ()


def test_the_top_rung_cannot_move_up(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    with pytest.raises(LadderError, match="already the top rung"):
        draft.move_up("nordic-curl-progressed")


def test_a_ladder_is_reordered_whole_or_not_at_all(folder: Path) -> None:
    draft = open_for_editing(folder).draft()
    reordered = [*reversed(HAMSTRING_LADDER[:3]), *HAMSTRING_LADDER[3:]]  # three beginner rungs

    with pytest.raises(LadderError, match="missing: nordic-curl-progressed"):
        draft.reorder_ladder(HAMSTRING_LADDER[:-1])
    done = draft.reorder_ladder(reordered)

    assert [rung.id for rung in done.catalog().ladder("nordic-curl")] == reordered


def test_a_ladder_order_that_does_not_climb_is_shown_as_a_problem(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    done = draft.move_up("eccentric-slider-curl")  # a beginner rung above an intermediate one

    [problem] = done.problems
    assert "a ladder climbs" in problem.message
    with pytest.raises(CatalogError):
        done.save()


def test_a_new_exercise_is_placed_on_a_ladder_below_a_rung(folder: Path) -> None:
    draft = open_for_editing(folder).draft()
    added = draft.add(new_exercise("bridge-hold-short", areas=["hamstrings"], per_side=False))

    placed = added.place_on_ladder("bridge-hold-short", below="heel-dig-bridge-hold")

    ladder = [rung.id for rung in placed.catalog().ladder("nordic-curl")]
    assert ladder == ["bridge-hold-short", *HAMSTRING_LADDER]


# ----------------------------------------------------------------------------
# Saving: validated, conflicts refused, atomic, undoable


def test_an_invalid_edit_is_refused_with_the_catalog_check_message(
    folder: Path, tmp_path: Path
) -> None:
    hamstrings = folder / "hamstrings.yaml"
    before = hamstrings.read_bytes()
    draft = open_for_editing(folder).draft().update("nordic-curl", areas=["hamstring"])

    with pytest.raises(CatalogError) as refused:
        draft.save()

    assert hamstrings.read_bytes() == before
    assert not (folder / HISTORY).exists() or not list((folder / HISTORY).glob("2*"))
    # the same text written to disk gives the same problems from `strength catalog check`
    elsewhere = Path(shutil.copytree(folder, tmp_path / "elsewhere" / "exercises"))
    (elsewhere / "hamstrings.yaml").write_text(draft.texts[hamstrings], encoding="utf-8")
    assert list(refused.value.problems) == check_catalog(elsewhere)
    [problem] = refused.value.problems
    assert str(problem).startswith("exercises/hamstrings.yaml line 8, exercise 'nordic-curl'")
    assert "unknown area 'hamstring'; did you mean 'hamstrings'?" in str(problem)
    assert draft.preview().problems == refused.value.problems


def test_a_file_changed_on_disk_since_opening_is_not_overwritten(folder: Path) -> None:
    hamstrings = folder / "hamstrings.yaml"
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    theirs = hamstrings.read_text(encoding="utf-8") + "# a note from another coach\n"
    hamstrings.write_text(theirs, encoding="utf-8")

    with pytest.raises(SaveConflict) as refused:
        draft.save()

    assert hamstrings.read_text(encoding="utf-8") == theirs
    [conflict] = refused.value.conflicts
    assert conflict.file == "exercises/hamstrings.yaml"
    assert "+# a note from another coach" in conflict.theirs
    assert "+      beginner: {sets: 4," in conflict.yours
    assert "nothing was saved" in str(refused.value)
    assert not list((folder / HISTORY).glob("2*"))


def test_same_modification_time_but_other_content_is_still_a_conflict(folder: Path) -> None:
    hamstrings = folder / "hamstrings.yaml"
    stat = hamstrings.stat()
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    hamstrings.write_bytes(hamstrings.read_bytes().replace(b"Nordic curl", b"Nordic Curl"))
    os.utime(hamstrings, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    with pytest.raises(SaveConflict):
        draft.save()


def test_undo_restores_the_previous_bytes_exactly(folder: Path) -> None:
    before = snapshot(folder)
    editor = open_for_editing(folder)
    editor.draft().update("nordic-curl", dose=nordic_dose(4)).move_up("slider-curl").save()
    assert snapshot(folder) != before

    undone = editor.undo_last()

    assert {k: v for k, v in snapshot(folder).items() if not k.startswith(HISTORY)} == before
    assert "changed dose of 'nordic-curl'" in undone.summary
    with pytest.raises(NothingToUndo):
        undo_last(folder)


def test_the_history_lists_each_save_with_what_it_did(folder: Path) -> None:
    editor = open_for_editing(folder)
    saved = editor.draft().update("nordic-curl", dose=nordic_dose(4)).save()

    [change] = saved.editor.history()

    assert change.summary == "changed dose of 'nordic-curl'"
    assert [version.path for version in change.files] == ["hamstrings.yaml"]
    assert change.before("hamstrings.yaml") == (BUNDLED / "hamstrings.yaml").read_bytes()
    assert change.after("hamstrings.yaml") == (folder / "hamstrings.yaml").read_bytes()


def test_undo_goes_back_one_save_at_a_time(folder: Path) -> None:
    hamstrings = folder / "hamstrings.yaml"
    original = hamstrings.read_bytes()
    first = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4)).save()
    after_first = hamstrings.read_bytes()
    first.editor.draft().update("nordic-curl", dose=nordic_dose(5)).save()

    undo_last(folder)
    assert hamstrings.read_bytes() == after_first
    undo_last(folder)
    assert hamstrings.read_bytes() == original


def test_undo_is_refused_when_the_file_changed_since_the_save(folder: Path) -> None:
    hamstrings = folder / "hamstrings.yaml"
    open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4)).save()
    theirs = hamstrings.read_bytes() + b"# edited by hand\n"
    hamstrings.write_bytes(theirs)

    with pytest.raises(SaveConflict, match="nothing was undone"):
        undo_last(folder)

    assert hamstrings.read_bytes() == theirs


def test_a_crash_before_the_rename_leaves_the_old_file_and_no_temporary_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(folder)
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    real_replace = os.replace

    def crash(source: Any, target: Any) -> None:
        if Path(target).suffix == ".yaml" and HISTORY not in Path(target).parts:
            raise OSError("the machine went down")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="went down"):
        draft.save()

    assert {k: v for k, v in snapshot(folder).items() if not k.startswith(HISTORY)} == before
    assert leftovers(folder) == []
    assert open_for_editing(folder).history() == ()  # no undo of a save that never happened


def test_a_crash_half_way_through_writing_leaves_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hamstrings = folder / "hamstrings.yaml"
    before = hamstrings.read_bytes()
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWritten:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWritten(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError, match="No space left"):
        draft.save()

    assert hamstrings.read_bytes() == before
    assert leftovers(folder) == []


def test_the_loader_ignores_the_history_and_temporary_files(folder: Path) -> None:
    open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4)).save()
    (folder / ".hamstrings.yaml.abc.tmp").write_text("exercises: [broken", encoding="utf-8")

    assert any((folder / HISTORY).rglob("*.yaml"))
    assert not any(HISTORY in path.parts for path in catalog_files(folder))
    assert check_catalog(folder) == []


# ----------------------------------------------------------------------------
# A save of several files is all or nothing, and every crash recovers


class Died(BaseException):
    """The process died here: from now on nothing touches the disk."""


DISK_OPERATIONS = ("replace", "rename", "unlink", "rmdir", "mkdir", "fsync")


@contextlib.contextmanager
def dying(when: Callable[[str, tuple[Any, ...]], bool] | int) -> Iterator[list[str]]:
    """The process dies just before the disk operation that `when` picks (a predicate of
    the operation's name and arguments, or its number, from 1), and stays dead. Yields
    the log of operations done."""
    done: list[str] = []
    dead = False

    def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def operation(*args: Any, **kwargs: Any) -> Any:
            nonlocal dead
            picked = len(done) + 1 == when if isinstance(when, int) else when(name, args)
            if dead or picked:
                dead = True
                raise Died(name)
            done.append(name)
            return real(*args, **kwargs)

        return operation

    with pytest.MonkeyPatch.context() as patch:
        for name in DISK_OPERATIONS:
            patch.setattr(os, name, wrap(name, getattr(os, name)))
        yield done


def renaming(file: str) -> Callable[[str, tuple[Any, ...]], bool]:
    """Picks the rename that puts `file` of the catalog in place."""
    return lambda name, args: name == "replace" and Path(args[1]).name == file


def unfinished(folder: Path) -> list[str]:
    """What a crash may leave in the history besides its entries: none after recovery."""
    store = folder / HISTORY
    found = [p.name for p in store.iterdir() if p.name == "journal.json" or p.name[0] == "."]
    return sorted({*found} - {".lock"}) + [str(p) for p in leftovers(folder)]


def catalog_snapshot(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(folder).items() if not k.startswith(HISTORY)}


def two_file_draft(folder: Path) -> Draft:
    draft = open_for_editing(folder).draft().update("nordic-curl", dose=nordic_dose(4))
    return draft.update("calf-raise", cues=["Rise high, lower slowly."])


def test_a_merge_killed_between_its_two_renames_is_finished_before_anyone_reads(
    folder: Path,
) -> None:
    before = catalog_snapshot(folder)
    preview = open_for_editing(folder).import_yaml(UPLOAD, name="drills.yaml")
    written = {change.path.name: change.after.encode() for change in preview.changes}
    assert sorted(written) == ["core.yaml", "vocabulary.yaml"]
    with dying(renaming("vocabulary.yaml")), pytest.raises(Died):
        preview.apply()
    # On disk, half the merge: core.yaml uses a word vocabulary.yaml lacks yet.
    assert check_candidate([folder], {})[1] != []

    problems = check_catalog(folder)  # the loader finishes the save before it reads

    assert problems == []
    assert unfinished(folder) == []
    assert {name: (folder / name).read_bytes() for name in written} == written
    [change] = history_of(folder)
    assert change.summary.startswith("imported drills.yaml")
    undo_last(folder)
    assert catalog_snapshot(folder) == before


def test_a_save_killed_before_its_journal_is_written_leaves_the_files_and_no_history(
    folder: Path,
) -> None:
    before = catalog_snapshot(folder)
    with dying(renaming("journal.json")), pytest.raises(Died):
        two_file_draft(folder).save()
    assert unfinished(folder) != []  # the staged files, the journal's temporary file

    assert recover(folder) is None  # no journal: nothing had changed

    assert catalog_snapshot(folder) == before
    assert unfinished(folder) == []
    assert history_of(folder) == ()


def test_a_save_whose_staged_files_are_gone_is_rolled_back(folder: Path) -> None:
    before = catalog_snapshot(folder)
    with dying(renaming("hamstrings.yaml")), pytest.raises(Died):
        two_file_draft(folder).save()
    assert catalog_snapshot(folder)["calves.yaml"] != before["calves.yaml"]
    [staged] = (folder / HISTORY).glob(".pending/*/new/hamstrings.yaml")
    staged.unlink()

    assert recover(folder) == "rolled back"

    assert catalog_snapshot(folder) == before
    assert unfinished(folder) == []
    assert history_of(folder) == ()


def test_a_rename_failing_half_way_rolls_the_whole_save_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = catalog_snapshot(folder)
    draft = two_file_draft(folder)
    real_replace = os.replace

    def full_disk(source: Any, target: Any) -> None:
        if Path(target).name == "hamstrings.yaml" and HISTORY not in Path(target).parts:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        draft.save()

    assert catalog_snapshot(folder) == before  # calves.yaml, renamed first, is back
    assert unfinished(folder) == []
    assert history_of(folder) == ()


def test_an_undo_killed_half_way_is_finished_and_its_entry_dropped(folder: Path) -> None:
    before = catalog_snapshot(folder)
    two_file_draft(folder).save()
    with dying(renaming("hamstrings.yaml")), pytest.raises(Died):
        undo_last(folder)

    assert recover(folder) == "finished"

    assert catalog_snapshot(folder) == before
    assert history_of(folder) == ()
    assert unfinished(folder) == []


@pytest.mark.parametrize("lose_a_staged_file", [False, True], ids=["forward", "back"])
def test_recovery_killed_at_any_step_recovers_the_same_way_next_time(
    folder: Path, tmp_path: Path, lose_a_staged_file: bool
) -> None:
    before = catalog_snapshot(folder)
    draft = two_file_draft(folder)
    after = {**before, **{c.path.name: c.after.encode() for c in draft.changes()}}
    with dying(renaming("hamstrings.yaml")), pytest.raises(Died):
        draft.save()
    if lose_a_staged_file:
        next((folder / HISTORY).glob(".pending/*/new/hamstrings.yaml")).unlink()
    crashed = tmp_path / "crashed"
    shutil.copytree(folder, crashed)
    expected = (before, 0) if lose_a_staged_file else (after, 1)

    step = 1
    while True:
        shutil.rmtree(folder)
        shutil.copytree(crashed, folder)
        killed = False
        with dying(step):
            try:
                recover(folder)
            except Died:
                killed = True
        recover(folder)  # the next start
        assert (catalog_snapshot(folder), len(history_of(folder))) == expected, step
        assert unfinished(folder) == [], step
        if not killed:  # the recovery ran to its end: every step of it was tried
            break
        step += 1
    assert step > 5


def test_a_reader_waits_for_a_save_under_way_and_reads_it_whole(folder: Path) -> None:
    two_file_draft(folder).save()
    order: list[str] = []
    reader = threading.Thread(target=lambda: order.append(settled([folder], lambda: "read")))

    with locked(folder):  # a save, between its checks and its last rename
        reader.start()
        reader.join(0.3)
        assert reader.is_alive()
        order.append("saved")
    reader.join(5)

    assert order == ["saved", "read"]


def test_a_read_during_a_folders_first_save_is_done_again_under_the_lock(folder: Path) -> None:
    reads: list[bool] = []

    def read() -> int:
        reads.append((folder / HISTORY).is_dir())
        (folder / HISTORY).mkdir(exist_ok=True)  # the first save starts meanwhile
        return len(reads)

    assert settled([folder], read) == 2
    assert reads == [False, True]


def test_recovery_removes_the_leftovers_of_a_crash_and_nothing_else(folder: Path) -> None:
    two_file_draft(folder).save()
    before = snapshot(folder)
    store = folder / HISTORY
    strays = [
        folder / ".hamstrings.yaml.k2j3.tmp",
        store / ".journal.json.x1.tmp",
        store / ".pending" / "20270104T093012123456Z-ab" / "new" / "core.yaml",
        store / ".20270104T093012123456Z.partial" / "change.json",
        store / ".20270104T093012123456Z.20270105T000000Z.forgotten" / "change.json",
    ]
    for stray in strays:
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_text("exercises: [broken", encoding="utf-8")
    kept = folder / ".git" / "index.tmp"  # not the editor's
    kept.parent.mkdir()
    kept.write_text("git's own", encoding="utf-8")

    assert recover(folder) is None

    assert {k: v for k, v in snapshot(folder).items() if not k.startswith(".git")} == before
    assert kept.read_text(encoding="utf-8") == "git's own"
    assert recover(folder) is None  # and again: nothing left to do


# ----------------------------------------------------------------------------
# Import and export


UPLOAD = """\
# Drills from another coach
vocabulary:
  equipment:
    medicine_ball: Medicine ball
exercises:
  - id: med-ball-slam
    name: Medicine ball slam
    areas: [core]
    muscles: {primary: [rectus_abdominis]}
    pattern: anti_extension
    equipment: [medicine_ball]
    level: intermediate
    mode: reps
    dose:
      intermediate: {sets: 3, reps: 8}   # keep it snappy
    cues: [Slam the ball down in front of your feet.]
    why: Trains the trunk to transfer force quickly.
    cautions: [Mind the rebound.]
    step_down: Use a lighter ball.
    source: Coaching convention.
"""


def test_an_upload_is_previewed_then_merged(folder: Path) -> None:
    editor = open_for_editing(folder)
    heel_dig = editor.draft().fields("heel-dig-bridge-hold")
    heel_dig["name"] = "Heel-dig bridge hold (from the upload)"
    upload = UPLOAD + "\n" + _as_entry(heel_dig)
    before = snapshot(folder)

    preview = editor.import_yaml(upload.encode("utf-8"), name="drills.yaml")

    assert preview.ok, preview.problems
    assert (preview.added, preview.replaced) == (("med-ball-slam",), ("heel-dig-bridge-hold",))
    assert preview.words == ("equipment.medicine_ball",)
    assert "+    name: Heel-dig bridge hold (from the upload)" in preview.diff
    assert "+      intermediate: {sets: 3, reps: 8}   # keep it snappy" in preview.diff
    assert snapshot(folder) == before  # nothing written before apply
    preview.apply()
    catalog = load_catalog(folder)
    assert catalog["med-ball-slam"].equipment == ("medicine_ball",)
    assert catalog["heel-dig-bridge-hold"].name == "Heel-dig bridge hold (from the upload)"
    assert [rung.id for rung in catalog.ladder("nordic-curl")] == HAMSTRING_LADDER


def _as_entry(fields: dict[str, Any]) -> str:
    from strength import yamledit

    return yamledit.render_entry(yamledit.to_entry(fields), yamledit.CATALOG_STYLE, 2)


def test_an_upload_with_problems_is_shown_with_them_and_cannot_be_applied(folder: Path) -> None:
    editor = open_for_editing(folder)
    upload = UPLOAD.replace("level: intermediate", "level: expert")

    preview = editor.import_yaml(upload, name="drills.yaml")

    assert not preview.ok
    assert any("'expert' is not allowed" in str(problem) for problem in preview.problems)
    with pytest.raises(CatalogError):
        preview.apply()


def test_an_upload_that_is_not_a_catalog_file_is_refused_with_its_line(folder: Path) -> None:
    editor = open_for_editing(folder)

    broken = editor.import_yaml("exercises:\n  - id: a\n  - {id: a\nfoo: [", name="x.yaml")
    twice = editor.import_yaml("exercises:\n  - id: a\n  - id: a\n", name="x.yaml")
    too_big = editor.import_yaml(b"#" * (MAX_FILE_BYTES + 1))

    assert broken.problems[0].file == "x.yaml"
    assert broken.problems[0].line is not None
    assert [str(p) for p in twice.problems] == [
        "x.yaml line 3, exercise 'a': listed twice in the upload"
    ]
    assert "the limit is" in too_big.problems[0].message
    assert broken.changes == twice.changes == too_big.changes == ()


def test_the_export_zip_holds_every_catalog_file(folder: Path) -> None:
    editor = open_for_editing(folder)

    archive = zipfile.ZipFile(io.BytesIO(editor.export_zip()))

    names = set(archive.namelist())
    expected = {f"exercises/{path.name}" for path in catalog_files(folder)}
    assert expected <= names
    assert "exercises/schema.json" in names
    for path in catalog_files(folder):
        assert archive.read(f"exercises/{path.name}") == path.read_bytes()


def test_the_export_as_one_yaml_loads_as_the_same_catalog(folder: Path, tmp_path: Path) -> None:
    editor = open_for_editing(folder)
    alone = tmp_path / "alone"
    alone.mkdir()

    (alone / "catalog.yaml").write_text(editor.export_yaml(), encoding="utf-8")

    exported, original = load_catalog(alone), load_catalog(folder)
    assert list(exported.exercises) == list(original.exercises)
    assert dict(exported.exercises) == dict(original.exercises)
    assert exported.vocabulary == original.vocabulary


# ----------------------------------------------------------------------------
# A coach's overlay folder takes every change


def test_in_an_overlay_an_edit_becomes_an_override_and_the_shipped_files_stay(
    folder: Path, overlay: Path
) -> None:
    shipped = snapshot(folder)
    editor = open_for_editing(folder, overlay)
    assert editor.catalog is not None and editor.problems == ()

    editor.draft().update("nordic-curl", dose=nordic_dose(4), tempo=None).save()

    assert snapshot(folder) == shipped
    text = (overlay / "hamstrings.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../exercises/schema.json\n")
    assert "overrides:\n  - id: nordic-curl\n    tempo: null\n    dose:\n" in text
    catalog = load_catalog(folder, overlay)
    assert catalog["nordic-curl"].dose[Level.beginner].sets == 4
    assert catalog["nordic-curl"].tempo is None
    assert catalog.origins["nordic-curl"]["dose"] == "my-drills/hamstrings.yaml"


def test_in_an_overlay_setting_a_field_back_removes_the_override(
    folder: Path, overlay: Path
) -> None:
    saved = open_for_editing(folder, overlay).draft().update("nordic-curl", dose=nordic_dose(4))
    editor = saved.save().editor

    back = editor.draft().update("nordic-curl", dose=NORDIC_DOSE)

    [change] = back.changes()
    assert "id: nordic-curl" not in change.after
    assert back.problems == ()


def test_in_an_overlay_new_exercises_ladders_and_copies_stay_out_of_the_shipped_files(
    folder: Path, overlay: Path
) -> None:
    shipped = snapshot(folder)
    draft = open_for_editing(folder, overlay).draft()

    draft = (
        draft.add(new_exercise("calf-hold-wall")).move_up("slider-curl").duplicate("nordic-curl")
    )
    draft.save()

    assert snapshot(folder) == shipped
    catalog = load_catalog(folder, overlay)
    assert {"calf-hold-wall", "nordic-curl-copy"} <= set(catalog.exercises)
    assert catalog.origins["calf-hold-wall"]["id"] == "my-drills/calves.yaml"
    assert [rung.id for rung in catalog.ladder("slider-curl")][3:5] == [
        "single-leg-eccentric-slider-curl",
        "slider-curl",
    ]


def test_in_an_overlay_a_shipped_exercise_cannot_be_deleted_but_a_change_can_be_reverted(
    folder: Path, overlay: Path
) -> None:
    editor = open_for_editing(folder, overlay)
    draft = editor.draft()

    with pytest.raises(ShippedExercise, match="cannot delete a shipped exercise"):
        draft.delete("nordic-curl-progressed")
    with pytest.raises(EditError, match="no shipped version"):
        draft.add(new_exercise("calf-hold-wall")).revert("calf-hold-wall")
    changed = draft.update("nordic-curl", dose=nordic_dose(4))
    reverted = changed.revert("nordic-curl")

    assert changed.changes() != ()
    assert all("nordic-curl" not in change.after for change in reverted.changes())
    assert reverted.origin("nordic-curl").shipped


def test_in_an_overlay_undo_of_the_first_save_removes_the_file_it_created(
    folder: Path, overlay: Path
) -> None:
    open_for_editing(folder, overlay).draft().add(new_exercise("calf-hold-wall")).save()
    assert (overlay / "calves.yaml").is_file()

    undo_last(overlay)

    assert not (overlay / "calves.yaml").exists()
    assert "calf-hold-wall" not in load_catalog(folder).exercises


def test_in_an_overlay_a_file_another_coach_created_meanwhile_is_a_conflict(
    folder: Path, overlay: Path
) -> None:
    draft = open_for_editing(folder, overlay).draft().add(new_exercise("calf-hold-wall"))
    overlay.mkdir()
    (overlay / "calves.yaml").write_text("exercises: []\n", encoding="utf-8")

    with pytest.raises(SaveConflict):
        draft.save()

    assert (overlay / "calves.yaml").read_text(encoding="utf-8") == "exercises: []\n"


# ----------------------------------------------------------------------------
# Warm-ups, dose ranges and load settings survive every edit


CLAMSHELL_SETTINGS = (
    "    warm_up: {sets: 1, reps: 10, rest_s: 15}",
    "    progress: {reps: [10, 20]}",
    "    loadable: false",
)


def _settings(exercise: Any) -> tuple[Any, Any, Any]:
    return (exercise.warm_up, exercise.progress, exercise.loadable)


def test_an_exercise_with_a_warm_up_a_range_and_a_load_setting_keeps_them_when_its_cues_change(
    folder: Path,
) -> None:
    draft = open_for_editing(folder).draft()
    before = draft.catalog()["clamshell"]
    assert before.warm_up is not None and before.progress is not None
    assert before.loadable is False
    cues = [*draft.fields("clamshell")["cues"], "Breathe out as the knee rises."]

    updated = draft.update("clamshell", cues=cues)
    replaced = draft.replace("clamshell", {**draft.fields("clamshell"), "cues": cues})

    for edited in (updated, replaced):
        assert changed_lines(edited.preview().diff) == ["+      - Breathe out as the knee rises."]
        lines = edited.texts[folder / "glute_med.yaml"].splitlines()
        assert all(setting in lines for setting in CLAMSHELL_SETTINGS)
        assert _settings(edited.catalog()["clamshell"]) == _settings(before)
    updated.save()
    assert _settings(load_catalog(folder)["clamshell"]) == _settings(before)


def test_in_an_overlay_a_cue_edit_leaves_the_shipped_warm_up_range_and_load_setting(
    folder: Path, overlay: Path
) -> None:
    draft = open_for_editing(folder, overlay).draft()
    before = draft.catalog()["clamshell"]

    draft.update("clamshell", cues=["Knees together, lift the top knee."]).save()

    text = (overlay / "glute_med.yaml").read_text(encoding="utf-8")
    assert "warm_up" not in text and "progress" not in text and "loadable" not in text
    after = load_catalog(folder, overlay)["clamshell"]
    assert after.cues == ("Knees together, lift the top knee.",)
    assert _settings(after) == _settings(before)


def test_a_new_warm_up_and_range_go_beside_the_dose_in_the_coachs_order(folder: Path) -> None:
    draft = open_for_editing(folder).draft()

    edited = draft.update(
        "front-plank",
        warm_up={"rest_s": 15, "hold_s": 15, "sets": 1},
        progress={"hold_s": [20, 40]},
        loadable=True,
    )

    assert changed_lines(edited.preview().diff) == [
        "+    warm_up: {sets: 1, hold_s: 15, rest_s: 15}",
        "+    progress:",
        "+      hold_s: [20, 40]",
        "+    loadable: true",
    ]
    lines = edited.texts[folder / "core.yaml"].splitlines()
    start = lines.index("    warm_up: {sets: 1, hold_s: 15, rest_s: 15}")
    assert lines[start - 1].startswith("      intermediate: {")  # right after the dose
    plank = edited.catalog()["front-plank"]
    assert plank.warm_up is not None and plank.warm_up.hold_s == 15
    assert plank.progress is not None and plank.progress.hold_s == (20, 40)
    assert plank.loadable is True
