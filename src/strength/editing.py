"""Coaches edit the catalog in the browser, safely: the core the editor pages stand on.

`open_for_editing()` reads every catalog file once and remembers its version (the
sha256 of its bytes). Changes build a `Draft`, a frozen set of new file texts:
each change re-renders only the YAML entries it touches, so the coach's comments,
key order and layout stay and the diff shows just the edited lines. A draft shows
its diff and its problems (the very `strength catalog check` pass, run on the
texts in memory) before anything is written. `Draft.save()` refuses an invalid
catalog, refuses to overwrite a file that changed on disk since it was read
(`SaveConflict`), then writes its files and keeps the versions it replaces in the
folder's `.history/`, all or nothing (`strength.transaction`); `undo_last()` puts the
last save back the same way. Every operation first recovers from a crash that
interrupted an earlier one, and reads the files while no save is half done.

Where changes go: to the last catalog folder. With a coach's overlay folder
(STRENGTH_COACH_CATALOG) that is the overlay, and the shipped files are never
written. A change to a shipped exercise becomes an `overrides:` entry holding
only the changed fields, in the overlay file named like the shipped file, so
later fixes to the exercise's other fields still reach the coach; a new exercise
goes to the file of its main area (`calves.yaml`). The catalog has no way for an
overlay to retire a shipped exercise, so deleting one from an overlay is refused
with what to do instead.
"""

from __future__ import annotations

import copy
import difflib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as evolve
from enum import Enum
from functools import cached_property, lru_cache, partial
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import history, yamledit
from .catalog import (
    TOP_LEVEL_KEYS,
    VOCABULARY_KINDS,
    Catalog,
    catalog_files,
    check_candidate,
    display_name,
    editing_folders,
)
from .errors import CatalogError, Problem, StrengthError
from .history import SavedChange, content_token, read_bytes
from .model import LEVELS, SLUG, Dose, DoseRange, Exercise, Media, Muscles, Protocol
from .yamlfile import LineFinder, YamlProblem, decode, parse

EXERCISE_FIELDS = tuple(Exercise.model_fields)
DOSE_FIELDS = tuple(Dose.model_fields)
STEP_FIELDS = ("sessions", "per_day", "rung", *DOSE_FIELDS)
_ORDERS: dict[tuple[str, ...], tuple[str, ...]] = {
    (): EXERCISE_FIELDS,
    ("muscles",): tuple(Muscles.model_fields),
    ("dose",): tuple(level.value for level in LEVELS),
    ("warm_up",): DOSE_FIELDS,
    ("progress",): tuple(DoseRange.model_fields),
    ("protocol",): tuple(Protocol.model_fields),
    ("protocol", "weeks"): ("week", *STEP_FIELDS),
    ("protocol", "maintenance"): STEP_FIELDS,
    ("media",): tuple(Media.model_fields),
}
_SLUG = re.compile(SLUG)
_MISSING: Any = object()


# ----------------------------------------------------------------------------
# Errors


class EditError(StrengthError):
    """A change the editor will not make; the message says why, and what to do instead."""


class UnknownExercise(EditError):
    """No exercise has this id."""

    def __init__(self, exercise_id: str, known: Iterable[str]) -> None:
        self.exercise = exercise_id
        super().__init__(f"no exercise '{exercise_id}'{_did_you_mean(exercise_id, known)}")


class DuplicateId(EditError):
    """A new exercise would take an id already in use."""

    def __init__(self, exercise_id: str, file: str) -> None:
        self.exercise = exercise_id
        super().__init__(
            f"exercise '{exercise_id}' already exists (in {file}); pick another id, "
            "or change the existing exercise"
        )


@dataclass(frozen=True)
class Link:
    """One place that refers to an exercise: another exercise's field, or an override."""

    exercise: str
    field: str
    file: str

    def __str__(self) -> str:
        return f"{self.file}, exercise '{self.exercise}', field '{self.field}'"


class LinkedExercise(EditError):
    """The exercise cannot be deleted while other entries refer to it."""

    def __init__(self, exercise_id: str, links: Sequence[Link]) -> None:
        self.exercise = exercise_id
        self.links = tuple(links)
        listed = "\n".join(f"  - {link}" for link in self.links)
        super().__init__(
            f"exercise '{exercise_id}' cannot be deleted: {len(self.links)} "
            f"link{'s' if len(self.links) != 1 else ''} to it would break. "
            f"Change these first (or take it off its ladder):\n{listed}"
        )


class ShippedExercise(EditError):
    """A coach's overlay cannot delete an exercise defined in the shipped catalog."""

    def __init__(self, exercise_id: str, message: str) -> None:
        self.exercise = exercise_id
        super().__init__(message)


class LadderError(EditError):
    """The ladder change does not make sense (top rung moved up, rungs missing, ...)."""


class NothingToUndo(EditError):
    """The folder's history holds no save to undo."""


@dataclass(frozen=True)
class Conflict:
    """A file that changed on disk behind the editor's back, with both sides' diffs."""

    file: str
    path: Path
    yours: str  # unified diff: what this save (or undo) would have written
    theirs: str  # unified diff: what changed on disk meanwhile

    def __str__(self) -> str:
        return self.file


class SaveConflict(EditError):
    """Files changed on disk since they were read (another coach, a text editor, a git
    pull): nothing was written, so their change is not lost."""

    def __init__(self, conflicts: Sequence[Conflict], *, undoing: bool = False) -> None:
        self.conflicts = tuple(conflicts)
        files = ", ".join(str(conflict) for conflict in self.conflicts)
        if undoing:
            message = (
                f"nothing was undone: {files} changed on disk since that save; undoing it "
                "would throw those changes away. Compare both versions and edit by hand."
            )
        else:
            message = (
                f"nothing was saved: {files} changed on disk since the catalog was opened "
                "(another coach, a text editor or a git pull). Open the catalog again and "
                "redo your change; both versions are shown."
            )
        super().__init__(message)


