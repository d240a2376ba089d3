"""Loading the exercise catalog: the shipped folder plus any coach overlays.

Folders are layered: a later folder adds exercises, replaces one whole by
giving the same id under `exercises:`, or changes a few fields under
`overrides:`. Every problem in every file is collected in one pass, each with
its file, line, exercise and field, so a coach fixes them all at once.
"""

from __future__ import annotations

import difflib
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import CatalogError, Problem
from .model import LEVELS, Exercise, ExercisePatch, Vocabulary
from .transaction import settled
from .yamlfile import LineFinder, YamlProblem, decode, parse, read_text, top_level_keys


def _shipped_folder() -> Path:
    """The bundled catalog, read as package data: the repository's top-level
    `exercises/` folder in a checkout or an editable install, the package's own copy
    in a wheel or a plain install, whatever folder the command runs in. Installed
    packages are folders on disk, so the loader can list, read and time-stamp it."""
    return Path(str(resources.files("strength.exercises")))


BUNDLED = _shipped_folder()
BASE_ENV = "STRENGTH_CATALOG"
OVERLAY_ENV = "STRENGTH_COACH_CATALOG"
DATA_ENV = "STRENGTH_DATA_DIR"
TOP_LEVEL_KEYS = ("vocabulary", "exercises", "overrides")
VOCABULARY_KINDS = ("areas", "muscles", "equipment", "patterns")
SUFFIXES = (".yaml", ".yml")
# Bounds of a folder walk, far beyond a real catalog (a dozen files, one level):
MAX_FOLDER_DEPTH = 8  # folders inside a catalog folder
MAX_CATALOG_FILES = 1_000  # .yaml files in one catalog folder
MAX_FOLDER_ENTRIES = 20_000  # names listed while looking for them


def bundled_folder() -> Path:
    """The shipped catalog; STRENGTH_CATALOG points elsewhere (an installed copy, a test)."""
    return Path(os.environ.get(BASE_ENV, BUNDLED))


