"""A change to several files of a catalog folder, all or nothing, and the recovery after a crash.

A save (or an undo, or a merge) may change several files: an imported exercise in
`core.yaml` and the equipment word it uses in `vocabulary.yaml`. Renaming them one
by one is atomic per file only, so a change goes through a write-ahead journal in
the folder's `.history/`:

1. stage: every new file's bytes, every replaced file's old bytes and the history
   entry are written under `.history/.pending/<id>/` and flushed to disk;
2. commit: `.history/journal.json` (each target, its version before and after, the
   history entry to add or drop) is written atomically. From here on the change
   happens, whatever becomes of the process;
3. apply: each staged file is renamed into place, then the history entry is added
   (or the undone one dropped);
4. done: the journal is deleted, then the staging folder.

`recover(folder)` finishes a change whose journal a crash left behind (every staged
file is there: the journal is only written once they are) or, when it cannot, or
when the change failed in its own process, puts every old version back; then it
removes what a crash leaves lying about (staging folders, temporary files). Each of
its steps checks the files' versions first, so a crash during recovery is
recovered from the same way.

Readers: between two renames of step 3 the folder is half changed. Every change
holds the folder's lock (`locked`, exclusive) from before its checks until it is
done, and a reader reads through `settled()`: it recovers a crashed change first,
then reads under the same lock, shared. So any reader that goes through `settled`
sees each change whole or not at all, and so does every reader after a crash.
(A single directory swap was weighed and not taken: the folder is the coach's, often
a git checkout holding other files, it cannot be swapped atomically with a folder
that exists, and copying it whole on every save costs more than the journal.)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import replace as evolve
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from .errors import StrengthError

STORE = ".history"
JOURNAL = "journal.json"
PENDING = ".pending"
_LOCK = ".lock"
_LEFTOVER_SUFFIXES = (".tmp", ".partial", ".forgotten")
_T = TypeVar("_T")

Outcome = Literal["finished", "rolled back"]


class RecoveryFailed(StrengthError):
    """A journal that can be neither finished nor rolled back (its staged files are gone):
    nothing more is changed, and the journal stays for someone to look at."""


# ----------------------------------------------------------------------------
# Locks


_held = threading.local()  # this thread's locks: folder -> "exclusive" | "shared"


def _holding() -> dict[str, str]:
    held: dict[str, str] | None = getattr(_held, "folders", None)
    if held is None:
        held = _held.folders = {}
    return held


def _key(folder: Path) -> str:
    return str(Path(folder).resolve())


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One change at a time in a folder, across processes and threads (an advisory lock);
    readers going through settled() wait too. Re-entrant in the thread that holds it."""
    key, held = _key(folder), _holding()
    if key in held:
        if held[key] != "exclusive":
            raise RuntimeError(f"{folder}: a reader cannot start a change")
        yield
        return
    store = folder / STORE
    store.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":  # pragma: no cover - no flock; saves still check versions
        held[key] = "exclusive"
        try:
            yield
        finally:
            del held[key]
        return
    import fcntl

    with (store / _LOCK).open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        held[key] = "exclusive"
        try:
            yield
        finally:
            del held[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _shared(folder: Path) -> Iterator[None]:
    """The folder's lock, shared: no change is under way while it is held. Where the lock
    file cannot be opened (a read-only folder, where no change can run either) or on
    Windows, readers go ahead without it."""
    key, held = _key(folder), _holding()
    if key in held or sys.platform == "win32":
        yield
        return
    import fcntl

    lock = folder / STORE / _LOCK
    handle = None
    for mode in ("a+b", "rb"):
        with contextlib.suppress(OSError):
            handle = lock.open(mode)
            break
    if handle is None:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        held[key] = "shared"
        try:
            yield
        finally:
            del held[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


def settled(folders: Iterable[Path | str], read: Callable[[], _T]) -> _T:
    """`read()`, run while no change is half done in any of `folders`: a change a crash
    interrupted is finished or rolled back first, and a change under way is waited for.

    A folder without `.history/` has never been changed, so it is read without a lock;
    if its first change started meanwhile, `read()` runs again, under the lock."""
    chosen = list(dict.fromkeys(Path(folder) for folder in folders))
    held = _holding()
    for _attempt in range(3):
        unguarded = [f for f in chosen if _key(f) not in held and not (f / STORE).is_dir()]
        with contextlib.ExitStack() as stack:
            for folder in chosen:
                if folder in unguarded or _key(folder) in held:
                    continue
                if _unfinished(folder):
                    recover(folder)
                stack.enter_context(_shared(folder))
            result = read()
        if not any((folder / STORE).is_dir() for folder in unguarded):
            return result
    return result


# ----------------------------------------------------------------------------
# The journal


@dataclass(frozen=True)
class _Target:
    """One file of a change: its path inside the folder, its version before and after
    (content tokens; None: no such file)."""

    path: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class _Journal:
    id: str
    files: tuple[_Target, ...]
    record: str | None  # a history entry to add: staged as entry/, kept as .history/<record>
    forget: str | None  # a history entry to drop once the files are back: .history/<forget>
    decision: Literal["forward", "back"] = "forward"

    def to_json(self) -> bytes:
        data = {
            "id": self.id,
            "decision": self.decision,
            "record": self.record,
            "forget": self.forget,
            "files": [vars(target) for target in self.files],
        }
        return json.dumps(data, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> _Journal:
        raw: Any = json.loads(data)
        decision = raw["decision"]
        if decision not in ("forward", "back") or Path(raw["id"]).name != raw["id"]:
            raise ValueError(f"unknown journal: {raw}")
        return cls(
            id=str(raw["id"]),
            files=tuple(_Target(**item) for item in raw["files"]),
            record=raw["record"],
            forget=raw["forget"],
            decision=decision,
        )


def commit(
    folder: Path,
    writes: Sequence[tuple[str, bytes | None]],
    *,
    record: tuple[str, Mapping[str, bytes]] | None = None,
    forget: str | None = None,
) -> None:
    """Write each (path inside the folder, new bytes; None: remove the file) and add the
    history entry `record` (its name, its files) or drop the entry `forget`: all of it or,
    when it fails, none of it. Call it holding locked(folder), after checking versions."""
    if _holding().get(_key(folder)) != "exclusive":
        raise RuntimeError(f"{folder}: commit() needs locked(folder)")
    store = folder / STORE
    (store / PENDING).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=store / PENDING, prefix=_stamp() + "-"))
    try:
        targets = []
        for path, data in writes:
            target = folder / path
            before = read_bytes(target)
            if before is not None:
                _write_new(staging / "old" / path, before)
            if data is not None:
                _write_new(staging / "new" / path, data, _mode(target))
            targets.append(_Target(path, content_token(before), content_token(data)))
        if record is not None:
            for name, data in record[1].items():
                _write_new(staging / "entry" / name, data)
        _sync_tree(staging)
        journal = _Journal(
            staging.name, tuple(targets), record[0] if record else None, forget, "forward"
        )
        _write_journal(folder, journal)  # the commit point
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _forward(folder, journal)
    except BaseException:
        with contextlib.suppress(Exception):  # else the next recover() rolls it back
            journal = evolve(journal, decision="back")
            _write_journal(folder, journal)
            _back(folder, journal)
        raise


def recover(folder: Path | str) -> Outcome | None:
    """Finish, or roll back, the change a crash left half done in `folder` (see the module
    docstring), then remove the staging and temporary files a crash leaves behind.
    Returns what was done to a change (None: there was none). Safe to call any time, and
    again after a crash during recovery."""
    folder = Path(folder)
    store = folder / STORE
    if not store.is_dir():
        return None  # no change ever ran here
    if not _unfinished(folder) and not os.access(store, os.W_OK):
        return None  # a read-only folder: nothing to finish, nothing it could clean
    with locked(folder):
        outcome: Outcome | None = None
        data = read_bytes(folder / STORE / JOURNAL)
        if data is not None:
            try:
                journal = _Journal.from_json(data)
            except (ValueError, KeyError, TypeError) as error:
                raise RecoveryFailed(
                    f"{folder}: {STORE}/{JOURNAL} cannot be read ({error}); nothing was changed"
                ) from error
            if journal.decision == "forward" and _can_finish(folder, journal):
                _forward(folder, journal)
                outcome = "finished"
            else:
                journal = evolve(journal, decision="back")
                _write_journal(folder, journal)
                _back(folder, journal)
                outcome = "rolled back"
        _remove_leftovers(folder)
    return outcome


def discard(directory: Path) -> None:
    """Remove a folder of the history at once as readers see it: renamed to a hidden name
    first (which readers skip and recover() removes), then deleted."""
    hidden = directory.with_name(f".{directory.name}.{_stamp()}.forgotten")
    try:
        directory.replace(hidden)
    except FileNotFoundError:
        return
    _sync_folder(directory.parent)
    shutil.rmtree(hidden, ignore_errors=True)


def _unfinished(folder: Path) -> bool:
    store = folder / STORE
    return (store / JOURNAL).exists() or (store / PENDING).exists()


def _can_finish(folder: Path, journal: _Journal) -> bool:
    staging = folder / STORE / PENDING / journal.id
    for target in journal.files:
        if target.after is None or content_token(read_bytes(folder / target.path)) == target.after:
            continue
        if content_token(read_bytes(staging / "new" / target.path)) != target.after:
            return False
    return journal.record is None or any(
        place.is_dir() for place in (staging / "entry", folder / STORE / journal.record)
    )


def _forward(folder: Path, journal: _Journal) -> None:
    store = folder / STORE
    staging = store / PENDING / journal.id
    for target in journal.files:
        path = folder / target.path
        if target.after is None:
            path.unlink(missing_ok=True)
        elif content_token(read_bytes(path)) != target.after:
            path.parent.mkdir(parents=True, exist_ok=True)
            (staging / "new" / target.path).replace(path)
        _sync_folder(path.parent)
    if journal.record is not None:
        entry, kept = staging / "entry", store / journal.record
        if entry.is_dir() and not kept.exists():
            entry.replace(kept)
    if journal.forget is not None and (store / journal.forget).exists():
        (store / journal.forget).replace(staging / "forgotten")
    _done(folder, journal)


def _back(folder: Path, journal: _Journal) -> None:
    store = folder / STORE
    staging = store / PENDING / journal.id
    if journal.forget is not None:
        forgotten, kept = staging / "forgotten", store / journal.forget
        if forgotten.is_dir() and not kept.exists():
            forgotten.replace(kept)
    if journal.record is not None:
        entry, kept = staging / "entry", store / journal.record
        if kept.is_dir() and not entry.exists():
            kept.replace(entry)
    for target in journal.files:
        path = folder / target.path
        if content_token(read_bytes(path)) == target.before:
            continue
        if target.before is None:
            path.unlink(missing_ok=True)
            _sync_folder(path.parent)
            continue
        old = read_bytes(staging / "old" / target.path)
        if content_token(old) != target.before:
            raise RecoveryFailed(
                f"{folder}: the change in {STORE}/{JOURNAL} can be neither finished nor "
                f"rolled back: the old version of {target.path} is gone"
            )
        assert old is not None
        atomic_write(path, old)
    _done(folder, journal)


def _done(folder: Path, journal: _Journal) -> None:
    store = folder / STORE
    _sync_folder(store)
    (store / JOURNAL).unlink(missing_ok=True)
    _sync_folder(store)
    shutil.rmtree(store / PENDING / journal.id, ignore_errors=True)
    with contextlib.suppress(OSError):
        (store / PENDING).rmdir()  # when no other change is staged


def _write_journal(folder: Path, journal: _Journal) -> None:
    atomic_write(folder / STORE / JOURNAL, journal.to_json())


def _remove_leftovers(folder: Path) -> None:
    """Staging folders, temporary files and half-removed history entries: what a crash
    leaves lying about (call it holding the lock, with no journal left)."""
    store = folder / STORE
    with contextlib.suppress(OSError):
        for entry in store.iterdir():
            if entry.name == PENDING or (
                entry.name.startswith(".") and entry.name.endswith(_LEFTOVER_SUFFIXES)
            ):
                _delete(entry)
    for inside in _folders_under(folder, skip_hidden=True):
        with contextlib.suppress(OSError), os.scandir(inside) as items:
            for item in items:
                name = item.name
                if name.startswith(".") and name.endswith(".tmp") and item.is_file():
                    _delete(Path(item.path))


def _folders_under(folder: Path, *, skip_hidden: bool = False) -> Iterator[Path]:
    """`folder` and every folder under it (not through links), without recursion: a
    catalog may nest folders deeper than Python's recursion limit."""
    stack = [folder]
    while stack:
        current = stack.pop()
        yield current
        with contextlib.suppress(OSError), os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and not (
                    skip_hidden and entry.name.startswith(".")
                ):
                    stack.append(Path(entry.path))


def _delete(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


# ----------------------------------------------------------------------------
# Files


def content_token(data: bytes | None) -> str | None:
    """A file's version: the sha256 of its bytes (None: no such file). Unlike a
    modification time, it changes exactly when the content does."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once; on any failure the old file stays as it was
    and the temporary file is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):
            temporary.chmod(_mode(path))
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _mode(path: Path) -> int:
    """The permissions a new version of `path` gets: the old file's, else rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """A staged file (the journal, written after it, makes it count)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    if mode is not None:
        with contextlib.suppress(OSError):
            path.chmod(mode)


def _sync_tree(folder: Path) -> None:
    """Make the entries of every folder under `folder` (and its own) durable."""
    for inside in _folders_under(folder):
        _sync_folder(inside)
    _sync_folder(folder.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); harmless where folders cannot be synced."""
    if sys.platform == "win32":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