# ----------------------------------------------------------------------------
# What a page shows


@dataclass(frozen=True)
class Change:
    """One file a draft changes: its text before (None: a new file) and after."""

    file: str
    path: Path
    before: str | None
    after: str

    @property
    def diff(self) -> str:
        """The change as a unified diff, the way `git diff` shows it."""
        return _diff(self.before, self.after, self.file)


@dataclass(frozen=True)
class Preview:
    """What saving a draft would write, and what `strength catalog check` says about it."""

    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def diff(self) -> str:
        return "".join(change.diff for change in self.changes)


@dataclass(frozen=True)
class Origin:
    """Where an exercise comes from, so a page can say what a change will do to it."""

    file: str  # the file that defines it (the last folder's, where folders replace it)
    shipped: bool  # defined in a folder edits never write: changes become overrides
    overrides: tuple[str, ...]  # files whose `overrides:` change some of its fields


@dataclass(frozen=True)
class Saved:
    """A save done: its history entry (undo_last reverses it) and the catalog reopened."""

    change: SavedChange
    editor: CatalogEditor


# ----------------------------------------------------------------------------
# Opening


@dataclass(frozen=True)
class FileAsRead:
    """A catalog file as the editor read it: its bytes are the version a save checks."""

    folder: Path
    path: Path
    name: str
    data: bytes
    text: str | None  # None: unreadable (too large, not UTF-8), see problem
    problem: str | None


@dataclass(frozen=True, eq=False)
class CatalogEditor:
    """The catalog folders as read at one moment: each file's bytes and version, the
    catalog they make (None while invalid) and its problems. Start changes with draft()."""

    folders: tuple[Path, ...]
    files: Mapping[Path, FileAsRead] = field(repr=False)
    catalog: Catalog | None = field(repr=False)
    problems: tuple[Problem, ...]

    @property
    def target(self) -> Path:
        """The folder changes are written to: the coach's overlay when there is one."""
        return self.folders[-1]

    @property
    def overlay(self) -> bool:
        """True when changes go to a coach's folder layered over shipped ones."""
        return len(self.folders) > 1

    def version(self, path: Path) -> str | None:
        """The file's version when it was read (sha256 of its bytes; None: no such file)."""
        found = self.files.get(path)
        return content_token(found.data) if found else None

    def draft(self) -> Draft:
        """An empty draft: no change yet."""
        return Draft(self)

    def import_yaml(
        self, upload: bytes | str, *, name: str = "upload.yaml", into: str | None = None
    ) -> ImportPreview:
        """See Draft.import_yaml."""
        return self.draft().import_yaml(upload, name=name, into=into)

    def export_yaml(self) -> str:
        """The whole catalog (vocabulary, every exercise with overrides applied) as one YAML
        text that loads as a catalog folder of its own, or imports into another catalog."""
        catalog = self._valid()
        vocabulary = yamledit.dump_document(
            {"vocabulary": catalog.vocabulary.model_dump(mode="json")}
        )
        exercises = [
            yamledit.render_entry(
                yamledit.to_entry(_canonical(ex.model_dump(mode="json", exclude_defaults=True))),
                yamledit.CATALOG_STYLE,
                2,
            )
            for ex in catalog
        ]
        folders = ", ".join(str(folder) for folder in self.folders)
        head = (
            "# Runner strength catalog exported as one file: the vocabulary and every\n"
            "# exercise, with the coach's overrides applied.\n"
            f"# From: {folders}\n"
        )
        return head + vocabulary + "exercises:\n" + "\n".join(exercises)

    def export_zip(self) -> bytes:
        """Every catalog file as read (and each folder's schema.json), zipped under the
        folders' names: a backup, or a catalog to hand to another coach."""
        buffer = io.BytesIO()
        roots: list[str] = []
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for folder in self.folders:
                root = folder.name or "catalog"
                while root in roots:
                    root += "-2"
                roots.append(root)
                for snapshot in self.files.values():
                    if snapshot.folder == folder:
                        inside = snapshot.path.relative_to(folder).as_posix()
                        archive.writestr(f"{root}/{inside}", snapshot.data)
                schema = folder / "schema.json"
                if schema.is_file():
                    archive.writestr(f"{root}/schema.json", schema.read_bytes())
        return buffer.getvalue()

    def history(self) -> tuple[SavedChange, ...]:
        """The saves kept in the target folder's history, oldest first."""
        return history_of(self.target)

    def undo_last(self) -> SavedChange:
        """Undo the last save into the target folder; see undo_last()."""
        return undo_last(self.target)

    def _valid(self) -> Catalog:
        if self.catalog is None:
            raise CatalogError(list(self.problems))
        return self.catalog


def open_for_editing(*folders: Path | str) -> CatalogEditor:
    """Read the catalog for editing: the given folders layered in order (default:
    `editing_folders()`, the base catalog and the coach's folder); changes go to the last.

    An invalid catalog still opens, with its problems, so a coach can fix it here."""
    chosen = tuple(Path(folder) for folder in folders) or editing_folders()
    history.recover(chosen[-1])
    files = history.settled(chosen, partial(_read_files, chosen))
    texts = {path: s.text for path, s in files.items() if s.text is not None}
    catalog, problems = check_candidate(_checked_folders(chosen, files), texts)
    return CatalogEditor(chosen, files, catalog, tuple(problems))


def _read_files(folders: tuple[Path, ...]) -> dict[Path, FileAsRead]:
    files: dict[Path, FileAsRead] = {}
    for folder in folders:
        for path in catalog_files(folder):
            try:
                data = path.read_bytes()
            except OSError:
                continue  # the check reports it
            try:
                text, problem = decode(data), None
            except YamlProblem as error:
                text, problem = None, error.message
            files[path] = FileAsRead(folder, path, display_name(folder, path), data, text, problem)
    return files


