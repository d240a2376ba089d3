"""Saving catalog files so that nothing is lost: atomic writes, and a history to undo from.

A file is written to a temporary file in its own folder, flushed to disk, then
renamed over the old one (`os.replace` is atomic): a crash, a full disk or a
killed process leaves the old file or the new one, never half of each. Before
a save replaces anything, the versions it replaces (and the ones it writes) are
copied into the folder's `.history/`, one folder per save:

    my-drills/.history/20270104T093012123456Z/
        change.json            when, what, and each file's version before and after
        before/hamstrings.yaml the file as it was (absent: the save created it)
        after/hamstrings.yaml  the file as the save wrote it

The catalog loader skips hidden folders and files, so neither `.history/` nor a
temporary `.name.yaml.*.tmp` is ever read as part of the catalog.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HISTORY = ".history"
KEEP = 50  # saves kept per folder; older ones are pruned
_MANIFEST = "change.json"


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
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def remove(path: Path) -> None:
    """Delete a file (undoing a save that created it)."""
    path.unlink(missing_ok=True)
    _sync_folder(path.parent)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One save or undo at a time in a folder, across processes (an advisory lock)."""
    store = folder / HISTORY
    store.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":  # pragma: no cover - no flock; saves still check versions
        yield
        return
    import fcntl

    with (store / ".lock").open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class FileVersions:
    """One file of a save: its path inside the folder, and its version before and after."""

    path: str
    before: str | None  # content token; None: the save created the file
    after: str | None  # None: the save removed the file


@dataclass(frozen=True)
class SavedChange:
    """One save, as kept in the folder's history: what undo_last would reverse."""

    folder: Path
    stamp: str
    saved_at: datetime
    summary: str
    files: tuple[FileVersions, ...]

    @property
    def location(self) -> Path:
        return self.folder / HISTORY / self.stamp

    def before(self, path: str) -> bytes | None:
        """The file's bytes before this save (None: it did not exist)."""
        return read_bytes(self.location / "before" / path)

    def after(self, path: str) -> bytes | None:
        """The file's bytes as this save wrote them."""
        return read_bytes(self.location / "after" / path)


def record(
    folder: Path, files: Sequence[tuple[str, bytes | None, bytes | None]], summary: str
) -> SavedChange:
    """Keep (path, before, after) of each file of a save, before the save writes anything.

    The entry is written under a temporary name and renamed when complete, so a crash
    never leaves a half-kept version that undo would trust."""
    saved_at = datetime.now(UTC)
    store = folder / HISTORY
    store.mkdir(parents=True, exist_ok=True)
    stamp = saved_at.strftime("%Y%m%dT%H%M%S%fZ")
    while (store / stamp).exists():
        stamp += "-1"
    partial = Path(tempfile.mkdtemp(dir=store, prefix=f".{stamp}.", suffix=".partial"))
    try:
        for path, before, after in files:
            for kind, data in (("before", before), ("after", after)):
                if data is not None:
                    _write_new(partial / kind / path, data)
        versions = tuple(
            FileVersions(path, content_token(before), content_token(after))
            for path, before, after in files
        )
        manifest = {
            "saved_at": saved_at.isoformat(),
            "summary": summary,
            "files": [vars(version) for version in versions],
        }
        _write_new(partial / _MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
        partial.replace(store / stamp)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    _sync_folder(store)
    return SavedChange(folder, stamp, saved_at, summary, versions)


def saved_changes(folder: Path) -> tuple[SavedChange, ...]:
    """The folder's history, oldest first (entries that cannot be read are skipped)."""
    store = folder / HISTORY
    if not store.is_dir():
        return ()
    found = []
    for entry in sorted(store.iterdir()):
        if entry.name.startswith(".") or not (entry / _MANIFEST).is_file():
            continue
        try:
            manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
            versions = tuple(FileVersions(**item) for item in manifest["files"])
            saved_at = datetime.fromisoformat(manifest["saved_at"])
            summary = str(manifest.get("summary", ""))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append(SavedChange(folder, entry.name, saved_at, summary, versions))
    return tuple(found)


def forget(change: SavedChange) -> None:
    """Drop a save from the history (once undone)."""
    shutil.rmtree(change.location, ignore_errors=True)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Keep only the latest `keep` saves."""
    for change in saved_changes(folder)[:-keep] if keep else saved_changes(folder):
        forget(change)


def _write_new(path: Path, data: bytes) -> None:
    """A file of a history entry still being built (the entry's rename makes it atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


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