def data_folder() -> Path:
    """Where the app keeps what it writes: $STRENGTH_DATA_DIR, else the platform's place
    for an application's data (Linux: $XDG_DATA_HOME or ~/.local/share; macOS:
    ~/Library/Application Support; Windows: %APPDATA%), in a `runner-strength` folder."""
    chosen = os.environ.get(DATA_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        root = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        root = home / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return root / "runner-strength"


def coach_folder() -> Path:
    """The coach's own folder, layered over the base catalog, where every edit made in the
    app goes: $STRENGTH_COACH_CATALOG, else `catalog` in the data folder. Never the
    package: an installed catalog is read, never written."""
    overlay = os.environ.get(OVERLAY_ENV, "").strip()
    return Path(overlay).expanduser() if overlay else data_folder() / "catalog"


def default_folders() -> tuple[Path, ...]:
    """What the app and the CLI read, so both give the same plan: the base catalog, then the
    coach's folder when STRENGTH_COACH_CATALOG names one or the data folder holds one."""
    overlay = coach_folder()
    named = bool(os.environ.get(OVERLAY_ENV, "").strip())
    return (bundled_folder(), overlay) if named or overlay.is_dir() else (bundled_folder(),)


def editing_folders() -> tuple[Path, ...]:
    """What the coach's editor opens; changes go to the last folder. A base catalog named by
    STRENGTH_CATALOG (an operator's own copy) is edited in place unless a coach's folder
    is named too; the shipped package is never written: its edits go to `coach_folder()`."""
    named_base = bool(os.environ.get(BASE_ENV, "").strip())
    named_overlay = bool(os.environ.get(OVERLAY_ENV, "").strip())
    if named_base and not named_overlay and not coach_folder().is_dir():
        return (bundled_folder(),)
    return (bundled_folder(), coach_folder())


@dataclass(frozen=True)
class Catalog:
    """The merged, validated catalog. Read-only by convention: build a new one to change it."""

    exercises: Mapping[str, Exercise]
    vocabulary: Vocabulary
    origins: Mapping[str, Mapping[str, str]]  # exercise id -> field -> file it came from
    folders: tuple[Path, ...] = ()
    _above: Mapping[str, str] = field(default_factory=dict, repr=False)
    _below: Mapping[str, str] = field(default_factory=dict, repr=False)
    # Each ladder once it has been asked for (the catalog never changes once built).
    _ladders: dict[str, tuple[Exercise, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def harder(self, exercise_id: str) -> Exercise | None:
        above = self._above.get(exercise_id)
        return self.exercises[above] if above else None

    def easier(self, exercise_id: str) -> Exercise | None:
        below = self._below.get(exercise_id)
        return self.exercises[below] if below else None

    def ladder(self, exercise_id: str) -> tuple[Exercise, ...]:
        """The whole ladder an exercise stands on, easiest first."""
        if (known := self._ladders.get(exercise_id)) is not None:
            return known
        bottom = exercise_id
        while bottom in self._below:
            bottom = self._below[bottom]
        rungs = [bottom]
        while rungs[-1] in self._above:
            rungs.append(self._above[rungs[-1]])
        ladder = tuple(self.exercises[rung] for rung in rungs)
        self._ladders[exercise_id] = ladder
        return ladder

    def ladders(self) -> tuple[tuple[Exercise, ...], ...]:
        """Every ladder of two rungs or more, in catalog order of their bottom rung."""
        return tuple(
            self.ladder(ex.id) for ex in self if ex.id not in self._below and ex.id in self._above
        )

    def for_area(self, area: str) -> tuple[Exercise, ...]:
        return tuple(ex for ex in self if area in ex.areas)

    def area_name(self, area: str) -> str:
        found = self.vocabulary.areas.get(area)
        return found.name if found else area.replace("_", " ")


def load_catalog(*folders: Path | str) -> Catalog:
    """Load and validate the catalog; raises CatalogError listing every problem. A coach's
    save that a crash interrupted is finished or rolled back first, and the files are read
    under the folders' shared lock, so no reader ever sees half a save."""
    chosen = tuple(Path(f) for f in folders) or default_folders()
    catalog, problems = settled(chosen, lambda: _load(chosen))
    if problems:
        raise CatalogError(problems)
    assert catalog is not None
    return catalog


def check_catalog(*folders: Path | str) -> list[Problem]:
    """Every problem in the catalog; empty when it is valid (read as `load_catalog` reads)."""
    chosen = tuple(Path(f) for f in folders) or default_folders()
    return settled(chosen, lambda: _load(chosen))[1]


def check_candidate(
    folders: Sequence[Path | str], texts: Mapping[Path, str]
) -> tuple[Catalog | None, list[Problem]]:
    """The catalog, or its problems, as if each path in `texts` held that text (a new path is
    a new file): the editor validates a change before saving it, through the same pass and
    with the same messages as `strength catalog check`. Paths are `folder / relative path`."""
    return _load(tuple(Path(f) for f in folders) or default_folders(), texts)


def catalog_files(folder: Path) -> list[Path]:
    """A folder's catalog files as the loader reads them: *.yaml and *.yml, sorted, skipping
    hidden files and folders (where the editor keeps its history and temporary files).
    Plain files only (a symlink to one counts): a pipe or a device by a catalog file's name
    is left out here, so reading these never blocks, and the loader reports it."""
    return [path for path in _yaml_files(folder) if _is_plain_file(path)]


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def display_name(folder: Path, path: Path) -> str:
    """How problems name a file: the folder's name, then the path inside it."""
    return _display(folder, path)


def catalog_fingerprint(*folders: Path | str) -> tuple[tuple[str, int, int], ...]:
    """Changes whenever a catalog file is added, removed or edited: a cache key."""
    marks = []
    for folder in tuple(Path(f) for f in folders) or default_folders():
        for path in _yaml_files(folder):
            try:
                status = path.stat()
            except OSError:  # gone since the walk, or a broken link: the check says so
                marks.append((str(path), -1, -1))
                continue
            marks.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(marks)


# ----------------------------------------------------------------------------
# The one pass


@dataclass
class _Entry:
    """An exercise's raw fields as merged so far, with the file of each field."""

    raw: dict[str, Any]
    origin: dict[str, tuple[str, tuple[str | int, ...]]]  # field -> (file, path in that file)


@dataclass
class _Pass:
    problems: list[Problem] = field(default_factory=list)
    finders: dict[str, LineFinder] = field(default_factory=dict)
    vocabulary_files: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> file

    def add(
        self,
        file: str | None,
        path: tuple[str | int, ...] | None,
        message: str,
        exercise: str | None = None,
        field_name: str | None = None,
    ) -> None:
        line = None
        if file is not None and path is not None and file in self.finders:
            line = self.finders[file].line(path)
        self.problems.append(Problem(file, line, exercise, field_name, message))


def _yaml_files(folder: Path) -> list[Path]:
    return _walk(folder)[0]


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The folder's *.yaml and *.yml files, sorted, skipping hidden names, without
    following links to folders; and what kept the walk short, each said of a folder.
    Bounded: folders nested more than MAX_FOLDER_DEPTH levels are not entered, and the
    walk stops after MAX_CATALOG_FILES files or MAX_FOLDER_ENTRIES names."""
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    listed = 0
    todo: list[tuple[Path, int]] = [(folder, 0)]
    too_deep = False
    while todo:
        here, depth = todo.pop()
        try:
            with os.scandir(here) as entries:
                found = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            problems.append((here, f"cannot list this folder: {error.strerror or error}"))
            continue
        listed += len(found)
        if listed > MAX_FOLDER_ENTRIES:
            problems.append(
                (
                    folder,
                    f"more than {MAX_FOLDER_ENTRIES:,} names to look through; "
                    "a catalog folder holds a few .yaml files: point to that folder",
                )
            )
            break
        below: list[tuple[Path, int]] = []
        for entry in found:
            if entry.name.startswith("."):
                continue
            path = here / entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                if depth + 1 > MAX_FOLDER_DEPTH:
                    if not too_deep:
                        too_deep = True
                        problems.append(
                            (
                                path,
                                f"folders nest more than {MAX_FOLDER_DEPTH} levels deep here; "
                                "a catalog needs a level or two: move its files up",
                            )
                        )
                    continue
                below.append((path, depth + 1))
            elif path.suffix in SUFFIXES:
                files.append(path)
        if len(files) > MAX_CATALOG_FILES:
            problems.append(
                (
                    folder,
                    f"more than {MAX_CATALOG_FILES:,} .yaml files; "
                    "a catalog holds a few dozen at most: point to the catalog's own folder",
                )
            )
            files = files[:MAX_CATALOG_FILES]
            break
        todo.extend(reversed(below))
    return sorted(files), problems


def _display(folder: Path, path: Path) -> str:
    return str(Path(folder.name) / path.relative_to(folder))


def _load(
    folders: tuple[Path, ...], texts: Mapping[Path, str] | None = None
) -> tuple[Catalog | None, list[Problem]]:
    run = _Pass()
    vocab: dict[str, dict[str, Any]] = {kind: {} for kind in VOCABULARY_KINDS}
    entries: dict[str, _Entry] = {}
    patches: list[tuple[str, int, dict[str, Any]]] = []
    texts = texts or {}

    for folder in folders:
        given = [path for path in texts if _is_catalog_file(folder, path)]
        if not folder.is_dir() and not given:
            run.add(str(folder), None, "catalog folder not found")
            continue
        walked, walk_problems = _walk(folder)
        for where, message in walk_problems:
            run.add(_display(folder, where), None, message)
        files = sorted({*walked, *given})
        if not files and not walk_problems:
            run.add(str(folder), None, "no .yaml files in this catalog folder")
        layer_ids: dict[str, str] = {}
        for path in files:
            name = _display(folder, path)
            document = _read(run, name, path, texts.get(path))
            if document is None:
                continue
            _take_vocabulary(run, name, document, vocab)
            for index, raw in _entries(run, name, document, "exercises"):
                exercise_id = raw["id"]
                if exercise_id in layer_ids:
                    run.add(
                        name,
                        ("exercises", index, "id"),
                        f"duplicate id '{exercise_id}': "
                        f"already defined in {layer_ids[exercise_id]}",
                        exercise_id,
                        "id",
                    )
                    continue
                layer_ids[exercise_id] = name
                path_of = ("exercises", index)
                entries[exercise_id] = _Entry(
                    dict(raw), {key: (name, (*path_of, key)) for key in raw}
                )
            patches += [(name, i, raw) for i, raw in _entries(run, name, document, "overrides")]

    for name, index, raw in patches:
        _apply_override(run, name, index, raw, entries)

    vocabulary = _validate_vocabulary(run, vocab)
    exercises: dict[str, Exercise] = {}
    for exercise_id, entry in entries.items():
        exercise = _validate_exercise(run, exercise_id, entry)
        if exercise is not None:
            exercises[exercise_id] = exercise
    above, below = _check_links(run, exercises, entries, vocabulary)
    if vocabulary is not None:
        _check_vocabulary_use(run, exercises, entries, vocabulary)

    if run.problems or vocabulary is None:
        return None, sorted(run.problems, key=_problem_order)
    origins = {
        exercise_id: {key: where[0] for key, where in entries[exercise_id].origin.items()}
        for exercise_id in exercises
    }
    return Catalog(exercises, vocabulary, origins, folders, above, below), []


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file or "", problem.line or 0, problem.exercise or "", problem.field or "")


def _is_catalog_file(folder: Path, path: Path) -> bool:
    """Would the loader read `path` as a file of `folder`? (The rules of _yaml_files.)"""
    if not path.is_relative_to(folder) or path.suffix not in SUFFIXES:
        return False
    return not any(part.startswith(".") for part in path.relative_to(folder).parts)


_NOT_A_CATALOG = (
    "this is not a catalog file: a catalog file is a mapping with 'vocabulary', 'exercises' "
    "or 'overrides'; move other files out of the catalog folder"
)


def _read(run: _Pass, name: str, path: Path, given: str | None = None) -> dict[str, Any] | None:
    """The file's document, or None with its problems added. A file that turns out not to
    be a catalog file (a link to a system file, say) is said to be one, never quoted."""
    text: str | None = None
    try:
        text = read_text(path) if given is None else decode(given.encode("utf-8"))
        run.finders[name] = LineFinder(text)
        document = parse(text)
    except YamlProblem as problem:
        if problem.values and text is not None and not _may_be_catalog(text):
            run.problems.append(Problem(name, None, None, None, _NOT_A_CATALOG))
            return None
        for value in problem.values or (problem,):
            run.problems.append(Problem(name, value.line, None, None, value.message))
        return None
    except OSError as error:
        run.add(name, None, f"cannot read the file: {error.strerror or error}")
        return None
    if document is None:
        return {}
    if not isinstance(document, dict):
        run.add(
            name, (), "the file must be a mapping with 'vocabulary', 'exercises' or 'overrides'"
        )
        return None
    unknown = [key for key in document if key not in TOP_LEVEL_KEYS]
    if unknown and len(unknown) == len(document):
        meant = [key for key in unknown if _did_you_mean(key, TOP_LEVEL_KEYS)]
        if len(meant) < len(unknown):  # some key is no catalog word at all: do not quote it
            run.add(name, None, _NOT_A_CATALOG)
            return None
    for key in unknown:
        run.add(name, (key,), f"unknown section '{key}'{_did_you_mean(key, TOP_LEVEL_KEYS)}")
    return document


def _may_be_catalog(text: str) -> bool:
    """Whether a document whose values do not read is still shaped like a catalog file: a
    mapping with a catalog section, or a key close to one's name (unknown: yes)."""
    keys = top_level_keys(text)
    if keys is None:
        return False
    return any(key in TOP_LEVEL_KEYS or _did_you_mean(key, TOP_LEVEL_KEYS) for key in keys)


def _entries(
    run: _Pass, name: str, document: dict[str, Any], section: str
) -> Iterator[tuple[int, dict[str, Any]]]:
    items = document.get(section)
    if items is None:
        return
    if not isinstance(items, list):
        run.add(name, (section,), f"'{section}' must be a list of exercises, each starting '- id:'")
        return
    for index, raw in enumerate(items):
        if not isinstance(raw, dict):
            run.add(name, (section, index), f"entry {index + 1} of '{section}' is not a mapping")
            continue
        exercise_id = raw.get("id")
        if exercise_id is not None and not isinstance(exercise_id, str):
            run.add(
                name,
                (section, index, "id"),
                f"'id' must be a slug like 'nordic-curl', not {exercise_id!r}",
                None,
                "id",
            )
            continue
        if not isinstance(exercise_id, str) or not exercise_id.strip():
            run.add(
                name,
                (section, index),
                f"entry {index + 1} of '{section}' has no 'id'",
                None,
                "id",
            )
            continue
        yield index, raw


def _apply_override(
    run: _Pass, name: str, index: int, raw: dict[str, Any], entries: dict[str, _Entry]
) -> None:
    exercise_id = raw["id"]
    where = ("overrides", index)
    try:
        ExercisePatch.model_validate(raw)
    except ValidationError as error:
        for field_name, path, message in _translate(error, ExercisePatch):
            run.add(name, (*where, *path), message, exercise_id, field_name)
        return
    target = entries.get(exercise_id)
    if target is None:
        run.add(
            name,
            (*where, "id"),
            f"overrides an exercise that no folder defines{_did_you_mean(exercise_id, entries)}",
            exercise_id,
            "id",
        )
        return
    for key, value in raw.items():
        if key == "id":
            continue
        target.raw[key] = value
        target.origin[key] = (name, (*where, key))


def _validate_vocabulary(run: _Pass, vocab: dict[str, dict[str, Any]]) -> Vocabulary | None:
    try:
        vocabulary = Vocabulary.model_validate(vocab)
    except ValidationError as error:
        for _field, path, message in _translate(error, Vocabulary):
            kind, word = (*path, "", "")[:2]
            file = run.vocabulary_files.get((str(kind), str(word)))
            run.add(
                file, ("vocabulary", *path), message, None, "vocabulary." + ".".join(map(str, path))
            )
        return None
    if not vocabulary.areas:
        run.add(None, None, "the vocabulary defines no areas: add 'vocabulary: areas:' to a file")
    return vocabulary


def _take_vocabulary(
    run: _Pass, name: str, document: dict[str, Any], vocab: dict[str, dict[str, Any]]
) -> None:
    section = document.get("vocabulary")
    if section is None:
        return
    if not isinstance(section, dict):
        run.add(name, ("vocabulary",), "'vocabulary' must be a mapping of areas, muscles, ...")
        return
    for kind, words in section.items():
        if kind not in VOCABULARY_KINDS:
            run.add(
                name,
                ("vocabulary", kind),
                f"unknown vocabulary list '{kind}'{_did_you_mean(kind, VOCABULARY_KINDS)}",
            )
            continue
        if not isinstance(words, dict):
            run.add(name, ("vocabulary", kind), f"'{kind}' must map each id to its name")
            continue
        vocab[kind].update(words)
        run.vocabulary_files.update({(kind, str(word)): name for word in words})


def _validate_exercise(run: _Pass, exercise_id: str, entry: _Entry) -> Exercise | None:
    try:
        exercise = Exercise.model_validate(entry.raw)
    except ValidationError as error:
        for field_name, path, message in _translate(error):
            top = str(path[0]) if path else "id"
            file, base = entry.origin.get(top, entry.origin["id"])
            where = base + tuple(path[1:]) if path else base[:-1]
            run.add(file, where, message, exercise_id, field_name)
        return None
    problems = [(path, message, "mode") for path, message in exercise.dose_problems()]
    for path, message, against in [*problems, *exercise.setting_problems()]:
        file, base = entry.origin[str(path[0])]
        other = entry.origin.get(against)
        if other is not None and other[0] != file:  # an overlay changed what it is checked against
            message += f" (the {against} is set in {other[0]})"
        run.add(file, (*base, *path[1:]), message, exercise_id, _field_label(path))
    return exercise


def _translate(
    error: ValidationError, model: type[BaseModel] = Exercise
) -> Iterator[tuple[str | None, tuple[str | int, ...], str]]:
    """Pydantic's errors in a coach's words: (field, path, message)."""
    details = error.errors(include_url=False)
    failed = [detail["loc"] for detail in details if detail["type"] != "too_short"]
    for detail in details:
        path = tuple(step for step in detail["loc"] if step != "[key]")
        kind = detail["type"]
        if kind == "too_short" and any(
            loc[: len(detail["loc"])] == detail["loc"] and loc != detail["loc"] for loc in failed
        ):
            continue  # a list left empty only because its items failed: they are reported
        field_name = _field_label(path) or None
        shown = detail.get("input")
        if kind == "missing":
            message = "missing required field"
        elif kind == "extra_forbidden":
            known = _known_fields(model, path)
            message = f"unknown field '{path[-1]}'{_did_you_mean(str(path[-1]), known)}"
        elif kind == "enum":
            message = f"'{shown}' is not allowed; use one of {detail['ctx']['expected']}"
        elif kind == "string_pattern_mismatch" and path and path[-1] in {"tempo"}:
            message = f"tempo '{shown}' should look like '3-0-1-0' (down-pause-up-pause seconds)"
        elif kind == "string_pattern_mismatch":
            message = f"'{shown}' is not a valid id: use lower-case words joined by '-' or '_'"
        else:
            text = detail["msg"].removeprefix("Value error, ")
            message = text[0].lower() + text[1:] if text else "invalid value"
            if kind not in {"value_error"} and shown is not None and not isinstance(shown, dict):
                message += f" (found {shown!r})"
        yield field_name, path, message


def _field_label(path: tuple[str | int, ...]) -> str:
    label = ""
    for step in path:
        label += f"[{step}]" if isinstance(step, int) else ("." if label else "") + str(step)
    return label


def _known_fields(model: type[BaseModel], path: tuple[str | int, ...]) -> tuple[str, ...]:
    """The field names allowed where the unknown field at the end of `path` was found."""
    here: Any = model
    for step in path[:-1]:
        here = _unwrap(here)
        if isinstance(here, type) and issubclass(here, BaseModel):
            if not isinstance(step, str) or step not in here.model_fields:
                break
            here = here.model_fields[step].annotation
        elif get_origin(here) in {tuple, dict}:
            here = get_args(here)[-1 if get_origin(here) is dict else 0]
    here = _unwrap(here)
    if isinstance(here, type) and issubclass(here, BaseModel):
        return tuple(here.model_fields)
    return tuple(model.model_fields)


def _unwrap(annotation: Any) -> Any:
    """`X | None`, `Annotated[X, ...]` -> X, for the collection or model inside."""
    while get_origin(annotation) in {Union, UnionType, Annotated}:
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if get_origin(annotation) is Annotated or len(args) == 1:
            annotation = args[0]
            continue
        models = [arg for arg in args if get_origin(arg) in {tuple, dict} or isinstance(arg, type)]
        annotation = models[0] if models else args[0]
        break
    return annotation


def _did_you_mean(word: object, choices: object) -> str:
    options = [str(c) for c in choices] if not isinstance(choices, str) else [choices]  # type: ignore[attr-defined]
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_vocabulary_use(
    run: _Pass,
    exercises: dict[str, Exercise],
    entries: dict[str, _Entry],
    vocabulary: Vocabulary,
) -> None:
    def check(
        ex: Exercise, field_name: str, path: tuple[str | int, ...], word: str, kind: str
    ) -> None:
        allowed = getattr(vocabulary, kind)
        if word not in allowed:
            file, base = entries[ex.id].origin[field_name]
            hint = _did_you_mean(word, allowed) or f"; known {kind}: {', '.join(sorted(allowed))}"
            what = kind.removesuffix("s")  # areas -> area; equipment stays equipment
            run.add(file, (*base, *path), f"unknown {what} '{word}'{hint}", ex.id, field_name)

    for ex in exercises.values():
        for i, area in enumerate(ex.areas):
            check(ex, "areas", (i,), area, "areas")
        for group in ("primary", "secondary"):
            for i, muscle in enumerate(getattr(ex.muscles, group)):
                check(ex, "muscles", (group, i), muscle, "muscles")
        for i, item in enumerate(ex.equipment):
            check(ex, "equipment", (i,), item, "equipment")
        check(ex, "pattern", (), ex.pattern, "patterns")


def _check_links(
    run: _Pass,
    exercises: dict[str, Exercise],
    entries: dict[str, _Entry],
    vocabulary: Vocabulary | None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Resolve easier/harder/swaps/protocol rungs; build the ladders; refuse cycles."""
    known = set(entries)
    above: dict[str, str] = {}
    below: dict[str, str] = {}

    def where(ex: Exercise, field_name: str) -> tuple[str, tuple[str | int, ...]]:
        return entries[ex.id].origin[field_name]

    def resolves(ex: Exercise, field_name: str, target: str, extra: tuple[str | int, ...]) -> bool:
        if target in known:
            if target == ex.id:
                file, base = where(ex, field_name)
                run.add(
                    file, (*base, *extra), "an exercise cannot link to itself", ex.id, field_name
                )
                return False
            return True
        file, base = where(ex, field_name)
        run.add(
            file,
            (*base, *extra),
            f"no exercise '{target}'{_did_you_mean(target, known)}",
            ex.id,
            field_name,
        )
        return False

    stated_above: dict[str, str] = {}
    stated_below: dict[str, str] = {}
    for ex in exercises.values():
        for i, swap in enumerate(ex.swaps):
            resolves(ex, "swaps", swap, (i,))
        if ex.protocol:
            for i, week in enumerate(ex.protocol.weeks):
                if week.rung:
                    resolves(ex, "protocol", week.rung, ("weeks", i, "rung"))
        if ex.harder and resolves(ex, "harder", ex.harder, ()):
            stated_above[ex.id] = ex.harder
        if ex.easier and resolves(ex, "easier", ex.easier, ()):
            stated_below[ex.id] = ex.easier

    # Either side of a rung may state the link; where both do, they must agree,
    # and a ladder is one chain: no rung has two rungs straight above or below it.
    for links, inverse, field_name, other in (
        (stated_above, stated_below, "harder", "easier"),
        (stated_below, stated_above, "easier", "harder"),
    ):
        mine = above if field_name == "harder" else below
        theirs = below if field_name == "harder" else above
        for source, target in links.items():
            back = inverse.get(target)
            if back is not None and back != source:
                file, base = where(exercises[source], field_name)
                run.add(
                    file,
                    base,
                    f"says {field_name} is '{target}', but '{target}' says its {other} is '{back}'",
                    source,
                    field_name,
                )
                continue
            claimed = theirs.get(target)
            if claimed is not None and claimed != source:
                file, base = where(exercises[source], field_name)
                run.add(
                    file,
                    base,
                    f"'{claimed}' already has '{target}' as its {field_name} rung; "
                    "a ladder is a single chain, so link to another exercise or use 'swaps'",
                    source,
                    field_name,
                )
                continue
            mine[source] = target
            theirs[target] = source

    reported: set[str] = set()
    for start in exercises:
        seen = [start]
        step = above.get(start)
        while step is not None:
            if step in seen:
                loop = seen[seen.index(step) :]
                if not reported & set(loop):
                    reported.update(loop)
                    first = min(loop)
                    file, base = (
                        where(exercises[first], "harder")
                        if exercises[first].harder
                        else entries[first].origin["id"]
                    )
                    cycle = " -> ".join(
                        [*loop[loop.index(first) :], *loop[: loop.index(first)], first]
                    )
                    run.add(
                        file, base, f"the ladder loops back on itself: {cycle}", first, "harder"
                    )
                break
            seen.append(step)
            step = above.get(step)
    for low, high in above.items():
        if (
            low in exercises
            and high in exercises
            and high not in reported
            and LEVELS.index(exercises[high].level) < LEVELS.index(exercises[low].level)
        ):
            file, base = entries[high].origin["level"]
            run.add(
                file,
                base,
                f"level '{exercises[high].level.value}' is below the level of the rung under "
                f"it, '{low}' ({exercises[low].level.value}); a ladder climbs",
                high,
                "level",
            )
    if reported:  # a looping ladder has no bottom rung: drop it so nothing walks it forever
        for rung in reported:
            above.pop(rung, None)
            below.pop(rung, None)
    return above, below


__all__ = [
    "BUNDLED",
    "Catalog",
    "bundled_folder",
    "catalog_files",
    "catalog_fingerprint",
    "check_candidate",
    "check_catalog",
    "coach_folder",
    "data_folder",
    "default_folders",
    "display_name",
    "editing_folders",
    "load_catalog",
]