def _checked_folders(folders: tuple[Path, ...], paths: Iterable[Path]) -> tuple[Path, ...]:
    """The folders to validate: an overlay folder with no file yet (a coach's first edit
    creates it) is left out rather than reported as missing or empty."""
    if len(folders) > 1 and not any(path.is_relative_to(folders[-1]) for path in paths):
        return folders[:-1]
    return folders


# ----------------------------------------------------------------------------
# Drafts


@dataclass(frozen=True)
class _Place:
    """An entry of a file: `section` ('exercises' or 'overrides'), position `index`."""

    path: Path
    section: str
    index: int


@dataclass
class _Record:
    """An exercise as the layers define it: where, and its fields merged as the loader does."""

    definitions: list[_Place]
    overrides: list[_Place]
    raw: dict[str, Any]
    source: dict[str, _Place]


@dataclass(frozen=True)
class Draft:
    """Changes not saved yet: the new text of each file they touch. Every change returns
    a new Draft, so a page can keep one per coach and throw it away to cancel."""

    editor: CatalogEditor
    texts: Mapping[Path, str] = field(default_factory=dict)
    log: tuple[str, ...] = ()  # what was done, in the coach's words (kept in the history)

    # -- reading ------------------------------------------------------------

    def exercise_ids(self) -> tuple[str, ...]:
        """Every exercise, in catalog order (also while the catalog is invalid)."""
        return tuple(self._records)

    def fields(self, exercise_id: str) -> dict[str, Any]:
        """The exercise's fields as the coach wrote them (overrides applied), as plain
        data: what an edit form starts from."""
        return copy.deepcopy(self._record(exercise_id).raw)

    def origin(self, exercise_id: str) -> Origin:
        record = self._record(exercise_id)
        definition = record.definitions[-1]
        return Origin(
            self._name(definition.path),
            not self._writable(definition.path),
            tuple(self._name(place.path) for place in record.overrides),
        )

    def catalog(self) -> Catalog:
        """The catalog with this draft's changes; CatalogError lists its problems."""
        catalog, problems = self._checked
        if catalog is None:
            raise CatalogError(problems)
        return catalog

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What `strength catalog check` would say with this draft saved."""
        return tuple(self._checked[1])

    def changes(self) -> tuple[Change, ...]:
        """Each file this draft changes, in catalog order."""
        found = []
        for path in self._paths():
            after = self.texts.get(path)
            snapshot = self.editor.files.get(path)
            before = snapshot.text if snapshot else None
            if after is not None and after != before:
                found.append(Change(self._name(path), path, before, after))
        return tuple(found)

    def preview(self) -> Preview:
        """The diff and the problems, before saving."""
        return Preview(self.changes(), self.problems)

    # -- changing exercises -------------------------------------------------

    def update(
        self, exercise_id: str, fields: Mapping[str, Any] | None = None, /, **more: Any
    ) -> Draft:
        """Set some fields of an exercise (None removes one); the others stay as they are.
        Values are plain data (lists, dicts) or the model's objects (a Dose, a Protocol)."""
        changes = {**(fields or {}), **more}
        draft = self._set_fields(exercise_id, changes)
        return draft._noted(f"changed {', '.join(changes) or 'nothing'} of '{exercise_id}'")

    def replace(self, exercise_id: str, fields: Mapping[str, Any] | Exercise) -> Draft:
        """Set the exercise to exactly these fields, as a full edit form holds them (or an
        Exercise the page validated): a field left out is removed."""
        wanted = _data(fields)
        current = self._record(exercise_id).raw
        changes = {key: None for key in current if key not in wanted and key != "id"}
        changes.update(wanted)
        return self._set_fields(exercise_id, changes)._noted(f"edited '{exercise_id}'")

    def add(self, fields: Mapping[str, Any] | Exercise, *, file: str | None = None) -> Draft:
        """A new exercise (plain fields, or an Exercise), at the end of `file` (a path inside
        the target folder) or of the target folder's file for its main area (`calves.yaml`),
        created when missing."""
        data = _data(fields)
        exercise_id = data.get("id")
        if not isinstance(exercise_id, str) or not exercise_id.strip():
            raise EditError("a new exercise needs an 'id': a slug like 'single-leg-bridge'")
        self._refuse_taken(exercise_id)
        path = self._file_for(data, file)
        node = yamledit.to_entry(_canonical(data))
        draft = self._rewrite(path, lambda text: yamledit.insert_entry(text, "exercises", node))
        return draft._noted(f"added '{exercise_id}'")

    def duplicate(self, exercise_id: str, new_id: str | None = None) -> Draft:
        """A copy of the exercise under a new id ('<id>-copy' unless given), named
        '<name> (copy)', right after the original (or in the target folder's file like the
        original's). It keeps its swaps and protocol but not the original's place on its
        ladder (a rung has one rung above and below) nor its aliases."""
        record = self._record(exercise_id)
        new_id = new_id or self._free_id(f"{exercise_id}-copy")
        self._refuse_taken(new_id)
        definition = record.definitions[-1]
        node = self._read_node(definition)
        for place in record.overrides:
            for key, value in self._layers[1][place].items():
                if key != "id":
                    yamledit.set_key(node, key, value, _order)
        node["id"] = new_id
        name = str(record.raw.get("name") or exercise_id)
        yamledit.set_key(node, "name", f"{name[:113]} (copy)", _order)
        for key in ("easier", "harder", "aliases"):
            node.pop(key, None)
        if self._writable(definition.path):
            path, after = definition.path, definition.index
        else:
            path, after = self._mirror(definition.path), None
        draft = self._rewrite(
            path, lambda text: yamledit.insert_entry(text, "exercises", node, after=after)
        )
        return draft._noted(f"copied '{exercise_id}' to '{new_id}'")

    def delete(self, exercise_id: str) -> Draft:
        """Remove the exercise (and the target folder's overrides of it). Refused while other
        exercises link to it (LinkedExercise lists them) and, from a coach's overlay, for a
        shipped exercise (ShippedExercise)."""
        record = self._record(exercise_id)
        links = self._links_to(exercise_id)
        if links:
            raise LinkedExercise(exercise_id, links)
        definition = record.definitions[-1]
        if not self._writable(definition.path):
            raise ShippedExercise(
                exercise_id,
                f"exercise '{exercise_id}' is shipped in {self._name(definition.path)} and "
                f"changes go to your folder {self.editor.target}: a coach's folder cannot "
                "delete a shipped exercise (the catalog has no way to retire one). Change it "
                "instead, or take it off its ladder so the builder does not climb to it.",
            )
        shipped = [place for place in record.definitions if not self._writable(place.path)]
        if shipped:
            raise ShippedExercise(
                exercise_id,
                f"exercise '{exercise_id}' is shipped in {self._name(shipped[-1].path)}; your "
                f"folder replaces it in {self._name(definition.path)}. Deleting yours would bring "
                "the shipped one back: use revert for that.",
            )
        mine = [definition, *(p for p in record.overrides if self._writable(p.path))]
        return self._delete_places(mine)._noted(f"deleted '{exercise_id}'")

    def revert(self, exercise_id: str) -> Draft:
        """Back to the shipped exercise: remove the target folder's replacement and overrides
        of it. Only for an exercise a coach's overlay changes."""
        record = self._record(exercise_id)
        if all(self._writable(place.path) for place in record.definitions):
            raise EditError(
                f"exercise '{exercise_id}' is defined only in "
                f"{self._name(record.definitions[-1].path)}: there is no shipped version to "
                "go back to"
            )
        mine = [p for p in (*record.definitions, *record.overrides) if self._writable(p.path)]
        return self._delete_places(mine)._noted(f"reverted '{exercise_id}' to the shipped one")

    # -- ladders ------------------------------------------------------------

    def move_up(self, exercise_id: str) -> Draft:
        """Swap the exercise with the rung above it (it becomes harder in the progression)."""
        return self._swap(exercise_id, +1)._noted(f"moved '{exercise_id}' up its ladder")

    def move_down(self, exercise_id: str) -> Draft:
        """Swap the exercise with the rung below it."""
        return self._swap(exercise_id, -1)._noted(f"moved '{exercise_id}' down its ladder")

    def reorder_ladder(self, rungs: Sequence[str]) -> Draft:
        """Put the rungs of one ladder in this order, easiest first, rewriting the
        easier/harder links of every rung that needs it."""
        if not rungs:
            raise LadderError("give the rungs of a ladder, easiest first")
        ladder = self._ladder(rungs[0])
        missing = [rung for rung in ladder if rung not in rungs]
        extra = [rung for rung in rungs if rung not in ladder]
        if missing or extra or len(set(rungs)) != len(rungs):
            raise LadderError(
                f"a new order must hold each rung of the ladder of '{rungs[0]}' once "
                f"({', '.join(ladder)})"
                + (f"; missing: {', '.join(missing)}" if missing else "")
                + (f"; not on it: {', '.join(extra)}" if extra else "")
            )
        return self._rechain(ladder, [list(rungs)])._noted(f"reordered the ladder of '{rungs[0]}'")

    def take_off_ladder(self, exercise_id: str) -> Draft:
        """Remove the exercise from its ladder; the rungs below and above it now meet."""
        ladder = self._ladder(exercise_id)
        if len(ladder) == 1:
            raise LadderError(f"exercise '{exercise_id}' is on no ladder")
        rest = [rung for rung in ladder if rung != exercise_id]
        return self._rechain(ladder, [rest, [exercise_id]])._noted(
            f"took '{exercise_id}' off its ladder"
        )

    def place_on_ladder(
        self, exercise_id: str, *, below: str | None = None, above: str | None = None
    ) -> Draft:
        """Put the exercise on a ladder right below (or above) a rung, taking it off the
        ladder it was on."""
        if (below is None) == (above is None):
            raise LadderError("say where: below=<rung> or above=<rung>")
        neighbour = below if below is not None else above
        assert neighbour is not None
        if neighbour == exercise_id:
            raise LadderError(f"exercise '{exercise_id}' cannot go next to itself")
        old = self._ladder(exercise_id)
        target = [rung for rung in self._ladder(neighbour) if rung != exercise_id]
        position = target.index(neighbour) + (0 if below is not None else 1)
        chains = [[*target[:position], exercise_id, *target[position:]]]
        rest = [rung for rung in old if rung != exercise_id and rung not in target]
        if rest:
            chains.append(rest)
        side = "below" if below is not None else "above"
        return self._rechain([*old, *target], chains)._noted(
            f"placed '{exercise_id}' {side} '{neighbour}'"
        )

    # -- import -------------------------------------------------------------

    def import_yaml(
        self, upload: bytes | str, *, name: str = "upload.yaml", into: str | None = None
    ) -> ImportPreview:
        """Merge an uploaded catalog file: its exercises with new ids are added (to `into`,
        a file of the target folder, or to their main area's file), those with known ids
        replace the existing ones whole; new vocabulary words are added. Returns a preview
        (diff and problems); nothing is written until its apply()."""
        problems: list[Problem] = []
        try:
            raw = upload.encode("utf-8") if isinstance(upload, str) else upload
            text = decode(raw)
            document = parse(text)
        except (YamlProblem, UnicodeEncodeError) as error:
            message = error.message if isinstance(error, YamlProblem) else "not valid text"
            line = error.line if isinstance(error, YamlProblem) else None
            return ImportPreview(self, problems=(Problem(name, line, None, None, message),))
        finder = LineFinder(text)

        def problem(path: tuple[str | int, ...], message: str, exercise: str | None = None) -> None:
            problems.append(Problem(name, finder.line(path), exercise, None, message))

        if not isinstance(document, dict) or not document:
            problem((), "an upload is a catalog file: 'vocabulary:' and 'exercises:'")
            return ImportPreview(self, problems=tuple(problems))
        for key in document:
            if key == "overrides":
                problem(
                    (key,),
                    "'overrides' are not imported: an upload adds or replaces whole "
                    "exercises; change a few fields in the editor instead",
                )
            elif key not in TOP_LEVEL_KEYS:
                problem((key,), f"unknown section '{key}'{_did_you_mean(key, TOP_LEVEL_KEYS)}")
        items = document.get("exercises") or []
        if not isinstance(items, list):
            problem(("exercises",), "'exercises' must be a list of exercises, each '- id:'")
            items = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            exercise_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(exercise_id, str) or not exercise_id.strip():
                problem(("exercises", index), f"entry {index + 1} of 'exercises' has no 'id'")
            elif exercise_id in seen:
                problem(("exercises", index, "id"), "listed twice in the upload", exercise_id)
            seen.add(str(exercise_id))
        words = document.get("vocabulary") or {}
        if not isinstance(words, dict) or not all(
            kind in VOCABULARY_KINDS and isinstance(entries, dict)
            for kind, entries in words.items()
        ):
            problem(
                ("vocabulary",),
                f"'vocabulary' maps each of {', '.join(VOCABULARY_KINDS)} to its words",
            )
            words = {}
        if problems:
            return ImportPreview(self, problems=tuple(problems))

        try:
            spans = yamledit.entries(text, "exercises")
        except yamledit.NotEditable:
            spans = None
        draft, added, replaced = self, [], []
        for index, item in enumerate(items):
            if spans is not None and len(spans) == len(items):
                node = yamledit.read_entry(text, spans[index])  # keeps the upload's comments
            else:
                node = yamledit.to_entry(_canonical(item))
            if item["id"] in draft._records:
                draft = draft._replace_whole(item["id"], node)
                replaced.append(item["id"])
            else:
                path = draft._file_for(item, into)
                insert = partial(yamledit.insert_entry, section="exercises", node=node)
                draft = draft._rewrite(path, insert)
                added.append(item["id"])
        draft, new_words = draft._add_words(words)
        draft = draft._noted(
            f"imported {name}: {len(added)} added, {len(replaced)} replaced"
            + (f", {len(new_words)} new words" if new_words else "")
        )
        return ImportPreview(draft, tuple(added), tuple(replaced), new_words, draft.problems)

    # -- saving -------------------------------------------------------------

    def save(self) -> Saved:
        """Write the draft: refused when the catalog would be invalid (CatalogError, with the
        messages of `strength catalog check`) or when a file changed on disk since it was
        read (SaveConflict); the files and their history entry are written all or nothing
        (every file of the draft, or none of them). Returns the history entry and the
        reopened catalog."""
        changes = self.changes()
        if not changes:
            raise EditError("nothing to save: this draft changes no file")
        target = self.editor.target
        with history.locked(target):
            history.recover(target)
            current = {change.path: read_bytes(change.path) for change in changes}
            conflicts = [
                Conflict(
                    change.file,
                    change.path,
                    change.diff,
                    _diff(change.before, _text(current[change.path]), change.file),
                )
                for change in changes
                if content_token(current[change.path]) != self.editor.version(change.path)
            ]
            if conflicts:
                raise SaveConflict(conflicts)
            texts = {change.path: change.after for change in changes}
            _catalog, problems = check_candidate(self._folders_to_check(), texts)
            if problems:
                raise CatalogError(problems)
            files = [
                (
                    change.path.relative_to(target).as_posix(),
                    current[change.path],
                    change.after.encode("utf-8"),
                )
                for change in changes
            ]
            saved = history.save(target, files, "; ".join(self.log) or "edited the catalog")
            history.prune(target)
        return Saved(saved, open_for_editing(*self.editor.folders))

    # -- the layers, as the loader merges them ------------------------------

    def _paths(self) -> list[Path]:
        """Every catalog file of this draft (read or new), in the order the loader reads."""
        ordered: list[Path] = []
        for folder in self.editor.folders:
            inside = {s.path for s in self.editor.files.values() if s.folder == folder}
            inside |= {path for path in self.texts if _folder_of(self.editor, path) == folder}
            ordered += sorted(inside - set(ordered))
        return ordered

    def _text(self, path: Path) -> str | None:
        if path in self.texts:
            return self.texts[path]
        snapshot = self.editor.files.get(path)
        return snapshot.text if snapshot else None

    @cached_property
    def _layers(self) -> tuple[dict[str, _Record], dict[_Place, dict[str, Any]]]:
        records: dict[str, _Record] = {}
        entries: dict[_Place, dict[str, Any]] = {}
        patches: list[_Place] = []
        layer: set[str] = set()
        folder: Path | None = None
        for path in self._paths():
            if _folder_of(self.editor, path) != folder:
                folder, layer = _folder_of(self.editor, path), set()
            text = self._text(path)
            document = _plain_document(text) if text is not None else None
            if not isinstance(document, dict):
                continue
            for section in ("exercises", "overrides"):
                items = document.get(section)
                for index, raw in enumerate(items if isinstance(items, list) else []):
                    exercise_id = raw.get("id") if isinstance(raw, dict) else None
                    if not isinstance(exercise_id, str):
                        continue
                    place = _Place(path, section, index)
                    entries[place] = raw
                    if section == "overrides":
                        patches.append(place)
                    elif exercise_id not in layer:  # a duplicate in one folder is an error
                        layer.add(exercise_id)
                        record = records.get(exercise_id)
                        definitions = [*record.definitions, place] if record else [place]
                        records[exercise_id] = _Record(
                            definitions, [], dict(raw), dict.fromkeys(raw, place)
                        )
        for place in patches:
            raw = entries[place]
            record = records.get(raw["id"])
            if record is None:
                continue  # an override of nothing: the check reports it
            record.overrides.append(place)
            for key, value in raw.items():
                if key != "id":
                    record.raw[key] = value
                    record.source[key] = place
        return records, entries

    @property
    def _records(self) -> dict[str, _Record]:
        return self._layers[0]

    @cached_property
    def _checked(self) -> tuple[Catalog | None, list[Problem]]:
        texts = {p: s.text for p, s in self.editor.files.items() if s.text is not None}
        texts.update(self.texts)
        return check_candidate(self._folders_to_check(), texts)

    def _folders_to_check(self) -> tuple[Path, ...]:
        return _checked_folders(self.editor.folders, self._paths())

    def _record(self, exercise_id: str) -> _Record:
        record = self._records.get(exercise_id)
        if record is None:
            raise UnknownExercise(exercise_id, self._records)
        return record

    def _writable(self, path: Path) -> bool:
        return path.is_relative_to(self.editor.target)

    def _name(self, path: Path) -> str:
        return display_name(_folder_of(self.editor, path), path)

    def _mirror(self, path: Path) -> Path:
        """The target folder's file named like `path` (a shipped file)."""
        return self.editor.target / path.relative_to(_folder_of(self.editor, path))

    def _links_to(self, exercise_id: str) -> list[Link]:
        links = []
        for other_id, record in self._records.items():
            if other_id == exercise_id:
                continue
            raw = record.raw

            def link(
                field_name: str, key: str, record: _Record = record, who: str = other_id
            ) -> None:
                links.append(Link(who, field_name, self._name(record.source[key].path)))

            for key in ("easier", "harder"):
                if raw.get(key) == exercise_id:
                    link(key, key)
            swaps = raw.get("swaps")
            if isinstance(swaps, list) and exercise_id in swaps:
                link("swaps", "swaps")
            protocol = raw.get("protocol")
            weeks = protocol.get("weeks") if isinstance(protocol, dict) else None
            for index, week in enumerate(weeks if isinstance(weeks, list) else []):
                if isinstance(week, dict) and week.get("rung") == exercise_id:
                    link(f"protocol.weeks[{index}].rung", "protocol")
        for place in self._record(exercise_id).overrides:
            if not self._writable(place.path):
                links.append(Link(exercise_id, "overrides", self._name(place.path)))
        return links

    # -- writing entries ----------------------------------------------------

    def _noted(self, note: str) -> Draft:
        return evolve(self, log=(*self.log, note))

    def _rewrite(self, path: Path, change: Callable[[str], str]) -> Draft:
        """A draft where `path` (in the target folder) holds change(its text)."""
        assert self._writable(path), path
        text = self._text(path)
        if text is None and path in self.editor.files:
            snapshot = self.editor.files[path]
            raise EditError(f"{snapshot.name} cannot be edited here: {snapshot.problem}")
        try:
            new = change(text if text is not None else self._new_file(path))
        except yamledit.NotEditable as error:
            raise EditError(
                f"{self._name(path)} cannot be edited here: {error}; fix it in a text editor"
            ) from None
        return evolve(self, texts={**self.texts, path: new})

    def _new_file(self, path: Path) -> str:
        """A new file's first lines: the editor's schema line, and what lives there."""
        target = self.editor.target
        lines = []
        for folder in (target, *self.editor.folders):
            schema = folder / "schema.json"
            if schema.is_file():
                relative = Path(_relpath(schema, path.parent)).as_posix()
                lines.append(f"# yaml-language-server: $schema={relative}")
                break
        lines.append(f"# {path.stem}: written by the catalog editor; comments you add are kept.")
        return "\n".join(lines) + "\n"

    def _read_node(self, place: _Place) -> Any:
        text = self._text(place.path)
        assert text is not None
        found = yamledit.entries(text, place.section)
        if found is None:
            raise EditError(f"{self._name(place.path)}: '{place.section}' is not a block list")
        return yamledit.read_entry(text, found[place.index])

    def _delete_places(self, places: Iterable[_Place]) -> Draft:
        draft = self
        ordered = sorted(places, key=lambda p: (str(p.path), p.section, p.index), reverse=True)
        for place in ordered:
            delete = partial(yamledit.delete_entry, section=place.section, index=place.index)
            draft = draft._rewrite(place.path, delete)
        return draft

    def _set_fields(self, exercise_id: str, fields: Mapping[str, Any]) -> Draft:
        """Write each field where its value comes from, if that file is the target folder's;
        otherwise into an override of the exercise in the target folder."""
        record = self._record(exercise_id)
        if "id" in fields and fields["id"] != exercise_id:
            raise EditError(
                f"exercise '{exercise_id}': ids are stable (plans and links use them); "
                "duplicate it under the new id and delete the old one instead"
            )
        definition = record.definitions[-1]
        own = next((p for p in reversed(record.overrides) if self._writable(p.path)), None)
        plan: dict[_Place | None, dict[str, Any]] = {}
        for key, value in fields.items():
            if key == "id":
                continue
            source = record.source.get(key, definition)
            target = source if self._writable(source.path) else own
            plan.setdefault(target, {})[key] = _canonical(_data(value), (key,))
        draft = self
        order = sorted(plan, key=_plan_order)
        for target in order:
            values = plan[target]
            if target is not None and target.section == "exercises":
                draft = draft._edit_definition(target, values)
            else:
                draft = draft._edit_override(exercise_id, target, values)
        return draft

    def _edit_definition(self, place: _Place, values: Mapping[str, Any]) -> Draft:
        def change(node: Any) -> None:
            for key, value in values.items():
                if value is None:
                    node.pop(key, None)
                else:
                    yamledit.set_key(node, key, value, _order)

        return self._rewrite(
            place.path,
            lambda text: yamledit.change_entry(text, place.section, place.index, change),
        )

    def _edit_override(
        self, exercise_id: str, place: _Place | None, values: Mapping[str, Any]
    ) -> Draft:
        """Change (or add) the target folder's override of an exercise. A field set back to
        what the layers below hold leaves the override; an override left empty goes."""
        below = self._merged_without(exercise_id, place)
        final = dict(self._layers[1][place]) if place is not None else {"id": exercise_id}
        for key, value in values.items():
            if value is None and key not in below:
                final.pop(key, None)
            else:
                final[key] = _removed(key) if value is None else value
            if key in final and _effective(key, final[key]) == _effective(
                key, below.get(key, _MISSING)
            ):
                del final[key]
        left = [key for key in final if key != "id"]
        if place is None:
            if not left:
                return self
            node = yamledit.to_entry(_canonical(final))
            path = self._mirror(self._record(exercise_id).definitions[-1].path)
            return self._rewrite(path, lambda text: yamledit.insert_entry(text, "overrides", node))
        if not left:
            return self._delete_places([place])

        def change(node: Any) -> None:
            for key in values:
                if key in final:
                    yamledit.set_key(node, key, final[key], _order)
                else:
                    node.pop(key, None)

        return self._rewrite(
            place.path,
            lambda text: yamledit.change_entry(text, "overrides", place.index, change),
        )

    def _merged_without(self, exercise_id: str, skipped: _Place | None) -> dict[str, Any]:
        record = self._record(exercise_id)
        entries = self._layers[1]
        merged = dict(entries[record.definitions[-1]])
        for place in record.overrides:
            if place != skipped:
                merged.update({k: v for k, v in entries[place].items() if k != "id"})
        return merged

    def _replace_whole(self, exercise_id: str, node: Any) -> Draft:
        """The exercise replaced by `node`, in place when the target folder defines it, else
        as a whole replacement in the target folder; the target folder's overrides of it go."""
        record = self._record(exercise_id)
        definition = record.definitions[-1]
        if self._writable(definition.path):
            draft = self._rewrite(
                definition.path,
                lambda text: yamledit.replace_entry(text, "exercises", definition.index, node),
            )
        else:
            draft = self._rewrite(
                self._mirror(definition.path),
                lambda text: yamledit.insert_entry(text, "exercises", node),
            )
        return draft._delete_places(p for p in record.overrides if self._writable(p.path))

    def _add_words(self, vocabulary: Mapping[str, Any]) -> tuple[Draft, tuple[str, ...]]:
        known: dict[str, set[str]] = {kind: set() for kind in VOCABULARY_KINDS}
        home: Path | None = None
        for path in self._paths():
            text = self._text(path)
            document = _plain_document(text) if text is not None else None
            section = document.get("vocabulary") if isinstance(document, dict) else None
            if isinstance(section, dict):
                for kind, words in section.items():
                    if kind in known and isinstance(words, dict):
                        known[kind].update(map(str, words))
                if home is None and self._writable(path):
                    home = path
        new = {
            kind: {
                str(word): value for word, value in words.items() if str(word) not in known[kind]
            }
            for kind, words in vocabulary.items()
        }
        new = {kind: words for kind, words in new.items() if words}
        if not new:
            return self, ()

        def change(document: Any) -> None:
            section = document.get("vocabulary")
            if not isinstance(section, dict):
                section = document["vocabulary"] = yamledit.to_entry({})
            for kind, words in new.items():
                if not isinstance(section.get(kind), dict):
                    section[kind] = yamledit.to_entry({})
                for word, value in words.items():
                    section[kind][word] = yamledit.to_node(_data(value))

        path = home or self.editor.target / "vocabulary.yaml"
        draft = self._rewrite(path, lambda text: yamledit.edit_document(text, change))
        return draft, tuple(f"{kind}.{word}" for kind, words in new.items() for word in words)

    def _file_for(self, data: Mapping[str, Any], file: str | None) -> Path:
        if file is not None:
            relative = Path(file)
            if (
                relative.is_absolute()
                or relative.suffix not in {".yaml", ".yml"}
                or any(part in {"", ".."} or part.startswith(".") for part in relative.parts)
            ):
                raise EditError(
                    f"'{file}' is not a catalog file name: use a name like 'my-drills.yaml' "
                    "inside the catalog folder"
                )
            return self.editor.target / relative
        areas = data.get("areas")
        area = areas[0] if isinstance(areas, list) and areas else None
        stem = area if isinstance(area, str) and _SLUG.match(area) else "coach"
        return self.editor.target / f"{stem}.yaml"

    def _refuse_taken(self, exercise_id: str) -> None:
        record = self._records.get(exercise_id)
        if record is not None:
            raise DuplicateId(exercise_id, self._name(record.definitions[-1].path))

    def _free_id(self, wanted: str) -> str:
        base = wanted[:56].rstrip("-_")
        candidate, number = base, 2
        while candidate in self._records:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # -- ladders ------------------------------------------------------------

    def _ladder(self, exercise_id: str) -> list[str]:
        self._record(exercise_id)
        return [rung.id for rung in self.catalog().ladder(exercise_id)]

    def _swap(self, exercise_id: str, step: int) -> Draft:
        ladder = self._ladder(exercise_id)
        if len(ladder) == 1:
            raise LadderError(
                f"exercise '{exercise_id}' is on no ladder: give it 'easier' or 'harder', "
                "or place it on one"
            )
        index = ladder.index(exercise_id)
        other = index + step
        if not 0 <= other < len(ladder):
            end = "top" if step > 0 else "bottom"
            raise LadderError(f"exercise '{exercise_id}' is already the {end} rung of its ladder")
        order = list(ladder)
        order[index], order[other] = order[other], order[index]
        return self._rechain(ladder, [order])

    def _rechain(self, members: Sequence[str], chains: Sequence[Sequence[str]]) -> Draft:
        """Rewrite the easier/harder links among `members` so they form exactly `chains`:
        a stated link that now points elsewhere is corrected (or removed), and a pair of
        rungs that no link joins gets `harder` on its lower rung."""
        catalog = self.catalog()
        above = {low: high for chain in chains for low, high in pairwise(chain)}
        below = {high: low for low, high in above.items()}
        everyone = list(dict.fromkeys([*members, *(r for chain in chains for r in chain)]))
        stated = {m: {"harder": catalog[m].harder, "easier": catalog[m].easier} for m in everyone}
        edits: dict[str, dict[str, str | None]] = {}
        for rung in everyone:
            for key, wanted in (("harder", above.get(rung)), ("easier", below.get(rung))):
                if stated[rung][key] is not None and stated[rung][key] != wanted:
                    edits.setdefault(rung, {})[key] = wanted

        def now(rung: str, key: str) -> str | None:
            return edits.get(rung, {}).get(key, stated[rung][key])

        for low, high in above.items():
            if now(low, "harder") != high and now(high, "easier") != low:
                edits.setdefault(low, {})["harder"] = high
        draft = self
        for rung in everyone:
            if rung in edits:
                draft = draft._set_fields(rung, edits[rung])
        return draft


@dataclass(frozen=True)
class ImportPreview:
    """An uploaded file merged into a draft, not saved: what it adds and replaces, the diff,
    and the problems (of the upload itself, or of the catalog it would make)."""

    draft: Draft
    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # new vocabulary words, as 'equipment.medicine_ball'
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.draft.changes()

    @property
    def diff(self) -> str:
        return "".join(change.diff for change in self.changes)

    def apply(self) -> Saved:
        """Save the merged catalog; refused (CatalogError) while there are problems."""
        if self.problems:
            raise CatalogError(list(self.problems))
        return self.draft.save()


# ----------------------------------------------------------------------------
# Undo


def history_of(folder: Path | str) -> tuple[SavedChange, ...]:
    """The saves kept in a catalog folder's history, oldest first (a save a crash
    interrupted is finished or rolled back first)."""
    folder = Path(folder)
    return history.settled([folder], partial(history.saved_changes, folder))


def undo_last(folder: Path | str) -> SavedChange:
    """Put back the files of the folder's last save, byte for byte, and drop it from the
    history (so the next undo reaches the save before). Refused (SaveConflict) when a file
    changed since that save: undoing would throw that change away."""
    folder = Path(folder)
    with history.locked(folder):
        history.recover(folder)
        saves = history.saved_changes(folder)
        if not saves:
            raise NothingToUndo(f"nothing to undo in {folder}: its history holds no save")
        last = saves[-1]
        conflicts = []
        for version in last.files:
            path = folder / version.path
            now, before = read_bytes(path), last.before(version.path)
            if content_token(before) != version.before:
                raise EditError(
                    f"the history entry {last.stamp} lacks {version.path} as it was: "
                    "nothing was undone"
                )
            if content_token(now) != version.after:
                name = display_name(folder, path)
                after = _text(last.after(version.path))
                conflicts.append(
                    Conflict(
                        name,
                        path,
                        _diff(_text(now), _text(before), name),
                        _diff(after, _text(now), name),
                    )
                )
        if conflicts:
            raise SaveConflict(conflicts, undoing=True)
        history.undo(last)
    return last


# ----------------------------------------------------------------------------
# Helpers


def _folder_of(editor: CatalogEditor, path: Path) -> Path:
    snapshot = editor.files.get(path)
    if snapshot is not None:
        return snapshot.folder
    for folder in reversed(editor.folders):
        if path.is_relative_to(folder):
            return folder
    return editor.target


def _plan_order(place: _Place | None) -> tuple[int, str, int]:
    """Definitions first, then overrides from the last entry back (deleting one leaves the
    positions of those before it), then a new override."""
    if place is None:
        return (2, "", 0)
    if place.section == "exercises":
        return (0, str(place.path), place.index)
    return (1, str(place.path), -place.index)


@lru_cache(maxsize=128)
def _plain_document(text: str) -> Any:
    """The file as plain data (None when it cannot be read: the check reports why).
    Cached by text and shared: never change what it returns."""
    try:
        return parse(text)
    except YamlProblem:
        return None


def _order(path: tuple[str | int, ...]) -> tuple[str, ...]:
    """The order a coach writes the keys of the mapping at `path` in an exercise."""
    names = tuple(step for step in path if isinstance(step, str))
    if len(names) == 2 and names[0] == "dose":
        return DOSE_FIELDS
    return _ORDERS.get(names, ())


def _canonical(value: Any, path: tuple[str | int, ...] = ()) -> Any:
    """Plain data with every mapping's keys in the order a coach writes them."""
    if isinstance(value, Mapping):
        rank = {key: i for i, key in enumerate(_order(path))}
        keys = sorted(value, key=lambda key: rank.get(key, len(rank)))
        return {key: _canonical(value[key], (*path, key)) for key in keys}
    if isinstance(value, list):
        return [_canonical(item, (*path, i)) for i, item in enumerate(value)]
    return value


def _data(value: Any) -> Any:
    """A page's value as plain YAML data: models, enums and tuples become dicts, strings
    and lists."""
    if isinstance(value, BaseModel):
        return _data(value.model_dump(mode="json", exclude_unset=True))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(_data(key)): _data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_data(item) for item in value]
    return value


def _default(key: str) -> Any:
    found = Exercise.model_fields.get(key)
    if found is None or found.is_required():
        return _MISSING
    return _data(found.default)


def _removed(key: str) -> Any:
    """What an override writes to remove a field set below: its default, else null."""
    default = _default(key)
    return None if default is _MISSING else default


def _effective(key: str, value: Any) -> Any:
    return _default(key) if value is _MISSING else value


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", errors="replace")


def _diff(before: str | None, after: str | None, file: str) -> str:
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        (after or "").splitlines(keepends=True),
        fromfile=f"a/{file}" if before is not None else "/dev/null",
        tofile=f"b/{file}" if after is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _relpath(path: Path, start: Path) -> str:
    return os.path.relpath(path.absolute(), start.absolute())


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


__all__ = [
    "CatalogEditor",
    "Change",
    "Conflict",
    "DuplicateId",
    "EditError",
    "FileAsRead",
    "ImportPreview",
    "LadderError",
    "Link",
    "LinkedExercise",
    "NothingToUndo",
    "Origin",
    "Preview",
    "SaveConflict",
    "Saved",
    "SavedChange",
    "ShippedExercise",
    "UnknownExercise",
    "history_of",
    "open_for_editing",
    "undo_last",
]
